// Helpers for scenario tests: a default cluster (control plane + 3 workers), manifests loaded from the
// fixtures folder, and small readers of cluster state. Tests only; runs in Node.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import type { Deployment, KubeEvent, KubeObject, Pod, ReplicaSet } from "../api/types";
import { Cluster } from "../sim/cluster";
import { defaultClusterConfig } from "../sim/clusterConfig";
import { deepCopy } from "../sim/clone";

export function newCluster(opts: { seed?: number; workers?: number } = {}): Cluster {
  return new Cluster(defaultClusterConfig({ seed: opts.seed ?? 1, workers: opts.workers ?? 3, strict: true }));
}

export function fixture(name: string): KubeObject {
  return yaml.load(readFileSync(join(import.meta.dirname, "fixtures", name), "utf8")) as KubeObject;
}

export function fixtures(name: string): KubeObject[] {
  return yaml.loadAll(readFileSync(join(import.meta.dirname, "fixtures", name), "utf8")) as KubeObject[];
}

export function deployment(c: Cluster, name: string, ns = "default"): Deployment {
  return c.store.get("deployments", `deployments/${ns}/${name}`) as Deployment;
}

export function replicaSets(c: Cluster, ns = "default"): ReplicaSet[] {
  return c.list<ReplicaSet>("replicasets", ns);
}

export function pods(c: Cluster, ns = "default"): Pod[] {
  return c.list<Pod>("pods", ns);
}

export function events(c: Cluster, ns = "default"): KubeEvent[] {
  return c.list<KubeEvent>("events", ns);
}

/** kubectl edit: change a copy of the stored object and PUT it. */
export function edit<T extends KubeObject>(c: Cluster, obj: T, mutate: (o: T) => void): T {
  const copy = deepCopy(obj);
  mutate(copy);
  return c.api.update("kubectl", copy) as T;
}

/** True once the Deployment reports every replica updated, ready and available for its generation. */
export function rolledOut(d: Deployment | undefined): boolean {
  if (!d) return false;
  const s = d.status ?? {};
  const want = d.spec.replicas ?? 1;
  return (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 1) && s.updatedReplicas === want && s.availableReplicas === want && (s.replicas ?? 0) === want;
}
