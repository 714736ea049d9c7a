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
