// Test helpers that build Nodes and Pods tersely, in the spirit of upstream's st.MakePod()/st.MakeNode()
// (pkg/scheduler/testing/wrappers.go). Used only by tests.

import type { Affinity, Container, Node, Pod, Taint, Toleration, TopologySpreadConstraint } from "../../api/types";

export interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
  extra?: Record<string, string>;
}

export function makeNode(name: string, o: NodeOptions = {}): Node {
  const allocatable: Record<string, string> = { cpu: o.cpu ?? "4", memory: o.memory ?? "8Gi", pods: o.pods ?? "110", ...(o.extra ?? {}) };
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, uid: `uid-node-${name}`, resourceVersion: "1", creationTimestamp: "2025-01-01T00:00:00Z", labels: { "kubernetes.io/hostname": name, ...(o.labels ?? {}) } },
    spec: { taints: o.taints, unschedulable: o.unschedulable },
    status: { allocatable, capacity: allocatable, images: o.images },
  };
}

export interface PodOptions {
  namespace?: string;
  uid?: string;
  cpu?: string;
  memory?: string;
  labels?: Record<string, string>;
  nodeName?: string;
  priority?: number;
  tolerations?: Toleration[];
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  spread?: TopologySpreadConstraint[];
  hostPort?: number;
  image?: string;
  containers?: Container[];
  initContainers?: Container[];
  gates?: string[];
  preemptionPolicy?: string;
  startTime?: string;
  nominatedNodeName?: string;
  phase?: "Pending" | "Running" | "Succeeded" | "Failed";
}

export function makePod(name: string, o: PodOptions = {}): Pod {
  const requests: Record<string, string> = {};
  if (o.cpu !== undefined) requests.cpu = o.cpu;
  if (o.memory !== undefined) requests.memory = o.memory;
  const container: Container = {
    name: "c",
    image: o.image ?? "registry.k8s.io/pause:3.10",
    resources: Object.keys(requests).length > 0 ? { requests } : undefined,
    ports: o.hostPort ? [{ containerPort: 80, hostPort: o.hostPort }] : undefined,
  };
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: o.namespace ?? "default", uid: o.uid ?? `uid-${o.namespace ?? "default"}-${name}`, resourceVersion: "1", creationTimestamp: "2025-01-01T00:00:00Z", labels: o.labels },
    spec: {
      containers: o.containers ?? [container],
      initContainers: o.initContainers,
      nodeName: o.nodeName,
      priority: o.priority,
      tolerations: o.tolerations,
      nodeSelector: o.nodeSelector,
      affinity: o.affinity,
      topologySpreadConstraints: o.spread,
      schedulingGates: o.gates?.map((g) => ({ name: g })),
      preemptionPolicy: o.preemptionPolicy,
    },
    status: { phase: o.phase ?? (o.nodeName ? "Running" : "Pending"), startTime: o.startTime, nominatedNodeName: o.nominatedNodeName },
  };
}

/** The control-plane taint kubeadm puts on control-plane nodes. */
export const ControlPlaneTaint: Taint = { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" };
