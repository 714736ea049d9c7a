// Small object builders for unit tests of the deployment utilities.
import type { Deployment, ReplicaSet } from "../../../api/types";
import type { IntOrString } from "../../../apimachinery/intstr";
import { newDeployment } from "./fixtures";

export interface RSFixture {
  name?: string;
  uid?: string;
  replicas?: number;
  statusReplicas?: number;
  ready?: number;
  available?: number;
  /** Seconds after the epoch. */
  created?: number;
  annotations?: Record<string, string>;
  image?: string;
}

export function rs(f: RSFixture = {}): ReplicaSet {
  const name = f.name ?? "rs";
  const template = newDeployment().spec.template;
  if (f.image) template.spec.containers[0]!.image = f.image;
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name,
      namespace: "default",
      uid: f.uid ?? `uid-${name}`,
      resourceVersion: "1",
      creationTimestamp: new Date(Date.UTC(2025, 0, 1) + (f.created ?? 0) * 1000).toISOString().replace(".000Z", "Z"),
      ...(f.annotations ? { annotations: { ...f.annotations } } : {}),
    },
    spec: { replicas: f.replicas ?? 0, selector: { matchLabels: { app: "nginx" } }, template },
    status: {
      replicas: f.statusReplicas ?? f.replicas ?? 0,
      ...(f.ready !== undefined ? { readyReplicas: f.ready } : {}),
      ...(f.available !== undefined ? { availableReplicas: f.available } : {}),
    },
  };
}

export function deployment(replicas: number, maxSurge: IntOrString = "25%", maxUnavailable: IntOrString = "25%", type: "RollingUpdate" | "Recreate" = "RollingUpdate"): Deployment {
  const d = newDeployment({ replicas });
  d.metadata.uid = "uid-d";
  d.metadata.generation = 1;
  d.spec.strategy = type === "Recreate" ? { type } : { type, rollingUpdate: { maxSurge, maxUnavailable } };
  return d;
}
