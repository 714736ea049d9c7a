import { describe, expect, it } from "vitest";
import type { KubeObject, Pod } from "../../api/types";
import { calculateUsage } from "./calculateUsage";
import { podEvaluator, quotaV1Pod } from "./evaluators";
import { mask, toObject } from "./resources";

function pod(name: string, containers: Pod["spec"]["containers"], extra: Partial<Pod> = {}): Pod {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "ns", uid: name }, spec: { containers }, status: { phase: "Running" }, ...extra } as Pod;
}

const c = (name: string, requests?: Record<string, string>, limits?: Record<string, string>) => ({ name, image: "nginx", resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } });

describe("pod evaluator (k/k pkg/quota/v1/evaluator/core/pods.go)", () => {
  it("usage: count/pods always; requests/limits (and the cpu/memory aliases of requests) while the pod is live", () => {
    const p = pod("a", [c("x", { cpu: "200m", memory: "100Mi" }, { cpu: "500m", memory: "200Mi" }), c("y", { cpu: "100m" })]);
    expect(toObject(podEvaluator.usage(p, 0))).toMatchObject({
      "count/pods": "1",
      pods: "1",
      cpu: "300m",
      "requests.cpu": "300m",
      "requests.memory": "100Mi",
      "limits.cpu": "500m",
      "limits.memory": "200Mi",
    });
    const done = { ...p, status: { phase: "Succeeded" } } as Pod;
    expect(toObject(podEvaluator.usage(done, 0))).toEqual({ "count/pods": "1" });
  });

  it("QuotaV1Pod: a pod past its deletion grace period is no longer charged", () => {
    const t = Date.parse("2025-01-01T00:00:00Z");
    const p = pod("a", [c("x")], { metadata: { name: "a", namespace: "ns", uid: "a", deletionTimestamp: "2025-01-01T00:00:00Z", deletionGracePeriodSeconds: 30 } } as Partial<Pod>);
    expect(quotaV1Pod(p, t + 29_000)).toBe(true);
    expect(quotaV1Pod(p, t + 31_000)).toBe(false);
  });

  it("constraints: every container must name each tracked compute resource (sorted, comma-joined)", () => {
    const p = pod("a", [c("b", { cpu: "1" }), c("a")]);
    expect(podEvaluator.constraints(["limits.cpu", "requests.cpu", "pods"], p)).toBe("must specify limits.cpu for: a,b; requests.cpu for: a");
    expect(podEvaluator.constraints(["pods", "count/pods"], p)).toBeUndefined();
  });

  it("calculateUsage sums the namespace's pods; the controller masks it to the hard names", () => {
    const quota = { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "q", namespace: "ns" }, spec: { hard: { pods: "4", "requests.cpu": "2" } } } as unknown as KubeObject;
    const list = (r: string) => (r === "pods" ? [pod("a", [c("x", { cpu: "250m" })]), pod("b", [c("x", { cpu: "1" })])] : []);
    const used = calculateUsage(quota, ["pods", "requests.cpu"], list, 0);
    expect(toObject(used)).toMatchObject({ pods: "2", "requests.cpu": "1250m", "count/pods": "2" });
    expect(toObject(mask(used, ["pods", "requests.cpu"]))).toEqual({ pods: "2", "requests.cpu": "1250m" });
  });
});
