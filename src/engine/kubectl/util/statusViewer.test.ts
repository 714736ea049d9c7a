// The status lines are upstream's (kubectl pkg/polymorphichelpers/rollout_status.go), checked against
// the cases of rollout_status_test.go (TestDeploymentStatusViewerStatus).
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { daemonSetStatus, deploymentStatus, statefulSetStatus, statusViewerFor } from "./statusViewer";

function deployment(generation: number, replicas: number, status: Record<string, unknown>, annotations: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "foo", namespace: "bar", generation, annotations } as KubeObject["metadata"],
    spec: { replicas },
    status,
  };
}

describe("deploymentStatus", () => {
  it.each([
    [{ observedGeneration: 1, replicas: 1, updatedReplicas: 0, availableReplicas: 1 }, 1, 'Waiting for deployment "foo" rollout to finish: 0 out of 1 new replicas have been updated...\n', false],
    [{ observedGeneration: 1, replicas: 2, updatedReplicas: 1, availableReplicas: 2 }, 1, 'Waiting for deployment "foo" rollout to finish: 1 old replicas are pending termination...\n', false],
    [{ observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 0 }, 1, 'Waiting for deployment "foo" rollout to finish: 0 of 1 updated replicas are available...\n', false],
    [{ observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 1 }, 1, 'deployment "foo" successfully rolled out\n', true],
    [{ observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 1 }, 2, "Waiting for deployment spec update to be observed...\n", false],
  ])("%j at generation %d", (status, generation, message, done) => {
    expect(deploymentStatus(deployment(generation, 1, status), 0)).toEqual({ message, done });
  });

  it("fails when the progress deadline was exceeded", () => {
    const d = deployment(1, 3, { observedGeneration: 1, conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" }] });
    expect(deploymentStatus(d, 0).error).toBe('deployment "foo" exceeded its progress deadline');
  });

  it("pins a revision", () => {
    const d = deployment(1, 1, { observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 1 }, { "deployment.kubernetes.io/revision": "2" });
    expect(deploymentStatus(d, 3).error).toBe("desired revision (3) is different from the running revision (2)");
    expect(deploymentStatus(d, 2).done).toBe(true);
  });
});

describe("other viewers", () => {
  it("daemon sets and stateful sets", () => {
    const ds = { apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "ds", generation: 1 }, spec: {}, status: { observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 2 } } as unknown as KubeObject;
    expect(daemonSetStatus(ds).message).toBe('Waiting for daemon set "ds" rollout to finish: 2 of 3 updated pods are available...\n');
    const sts = { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "web", generation: 1 }, spec: { replicas: 3 }, status: { observedGeneration: 1, readyReplicas: 1 } } as unknown as KubeObject;
    expect(statefulSetStatus(sts).message).toBe("Waiting for 2 pods to be ready...\n");
    expect(statusViewerFor("Pod", "")).toBe("no status viewer has been implemented for Pod");
  });
});
