import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/types";
import { PodGCTally } from "./podGCTally";

function pod(name: string, opts: { node?: string; phase?: string; deleting?: boolean; ns?: string } = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: opts.ns ?? "default", ...(opts.deleting ? { deletionTimestamp: "2025-01-01T00:00:30Z" } : {}) },
    spec: { containers: [], ...(opts.node ? { nodeName: opts.node } : {}) },
    ...(opts.phase ? { status: { phase: opts.phase } } : {}),
  } as unknown as Pod;
}

/** What gc()'s scan of the cache would find (its categories, from podGCController.gc). */
function scan(pods: readonly Pod[]) {
  const terminated = pods.filter((p) => !["Pending", "Running", "Unknown"].includes(p.status?.phase as string)).length;
  const terminating = pods.filter((p) => p.metadata.deletionTimestamp).map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort();
  const unscheduledTerminating = pods.filter((p) => p.metadata.deletionTimestamp && !p.spec.nodeName).length;
  const nodes = [...new Set(pods.filter((p) => p.spec.nodeName).map((p) => p.spec.nodeName!))].sort();
  return { terminated, terminating, unscheduledTerminating, nodes };
}

function view(t: PodGCTally) {
  return { terminated: t.terminated, terminating: [...t.terminating].sort(), unscheduledTerminating: t.unscheduledTerminating, nodes: [...t.boundNodes()].sort() };
}

describe("PodGCTally", () => {
  it("matches a scan of the cache through adds, updates and deletes", () => {
    const t = new PodGCTally();
    const cache = new Map<string, Pod>();
    const put = (p: Pod) => {
      const key = `${p.metadata.namespace}/${p.metadata.name}`;
      const old = cache.get(key);
      if (old) t.count(old, -1);
      t.count(p, 1);
      cache.set(key, p);
    };
    const del = (key: string) => {
      t.count(cache.get(key)!, -1);
      cache.delete(key);
    };
    put(pod("a", { phase: "Pending" }));
    put(pod("b", { phase: "Running", node: "n1" }));
    put(pod("c")); // no status yet: gc() counts it as terminated (isPodTerminated)
    put(pod("a", { phase: "Pending", node: "n2" }));
    put(pod("b", { phase: "Succeeded", node: "n1" }));
    put(pod("d", { phase: "Pending", deleting: true }));
    put(pod("e", { phase: "Running", node: "n1", deleting: true }));
    put(pod("e", { phase: "Running", node: "n1", deleting: true, ns: "other" }));
    expect(view(t)).toEqual(scan([...cache.values()]));
    del("default/b");
    del("default/d");
    put(pod("a", { phase: "Failed", node: "n2" }));
    expect(view(t)).toEqual(scan([...cache.values()]));
    for (const key of [...cache.keys()]) del(key);
    expect(view(t)).toEqual({ terminated: 0, terminating: [], unscheduledTerminating: 0, nodes: [] });
  });
});
