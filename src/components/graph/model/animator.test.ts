import { describe, it, expect } from "vitest";
import { MessageAnimator, type AnimatorOptions } from "./animator";
import type { Route } from "./routing";

const opts: AnimatorOptions = { hopMs: 100, gapMs: 50, maxBacklog: 2, badgeMs: 1000, animate: true };

function route(seq: number, edges: string[][] = [["flow:kubectl"], ["flow:etcd"]]): Route {
  return { seq, steps: edges.map((s) => s.map((edge) => ({ edge, reverse: false }))), tone: "write", summary: `message ${seq}` };
}

describe("MessageAnimator", () => {
  it("plays a message's hops one after another", () => {
    const a = new MessageAnimator(opts);
    a.push([route(1)], 0);
    expect(a.advance(0)).toBe(true);
    expect(a.view.byEdge["flow:kubectl"]![0]).toMatchObject({ delay: 0, duration: 100 });
    expect(a.view.byEdge["flow:etcd"]![0]).toMatchObject({ delay: 100, duration: 100 });
    expect(a.view.caption).toBe("message 1");
    expect(a.nextWake()).toBe(200);
    a.advance(200);
    expect(a.view.byEdge).toEqual({});
    expect(a.nextWake()).toBeUndefined();
  });

  it("launches queued messages no faster than one per gap", () => {
    const a = new MessageAnimator(opts);
    a.push([route(1), route(2)], 0);
    a.advance(0);
    expect(a.view.byEdge["flow:kubectl"]).toHaveLength(1);
    a.advance(20);
    expect(a.view.byEdge["flow:kubectl"]).toHaveLength(1);
    expect(a.nextWake()).toBe(50);
    a.advance(50);
    expect(a.view.byEdge["flow:kubectl"]).toHaveLength(2);
  });

  it("counts messages beyond the backlog on their edges instead of drawing them", () => {
    const a = new MessageAnimator(opts);
    a.push([1, 2, 3, 4, 5].map((i) => route(i)), 0);
    a.advance(0);
    expect(a.waiting).toBe(1);
    expect(a.view.badges["flow:kubectl"]).toEqual({ count: 3, until: 1000 });
    expect(a.view.badges["flow:etcd"]!.count).toBe(3);
    a.advance(1000);
    expect(a.view.badges["flow:kubectl"]).toBeUndefined();
  });

  it("restarts a badge's count once it has faded", () => {
    const a = new MessageAnimator({ ...opts, maxBacklog: 0 });
    a.push([route(1)], 0);
    a.push([route(2)], 1500);
    expect(a.view.badges["flow:kubectl"]!.count).toBe(1);
  });

  it("moves nothing under reduced motion, only counts", () => {
    const a = new MessageAnimator({ ...opts, animate: false });
    a.push([route(1)], 0);
    a.advance(0);
    expect(a.view.byEdge).toEqual({});
    expect(a.view.badges["flow:etcd"]!.count).toBe(1);
    expect(a.view.caption).toBe("message 1");
  });

  it("keeps an untouched edge's flight list identity", () => {
    const a = new MessageAnimator(opts);
    a.push([route(1, [["flow:kubectl"]]), route(2, [["flow:etcd"]])], 0);
    a.advance(0);
    const first = a.view.byEdge["flow:kubectl"];
    a.advance(50);
    expect(a.view.byEdge["flow:kubectl"]).toBe(first);
  });

  it("shows requests the worker aggregated on kube-apiserver", () => {
    const a = new MessageAnimator(opts);
    a.addDropped(37, 0);
    a.addDropped(3, 10);
    expect(a.view.dropped).toEqual({ count: 40, until: 1010 });
    a.advance(1010);
    expect(a.view.dropped).toBeUndefined();
  });

  it("ignores routes with nothing to draw", () => {
    const a = new MessageAnimator(opts);
    a.push([route(1, [])], 0);
    expect(a.advance(0)).toBe(false);
  });
});
