// EngineHost is everything the Web Worker runs, minus the worker: it owns one Cluster, the Session that
// speaks the command language, and the ClusterViewModel the page mirrors, and it answers every request of
// protocol.ts. It never reads the wall clock; the worker tells it how much simulated time to let pass.
//
// Determinism invariant (what makes save → replay exact): every request and every `advance` ends with all
// events due at the current instant run. A replay (runUntil(at), then the command, then finish the
// instant) therefore meets each journal entry in exactly the state the live cluster was in.
import { kubeletLogSource } from "../kubectl/util/logSource";
import { Cluster } from "../sim/cluster";
import { defaultClusterConfig } from "../sim/clusterConfig";
import { rfc3339 } from "../sim/clock";
import { Session } from "../sim/session";
import { complete } from "../kubectl/completion";
import type { KubectlEnv } from "../kubectl/env";
import { SPEED_MAX, SPEED_MIN, type Batch, type ClockState, type EditorFile, type JournalEntry, type ReplyBody, type RequestBody, type SavedState, type Snapshot } from "../protocol";
import { ClusterViewModel } from "../view/clusterViewModel";
import { objectDetails, INSPECTOR_ACTOR } from "./details";
import { applyEditorFiles, EditorFileSystem, validateFile, type FilesResult } from "./editorFiles";
import { MAX_NODES, savedStateProblem } from "./savedState";
import { LessonHost } from "../../lessons/lessonHost";
import { ExperimentSession } from "../../experiments/hostAdapter";

export const DEFAULT_SEED = 1;
export const DEFAULT_NODES = 3;
/** How far "skip ahead until something happens" looks before giving up (simulated). */
export const DEFAULT_SKIP_MS = 10 * 60_000;

/** Writes that are bookkeeping rather than something a learner would call "something happened". */
const QUIET_RESOURCES: ReadonlySet<string> = new Set(["leases", "events"]);
const WRITE_VERBS: ReadonlySet<string> = new Set(["create", "update", "patch", "delete", "deletecollection"]);

export interface HostResponse {
  reply: ReplyBody;
  /** Sent to the page before the reply: the whole view after init, or on request. */
  snapshot?: Snapshot;
}

interface Running {
  cluster: Cluster;
  session: Session;
  view: ClusterViewModel;
  fs: EditorFileSystem;
  seed: number;
  nodes: number;
  journal: JournalEntry[];
  /** The experiment this cluster was built for, if any (saved so a reload rebuilds the same cluster). */
  experiment?: { name: string; set: Readonly<Record<string, string>>; stoppedAt?: number };
}

export class EngineHost {
  paused = false;
  speed = 1;
  private run?: Running;
  private sentClock?: ClockState;
  /** Follows the guided lesson on the live cluster (src/lessons). */
  private readonly lessons = new LessonHost();
  /** Runs a ready-made experiment on a cluster it builds and hands over (src/experiments). */
  private readonly experiments = new ExperimentSession();

  get started(): boolean {
    return this.run !== undefined;
  }

  /** Simulated ms now (0 before init). */
  get now(): number {
    return this.run?.cluster.now() ?? 0;
  }

  get cluster(): Cluster | undefined {
    return this.run?.cluster;
  }

  clock(): ClockState {
    const c = this.run?.cluster;
    return { now: c?.now() ?? 0, wallTime: c ? rfc3339(c.clock.absolute()) : "", paused: this.paused, speed: this.speed };
  }

  /** Answers one request. Never throws: a failure becomes an `error` reply. */
  handle(body: RequestBody): HostResponse {
    try {
      return this.dispatch(body);
    } catch (e) {
      return { reply: { kind: "error", message: e instanceof Error ? e.message : String(e) } };
    }
  }

  private dispatch(body: RequestBody): HostResponse {
    if (body.kind === "init") return this.init(body);
    if (body.kind === "clock") {
      if (body.paused !== undefined) this.paused = body.paused;
      if (body.speed !== undefined && Number.isFinite(body.speed)) this.speed = Math.min(SPEED_MAX, Math.max(SPEED_MIN, body.speed));
      return ok();
    }
    if (body.kind === "lesson") return { reply: this.lessons.handle(this.run?.cluster, body) };
    if (body.kind === "experiment") {
      const run = this.startExperiment({ name: body.name, set: { ...(body.set ?? {}) } }, this.run?.seed ?? DEFAULT_SEED);
      return { reply: { kind: "experiment", run }, snapshot: this.snapshot() };
    }
    if (body.kind === "experimentStatus") return { reply: { kind: "experiment", run: this.experiments.view() } };
    if (body.kind === "experimentFinish") {
      const run = this.experiments.finish();
      if (this.run) this.settle(this.run);
      return { reply: { kind: "experiment", run } };
    }
    if (body.kind === "experimentStop") {
      const live = this.run;
      if (live?.experiment && this.experiments.active?.cluster === live.cluster && live.experiment.stoppedAt === undefined) live.experiment.stoppedAt = live.cluster.now();
      this.experiments.stop();
      return { reply: { kind: "experiment", run: null } };
    }
    const r = this.run;
    if (!r) return { reply: { kind: "error", message: "the cluster is not started yet (send init first)" } };
    switch (body.kind) {
      case "run":
        return { reply: { kind: "command", output: this.execute(r, { at: r.cluster.now(), op: "run", line: body.line }).output } };
      case "files":
        // Unchanged tabs need no journal entry.
        if (!r.fs.equals(body.files)) this.execute(r, { at: r.cluster.now(), op: "files", files: copyFiles(body.files) });
        return ok();
      case "apply":
      case "delete": {
        const res = this.execute(r, { at: r.cluster.now(), op: body.kind, files: copyFiles(body.files) });
        return { reply: { kind: "apply", output: res.output, diagnostics: res.diagnostics } };
      }
      case "validate":
        return { reply: { kind: "validate", diagnostics: validateFile(body.file) } };
      case "step": {
        const next = r.cluster.events.nextTime();
        if (next !== undefined) r.cluster.events.runUntil(next);
        this.paused = true;
        return ok();
      }
      case "skip":
        this.skip(r, body.maxMs ?? DEFAULT_SKIP_MS);
        this.paused = true;
        return ok();
      case "details":
        return { reply: { kind: "details", details: objectDetails(r.cluster, r.view, this.env(r, INSPECTOR_ACTOR), body.id) } };
      case "complete": {
        const c = complete(r.session, body.line, body.cursor);
        return { reply: { kind: "completions", candidates: c.candidates, replaceFrom: c.replaceFrom } };
      }
      case "snapshot":
        return { reply: { kind: "ok" }, snapshot: this.snapshot() };
      case "save":
        return { reply: { kind: "saved", state: this.save()! } };
      case "stats":
        return { reply: { kind: "error", message: "stats are counted by the worker, not the engine" } };
      case "ack":
        // Flow control is the worker's real-time loop's business; the engine has nothing to do.
        return ok();
      default:
        return { reply: { kind: "error", message: `unknown request ${JSON.stringify((body as { kind?: unknown }).kind)}` } };
    }
  }

  private init(body: Extract<RequestBody, { kind: "init" }>): HostResponse {
    const state = body.state;
    if (state !== undefined) {
      const problem = savedStateProblem(state);
      if (problem) return { reply: { kind: "error", message: problem } };
    }
    const seed = state?.seed ?? body.seed ?? DEFAULT_SEED;
    const nodes = state?.nodes ?? body.nodes ?? DEFAULT_NODES;
    if (!Number.isInteger(seed)) return { reply: { kind: "error", message: "seed must be an integer" } };
    if (!Number.isInteger(nodes) || nodes < 0 || nodes > MAX_NODES) return { reply: { kind: "error", message: `nodes must be an integer from 0 to ${MAX_NODES}` } };
    if (state?.experiment) {
      // An experiment's cluster: rebuilt by starting the same experiment, then the journal on top.
      const x = state.experiment;
      this.startExperiment({ name: x.name, set: { ...x.set } }, seed, (r) => {
        for (const entry of state.journal) {
          if (x.stoppedAt !== undefined && entry.at > x.stoppedAt) this.stopExperimentAt(r, x.stoppedAt);
          this.advanceTo(r, entry.at);
          this.execute(r, entry);
        }
        if (x.stoppedAt !== undefined) this.stopExperimentAt(r, x.stoppedAt);
        this.advanceTo(r, state.now);
      });
      return { reply: { kind: "ok" }, snapshot: this.snapshot() };
    }
    const cluster = new Cluster(defaultClusterConfig({ seed, workers: nodes }));
    // 150,000-pod clusters would keep every decision; the inspector only needs classroom sizes.
    if (nodes > 500) cluster.scheduler.recordDecisions = false;
    const r = this.running(cluster, seed, nodes);
    if (state) {
      for (const entry of state.journal) {
        this.advanceTo(r, entry.at);
        this.execute(r, entry);
      }
      this.advanceTo(r, state.now);
    }
    this.adopt(r);
    return { reply: { kind: "ok" }, snapshot: this.snapshot() };
  }

  private running(cluster: Cluster, seed: number, nodes: number): Running {
    const fs = new EditorFileSystem();
    return { cluster, session: new Session(cluster, fs), view: undefined as unknown as ClusterViewModel, fs, seed, nodes, journal: [] };
  }

  /**
   * Makes `r` the live cluster. The view starts only now: after a replay the page gets the result, not
   * thousands of intermediate batches (and a replay that throws leaves the previous cluster untouched).
   */
  private adopt(r: Running): void {
    r.view = new ClusterViewModel(r.cluster, { ignoreActors: [INSPECTOR_ACTOR] });
    this.run?.view.dispose();
    this.run = r;
    this.sentClock = undefined;
  }

  /** Starts an experiment on the cluster it builds; `replay` runs a saved journal before the page sees it. */
  private startExperiment(x: { name: string; set: Record<string, string> }, seed: number, replay?: (r: Running) => void) {
    let adopted: Running | undefined;
    const run = this.experiments.start(x.name, x.set, seed, (cluster) => {
      adopted = this.running(cluster, seed, cluster.kubelets.size - 1);
      adopted.experiment = { name: x.name, set: x.set };
    });
    if (!adopted) throw new Error(`experiment "${x.name}" did not build a cluster`);
    replay?.(adopted);
    this.adopt(adopted);
    return replay ? this.experiments.view() : run;
  }

  private stopExperimentAt(r: Running, t: number): void {
    if (this.experiments.active?.cluster !== r.cluster) return;
    this.advanceTo(r, t);
    r.experiment!.stoppedAt = t;
    this.experiments.stop();
  }

  /** Runs one journal entry (live or replayed), records it, and finishes the instant. */
  private execute(r: Running, entry: JournalEntry): FilesResult {
    let res: FilesResult;
    if (entry.op === "run") {
      const line = entry.line.trim();
      // Blank lines and comments change nothing: they need no journal entry.
      if (line === "" || line.startsWith("#")) return { output: { out: "", err: "", code: 0 }, diagnostics: [] };
      res = { output: r.session.run(line), diagnostics: [] };
    } else if (entry.op === "files") {
      r.fs.replaceAll(entry.files);
      res = { output: { out: "", err: "", code: 0 }, diagnostics: [] };
    } else {
      res = applyEditorFiles(this.env(r, "kubectl"), r.fs, entry.files, entry.op);
    }
    r.journal.push(entry.op === "run" ? { at: entry.at, op: "run", line: entry.line } : { at: entry.at, op: entry.op, files: copyFiles(entry.files) });
    this.settle(r);
    return res;
  }

  /** Runs whatever is still due at the current instant (see the determinism invariant above). */
  private settle(r: Running): void {
    r.cluster.events.runUntil(r.cluster.now());
  }

  private env(r: Running, user: string): KubectlEnv {
    const c = r.cluster;
    return { api: c.api, clock: c.clock, fs: r.fs, namespace: r.session.namespace, user, logs: kubeletLogSource(c.kubelets), waitFor: (done, ms, onTick) => c.runUntil(done, ms, onTick) };
  }

  /**
   * Lets simulated time pass up to `target`, an instant at a time; stops early (between instants) when
   * `shouldYield` says the real-time budget is spent. Returns true when `target` was reached.
   */
  private advanceTo(r: Running, target: number, shouldYield?: () => boolean): boolean {
    const events = r.cluster.events;
    // A running experiment's scripted steps (heal at +8m) run at their exact instant: never pass its
    // next deadline without polling it.
    let stop = this.experiments.clamp(r.cluster, target);
    for (;;) {
      const next = events.nextTime();
      if (next === undefined || next > stop) {
        events.runUntil(stop);
        this.experiments.poll(r.cluster);
        if (stop >= target) return true;
        const again = this.experiments.clamp(r.cluster, target);
        // A deadline the run did not move past would stall time: then let it go.
        stop = again > stop ? again : target;
        continue;
      }
      events.runUntil(next);
      if (shouldYield?.()) return false;
    }
  }

  /** Advances by up to `ms` of simulated time; returns how much actually passed. */
  advance(ms: number, shouldYield?: () => boolean): number {
    const r = this.run;
    // Simulated time is a whole number of ms (EventQueue invariant): the caller keeps the fraction.
    const whole = Math.floor(ms);
    if (!r || !(whole > 0)) return 0;
    const before = r.cluster.now();
    this.advanceTo(r, before + whole, shouldYield);
    return r.cluster.now() - before;
  }

  /**
   * "Skip ahead until something happens": runs instant by instant until an API write that a learner would
   * call an event — not a lease renewal or an Event, and a kubelet's node-status report only when it
   * changes what the page draws (Ready after a restore does; the periodic heartbeat does not).
   */
  private skip(r: Running, maxMs: number): void {
    let happened = false;
    let nodeReport = false;
    const stop = r.cluster.audit.subscribe((e) => {
      if (e.code >= 400 || !WRITE_VERBS.has(e.verb) || QUIET_RESOURCES.has(e.resource)) return;
      if (e.resource === "nodes" && e.subresource === "status" && e.actor.startsWith("kubelet/")) nodeReport = true;
      else happened = true;
    });
    const somethingHappened = () => {
      if (!happened && nodeReport) {
        nodeReport = false;
        happened = r.view.collect() > 0;
      }
      return happened;
    };
    try {
      this.advanceTo(r, r.cluster.now() + Math.max(0, maxMs), somethingHappened);
    } finally {
      stop();
    }
  }

  /** The next batch, or undefined when neither the cluster nor the clock changed since the last one. */
  flush(): Batch | undefined {
    const r = this.run;
    if (!r) return undefined;
    const clock = this.clock();
    const s = this.sentClock;
    const moved = !s || s.now !== clock.now || s.paused !== clock.paused || s.speed !== clock.speed;
    const batch = r.view.flush(clock, moved);
    if (batch) this.sentClock = clock;
    return batch;
  }

  snapshot(): Snapshot | undefined {
    const r = this.run;
    if (!r) return undefined;
    const clock = this.clock();
    this.sentClock = clock;
    return r.view.snapshot(clock);
  }

  save(): SavedState | undefined {
    const r = this.run;
    if (!r) return undefined;
    const state: SavedState = { version: 1, seed: r.seed, nodes: r.nodes, journal: r.journal.slice(), now: r.cluster.now() };
    return r.experiment ? { ...state, experiment: { ...r.experiment, set: { ...r.experiment.set } } } : state;
  }
}

function ok(): HostResponse {
  return { reply: { kind: "ok" } };
}

function copyFiles(files: readonly EditorFile[]): EditorFile[] {
  return files.map((f) => ({ name: f.name, text: f.text }));
}
