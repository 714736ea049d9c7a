// Expected strings follow describeDaemonSet / describeStatefulSet / describeVolumeClaimTemplates
// (kubectl pkg/describe/describe.go) and getPodStatusForController's owner filter.
import { describe, expect, it } from "vitest";
import type { KubeObject, Pod } from "../../../api/types";
import { describeDaemonSet, describeStatefulSet } from "./apps";

const NOW = Date.UTC(2026, 0, 1);
const template = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } };
const pod = (name: string, owner: string, phase: string): Pod =>
  ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default", ownerReferences: [{ kind: "X", name: "x", uid: owner, controller: true }] }, spec: { containers: [] }, status: { phase } }) as unknown as Pod;
const pods = [pod("a", "u1", "Running"), pod("b", "u1", "Pending"), pod("c", "other", "Running")];

describe("describeDaemonSet", () => {
  it("prints scheduling counts with a space (no tab) and the owner's pod phases", () => {
    const ds = {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "fluentd", namespace: "kube-system", uid: "u1" },
      spec: { selector: { matchLabels: { app: "web" } }, template: { ...template, spec: { ...template.spec, nodeSelector: { disk: "ssd" } } } },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 1, numberMisscheduled: 0 },
    } as unknown as KubeObject;
    const out = describeDaemonSet(ds, pods, [], NOW);
    for (const s of [
      "Name:           fluentd\nNamespace:      kube-system\nSelector:       app=web\nNode-Selector:  disk=ssd\n",
      "Desired Number of Nodes Scheduled: 3\n",
      "Current Number of Nodes Scheduled: 2\n",
      "Number of Nodes Scheduled with Up-to-date Pods: 2\n",
      "Number of Nodes Scheduled with Available Pods: 1\n",
      "Number of Nodes Misscheduled: 0\n",
      "Pods Status:  1 Running / 1 Waiting / 0 Succeeded / 0 Failed\n",
    ]) expect(out).toContain(s);
  });
});

describe("describeStatefulSet", () => {
  it("prints replicas, update strategy and volume claim templates", () => {
    const sts = {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "web", namespace: "default", uid: "u1", creationTimestamp: "2026-01-01T00:00:00Z" },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "nginx" } },
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
        template,
        volumeClaimTemplates: [{ metadata: { name: "www" }, spec: { accessModes: ["ReadWriteOnce"], storageClassName: "standard", resources: { requests: { storage: "1Gi" } } } }],
      },
      status: { replicas: 2 },
    } as unknown as KubeObject;
    const out = describeStatefulSet(sts, pods, undefined, NOW);
    for (const s of [
      "CreationTimestamp:  Thu, 01 Jan 2026 00:00:00 +0000\n",
      "Selector:           app=nginx\n",
      "Replicas:           3 desired | 2 total\n",
      "Update Strategy:    RollingUpdate\n  Partition:        0\n",
      "Pods Status:        1 Running / 1 Waiting / 0 Succeeded / 0 Failed\n",
      "Volume Claims:\n  Name:          www\n  StorageClass:  standard\n  Labels:        <none>\n  Annotations:   <none>\n  Capacity:      1Gi\n  Access Modes:  [ReadWriteOnce]\n",
    ]) expect(out).toContain(s);
  });
});
