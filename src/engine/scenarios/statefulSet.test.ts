// web.yaml (oracle 03, SCENARIOS #6): a headless Service and a 2-replica StatefulSet with a
// volumeClaimTemplate. SCENARIOS.md: PVCs www-web-0/www-web-1 "Bound (needs default StorageClass, else
// Pending)". Here the kind cluster's default class `standard` is deleted first, so the claims stay Pending
// and, as upstream, web-0 cannot be scheduled (VolumeBinding) and web-1 is not created (OrderedReady waits
// for web-0). The run with the default class is in storageStatefulSet.test.ts.
import { describe, expect, it } from "vitest";
import type { KubeObject, Pod } from "../api/types";
import { resourceTypeForKind } from "../api/registry";
import { fixtures, newCluster, pods } from "./testCluster";

describe("StatefulSet web (web.yaml) without a StorageClass", () => {
  it("creates www-web-0 then web-0, which stays Pending with VolumeBinding's message; web-1 waits", () => {
    const c = newCluster();
    c.api.delete("kubectl", resourceTypeForKind("storage.k8s.io/v1", "StorageClass")!, undefined, "standard");
    for (const o of fixtures("web.yaml")) c.api.create("kubectl", o);
    c.advance(30_000);
    expect(c.list("persistentvolumeclaims").map((p) => [p.metadata.name, p.status?.phase])).toEqual([["www-web-0", "Pending"]]);
    expect(pods(c).map((p) => p.metadata.name)).toEqual(["web-0"]);
    const web0 = pods(c)[0] as Pod;
    expect(web0.status?.phase).toBe("Pending");
    const message =
      "0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.";
    expect(web0.status?.conditions?.find((x) => x.type === "PodScheduled")).toMatchObject({ status: "False", reason: "Unschedulable", message });
    const events = c.list("events").map((e) => `${(e as KubeObject & { reason: string; message: string }).reason}: ${(e as KubeObject & { message: string }).message}`);
    expect(events).toContain("SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success");
    expect(events).toContain("SuccessfulCreate: create Pod web-0 in StatefulSet web successful");
    expect(c.internalErrors).toEqual([]);
  });
});
