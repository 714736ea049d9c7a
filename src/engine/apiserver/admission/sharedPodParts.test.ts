import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { admit, type AdmissionContext } from "./index";
import { RecentValues, sameJson } from "./sharedPodParts";

const ctx: AdmissionContext = { operation: "CREATE", namespaceExists: () => "Active", priorityClassValue: () => undefined, random: () => 0.5 };

// What a ReplicaSet controller sends for each replica (GetPodFromTemplate): a fresh object every time.
function replica(): KubeObject {
  return {
    apiVersion: "v1", kind: "Pod",
    metadata: {
      generateName: "web-5744fdf7d4-", namespace: "default",
      labels: { app: "web", "pod-template-hash": "5744fdf7d4" },
      ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-5744fdf7d4", uid: "rs-1", controller: true, blockOwnerDeletion: true }],
    },
    spec: { containers: [{ name: "web", image: "nginx", resources: { requests: { cpu: "10m" } } }], securityContext: {} },
  } as unknown as KubeObject;
}

describe("shared constant parts of admitted pods (memory only: the JSON is unchanged)", () => {
  it("gives replicas of one template the same frozen labels, owner references, resources and security context", () => {
    const a = admit(replica(), ctx);
    const b = admit(replica(), ctx);
    // random() is constant here, so even the token volume's name is the same: identical JSON.
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    for (const get of [
      (p: KubeObject) => p.metadata.labels,
      (p: KubeObject) => p.metadata.ownerReferences,
      (p: KubeObject) => p.spec.containers[0].resources,
      (p: KubeObject) => p.spec.securityContext,
      (p: KubeObject) => p.spec.tolerations,
      (p: KubeObject) => p.spec.volumes[0].projected,
    ]) {
      expect(get(b)).toBe(get(a));
      expect(Object.isFrozen(get(a))).toBe(true);
    }
    // The defaults are still the upstream ones.
    expect(a.spec.tolerations).toEqual([
      { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
    ]);
    // A shared part cannot be changed in place.
    expect(() => { (a.metadata.labels as Record<string, string>).app = "x"; }).toThrow(TypeError);
  });

  it("does not share values that differ, even only in key order", () => {
    const a = admit(replica(), ctx);
    const other = replica();
    other.metadata.labels = { "pod-template-hash": "5744fdf7d4", app: "web" };
    const b = admit(other, ctx);
    expect(b.metadata.labels).not.toBe(a.metadata.labels);
    expect(Object.keys(b.metadata.labels!)).toEqual(["pod-template-hash", "app"]);
  });

  it("compares JSON structurally, key order included", () => {
    expect(sameJson({ a: [1, { b: "x" }], c: null }, { a: [1, { b: "x" }], c: null })).toBe(true);
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameJson({ a: undefined }, {})).toBe(false);
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameJson(new Date(0), {})).toBe(false);
  });

  it("remembers a few recent values and keeps anything that is not plain JSON to itself", () => {
    const r = new RecentValues(2);
    const x = { v: 1 };
    expect(r.intern({ v: 1 })).not.toBe(x);
    const first = r.intern(x);
    expect(r.intern({ v: 1 })).toBe(first);
    r.intern({ v: 2 });
    r.intern({ v: 3 }); // evicts { v: 1 }
    expect(r.intern({ v: 1 })).not.toBe(first);
    const odd = { f: () => 1 };
    expect(r.intern(odd)).toBe(odd);
    expect(Object.isFrozen(odd)).toBe(false);
  });
});
