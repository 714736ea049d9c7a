// Property tests (fast-check) for invariants under random commands and node chaos, on the whole cluster:
// - a StatefulSet never runs two pods with the same ordinal (the "at most one" guarantee of
//   concepts/workloads/controllers/statefulset.md: a replacement waits until the old pod object is gone);
// - a PersistentVolumeClaim is bound to at most one PersistentVolume and a volume to at most one claim
//   (the bi-directional binding of pv_controller.go);
// - a DaemonSet converges to exactly one pod per eligible node after random node churn (daemonset.md:
//   "ensures that all (or some) Nodes run a copy of a Pod"; fluentd-elasticsearch does not tolerate the
//   control-plane taint).
// Seeds are fixed: failures replay.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import type { KubeObject, Pod } from "../api/types";
import { resolveResource } from "../api/registry";
import { ensureKindStorage } from "../controllers/volume/testing/kindStorage";
import type { PersistentVolume, PersistentVolumeClaim } from "../controllers/volume/types";
import type { Cluster } from "../sim/cluster";
import { deepCopy } from "../sim/clone";
import { fixtures, newCluster } from "./testCluster";

const PODS = resolveResource("pods")!;
const PVCS = resolveResource("persistentvolumeclaims")!;
const PVS = resolveResource("persistentvolumes")!;
const WORKERS = ["node-1", "node-2", "node-3"];

function tryApi(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    // Refusals (404 after a race, 409, 422) are what a user would see; anything else is a bug.
    if (!(e instanceof Error && "code" in e)) throw e;
  }
}

/** Advances in 1s slices, checking the invariant after each. */
function advanceChecking(c: Cluster, ms: number, check: () => void): void {
  for (let t = 0; t < ms; t += 1_000) {
    c.advance(Math.min(1_000, ms - t));
    check();
  }
}

// ---- StatefulSet ----

type StsOp =
  | { op: "scale"; replicas: number }
  | { op: "delete"; ordinal: number; force: boolean }
  | { op: "kill"; node: string }
  | { op: "restore"; node: string }
  | { op: "wait"; ms: number };

const stsOp: fc.Arbitrary<StsOp> = fc.oneof(
  fc.record({ op: fc.constant("scale" as const), replicas: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ op: fc.constant("delete" as const), ordinal: fc.integer({ min: 0, max: 3 }), force: fc.boolean() }),
  fc.record({ op: fc.constant("kill" as const), node: fc.constantFrom(...WORKERS) }),
  fc.record({ op: fc.constant("restore" as const), node: fc.constantFrom(...WORKERS) }),
  fc.record({ op: fc.constant("wait" as const), ms: fc.integer({ min: 1_000, max: 90_000 }) }),
);

/** Ordinal → number of running copies: workers with a running container on machines that are up. */
function runningCopies(c: Cluster): Map<string, number> {
  const n = new Map<string, number>();
  for (const k of c.kubelets.values()) {
    if (!k.alive) continue;
    for (let i = 0; i < 6; i++) {
      const w = k.worker("default", `web-${i}`);
      if (w && !w.finished && w.containers.some((x) => x.phase === "running")) n.set(`web-${i}`, (n.get(`web-${i}`) ?? 0) + 1);
    }
  }
  return n;
}

describe("StatefulSet: at most one pod per ordinal", () => {
  it("holds under scaling, deletions, force deletions and node deaths", () => {
    fc.assert(
      fc.property(fc.array(stsOp, { minLength: 3, maxLength: 10 }), (ops) => {
        const c = newCluster();
        ensureKindStorage(c);
        for (const o of fixtures("web.yaml")) c.api.create("kubectl", o);
        const check = () => {
          for (const [name, copies] of runningCopies(c)) expect({ name, copies }).toEqual({ name, copies: 1 });
        };
        advanceChecking(c, 20_000, check);
        for (const o of ops) {
          if (o.op === "scale") {
            tryApi(() => {
              const sts = deepCopy(c.store.get("statefulsets", "statefulsets/default/web")!);
              sts.spec.replicas = o.replicas;
              c.api.update("kubectl", sts);
            });
          } else if (o.op === "delete") {
            tryApi(() => c.api.delete("kubectl", PODS, "default", `web-${o.ordinal}`, o.force ? { gracePeriodSeconds: 0 } : {}));
          } else if (o.op === "kill") {
            if (c.kubeletOf(o.node).alive) c.killNode(o.node);
          } else if (o.op === "restore") {
            if (!c.kubeletOf(o.node).alive) c.restoreNode(o.node);
          }
          advanceChecking(c, o.op === "wait" ? o.ms : 2_000, check);
        }
        expect(c.internalErrors).toEqual([]);
      }),
      { numRuns: 12, seed: 34 },
    );
  });
});

// ---- PV / PVC binding ----

type BindOp =
  | { op: "pv"; size: string; cls: string; modes: string[] }
  | { op: "pvc"; size: string; cls: string; modes: string[] }
  | { op: "pod"; claim: number }
  | { op: "deletePVC"; claim: number }
  | { op: "deletePV"; volume: number }
  | { op: "wait"; ms: number };

const size: fc.Arbitrary<string> = fc.constantFrom("1Gi", "2Gi", "5Gi");
const modes: fc.Arbitrary<string[]> = fc.constantFrom<string[]>(["ReadWriteOnce"], ["ReadWriteOnce", "ReadOnlyMany"], ["ReadWriteMany"]);
const bindOp: fc.Arbitrary<BindOp> = fc.oneof(
  fc.record({ op: fc.constant("pv" as const), size, cls: fc.constantFrom<string>("manual", "slow"), modes }),
  fc.record({ op: fc.constant("pvc" as const), size, cls: fc.constantFrom<string>("manual", "slow", "standard"), modes }),
  fc.record({ op: fc.constant("pod" as const), claim: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant("deletePVC" as const), claim: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant("deletePV" as const), volume: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant("wait" as const), ms: fc.integer({ min: 1_000, max: 30_000 }) }),
);

function checkOneToOne(c: Cluster): void {
  const byClaim = new Map<string, string[]>();
  for (const pv of c.list<PersistentVolume>("persistentvolumes")) {
    const uid = pv.spec.claimRef?.uid;
    if (pv.status?.phase === "Bound" && uid) byClaim.set(uid, [...(byClaim.get(uid) ?? []), pv.metadata.name]);
  }
  for (const [uid, vols] of byClaim) expect({ uid, vols: vols.length }).toEqual({ uid, vols: 1 });
  const byVolume = new Map<string, string[]>();
  for (const pvc of c.list<PersistentVolumeClaim>("persistentvolumeclaims")) {
    const v = pvc.spec.volumeName;
    if (pvc.status?.phase === "Bound" && v) byVolume.set(v, [...(byVolume.get(v) ?? []), pvc.metadata.name]);
  }
  for (const [v, cs] of byVolume) expect({ v, claims: cs.length }).toEqual({ v, claims: 1 });
}

describe("PersistentVolume ↔ PersistentVolumeClaim: one to one", () => {
  it("holds under random volumes, claims, consumers and deletions", () => {
    fc.assert(
      fc.property(fc.array(bindOp, { minLength: 4, maxLength: 16 }), (ops) => {
        const c = newCluster({ seed: 2 });
        ensureKindStorage(c);
        let pvs = 0;
        let pvcs = 0;
        let pods = 0;
        for (const o of ops) {
          if (o.op === "pv") {
            const name = `pv-${pvs++}`;
            c.api.create("kubectl", { apiVersion: "v1", kind: "PersistentVolume", metadata: { name }, spec: { storageClassName: o.cls, capacity: { storage: o.size }, accessModes: o.modes, hostPath: { path: `/mnt/${name}` } } } as unknown as KubeObject);
          } else if (o.op === "pvc") {
            c.api.create("kubectl", { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: `claim-${pvcs++}` }, spec: { storageClassName: o.cls, accessModes: o.modes, resources: { requests: { storage: o.size } } } } as unknown as KubeObject);
          } else if (o.op === "pod") {
            c.api.create("kubectl", { apiVersion: "v1", kind: "Pod", metadata: { name: `user-${pods++}` }, spec: { volumes: [{ name: "d", persistentVolumeClaim: { claimName: `claim-${o.claim}` } }], containers: [{ name: "c", image: "busybox", command: ["sleep", "3600"] }] } } as unknown as KubeObject);
          } else if (o.op === "deletePVC") {
            tryApi(() => c.api.delete("kubectl", PVCS, "default", `claim-${o.claim}`));
          } else if (o.op === "deletePV") {
            tryApi(() => c.api.delete("kubectl", PVS, undefined, `pv-${o.volume}`));
          }
          advanceChecking(c, o.op === "wait" ? o.ms : 1_000, () => checkOneToOne(c));
        }
        advanceChecking(c, 20_000, () => checkOneToOne(c));
        expect(c.internalErrors).toEqual([]);
      }),
      { numRuns: 12, seed: 11 },
    );
  });
});

// ---- DaemonSet ----

type ChurnOp = { op: "add" } | { op: "kill"; node: number } | { op: "restore"; node: number } | { op: "wait"; ms: number };

const churnOp: fc.Arbitrary<ChurnOp> = fc.oneof(
  fc.record({ op: fc.constant("add" as const) }),
  fc.record({ op: fc.constant("kill" as const), node: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ op: fc.constant("restore" as const), node: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ op: fc.constant("wait" as const), ms: fc.integer({ min: 1_000, max: 120_000 }) }),
);

const daemonSet = (): KubeObject => yaml.load(readFileSync(join(import.meta.dirname, "fixtures", "storage", "daemonset.yaml"), "utf8")) as KubeObject;

describe("DaemonSet: one pod per eligible node after node churn", () => {
  it("converges after random additions, deaths and recoveries", () => {
    fc.assert(
      fc.property(fc.array(churnOp, { minLength: 3, maxLength: 10 }), (ops) => {
        const c = newCluster({ seed: 3 });
        c.api.create("kubectl", daemonSet());
        let added = 0;
        for (const o of ops) {
          const workers = [...c.kubelets.keys()].filter((n) => n !== "control-plane").sort();
          if (o.op === "add") c.addWorker(`extra-${added++}`);
          else if (o.op === "kill") {
            const n = workers[o.node % workers.length]!;
            if (c.kubeletOf(n).alive) c.killNode(n);
          } else if (o.op === "restore") {
            const n = workers[o.node % workers.length]!;
            if (!c.kubeletOf(n).alive) c.restoreNode(n);
          }
          c.advance(o.op === "wait" ? o.ms : 5_000);
        }
        // The churn ends: every machine is up again; give the controllers time to settle.
        for (const [n, k] of c.kubelets) if (!k.alive) c.restoreNode(n);
        c.advance(180_000);
        const daemonPods = c.list<Pod>("pods", "kube-system").filter((p) => p.metadata.name.startsWith("fluentd-elasticsearch-") && !p.metadata.deletionTimestamp);
        for (const node of c.list("nodes")) {
          const name = node.metadata.name;
          const eligible = !(node.spec?.taints ?? []).some((t: { key: string; effect: string }) => t.key === "node-role.kubernetes.io/control-plane" && t.effect === "NoSchedule");
          const mine = daemonPods.filter((p) => p.spec.nodeName === name);
          expect({ name, pods: mine.length }).toEqual({ name, pods: eligible ? 1 : 0 });
          if (eligible) expect({ name, phase: mine[0]!.status?.phase }).toEqual({ name, phase: "Running" });
        }
        expect(daemonPods.every((p) => p.spec.nodeName)).toBe(true);
        expect(c.internalErrors).toEqual([]);
      }),
      { numRuns: 10, seed: 5 },
    );
  });
});
