// The counters behind `sim traffic pods/services` and metrics-server's load: per-pod rows derive
// requests and errors from what happened (served, shed, failed), roll per tick, and survive their pod.
import { describe, expect, it } from "vitest";
import { TrafficStats } from "./trafficStats";

describe("TrafficStats per-pod counters", () => {
  it("counts served, HTTP errors, shed and failed requests as the header defines them", () => {
    const s = new TrafficStats();
    const p = s.pod("u1", "default", "web-1", "node-1");
    s.served(p, 10, 0.5, false);
    s.served(p, 3, 0.5, true); // answered 4xx/5xx: served, and errors
    s.shed(p, 2); // reached the server, overloaded: demand, errors, not served
    s.failedAt(p, 4); // refused or timed out at the pod: requests and errors only
    expect(p.requests).toBe(10 + 3 + 2 + 4);
    expect(p.served).toBe(13);
    expect(p.demand).toBe(15);
    expect(p.errors).toBe(3 + 2 + 4);
    expect(p.latencySumMs).toBeCloseTo(13 * 0.5, 12);
    expect(p.tickServed).toBe(13);
    expect(p.tickDemand).toBe(15);
    // metrics-server reads the same cumulative demand by row.
    expect(s.demandOf(p.slot)).toBe(15);
    expect(s.servedTotal("u1")).toBe(15);
  });

  it("turns the last completed tick into rates, and forgets them a tick later", () => {
    const s = new TrafficStats();
    const p = s.pod("u1", "default", "web-1", "node-1");
    s.served(p, 7, 1, false);
    s.shed(p, 1);
    s.endTick(1_000);
    expect(s.podByUid("u1")).toMatchObject({ rps: 7, demandRps: 8, tickServed: 0, tickDemand: 0 });
    expect(s.requestsPerSecond("u1")).toBe(8);
    s.endTick(1_000);
    expect(s.podByUid("u1")).toMatchObject({ rps: 0, demandRps: 0 });
  });

  it("keeps rows apart as they grow past their first allocation", () => {
    const s = new TrafficStats();
    const recs = Array.from({ length: 300 }, (_, i) => s.pod(`u${i}`, "default", `p${i}`, "node-1"));
    recs.forEach((r, i) => s.served(r, i + 1, 0, false));
    expect(recs.map((r) => r.served)).toEqual(recs.map((_, i) => i + 1));
    expect(s.records).toBe(300);
    expect(s.pod("u5", "default", "p5", "node-1")).toBe(recs[5]);
  });

  it("keeps a deleted pod's counters (no rate) and reuses its row, cleared, once it is forgotten", () => {
    const s = new TrafficStats();
    const old = s.pod("gone-0", "default", "old", "node-1");
    s.served(old, 5, 1, false);
    s.podGone("gone-0");
    expect(old.gone).toBe(true);
    expect(s.podList().map((p) => [p.name, p.requests, p.rps])).toEqual([["old", 5, 0]]);
    // MAX_GONE (1,000) more deleted pods push the first one out.
    for (let i = 1; i <= 1_000; i++) {
      s.pod(`gone-${i}`, "default", `g${i}`, "node-1");
      s.podGone(`gone-${i}`);
    }
    expect(s.podByUid("gone-0")).toBeUndefined();
    const fresh = s.pod("new", "default", "new", "node-1");
    expect(fresh.slot).toBe(old.slot);
    expect([fresh.requests, fresh.errors, fresh.served, fresh.latencySumMs, fresh.gone]).toEqual([0, 0, 0, 0, false]);
  });

  it("serialises a record with its current values", () => {
    const s = new TrafficStats();
    const p = s.pod("u1", "default", "web-1", "node-1");
    s.served(p, 2, 0.25, false);
    expect(JSON.parse(JSON.stringify(p))).toMatchObject({ uid: "u1", name: "web-1", node: "node-1", requests: 2, served: 2, errors: 0, latencySumMs: 0.5, gone: false });
  });
});
