// Expected strings come from upstream kubectl pkg/describe/describe_test.go and from real
// `kubectl describe` output; see each test's comment.
import { describe, expect, it } from "vitest";
import type { Deployment, KubeEvent, Pod, ReplicaSet } from "../../../api/types";
import { describeDeployment, describeReplicaSet } from "./index";

const NOW = Date.UTC(2026, 7, 11, 6, 55, 31);
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;

function event(e: Record<string, unknown>): KubeEvent {
  return { apiVersion: "v1", kind: "Event", metadata: { name: "e", namespace: "foo" }, ...e } as unknown as KubeEvent;
}

describe("describeDeployment", () => {
  const labels = { "k8s-app": "bar" };
  const template = (image: string) => ({
    metadata: { labels },
    spec: {
      containers: [{ name: "", image, volumeMounts: [{ name: "vol-foo", mountPath: "/tmp/vol-foo" }, { name: "vol-bar", mountPath: "/tmp/vol-bar" }] }],
      volumes: [
        { name: "vol-foo", emptyDir: {} },
        { name: "vol-bar", emptyDir: {} },
      ],
    },
  });
  const deploy = (replicas: number, image: string, status: Record<string, number>): Deployment =>
    ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "bar", namespace: "foo", labels, uid: "00000000-0000-0000-0000-000000000001", creationTimestamp: "2021-01-01T00:00:00Z" },
      spec: { replicas, selector: { matchLabels: labels }, template: template(image) },
      status,
    }) as unknown as Deployment;
  const rs = (name: string, replicas: number, image: string, statusReplicas: number): ReplicaSet =>
    ({
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name, namespace: "foo", labels },
      spec: { replicas, selector: { matchLabels: labels }, template: template(image) },
      status: { replicas: statusReplicas },
    }) as unknown as ReplicaSet;

  // TestDescribeDeployment "deployment with two mounted volumes" (kubernetes/kubectl master)
  it("prints the header, template and replica sets", () => {
    const out = describeDeployment(deploy(1, "mytest-image:latest", {}), { oldReplicaSets: [], newReplicaSet: rs("bar-001", 1, "mytest-image:latest", 1) }, [], NOW);
    for (const s of [
      "Name:               bar\nNamespace:          foo",
      "CreationTimestamp:  Fri, 01 Jan 2021 00:00:00 +0000",
      "Labels:             k8s-app=bar",
      "Selector:           k8s-app=bar",
      "Replicas:           1 desired | 0 updated | 0 total | 0 available | 0 unavailable",
      "Image:        mytest-image:latest",
      "Mounts:\n      /tmp/vol-bar from vol-bar (rw)\n      /tmp/vol-foo from vol-foo (rw)",
      "OldReplicaSets:    <none>",
      "NewReplicaSet:     bar-001 (1/1 replicas created)",
      "Events:            <none>",
      "Node-Selectors:  <none>",
      "Tolerations:     <none>",
    ]) {
      expect(out).toContain(s);
    }
  });

  // TestDescribeDeployment "deployment during the process of rolling out"
  it("prints old/new replica sets and sorted, aggregated events", () => {
    const out = describeDeployment(
      deploy(2, "mytest-image:v2.0", { replicas: 3, updatedReplicas: 1, availableReplicas: 2, unavailableReplicas: 1 }),
      { oldReplicaSets: [rs("bar-001", 2, "mytest-image:v1.0", 2)], newReplicaSet: rs("bar-002", 1, "mytest-image:v2.0", 1) },
      [
        event({ type: "Normal", reason: "ScalingReplicaSet", message: "Scaled up replica set bar-002 from 0 to 1", reportingController: "deployment-controller", eventTime: ago(20 * MIN), series: { count: 3, lastObservedTime: ago(12 * MIN) } }),
        event({ type: "Normal", reason: "ScalingReplicaSet", message: "Scaled up replica set bar-001 from 0 to 2", source: { component: "deployment-controller" }, firstTimestamp: ago(10 * MIN) }),
        event({ type: "Normal", reason: "ScalingReplicaSet", message: "Scaled up replica set bar-002 from 0 to 1", source: { component: "deployment-controller" }, firstTimestamp: ago(2 * MIN) }),
        event({ type: "Normal", reason: "ScalingReplicaSet", message: "Scaled down replica set bar-002 from 2 to 1", reportingController: "deployment-controller", eventTime: ago(MIN) }),
      ],
      NOW,
    );
    for (const s of [
      "Replicas:           2 desired | 1 updated | 3 total | 2 available | 1 unavailable",
      "Image:        mytest-image:v2.0",
      "OldReplicaSets:    bar-001 (2/2 replicas created)",
      "NewReplicaSet:     bar-002 (1/1 replicas created)",
      "Events:\n",
      "Normal  ScalingReplicaSet  12m (x3 over 20m)  deployment-controller  Scaled up replica set bar-002 from 0 to 1",
      "Normal  ScalingReplicaSet  10m                deployment-controller  Scaled up replica set bar-001 from 0 to 2",
      "Normal  ScalingReplicaSet  2m                 deployment-controller  Scaled up replica set bar-002 from 0 to 1",
      "Normal  ScalingReplicaSet  60s                deployment-controller  Scaled down replica set bar-002 from 2 to 1",
    ]) {
      expect(out).toContain(s);
    }
  });

  // Oracle 01-deployment: "RollingUpdateStrategy: 25% max unavailable, 25% max surge" for a defaulted Deployment.
  it("prints the strategy block", () => {
    const d = deploy(3, "nginx:1.14.2", { replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    // As stored after the API server's SetDefaults_Deployment.
    d.spec.strategy = { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } };
    const out = describeDeployment(d, { oldReplicaSets: [] }, undefined, NOW);
    expect(out).toContain(
      "Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable\nStrategyType:           RollingUpdate\nMinReadySeconds:        0\nRollingUpdateStrategy:  25% max unavailable, 25% max surge\nPod Template:\n",
    );
  });
});

describe("describeReplicaSet", () => {
  // Oracle 02-replicaset.
  it("prints replicas and pod status counts of the owned pods", () => {
    const rs = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "frontend", namespace: "default", uid: "rs-uid", labels: { app: "guestbook", tier: "frontend" } },
      spec: { replicas: 3, selector: { matchLabels: { tier: "frontend" } }, template: { metadata: { labels: { tier: "frontend" } }, spec: { containers: [{ name: "php-redis", image: "us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5" }] } } },
      status: { replicas: 3 },
    } as unknown as ReplicaSet;
    const owned = (name: string, phase: string): Pod =>
      ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default", ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "frontend", uid: "rs-uid", controller: true }] }, spec: { containers: [] }, status: { phase } }) as unknown as Pod;
    const out = describeReplicaSet(rs, [owned("a", "Running"), owned("b", "Running"), owned("c", "Running"), { ...owned("d", "Running"), metadata: { name: "d" } } as Pod], [], NOW);
    expect(out).toMatch(/^Name: +frontend\nNamespace: +default\nSelector: +tier=frontend\nLabels: +app=guestbook\n +tier=frontend\n/);
    expect(out).toMatch(/Replicas: +3 current \/ 3 desired\nPods Status: +3 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed\n/);
  });
});
