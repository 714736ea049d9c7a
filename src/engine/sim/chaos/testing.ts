// Test helpers for the chaos verbs: a strict default cluster with a session, and small readers.
import type { Node, Pod } from "../../api/types";
import { Cluster } from "../cluster";
import { defaultClusterConfig } from "../clusterConfig";
import { Session } from "../session";

export interface Lab {
  c: Cluster;
  s: Session;
  /** Runs one command-language line and returns stdout + stderr. */
  run(line: string): string;
  pods(ns?: string): Pod[];
  node(name: string): Node;
  ready(name: string): string | undefined;
}

export function lab(opts: { controlPlanes?: number; workers?: number } = {}): Lab {
  const c = new Cluster(defaultClusterConfig({ seed: 1, strict: true, workers: opts.workers ?? 3, controlPlanes: opts.controlPlanes ?? 1 }));
  const s = new Session(c);
  const l: Lab = {
    c,
    s,
    run(line) {
      const r = s.run(line);
      return r.out + r.err;
    },
    pods: (ns = "default") => c.list<Pod>("pods", ns),
    node: (name) => c.store.get("nodes", `nodes/${name}`) as Node,
    ready: (name) => l.node(name)?.status.conditions?.find((x) => x.type === "Ready")?.status,
  };
  return l;
}

/** `kubectl create deployment web --image=nginx:1.27 --replicas=N` rolled out. */
export function webDeployment(l: Lab, replicas = 3): void {
  l.run(`kubectl create deployment web --image=nginx:1.27 --replicas=${replicas}`);
  l.run("kubectl rollout status deployment/web --timeout=2m");
}

export function isPodReady(p: Pod | undefined): boolean {
  return p?.status?.conditions?.some((x) => x.type === "Ready" && x.status === "True") ?? false;
}
