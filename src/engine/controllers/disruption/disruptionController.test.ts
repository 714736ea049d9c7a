// The disruption controller's status (k/k pkg/controller/disruption/disruption.go updatePdbStatus,
// failSafe): expectedPods / desiredHealthy / currentHealthy / disruptionsAllowed, the DisruptionAllowed
// condition (SufficientPods / InsufficientPods / SyncFailed), and the events it records.
import { describe, expect, it } from "vitest";
import type { KubeEvent, KubeObject } from "../../api/types";
import { resolveResource } from "../../api/registry";
import { newKernel } from "../../testing/kernel";
import { DisruptionController } from "./disruptionController";

const PODS = resolveResource("pods")!;

function setup() {
  const k = newKernel({ freeze: true });
  new DisruptionController(k.ctx).start();
  k.informers.startAll();
  const owner = (kind: string, apiVersion: string, name: string, replicas: number): KubeObject =>
    k.api.create("test", { apiVersion, kind, metadata: { name, namespace: "default" }, spec: { replicas, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } } } as never);
  const pod = (name: string, ref?: KubeObject, ready = true): void => {
    k.api.create("test", {
      apiVersion: "v1", kind: "Pod",
      metadata: { name, namespace: "default", labels: { app: "web" }, ...(ref ? { ownerReferences: [{ apiVersion: ref.apiVersion, kind: ref.kind, name: ref.metadata.name, uid: ref.metadata.uid, controller: true }] } : {}) },
      spec: { nodeName: "n1", containers: [{ name: "c", image: "nginx" }] },
    } as never);
    k.api.patch("kubelet/n1", PODS, "default", name, (p) => {
      p.status = { phase: "Running", conditions: [{ type: "Ready", status: ready ? "True" : "False" }] };
    }, "status");
  };
  const pdb = (spec: Record<string, unknown>): void => {
    k.api.create("test", { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "web-pdb", namespace: "default" }, spec: { selector: { matchLabels: { app: "web" } }, ...spec } } as never);
  };
  const status = () => k.store.get("poddisruptionbudgets", "poddisruptionbudgets/default/web-pdb")!.status;
  const events = () => (k.store.list("events", "default") as KubeEvent[]).map((e) => `${e.reason}: ${e.message}`);
  return { k, owner, pod, pdb, status, events };
}

describe("DisruptionController", () => {
  it("computes the status of a maxUnavailable budget from the ReplicaSet's scale", () => {
    const { k, owner, pod, pdb, status } = setup();
    const rs = owner("ReplicaSet", "apps/v1", "web-5d4f8", 3);
    for (const n of ["a", "b", "c"]) pod(n, rs);
    pdb({ maxUnavailable: 1 });
    k.advance(100);
    expect(status()).toEqual({
      observedGeneration: 1,
      disruptionsAllowed: 1,
      currentHealthy: 3,
      desiredHealthy: 2,
      expectedPods: 3,
      conditions: [{ type: "DisruptionAllowed", status: "True", observedGeneration: 1, lastTransitionTime: "2025-01-01T00:00:00Z", reason: "SufficientPods", message: "" }],
    });
    k.advance(10_000);
    k.api.delete("test", PODS, "default", "a");
    k.advance(100);
    expect(status()).toMatchObject({ disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2 });
    expect(status().conditions[0]).toMatchObject({ status: "False", reason: "InsufficientPods", lastTransitionTime: "2025-01-01T00:00:10Z" });
  });

  it("counts a Deployment's replicas for pods of its ReplicaSet, and rounds percentages up", () => {
    const { k, owner, pod, pdb, status } = setup();
    const d = owner("Deployment", "apps/v1", "web", 4);
    const rs = k.api.create("test", { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web-7c5d", namespace: "default", ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: d.metadata.uid, controller: true }] }, spec: { replicas: 4, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } } } as never);
    for (const n of ["a", "b", "c"]) pod(n, rs);
    pod("d", rs, false);
    pdb({ minAvailable: "60%" });
    k.advance(100);
    expect(status()).toMatchObject({ expectedPods: 4, desiredHealthy: 3, currentHealthy: 3, disruptionsAllowed: 0 });
  });

  it("says so when a budget selects nothing, and counts bare pods for an integer minAvailable", () => {
    const { k, pod, pdb, status, events } = setup();
    pdb({ minAvailable: 1 });
    k.advance(100);
    expect(events()).toContain("NoPods: No matching pods found");
    expect(status()).toMatchObject({ expectedPods: 0, disruptionsAllowed: 0 });
    pod("bare");
    k.advance(100);
    expect(status()).toMatchObject({ expectedPods: 1, currentHealthy: 1, desiredHealthy: 1, disruptionsAllowed: 0 });
  });

  it("warns that pods without a controller make a maxUnavailable budget meaningless", () => {
    const { k, pod, pdb, status, events } = setup();
    pod("bare");
    pdb({ maxUnavailable: 1 });
    k.advance(100);
    expect(events()).toContain(
      'UnmanagedPods: Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
    );
    expect(status()).toMatchObject({ expectedPods: 0, currentHealthy: 1, desiredHealthy: 0, disruptionsAllowed: 0 });
  });

  it("fails safe (SyncFailed, no disruptions) when the pods' controller has no scale", () => {
    const { k, owner, pod, pdb, status, events } = setup();
    const job = owner("Job", "batch/v1", "pi", 1);
    pod("pi-abcde", job);
    pdb({ maxUnavailable: 1 });
    k.advance(100);
    expect(status().disruptionsAllowed).toBe(0);
    expect(status().conditions[0]).toMatchObject({ type: "DisruptionAllowed", status: "False", reason: "SyncFailed", message: "jobs.batch does not implement the scale subresource" });
    expect(events()).toContain("CalculateExpectedPodCountFailed: Failed to calculate the number of expected pods: jobs.batch does not implement the scale subresource");
  });
});
