// WorkerBridge is the page's end of the worker protocol: it spawns the engine's Web Worker, implements
// EngineBridge (request → reply by id), routes batches and snapshots into the store (a gap in batch seq
// asks for one snapshot), reports a dead worker and restarts it from the last SavedState, and keeps the
// cluster saved: after every command that changes it the worker's journal is fetched and persisted.
import type { Batch, PageToWorker, ReplyBody, RequestBody, SavedState, WorkerToPage } from "../engine/protocol";
import { setEngine, type EngineBridge } from "./bridge";
import { Debounced, loadCluster, saveCluster } from "./persistence";
import { useShell } from "./shell";
import { useKubelab } from "./store";

/** The part of a Worker the bridge uses (tests pass a fake). */
export interface WorkerLike {
  postMessage(msg: PageToWorker): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<WorkerToPage>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

export interface BridgeOptions {
  createWorker(): WorkerLike;
  storage?: Storage;
  /** A fresh cluster's seed and size (e.g. `?nodes=100`); when set, a saved cluster is not restored. */
  fresh?: { seed?: number; nodes?: number };
  /** How long after a change the cluster is written to storage. */
  saveDelayMs?: number;
}

/** Requests whose success changes the journal (so the saved state must be refreshed). */
const JOURNALED: ReadonlySet<RequestBody["kind"]> = new Set(["run", "apply", "delete", "files"]);
/** Requests that may read the editor's tabs as files (`kubectl apply -f web.yaml`, completing `-f w`). */
const READS_FILES: ReadonlySet<RequestBody["kind"]> = new Set(["run", "complete"]);

/** How often a hidden tab applies batches (it draws nothing, but must not queue up minutes of them). */
const HIDDEN_DRAIN_MS = 250;

export function spawnEngineWorker(): WorkerLike {
  return new Worker(new URL("../worker/engine.worker.ts", import.meta.url), { type: "module", name: "kubelab-engine" }) as unknown as WorkerLike;
}

export class WorkerBridge implements EngineBridge {
  private worker?: WorkerLike;
  private nextId = 1;
  private readonly pending = new Map<number, (r: ReplyBody) => void>();
  private awaitingSnapshot = false;
  private queue: Batch[] = [];
  private drainScheduled = false;
  /** The files the worker has (by reference: the store replaces the array on every change). */
  private syncedFiles?: readonly unknown[];
  private dead = false;
  /** The worker's last saved state (its `now` is moved forward to the page's clock when persisted). */
  lastSaved?: SavedState;
  private readonly persist: Debounced;
  /** What was last written, so an unchanged cluster is not written again every few seconds. */
  private written?: SavedState;

  constructor(private readonly opts: BridgeOptions) {
    this.persist = new Debounced(() => this.persistNow(), opts.saveDelayMs ?? 1000);
  }

  /** Spawns the worker and starts the cluster: the saved one if any (and valid), else a fresh one. */
  async start(): Promise<void> {
    useShell.getState().setStarting(true);
    this.spawn();
    const saved = this.opts.fresh ? undefined : loadCluster(this.opts.storage);
    let r = saved ? await this.request({ kind: "init", state: saved }) : await this.initFresh();
    if (r.kind === "error" && saved) {
      useShell.getState().notify(`Your saved cluster could not be restored (${r.message}); a fresh one was started.`, "error");
      r = await this.initFresh();
    }
    await this.afterInit();
  }

  private initFresh(): Promise<ReplyBody> {
    return this.request({ kind: "init", seed: this.opts.fresh?.seed, nodes: this.opts.fresh?.nodes });
  }

  private async afterInit(): Promise<void> {
    const { paused, speed } = useShell.getState();
    await this.request({ kind: "clock", paused, speed });
    await this.refreshSaved();
    useShell.getState().setStarting(false);
  }

  /** "Reset cluster": a fresh cluster of the default size; the editor's files stay. */
  async reset(): Promise<void> {
    if (this.dead) this.revive();
    useShell.getState().setStarting(true);
    this.syncedFiles = undefined;
    await this.request({ kind: "init", seed: this.opts.fresh?.seed, nodes: this.opts.fresh?.nodes });
    await this.afterInit();
  }

  /** After the worker died: a new worker, replaying the last saved cluster. */
  async restart(): Promise<void> {
    const state = this.stateToPersist() ?? loadCluster(this.opts.storage);
    this.revive();
    useShell.getState().setStarting(true);
    const r = state ? await this.request({ kind: "init", state }) : await this.initFresh();
    if (r.kind === "error") await this.initFresh();
    await this.afterInit();
  }

  private revive(): void {
    this.worker?.terminate();
    this.dead = false;
    useKubelab.getState().setFatal(undefined);
    this.spawn();
  }

  private spawn(): void {
    this.syncedFiles = undefined;
    const w = this.opts.createWorker();
    w.onmessage = (e) => this.onMessage(e.data);
    w.onerror = (e) => {
      e.preventDefault?.();
      this.die(e.message || "the engine's worker failed to run");
    };
    this.worker = w;
    this.awaitingSnapshot = true;
  }

  request(body: RequestBody): Promise<ReplyBody> {
    const w = this.worker;
    if (!w || this.dead) return Promise.resolve({ kind: "error", message: "the simulation engine has stopped: restart it first" });
    if (READS_FILES.has(body.kind)) this.syncFiles();
    const id = this.nextId++;
    const reply = new Promise<ReplyBody>((resolve) => this.pending.set(id, resolve));
    w.postMessage({ type: "request", id, body });
    if (!JOURNALED.has(body.kind) && body.kind !== "init") return reply;
    return reply.then((r) => {
      if (r.kind !== "error") void this.refreshSaved();
      return r;
    });
  }

  /** Sends the editor's tabs when they changed since the worker last got them (requests stay in order). */
  private syncFiles(): void {
    const files = useKubelab.getState().files;
    if (files === this.syncedFiles) return;
    this.syncedFiles = files;
    void this.request({ kind: "files", files });
  }

  private async refreshSaved(): Promise<void> {
    const r = await this.request({ kind: "save" });
    if (r.kind !== "saved") return;
    this.lastSaved = r.state;
    this.persist.schedule();
  }

  /** The saved state with its clock moved to what the page last saw (the replay runs up to `now`). */
  stateToPersist(): SavedState | undefined {
    const s = this.lastSaved;
    if (!s) return undefined;
    const now = useKubelab.getState().clock.now;
    return now > s.now ? { ...s, now } : s;
  }

  /** Writes the cluster now (also called on pagehide, and periodically as the clock runs). */
  persistNow(): void {
    const state = this.stateToPersist();
    if (!state || (this.written?.journal === state.journal && this.written.now === state.now)) return;
    if (saveCluster(this.opts.storage, state)) this.written = state;
  }

  private onMessage(msg: WorkerToPage): void {
    const store = useKubelab.getState();
    switch (msg.type) {
      case "reply": {
        const resolve = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        resolve?.(msg.body);
        return;
      }
      case "snapshot":
        // Batches queued before the snapshot are older than it (the worker posts in order).
        this.queue = [];
        store.applySnapshot(msg);
        this.awaitingSnapshot = false;
        this.ack(msg.seq);
        return;
      case "batch":
        if (this.awaitingSnapshot) return;
        this.queue.push(msg);
        this.scheduleDrain();
        return;
      case "fatal":
        this.die(msg.message);
        return;
      case "ready":
        return;
    }
  }

  /**
   * Batches are applied once per animation frame, all that arrived since the last one together (one store
   * update): a page that falls behind renders once per frame instead of once per batch, and so catches up.
   */
  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    const drain = () => {
      this.drainScheduled = false;
      this.drain();
    };
    const visible = typeof document === "undefined" || document.visibilityState !== "hidden";
    if (visible && typeof requestAnimationFrame === "function") requestAnimationFrame(drain);
    // A hidden tab gets no animation frames: keep the mirror current at a relaxed pace instead.
    else setTimeout(drain, visible ? 0 : HIDDEN_DRAIN_MS);
  }

  private drain(): void {
    const batches = this.queue;
    this.queue = [];
    if (this.awaitingSnapshot || batches.length === 0) return;
    // All the batches that arrived since the last frame become one store update (one render).
    if (!useKubelab.getState().applyBatches(batches)) {
      // A batch went missing: the store cannot be patched, ask for the whole view once.
      this.awaitingSnapshot = true;
      void this.request({ kind: "snapshot" });
      return;
    }
    this.ack(useKubelab.getState().seq);
  }

  /** Tells the worker the page has caught up to `seq` (flow control; the worker sends no reply). */
  private ack(seq: number): void {
    if (!this.dead) this.worker?.postMessage({ type: "request", id: 0, body: { kind: "ack", seq } });
  }

  private die(message: string): void {
    if (this.dead) return;
    this.dead = true;
    this.persistNow();
    this.worker?.terminate();
    useKubelab.getState().setFatal(message);
    for (const resolve of this.pending.values()) resolve({ kind: "error", message: `the simulation engine stopped: ${message}` });
    this.pending.clear();
  }

  dispose(): void {
    this.persist.cancel();
    this.worker?.terminate();
    this.worker = undefined;
  }
}

let installed: WorkerBridge | undefined;

/** Creates the page's bridge, installs it as `engine`, and starts the cluster. */
export function startEngine(opts: BridgeOptions): WorkerBridge {
  installed?.dispose();
  const bridge = new WorkerBridge(opts);
  installed = bridge;
  setEngine(bridge);
  void bridge.start();
  return bridge;
}

/** The running bridge (for the shell's Restart and Reset cluster). */
export function currentBridge(): WorkerBridge | undefined {
  return installed;
}
