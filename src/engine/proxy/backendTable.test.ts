// A BackendTable counts its rows that are stale or ingress pods: while there are none, the fast path may
// draw a generator's endpoints before landing on them (nothing in between draws random numbers).
import { describe, expect, it } from "vitest";
import { BackendTable, BACKEND_ROW, B_STATE, PodWatchers, S_INGRESS, S_MISSING, S_OK, S_REFUSES, S_STALE } from "./backendTable";
import type { ProxyEndpoint } from "./endpointsCache";

function ep(i: number): ProxyEndpoint {
  return { ip: `10.244.1.${i}`, port: 80, ready: true, serving: true, terminating: false, nodeName: "node-1", zone: undefined, podNamespace: "default", podName: `p${i}`, podKey: `default/p${i}`, podUid: `u${i}`, hostname: undefined };
}

describe("BackendTable", () => {
  it("starts with every row stale", () => {
    const t = new BackendTable([ep(1), ep(2), ep(3)]);
    expect(t.unsettled).toBe(3);
    for (let i = 0; i < 3; i++) expect(t.row[i * BACKEND_ROW + B_STATE]).toBe(S_STALE);
  });

  it("counts stale and ingress rows as they settle and go stale again", () => {
    const t = new BackendTable([ep(1), ep(2), ep(3)]);
    t.settle(0, S_OK);
    t.settle(1, S_MISSING);
    t.settle(2, S_INGRESS);
    expect(t.unsettled).toBe(1);
    t.markStale(0);
    t.markStale(0);
    expect(t.unsettled).toBe(2);
    t.markStale(2); // ingress → stale: still one row that needs the ordered path
    expect(t.unsettled).toBe(2);
    t.settle(0, S_REFUSES);
    t.settle(2, S_OK);
    expect(t.unsettled).toBe(0);
  });
});

describe("PodWatchers", () => {
  const state = (t: BackendTable, i: number): number => t.row[i * BACKEND_ROW + B_STATE]!;

  it("marks the rows that read a pod stale when it changes, once", () => {
    const w = new PodWatchers();
    const a = new BackendTable([ep(1), ep(2)]);
    const b = new BackendTable([ep(1)]);
    for (const [t, i] of [[a, 0], [a, 1], [b, 0]] as const) t.settle(i, S_OK);
    w.watch("default/p1", a, 0);
    w.watch("default/p1", b, 0);
    w.watch("default/p2", a, 1);
    w.changed("default/p1");
    expect([state(a, 0), state(b, 0), state(a, 1)]).toEqual([S_STALE, S_STALE, S_OK]);
    a.settle(0, S_OK);
    w.changed("default/p1"); // the list went with the first change
    expect(state(a, 0)).toBe(S_OK);
  });

  it("drops a pod's list (its rows read the pod again) rather than keep tables of old rules forever", () => {
    const w = new PodWatchers();
    const old = Array.from({ length: 16 }, () => new BackendTable([ep(1)]));
    for (const t of old) {
      t.settle(0, S_OK);
      w.watch("default/p1", t, 0);
    }
    expect(old.every((t) => state(t, 0) === S_OK)).toBe(true);
    const current = new BackendTable([ep(1)]);
    current.settle(0, S_OK);
    w.watch("default/p1", current, 0);
    expect(old.every((t) => state(t, 0) === S_STALE)).toBe(true);
    w.changed("default/p1");
    expect(state(current, 0)).toBe(S_STALE);
  });
});
