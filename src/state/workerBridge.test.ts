import { beforeEach, describe, expect, it } from "vitest";
import { EngineHost } from "../engine/host/engineHost";
import type { PageToWorker, WorkerToPage } from "../engine/protocol";
import { engine } from "./bridge";
import { loadCluster } from "./persistence";
import { useShell } from "./shell";
import { useKubelab } from "./store";
import { startEngine, type WorkerLike } from "./workerBridge";

/** A worker without a thread: a real EngineHost answering asynchronously, as the Web Worker does. */
class HostWorker implements WorkerLike {
  readonly host = new EngineHost();
  onmessage: ((e: MessageEvent<WorkerToPage>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  dropNextBatch = false;

  postMessage(msg: PageToWorker): void {
    setTimeout(() => {
      if (this.terminated) return;
      const res = this.host.handle(msg.body);
      if (res.snapshot) this.emit(res.snapshot);
      else this.batch();
      this.emit({ type: "reply", id: msg.id, body: res.reply });
    }, 0);
  }

  /** Lets simulated time pass and posts the batch, as one real-time slice does. */
  tick(ms: number): void {
    this.host.advance(ms);
    this.batch();
  }

  private batch(): void {
    const b = this.host.flush();
    if (!b) return;
    if (this.dropNextBatch) {
      this.dropNextBatch = false;
      return;
    }
    this.emit(b);
  }

  emit(m: WorkerToPage): void {
    if (!this.terminated) this.onmessage?.({ data: m } as MessageEvent<WorkerToPage>);
  }

  terminate(): void {
    this.terminated = true;
  }
}

class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  clear() {
    this.m.clear();
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    this.m.set(k, v);
  }
}

const settle = () => new Promise((r) => setTimeout(r, 5));
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !cond(); i++) await settle();
  expect(cond()).toBe(true);
}

function boot(storage: Storage) {
  const workers: HostWorker[] = [];
  const bridge = startEngine({
    storage,
    createWorker: () => {
      const w = new HostWorker();
      workers.push(w);
      return w;
    },
  });
  return { bridge, workers, worker: () => workers[workers.length - 1]! };
}

async function run(line: string): Promise<string> {
  const r = await engine.request({ kind: "run", line });
  return r.kind === "command" ? r.output.out + r.output.err : `<${r.kind}>`;
}

describe("WorkerBridge", () => {
  beforeEach(() => {
    useKubelab.setState({ items: new Map(), seq: -1, connected: false, fatal: undefined, files: [], activeFile: "" });
    useShell.setState({ speed: 1, paused: false, starting: true });
  });

  it("starts a cluster, mirrors it, and saves it", async () => {
    const storage = new MemoryStorage();
    const { bridge } = boot(storage);
    await until(() => !useShell.getState().starting);
    const st = useKubelab.getState();
    expect(st.connected).toBe(true);
    expect([...st.items.values()].filter((i) => i.kind === "Node").map((n) => n.name)).toEqual(["control-plane", "node-1", "node-2", "node-3"]);
    expect(bridge.lastSaved?.journal).toEqual([]);
    bridge.persistNow();
    expect(loadCluster(storage)?.nodes).toBe(3);
  });

  it("routes batches into the store and asks for a snapshot after a gap", async () => {
    const { worker } = boot(new MemoryStorage());
    await until(() => !useShell.getState().starting);
    expect(await run("kubectl create deployment web --image=nginx --replicas=2")).toBe("deployment.apps/web created\n");
    worker().tick(30_000);
    const pods = () => [...useKubelab.getState().items.values()].filter((i) => i.kind === "Pod" && i.namespace === "default");
    // Batches are applied on the next frame (here: the next macrotask).
    await until(() => pods().length === 2);
    // A lost batch: the next one does not follow, so the page re-syncs from a snapshot.
    await run("kubectl scale deployment web --replicas=4");
    worker().dropNextBatch = true;
    worker().tick(10_000);
    worker().tick(10_000);
    await until(() => pods().length === 4);
    expect(useKubelab.getState().seq).toBe(worker().host.snapshot()!.seq);
  });

  it("gives the terminal the editor's tabs as files", async () => {
    boot(new MemoryStorage());
    await until(() => !useShell.getState().starting);
    useKubelab.getState().setFiles([{ name: "cm.yaml", text: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n" }], "cm.yaml");
    expect(await run("kubectl apply -f cm.yaml")).toMatch(/^configmap\/cm created\n/);
  });

  it("reports a dead worker and restarts it from the saved cluster", async () => {
    const storage = new MemoryStorage();
    const { bridge, workers, worker } = boot(storage);
    await until(() => !useShell.getState().starting);
    await run("kubectl create deployment web --image=nginx");
    await until(() => bridge.lastSaved?.journal.length === 1);
    const pending = engine.request({ kind: "run", line: "kubectl get pods" });
    worker().emit({ type: "fatal", message: "TypeError: boom" });
    expect(useKubelab.getState().fatal).toBe("TypeError: boom");
    expect(await pending).toEqual({ kind: "error", message: "the simulation engine stopped: TypeError: boom" });
    expect((await engine.request({ kind: "run", line: "kubectl get pods" })).kind).toBe("error");

    const { currentBridge } = await import("./workerBridge");
    await currentBridge()!.restart();
    expect(workers).toHaveLength(2);
    expect(workers[0]!.terminated).toBe(true);
    expect(useKubelab.getState().fatal).toBeUndefined();
    expect(await run("kubectl get deployments -o name")).toBe("deployment.apps/web\n");
  });

  it("restores the saved cluster on the next visit, and Reset starts fresh", async () => {
    const storage = new MemoryStorage();
    const first = boot(storage);
    await until(() => !useShell.getState().starting);
    await run("kubectl create deployment web --image=nginx");
    await until(() => first.bridge.lastSaved?.journal.length === 1);
    first.bridge.persistNow();
    first.bridge.dispose();

    const second = boot(storage);
    await until(() => !useShell.getState().starting);
    expect(await run("kubectl get deployments -o name")).toBe("deployment.apps/web\n");
    await second.bridge.reset();
    expect(await run("kubectl get deployments")).toBe("No resources found in default namespace.\n");
    await until(() => second.bridge.lastSaved?.journal.length === 1);
    second.bridge.persistNow();
    expect(loadCluster(storage)?.journal.map((e) => e.op)).toEqual(["run"]);
  });
});
