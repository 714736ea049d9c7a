import { beforeEach, describe, expect, it } from "vitest";
import type { Batch, ViewItem } from "../engine/protocol";
import { mkNode, mkPod } from "../components/graph/model/fixtures";
import { useKubelab } from "./store";

const clock = (now: number) => ({ now, wallTime: "", paused: false, speed: 1 });

function batch(seq: number, o: Partial<Batch> = {}): Batch {
  return { type: "batch", seq, clock: clock(seq * 100), upserts: [], removals: [], messages: [], droppedMessages: 0, events: [], ...o };
}

function snapshot(items: ViewItem[]) {
  useKubelab.getState().applySnapshot({ type: "snapshot", seq: 0, clock: clock(0), items, events: [] });
}

describe("store.applyBatches", () => {
  beforeEach(() => snapshot([mkNode("node-1"), mkPod("a", { nodeName: "node-1" }), mkPod("b")]));

  it("applies consecutive batches as one update: one copy of items, the changed ids, summed drops", () => {
    const before = useKubelab.getState().items;
    let notified = 0;
    const off = useKubelab.subscribe(() => notified++);
    const ok = useKubelab.getState().applyBatches([
      batch(1, { upserts: [mkPod("b", { nodeName: "node-1" })], droppedMessages: 3 }),
      batch(2, { removals: ["uid-a"], droppedMessages: 2, events: [{ id: "e1", t: 1, namespace: "default", type: "Normal", reason: "Scheduled", object: "pod/b", objectKind: "Pod", objectName: "b", message: "m", count: 1, source: "default-scheduler" }] }),
    ]);
    off();
    const s = useKubelab.getState();
    expect(ok).toBe(true);
    expect(notified).toBe(1);
    expect(s.seq).toBe(2);
    expect(s.clock.now).toBe(200);
    expect([...s.items.keys()].sort()).toEqual(["uid-b", "uid-node-1"]);
    expect(s.itemChanges).toEqual({ from: before, to: s.items, ids: ["uid-b", "uid-a"] });
    expect(s.droppedMessages).toBe(5);
    expect(s.events.map((e) => e.id)).toEqual(["e1"]);
    // The pod index follows: b is bound, a is gone.
    expect(s.podIndex.nodeOf("default", "b")).toBe("node-1");
    expect(s.podIndex.nodeOf("default", "a")).toBeUndefined();
  });

  it("skips batches already applied and stops at a gap", () => {
    const st = useKubelab.getState();
    expect(st.applyBatches([batch(1)])).toBe(true);
    expect(useKubelab.getState().applyBatches([batch(1), batch(2), batch(4)])).toBe(false);
    expect(useKubelab.getState().seq).toBe(2);
    expect(useKubelab.getState().applyBatch(batch(5))).toBe(false);
  });

  it("keeps the last version of an event that several batches updated, in its latest place", () => {
    const ev = (id: string, count: number) => ({ id, t: count, namespace: "default", type: "Normal" as const, reason: "Pulled", object: "pod/a", objectKind: "Pod", objectName: "a", message: "m", count, source: "kubelet" });
    useKubelab.getState().applyBatches([batch(1, { events: [ev("x", 1), ev("y", 1)] }), batch(2, { events: [ev("x", 2)] })]);
    expect(useKubelab.getState().events.map((e) => `${e.id}:${e.count}`)).toEqual(["y:1", "x:2"]);
  });

  it("leaves items (and its identity) alone when a batch only moves the clock", () => {
    const items = useKubelab.getState().items;
    useKubelab.getState().applyBatches([batch(1)]);
    expect(useKubelab.getState().items).toBe(items);
  });
});
