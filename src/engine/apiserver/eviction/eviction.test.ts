// The Eviction API's rules, from k/k pkg/registry/core/pod/storage/eviction.go and web
// concepts/scheduling-eviction/api-eviction.md: 429 when the budget allows no disruption (or its status
// is stale), a spent allowance recorded in disruptedPods, Pending/terminating pods evicted freely,
// unready pods under IfHealthyBudget/AlwaysAllow, two budgets → 500, and the DisruptionTarget condition.
import { describe, expect, it } from "vitest";
import type { KubeObject, Pod } from "../../api/types";
import { resolveResource } from "../../api/registry";
import { newKernel } from "../../testing/kernel";
import { ApiError } from "../errors";
import { EVICTION_MESSAGE, TooManyRequestsError } from "./eviction";

const PODS = resolveResource("pods")!;
const T = "2025-01-01T00:00:00Z";

function setup() {
  const k = newKernel({ freeze: true });
  const pod = (name: string, opts: { ready?: boolean; phase?: string; labels?: Record<string, string> } = {}): Pod => {
    k.api.create("test", { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default", labels: opts.labels ?? { app: "web" } }, spec: { nodeName: "n1", containers: [{ name: "c", image: "nginx" }] } } as never);
    return k.api.patch("kubelet/n1", PODS, "default", name, (p) => {
      p.status = { phase: opts.phase ?? "Running", conditions: [{ type: "Ready", status: opts.ready === false ? "False" : "True", lastTransitionTime: T }] };
    }, "status") as Pod;
  };
  const pdb = (name: string, status: Record<string, unknown>, spec: Record<string, unknown> = { minAvailable: 2 }): KubeObject => {
    const created = k.api.create("test", { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name, namespace: "default" }, spec: { selector: { matchLabels: { app: "web" } }, ...spec } } as never);
    return k.api.updateStatus("disruption-controller", { ...created, status: { observedGeneration: 1, ...status } });
  };
  const evict = (name: string): unknown => {
    try {
      k.api.evict("kubectl", "default", name);
      return "evicted";
    } catch (e) {
      return e;
    }
  };
  const get = (res: string, name: string) => k.store.get(res, `${res}/default/${name}`);
  return { k, pod, pdb, evict, get };
}

describe("eviction subresource", () => {
  it("refuses with 429 when the budget allows no disruption, naming the budget in the cause", () => {
    const { pod, pdb, evict, get } = setup();
    pod("web-1");
    pdb("web-pdb", { disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2, expectedPods: 2 });
    const e = evict("web-1") as TooManyRequestsError;
    expect(e).toBeInstanceOf(TooManyRequestsError);
    expect(e.code).toBe(429);
    expect(e.message).toBe(EVICTION_MESSAGE);
    expect(e.budgetCause).toBe("The disruption budget web-pdb needs 2 healthy pods and has 2 currently");
    expect(get("pods", "web-1")?.metadata.deletionTimestamp).toBeUndefined();
  });

  it("spends the allowance, records the pod in disruptedPods and deletes it gracefully with DisruptionTarget", () => {
    const { k, pod, pdb, evict, get } = setup();
    pod("web-1");
    pdb("web-pdb", { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 });
    expect(evict("web-1")).toBe("evicted");
    const status = get("poddisruptionbudgets", "web-pdb")!.status;
    expect(status.disruptionsAllowed).toBe(0);
    expect(status.disruptedPods).toEqual({ "web-1": "2025-01-01T00:00:00Z" });
    expect(status.conditions).toEqual([{ type: "DisruptionAllowed", status: "False", observedGeneration: 1, lastTransitionTime: T, reason: "InsufficientPods", message: "" }]);
    const p = get("pods", "web-1") as Pod;
    expect(p.metadata.deletionTimestamp).toBe("2025-01-01T00:00:30Z");
    expect(p.status?.conditions?.find((c) => c.type === "DisruptionTarget")).toMatchObject({ status: "True", reason: "EvictionByEvictionAPI", message: "Eviction API: evicting" });
    // One audited request for the eviction; the budget update goes out through the loopback client.
    expect(k.audit.since(0).slice(-2).map((e) => [e.actor, e.verb, e.resource, e.subresource, e.code])).toEqual([
      ["system:apiserver", "update", "poddisruptionbudgets", "status", 200],
      ["kubectl", "create", "pods", "eviction", 201],
    ]);
  });

  it("answers 429 while the budget's status is older than its spec", () => {
    const { k, pod, pdb, evict } = setup();
    pod("web-1");
    const b = pdb("web-pdb", { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 });
    k.api.update("test", { ...b, spec: { ...b.spec, minAvailable: 3 } });
    expect((evict("web-1") as TooManyRequestsError).budgetCause).toBe("The disruption budget web-pdb is still being processed by the server.");
  });

  it("evicts Pending and finished pods without looking at budgets", () => {
    const { pod, pdb, evict, get } = setup();
    pod("pending", { phase: "Pending", ready: false });
    pod("done", { phase: "Succeeded", ready: false });
    pdb("web-pdb", { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 2, expectedPods: 2 });
    expect(evict("pending")).toBe("evicted");
    expect(evict("done")).toBe("evicted");
    expect(get("pods", "done")).toBeUndefined(); // a finished pod goes at once
    expect(get("poddisruptionbudgets", "web-pdb")!.status.disruptedPods).toBeUndefined();
  });

  it("lets an unready pod go without spending the budget when the application is healthy (IfHealthyBudget)", () => {
    const { pod, pdb, evict, get } = setup();
    pod("sick", { ready: false });
    pdb("web-pdb", { disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2, expectedPods: 3 });
    expect(evict("sick")).toBe("evicted");
    expect(get("poddisruptionbudgets", "web-pdb")!.status.disruptionsAllowed).toBe(0);
  });

  it("protects an unready pod while the application is short, unless the policy is AlwaysAllow", () => {
    const { pod, pdb, evict } = setup();
    pod("sick", { ready: false });
    pdb("web-pdb", { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 2, expectedPods: 3 });
    expect(evict("sick")).toBeInstanceOf(TooManyRequestsError);
    const s2 = setup();
    s2.pod("sick", { ready: false });
    s2.pdb("web-pdb", { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 2, expectedPods: 3 }, { minAvailable: 2, unhealthyPodEvictionPolicy: "AlwaysAllow" });
    expect(s2.evict("sick")).toBe("evicted");
  });

  it("refuses a pod covered by two budgets, and a missing pod with 404", () => {
    const { pod, pdb, evict } = setup();
    pod("web-1");
    pdb("a", { disruptionsAllowed: 1 });
    pdb("b", { disruptionsAllowed: 1 });
    const e = evict("web-1") as ApiError;
    expect([e.code, e.message]).toEqual([500, "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."]);
    expect((evict("nope") as ApiError).toKubectl()).toBe('Error from server (NotFound): pods "nope" not found');
  });
});
