import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/types";
import { matchPodFailurePolicy } from "./podFailurePolicy";
import type { JobSpec } from "./jobTypes";

function failedPod(exit: Record<string, number>, conditions: { type: string; status: "True" | "False" }[] = [], init: Record<string, number> = {}): Pod {
  const cs = (m: Record<string, number>) => Object.entries(m).map(([name, exitCode]) => ({
    name, state: { terminated: { exitCode } }, lastState: {}, ready: false, restartCount: 0, image: "x", imageID: "",
  }));
  return {
    apiVersion: "v1", kind: "Pod",
    metadata: { name: "p-abcde", namespace: "default", uid: "u", resourceVersion: "1", creationTimestamp: "" },
    spec: { containers: [] },
    status: { phase: "Failed", containerStatuses: cs(exit), initContainerStatuses: cs(init), conditions },
  } as Pod;
}

// corpus: job-pod-failure-policy-example.yaml
const POLICY: JobSpec["podFailurePolicy"] = {
  rules: [
    { action: "FailJob", onExitCodes: { containerName: "main", operator: "In", values: [42] } },
    { action: "Ignore", onPodConditions: [{ type: "DisruptionTarget" }] },
  ],
};

describe("matchPodFailurePolicy (pod_failure_policy.go)", () => {
  it("FailJob on an exit code gives upstream's message", () => {
    expect(matchPodFailurePolicy(POLICY, failedPod({ main: 42 }))).toEqual({
      jobFailureMessage: "Container main for pod default/p-abcde failed with exit code 42 matching FailJob rule at index 0",
      countFailed: true,
      action: "FailJob",
    });
  });

  it("a different container name or exit code does not match; exit code 0 never matches", () => {
    expect(matchPodFailurePolicy(POLICY, failedPod({ sidecar: 42 }))).toEqual({ countFailed: true });
    expect(matchPodFailurePolicy(POLICY, failedPod({ main: 1 }))).toEqual({ countFailed: true });
    const notIn: JobSpec["podFailurePolicy"] = { rules: [{ action: "Count", onExitCodes: { operator: "NotIn", values: [1] } }] };
    expect(matchPodFailurePolicy(notIn, failedPod({ main: 0 }))).toEqual({ countFailed: true });
    expect(matchPodFailurePolicy(notIn, failedPod({ main: 2 }))).toEqual({ countFailed: true, action: "Count" });
  });

  it("Ignore on a pod condition does not count the failure; FailJob on a condition names it", () => {
    expect(matchPodFailurePolicy(POLICY, failedPod({ main: 137 }, [{ type: "DisruptionTarget", status: "True" }]))).toEqual({ countFailed: false, action: "Ignore" });
    const failOnCond: JobSpec["podFailurePolicy"] = { rules: [{ action: "FailJob", onPodConditions: [{ type: "ConfigIssue", status: "True" }] }] };
    expect(matchPodFailurePolicy(failOnCond, failedPod({}, [{ type: "ConfigIssue", status: "True" }])).jobFailureMessage).toBe(
      "Pod default/p-abcde has condition ConfigIssue matching FailJob rule at index 0",
    );
  });

  it("init container exit codes are checked after regular containers; FailIndex counts", () => {
    const p: JobSpec["podFailurePolicy"] = { rules: [{ action: "FailIndex", onExitCodes: { operator: "In", values: [3] } }] };
    expect(matchPodFailurePolicy(p, failedPod({}, [], { init: 3 }))).toEqual({ countFailed: true, action: "FailIndex" });
    expect(matchPodFailurePolicy(undefined, failedPod({ main: 3 }))).toEqual({ countFailed: true });
  });
});
