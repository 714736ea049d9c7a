import { describe, expect, it } from "vitest";
import type { PodView } from "../../../engine/protocol";
import { mkPod } from "./fixtures";
import { DotScene, PENDING_KEY } from "./dotScene";

/** A scene on a fake clock: `run(ms)` lets time pass and fires the timers that come due. */
function harness(opts: { publishMs?: number; podsPerTick?: number; tickMs?: number } = {}) {
  let now = 0;
  let timers: { at: number; fn: () => void }[] = [];
  const scene = new DotScene({
    now: () => now,
    schedule: (fn, ms) => {
      const t = { at: now + ms, fn };
      timers.push(t);
      return () => (timers = timers.filter((x) => x !== t));
    },
    ...opts,
  });
  const run = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      timers = timers.filter((t) => t !== next);
      now = next.at;
      next.fn();
    }
    now = end;
  };
  const dirty: string[] = [];
  scene.setDirtyListener((k) => dirty.push(k));
  return { scene, run, dirty };
}

const pods = (prefix: string, n: number, o: Partial<PodView> = {}) => Array.from({ length: n }, (_, i) => mkPod(`${prefix}-${i}`, { id: `uid-${prefix}-${i}`, ...o }));

describe("DotScene", () => {
  it("reports only the areas whose pod list changed (by identity)", () => {
    const h = harness();
    const a = pods("a", 3);
    const b = pods("b", 2);
    h.scene.setLists(new Map([["node-1", a], ["node-2", b]]), []);
    expect(h.dirty.sort()).toEqual(["node-1", "node-2"]);
    h.dirty.length = 0;
    h.scene.setLists(new Map([["node-1", a], ["node-2", [...b]]]), []);
    expect(h.dirty).toEqual(["node-2"]);
    expect(h.scene.pods("node-2")).toHaveLength(2);
  });

  it("publishes a changed list at most once per publishMs, a few pods' worth per tick", () => {
    const h = harness({ publishMs: 1000, podsPerTick: 2, tickMs: 50 });
    const seen: string[] = [];
    for (const k of ["n1", "n2", "n3"]) h.scene.subscribe(k, () => seen.push(k));
    h.scene.setLists(new Map([["n1", pods("a", 1)], ["n2", pods("b", 1)], ["n3", pods("c", 1)]]), []);
    h.run(0);
    expect(seen).toEqual(["n1", "n2"]);
    h.run(50);
    expect(seen).toEqual(["n1", "n2", "n3"]);
    // A change soon after is held back until a second after the last publication, then published as it is then.
    const later = pods("a", 2);
    h.scene.setLists(new Map([["n1", pods("a", 4)], ["n2", h.scene.pods("n2")], ["n3", h.scene.pods("n3")]]), []);
    h.scene.setLists(new Map([["n1", later], ["n2", h.scene.pods("n2")], ["n3", h.scene.pods("n3")]]), []);
    h.run(500);
    expect(h.scene.publishedPods("n1")).toHaveLength(1);
    h.run(600);
    expect(h.scene.publishedPods("n1")).toBe(later);
    expect(seen.filter((k) => k === "n1")).toHaveLength(2);
  });

  it("publishes a list longer than the budget on its own tick", () => {
    const h = harness({ podsPerTick: 10, tickMs: 50 });
    h.scene.setLists(new Map([["big", pods("a", 40)], ["small", pods("b", 3)]]), []);
    h.run(0);
    expect(h.scene.publishedPods("big")).toHaveLength(40);
    expect(h.scene.publishedPods("small")).toHaveLength(0);
    h.run(50);
    expect(h.scene.publishedPods("small")).toHaveLength(3);
  });

  it("forgets the list of a node that is gone, and follows the selected pod from Pending to its node", () => {
    const h = harness({ publishMs: 0 });
    const p = mkPod("p", { id: "uid-p" });
    h.scene.setLists(new Map([["node-1", pods("a", 1)]]), [p]);
    h.scene.setSelected("uid-p");
    h.dirty.length = 0;
    h.scene.setLists(new Map([["node-2", [{ ...p, nodeName: "node-2" }]]]), []);
    expect(h.dirty.sort()).toEqual([PENDING_KEY, "node-1", "node-2"]);
    h.dirty.length = 0;
    h.scene.setSelected(undefined);
    // Only the area that held the selection is repainted.
    expect(h.dirty).toEqual(["node-2"]);
    h.run(10);
    expect(h.scene.publishedPods("node-1")).toEqual([]);
  });

  it("repaints the area whose pod button gains or loses keyboard focus", () => {
    const h = harness();
    h.scene.setLists(new Map([["node-1", pods("a", 2)], ["node-2", pods("b", 2)]]), []);
    h.dirty.length = 0;
    h.scene.setFocused("node-1", "uid-a-1");
    expect(h.scene.focused).toBe("uid-a-1");
    h.scene.setFocused("node-2", "uid-b-0");
    h.scene.setFocused("node-2", undefined);
    expect(h.scene.focused).toBeUndefined();
    expect(h.dirty).toEqual(["node-1", "node-1", "node-2", "node-2"]);
  });
});
