import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types";
import { endpointPods, ingressView, sameItem, taintString, workloadView } from "./viewItems";

const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: "default", uid: `uid-${name}`, resourceVersion: "1", creationTimestamp: "2025-01-01T00:00:00Z", ...extra });
const obj = (kind: string, o: Record<string, unknown>) => ({ apiVersion: "v1", kind, ...o }) as unknown as KubeObject;

describe("view items", () => {
  it("prints READY as kubectl get prints it for each workload kind", () => {
    const deploy = obj("Deployment", { metadata: meta("web"), spec: { replicas: 3 }, status: { readyReplicas: 2 } });
    expect(workloadView(deploy, "Deployment")).toMatchObject({ ready: "2/3", desired: 3 });
    const rs = obj("ReplicaSet", { metadata: meta("web-1", { ownerReferences: [{ kind: "Deployment", name: "web", uid: "uid-web", controller: true }] }), spec: { replicas: 3 }, status: { readyReplicas: 1 } });
    expect(workloadView(rs, "ReplicaSet")).toMatchObject({ ready: "1/3", desired: 3, ownerKind: "Deployment", ownerId: "uid-web" });
    const sts = obj("StatefulSet", { metadata: meta("db"), spec: {}, status: {} });
    // spec.replicas defaults to 1 when unset.
    expect(workloadView(sts, "StatefulSet")).toMatchObject({ ready: "0/1", desired: 1 });
    const ds = obj("DaemonSet", { metadata: meta("agent"), spec: {}, status: { desiredNumberScheduled: 4, numberReady: 3 } });
    expect(workloadView(ds, "DaemonSet")).toMatchObject({ ready: "3/4", desired: 4 });
    // Job COMPLETIONS: "succeeded/completions", or "n/1 of p" for a parallel job without completions.
    expect(workloadView(obj("Job", { metadata: meta("pi"), spec: { completions: 5 }, status: { succeeded: 2 } }), "Job").ready).toBe("2/5");
    expect(workloadView(obj("Job", { metadata: meta("q"), spec: { parallelism: 3 }, status: {} }), "Job").ready).toBe("0/1 of 3");
    expect(workloadView(obj("CronJob", { metadata: meta("c"), spec: {}, status: { active: [{}, {}] } }), "CronJob").ready).toBe("2 active");
  });

  it("prints taints as kubectl describe node does", () => {
    expect(taintString({ key: "node.kubernetes.io/unreachable", effect: "NoExecute" })).toBe("node.kubernetes.io/unreachable:NoExecute");
    expect(taintString({ key: "dedicated", value: "gpu", effect: "NoSchedule" })).toBe("dedicated=gpu:NoSchedule");
  });

  it("splits endpoint pods by readiness, a nil condition meaning ready", () => {
    const slice = obj("EndpointSlice", {
      metadata: meta("s"),
      endpoints: [
        { targetRef: { kind: "Pod", uid: "b" }, conditions: { ready: true } },
        { targetRef: { kind: "Pod", uid: "a" } },
        { targetRef: { kind: "Pod", uid: "c" }, conditions: { ready: false } },
        { addresses: ["10.0.0.9"] },
      ],
    });
    expect(endpointPods([slice])).toEqual({ ready: ["a", "b"], notReady: ["c"] });
  });

  it("links an Ingress to the Services its rules and default backend name", () => {
    const ing = obj("Ingress", {
      metadata: meta("web"),
      spec: {
        defaultBackend: { service: { name: "fallback" } },
        rules: [{ host: "a.example", http: { paths: [{ backend: { service: { name: "web" } } }] } }, { http: { paths: [{ backend: { service: { name: "api" } } }] } }],
      },
    });
    expect(ingressView(ing)).toMatchObject({ hosts: "a.example", serviceNames: ["api", "fallback", "web"] });
  });

  it("compares items structurally one level deep", () => {
    const a = { kind: "Pod", id: "1", labels: { app: "x" }, taints: ["t"] };
    expect(sameItem(a, { kind: "Pod", id: "1", labels: { app: "x" }, taints: ["t"] })).toBe(true);
    expect(sameItem(a, { kind: "Pod", id: "1", labels: { app: "y" }, taints: ["t"] })).toBe(false);
    expect(sameItem(a, { kind: "Pod", id: "1", labels: { app: "x" }, taints: [] })).toBe(false);
    expect(sameItem(a, { kind: "Pod", id: "1", labels: { app: "x" } })).toBe(false);
  });
});
