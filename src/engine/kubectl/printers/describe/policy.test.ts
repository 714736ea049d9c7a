// kubectl describe pdb (kubectl pkg/describe/describe.go describePodDisruptionBudgetV1), as the
// configure-pdb page of the documentation shows it.
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../api/types";
import { describePodDisruptionBudget } from "./policy";

const meta = (name: string, namespace?: string) => ({ name, ...(namespace ? { namespace } : {}), uid: "u", resourceVersion: "1", creationTimestamp: "2025-01-01T00:00:00Z" });

describe("describePodDisruptionBudget", () => {
  it("describes a PodDisruptionBudget with the controller's counts", () => {
    const pdb = { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: meta("zk-pdb", "default"), spec: { minAvailable: 2, selector: { matchLabels: { "app.kubernetes.io/name": "zookeeper" } } }, status: { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 } } as unknown as KubeObject;
    expect(describePodDisruptionBudget(pdb, [], 0)).toBe(
      "Name:           zk-pdb\n" +
        "Namespace:      default\n" +
        "Min available:  2\n" +
        "Selector:       app.kubernetes.io/name=zookeeper\n" +
        "Status:\n" +
        "    Allowed disruptions:  1\n" +
        "    Current:              3\n" +
        "    Desired:              2\n" +
        "    Total:                3\n" +
        "Events:                   <none>\n",
    );
  });
});
