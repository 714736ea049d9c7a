import { describe, it, expect } from "vitest";
import type { PodView, ViewItem } from "../../../engine/protocol";
import { mkComponent, mkNode, mkPod, mkService, mkWorkload, syntheticCluster, toMap } from "./fixtures";
import { partition, type Partition } from "./partition";
import { partitionDelta } from "./partitionDelta";

const ids = (list: readonly { id: string }[]) => list.map((x) => x.id);

/** What a full partition says, as plain data. */
function shape(p: Partition) {
  return {
    nodes: ids(p.nodes),
    byNode: Object.fromEntries([...p.podsByNode].map(([k, v]) => [k, ids(v)])),
    pending: ids(p.pending),
    workloads: ids(p.workloads),
    services: ids(p.services),
    ingresses: ids(p.ingresses),
    components: [...p.components.keys()].sort(),
    podCount: p.podCount,
  };
}

/** Applies upserts and removals as the store does; returns the new map and the changed ids. */
function apply(items: Map<string, ViewItem>, upserts: ViewItem[], removals: string[]) {
  const next = new Map(items);
  for (const id of removals) next.delete(id);
  for (const it of upserts) next.set(it.id, it);
  return { next, changed: [...removals, ...upserts.map((u) => u.id)] };
}

/** A seeded generator (the test must be reproducible). */
function lcg(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe("partitionDelta", () => {
  it("equals a full partition after random pod churn (create, bind, change, delete)", () => {
    const rand = lcg(7);
    let items = toMap(syntheticCluster(12, 8, 3));
    let p = partition(items);
    let created = 0;
    for (let round = 0; round < 60; round++) {
      const pods = [...items.values()].filter((i): i is PodView => i.kind === "Pod");
      const upserts: ViewItem[] = [];
      const removals: string[] = [];
      for (let k = 0; k < 6; k++) {
        const r = rand();
        const victim = pods[Math.floor(rand() * pods.length)]!;
        if (r < 0.3) upserts.push(mkPod(`new-${created}`, { id: `uid-new-${created++}`, status: "Pending", createdAt: 1000 + round }));
        else if (r < 0.55) upserts.push({ ...victim, nodeName: `node-${1 + Math.floor(rand() * 12)}`, status: "ContainerCreating" });
        else if (r < 0.8) upserts.push({ ...victim, status: "Running", restarts: victim.restarts + 1 });
        else removals.push(victim.id);
      }
      // Nodes change too (their pod count), without changing how they are drawn.
      const node = items.get("uid-node-3")!;
      if (node.kind === "Node") upserts.push({ ...node, podCount: node.podCount + 1 });
      const { next, changed } = apply(items, upserts, removals);
      const delta = partitionDelta(p, items, next, changed)!;
      const full = partition(next, p);
      expect(shape(delta)).toEqual(shape(full));
      // Lists no change touched keep their identity, as the full partition's do.
      for (const [name, list] of full.podsByNode) expect(delta.podsByNode.get(name) === p.podsByNode.get(name)).toBe(list === p.podsByNode.get(name));
      expect(delta.nodes).toBe(p.nodes);
      items = next;
      p = delta;
    }
  });

  it("rebuilds the lists of changed Services, workloads and components", () => {
    const base = [mkComponent("kube-scheduler"), mkNode("node-1"), mkService("b"), mkService("d"), mkWorkload("Deployment", "web"), mkPod("x", { nodeName: "node-1" })];
    const items = toMap(base);
    const p = partition(items);
    const { next, changed } = apply(items, [mkService("c"), mkWorkload("ReplicaSet", "web-1"), mkComponent("kube-scheduler", false)], ["uid-svc-d"]);
    const delta = partitionDelta(p, items, next, changed)!;
    expect(shape(delta)).toEqual(shape(partition(next)));
    expect(delta.components.get("kube-scheduler")?.up).toBe(false);
    expect(delta.podsByNode.get("node-1")).toBe(p.podsByNode.get("node-1"));
  });

  it("leaves a change in the set of nodes to the full partition", () => {
    const items = toMap([mkNode("node-1"), mkPod("x", { nodeName: "node-2" })]);
    const p = partition(items);
    const { next, changed } = apply(items, [mkNode("node-2")], []);
    expect(partitionDelta(p, items, next, changed)).toBeUndefined();
  });
});
