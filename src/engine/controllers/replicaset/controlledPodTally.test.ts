import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/types";
import { controllerRefOf, isPodActive, isPodReady } from "../../api/podutil";
import { ControlledPodTally, labelsKey } from "./controlledPodTally";

function pod(name: string, owner: string | undefined, labels: Record<string, string>, opts: { ready?: boolean; phase?: string; deleting?: boolean } = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "default",
      labels,
      ...(owner ? { ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: owner, uid: `uid-${owner}`, controller: true }] } : {}),
      ...(opts.deleting ? { deletionTimestamp: "2026-01-01T00:00:00Z" } : {}),
    },
    spec: { containers: [] },
    status: { phase: opts.phase ?? "Running", conditions: [{ type: "Ready", status: opts.ready ? "True" : "False" }] },
  } as unknown as Pod;
}

/** What syncReplicaSet would count walking every pod: active pods per owner uid, ready ones, per label set. */
function walk(pods: Iterable<Pod>, uid: string): Map<string, { active: number; ready: number }> {
  const out = new Map<string, { active: number; ready: number }>();
  for (const p of pods) {
    if (!isPodActive(p) || controllerRefOf(p)?.uid !== uid) continue;
    const k = labelsKey(p.metadata.labels);
    const g = out.get(k) ?? { active: 0, ready: 0 };
    g.active++;
    if (isPodReady(p)) g.ready++;
    out.set(k, g);
  }
  return out;
}

describe("ControlledPodTally", () => {
  it("counts active and ready pods per owner and label set", () => {
    const t = new ControlledPodTally();
    t.observe(undefined, pod("a", "rs1", { app: "web" }, { ready: true }));
    t.observe(undefined, pod("b", "rs1", { app: "web" }));
    t.observe(undefined, pod("c", "rs1", { app: "web", extra: "x" }, { ready: true }));
    t.observe(undefined, pod("d", undefined, { app: "web" }, { ready: true }));
    t.observe(undefined, pod("e", "rs1", { app: "web" }, { phase: "Succeeded" }));
    t.observe(undefined, pod("f", "rs1", { app: "web" }, { deleting: true, ready: true }));
    expect(t.active("uid-rs1")).toBe(3);
    const groups = [...t.groups("uid-rs1").values()].map((g) => ({ labels: g.labels, active: g.active, ready: g.ready }));
    expect(groups).toEqual([
      { labels: { app: "web" }, active: 2, ready: 1 },
      { labels: { app: "web", extra: "x" }, active: 1, ready: 1 },
    ]);
  });

  it("label key ignores key order", () => {
    expect(labelsKey({ b: "2", a: "1" })).toBe(labelsKey({ a: "1", b: "2" }));
    expect(labelsKey({ a: "1" })).not.toBe(labelsKey({ a: "1", b: "2" }));
  });

  it("agrees with a walk of the pods under random churn", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const t = new ControlledPodTally();
    const pods = new Map<string, Pod>();
    const owners = ["rs1", "rs2", undefined];
    const labelSets: Record<string, string>[] = [{ app: "web" }, { app: "web", tier: "a" }, { app: "db" }];
    for (let i = 0; i < 3000; i++) {
      const name = `p${Math.floor(rnd() * 60)}`;
      const old = pods.get(name);
      if (old && rnd() < 0.2) {
        pods.delete(name);
        // As the informer does: the DELETED event's object is a copy of the last state, not the cached one.
        t.observe({ ...old, metadata: { ...old.metadata, resourceVersion: "deleted" } }, undefined);
        continue;
      }
      const next = pod(name, pick(owners), pick(labelSets), {
        ready: rnd() < 0.5,
        phase: rnd() < 0.1 ? "Failed" : "Running",
        deleting: rnd() < 0.1,
      });
      pods.set(name, next);
      t.observe(old, next);
      if (i % 100 === 0) {
        for (const uid of ["uid-rs1", "uid-rs2"]) {
          const got = new Map([...t.groups(uid)].map(([k, g]) => [k, { active: g.active, ready: g.ready }]));
          expect(got).toEqual(walk(pods.values(), uid));
        }
      }
    }
  });
});
