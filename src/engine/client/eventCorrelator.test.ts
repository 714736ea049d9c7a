import { describe, expect, it } from "vitest";
import { EventCorrelator, type CorrelatedEvent } from "./eventCorrelator";

const base: CorrelatedEvent = {
  sourceComponent: "replicaset-controller",
  sourceHost: "",
  kind: "ReplicaSet",
  namespace: "default",
  name: "web-abc",
  fieldPath: "",
  uid: "u1",
  apiVersion: "apps/v1",
  type: "Normal",
  reason: "SuccessfulCreate",
  message: "",
  reportingController: "replicaset-controller",
  reportingInstance: "",
};

describe("EventCorrelator (client-go tools/record/events_cache.go)", () => {
  it("counts repeats of the same event: create once, then patch with count+1", () => {
    const c = new EventCorrelator();
    const e = { ...base, reason: "BackOff", message: "Back-off restarting failed container" };
    const r1 = c.correlate(e, 1000);
    expect(r1).toMatchObject({ previous: undefined, count: 1, send: true, aggregate: false });
    c.written(r1.key, "web-abc.1");
    const r2 = c.correlate(e, 61_000);
    expect(r2).toMatchObject({ count: 2, firstTimestamp: 1000, send: true });
    expect(r2.previous?.name).toBe("web-abc.1");
  });

  it("from the 10th distinct message within 10 minutes, folds similar events into one combined event", () => {
    const c = new EventCorrelator();
    const results = [];
    for (let i = 1; i <= 14; i++) {
      const r = c.correlate({ ...base, message: `Created pod: web-abc-${i}` }, 1000 * i);
      if (r.send && !r.previous) c.written(r.key, `web-abc.${i}`);
      results.push(r);
    }
    // defaultAggregateMaxEvents = 10: messages 1..9 are events of their own ...
    expect(results.slice(0, 9).every((r) => !r.aggregate && r.count === 1)).toBe(true);
    // ... the 10th starts the aggregate, and later ones patch its count and message.
    expect(results[9]).toMatchObject({ aggregate: true, count: 1, message: "(combined from similar events): Created pod: web-abc-10" });
    expect(results[13]).toMatchObject({ aggregate: true, count: 5, message: "(combined from similar events): Created pod: web-abc-14" });
    expect(results[13]!.previous?.name).toBe("web-abc.10");
  });

  it("starts a fresh aggregation record after 10 quiet minutes", () => {
    const c = new EventCorrelator();
    for (let i = 1; i <= 12; i++) c.correlate({ ...base, message: `m${i}` }, i);
    const later = c.correlate({ ...base, message: "m13" }, 12 + 600_001);
    expect(later.aggregate).toBe(false);
  });

  it("lets one source say 25 things about an object, then one every 5 minutes; filtered repeats still count", () => {
    const c = new EventCorrelator();
    const e = { ...base, kind: "Pod", reason: "BackOff", message: "Back-off" };
    let sent = 0;
    for (let i = 0; i < 40; i++) {
      const r = c.correlate(e, 1000 + i);
      if (r.send) {
        sent++;
        if (!r.previous) c.written(r.key, "p.1");
      }
    }
    expect(sent).toBe(25);
    // 5 minutes refill one token: the write carries every occurrence counted meanwhile.
    const r = c.correlate(e, 1000 + 39 + 300_000);
    expect(r).toMatchObject({ send: true, count: 41 });
    expect(c.correlate(e, 1000 + 39 + 300_001).send).toBe(false);
  });

  it("keeps separate budgets per object and per source", () => {
    const c = new EventCorrelator();
    for (let i = 0; i < 30; i++) c.correlate({ ...base, message: `m${i}` }, 1);
    expect(c.correlate({ ...base, name: "other", uid: "u2", message: "x" }, 1).send).toBe(true);
    expect(c.correlate({ ...base, sourceComponent: "deployment-controller", message: "x" }, 1).send).toBe(true);
  });
});

describe("EventCorrelator.correlateKeys (keys without the recorder's constant source prefix)", () => {
  // The same sequence through correlate() (upstream's full keys) and through correlateKeys() with the
  // source component and host cut off the front of every key must give the same results.
  const seq: CorrelatedEvent[] = [];
  for (let i = 0; i < 12; i++) seq.push({ ...base, kind: "Pod", fieldPath: "", message: i === 0 ? "" : `m${i}` });
  seq.push({ ...base, kind: "Pod", fieldPath: "spec.containers{web}", reason: "Started", message: "Started container web" });
  seq.push({ ...base, kind: "Pod", fieldPath: "", message: "" });

  it("gives the results of the full keys, including an empty message next to an aggregate of its reason", () => {
    const full = new EventCorrelator();
    const short = new EventCorrelator();
    for (const [i, e] of seq.entries()) {
      const a = full.correlate(e, 1000 * i);
      const rest = (k: string) => k.slice(e.sourceComponent.length + e.sourceHost.length);
      const b = short.correlateKeys(
        rest([e.sourceComponent, e.sourceHost, e.kind, e.namespace, e.name, e.uid, e.apiVersion, e.type, e.reason, e.reportingController, e.reportingInstance].join("")),
        rest([e.sourceComponent, e.sourceHost, e.kind, e.namespace, e.name, e.fieldPath, e.uid, e.apiVersion, e.type, e.reason, e.message].join("")),
        rest([e.sourceComponent, e.sourceHost, e.kind, e.namespace, e.name, e.uid, e.apiVersion].join("")),
        e.message,
        1000 * i,
      );
      expect({ ...b, key: undefined }).toEqual({ ...a, key: undefined });
      if (a.send && !a.previous) {
        full.written(a.key, `ev-${i}`);
        short.written(b.key, `ev-${i}`);
      }
    }
  });
});
