import { describe, expect, it } from "vitest";
import { Cluster } from "../sim/cluster";
import { defaultClusterConfig } from "../sim/clusterConfig";
import { Store } from "./store";
import { SimClock } from "../sim/clock";
import { EventTTL } from "./eventTTL";
import type { KubeObject } from "../api/types";

const ev = (name: string): KubeObject => ({ apiVersion: "v1", kind: "Event", metadata: { name, namespace: "default" } }) as KubeObject;

describe("EventTTL (--event-ttl, default 1h)", () => {
  it("deletes an event one hour after its last write, and each write renews the lease", () => {
    const store = new Store();
    const clock = new SimClock();
    const ttl = new EventTTL(store, clock);
    store.put("events", "events/default/a", ev("a"));
    store.put("events", "events/default/b", ev("b"));
    clock.set(30 * 60_000);
    store.put("events", "events/default/b", ev("b")); // the recorder's count patch
    clock.set(60 * 60_000);
    expect(ttl.sweep()).toBe(1);
    expect(store.get("events", "events/default/a")).toBeUndefined();
    expect(store.get("events", "events/default/b")).toBeDefined();
    clock.set(90 * 60_000);
    expect(ttl.sweep()).toBe(1);
    expect(store.count("events")).toBe(0);
  });

  it("expires only the latest write of a key: a deleted and re-created event keeps its new lease", () => {
    const store = new Store();
    const clock = new SimClock();
    const ttl = new EventTTL(store, clock);
    store.put("events", "events/default/a", ev("a"));
    store.put("events", "events/default/b", ev("b"));
    expect(ttl.size).toBe(2);
    clock.set(10 * 60_000);
    store.remove("events", "events/default/a");
    store.put("events", "events/default/a", ev("a")); // same name again: a new object, a new lease
    expect(ttl.size).toBe(2);
    clock.set(60 * 60_000);
    expect(ttl.sweep()).toBe(1); // b; a's first lease belonged to the deleted object
    expect(store.get("events", "events/default/a")).toBeDefined();
    expect(ttl.size).toBe(1);
    clock.set(70 * 60_000);
    expect(ttl.sweep()).toBe(1);
    expect(ttl.size).toBe(0);
  });

  it("keeps up with many writes across sweeps (the bookkeeping is compacted, nothing is lost)", () => {
    const store = new Store();
    const clock = new SimClock();
    const ttl = new EventTTL(store, clock);
    let removed = 0;
    for (let minute = 0; minute < 180; minute++) {
      clock.set(minute * 60_000);
      for (let i = 0; i < 50; i++) store.put("events", `events/default/e-${minute}-${i}`, ev(`e-${minute}-${i}`));
      removed += ttl.sweep();
      // Leases last one hour: exactly the events of the last 60 minutes remain.
      expect(store.count("events")).toBe(Math.min(minute + 1, 60) * 50);
    }
    expect(removed).toBe(120 * 50);
    expect(ttl.size).toBe(60 * 50);
  });

  it("in a cluster, `kubectl get events` reaches back about an hour and the watch sees the deletions", () => {
    const c = new Cluster(defaultClusterConfig({ seed: 1, workers: 1 }));
    const boot = c.list("events", "default").length;
    expect(boot).toBeGreaterThan(0); // node registration events
    let deleted = 0;
    c.store.onEvent((e) => {
      if (e.resource === "events" && e.type === "DELETED") deleted++;
    });
    const audited = c.audit.lastSeq;
    c.advance(62 * 60_000);
    expect(deleted).toBeGreaterThanOrEqual(boot);
    // The boot events are gone, and nobody made an API request to delete them.
    expect(c.audit.since(audited).filter((a) => a.resource === "events" && a.verb === "delete")).toEqual([]);
    expect(c.list("events", "default").filter((e) => Date.parse(e.metadata.creationTimestamp!) < c.clock.absolute() - 61 * 60_000)).toEqual([]);
  });
});
