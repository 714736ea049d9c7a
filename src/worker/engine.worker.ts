// The engine's Web Worker: a switch over protocol.ts requests and the real-time loop, nothing else
// (DESIGN.md "excalidraw's worker split"). All cluster logic lives in EngineHost, which is pure.
/// <reference lib="webworker" />
import { EngineHost } from "../engine/host/engineHost";
import type { PageToWorker, RequestBody, WorkerToPage } from "../engine/protocol";
import { RealtimeLoop } from "./realtimeLoop";

declare const self: DedicatedWorkerGlobalScope;

/** Requests after which the page should see the cluster change before it reads the reply. */
const CHANGES_CLUSTER: ReadonlySet<RequestBody["kind"]> = new Set(["run", "apply", "delete", "step", "skip", "clock"]);

/** A request that kept the worker busy this long does not count as elapsed simulated time. */
const LONG_REQUEST_MS = 50;

const host = new EngineHost();
const post = (msg: WorkerToPage) => self.postMessage(msg);
const loop = new RealtimeLoop({
  host,
  post,
  now: () => performance.now(),
  schedule: (fn, ms) => setTimeout(fn, ms),
});

self.onmessage = (e: MessageEvent<PageToWorker>) => {
  const msg = e.data;
  if (!msg || msg.type !== "request") return;
  try {
    if (msg.body.kind === "ack") {
      loop.ack(msg.body.seq);
      return;
    }
    if (msg.body.kind === "stats") {
      post({ type: "reply", id: msg.id, body: { kind: "stats", stats: loop.statsReply(msg.body.measure) } });
      return;
    }
    const started = performance.now();
    const res = host.handle(msg.body);
    if (res.snapshot) post(res.snapshot);
    else if (CHANGES_CLUSTER.has(msg.body.kind)) loop.postBatch();
    // Real time spent answering (a replay, `sim advance 1h`) is not simulated time to catch up on.
    if (performance.now() - started > LONG_REQUEST_MS) loop.resetTiming();
    post({ type: "reply", id: msg.id, body: res.reply });
  } catch (err) {
    loop.fatal(err);
  }
};

post({ type: "ready", clock: host.clock() });
loop.start();
