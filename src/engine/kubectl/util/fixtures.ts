// Plain objects for kubectl's tests, shaped as a user (or a controller) would send them.
import type { Deployment, KubeObject, Node, OwnerReference, Pod } from "../../api/types";

export interface PodOptions {
  namespace?: string;
  labels?: Record<string, string>;
  image?: string;
  owner?: OwnerReference;
  emptyDir?: boolean;
  grace?: number;
  annotations?: Record<string, string>;
}

export function podObject(name: string, o: PodOptions = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: o.namespace ?? "default",
      ...(o.labels ? { labels: o.labels } : {}),
      ...(o.annotations ? { annotations: o.annotations } : {}),
      ...(o.owner ? { ownerReferences: [o.owner] } : {}),
    },
    spec: {
      containers: [{ name: "app", image: o.image ?? "nginx" }],
      ...(o.grace !== undefined ? { terminationGracePeriodSeconds: o.grace } : {}),
      ...(o.emptyDir ? { volumes: [{ name: "cache", emptyDir: {} }] } : {}),
    },
  } as unknown as Pod;
}

export interface DeploymentOptions {
  namespace?: string;
  replicas?: number;
  image?: string;
  containerName?: string;
}

export function deploymentObject(name: string, o: DeploymentOptions = {}): Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: o.namespace ?? "default", labels: { app: name } },
    spec: {
      replicas: o.replicas ?? 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: o.containerName ?? "nginx", image: o.image ?? "nginx:1.14.2" }] },
      },
    },
  } as unknown as Deployment;
}

export function nodeObject(name: string, labels: Record<string, string> = {}): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, ...labels } },
    spec: {},
    status: {},
  } as unknown as Node;
}

export function daemonSetObject(name: string, namespace = "kube-system"): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: { k8s: name } },
      template: { metadata: { labels: { k8s: name } }, spec: { containers: [{ name, image: "registry.k8s.io/kube-proxy:v1.34.0" }] } },
    },
  } as unknown as KubeObject;
}

/** An ownerReference naming a controller (as the DaemonSet or ReplicaSet controller sets it). */
export function controllerRef(kind: string, name: string, uid: string): OwnerReference {
  return { apiVersion: "apps/v1", kind, name, uid, controller: true, blockOwnerDeletion: true };
}
