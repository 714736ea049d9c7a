// nodeTree: node names grouped by zone; list() interleaves the zones round-robin so that a scheduling
// cycle that evaluates only part of the cluster (numFeasibleNodesToFind) still spreads across zones.
// Mirrors nodeTree (pkg/scheduler/backend/cache/node_tree.go) and utilnode.GetZoneKey
// (staging/src/k8s.io/component-helpers/node/topology/helpers.go).

import type { Node } from "../api/types";

/** GetZoneKey: "region:\x00:zone" from the (beta, then GA) topology labels; "" when neither is set. */
export function getZoneKey(node: Node): string {
  const labels = node.metadata.labels;
  if (!labels) return "";
  const zone = labels["failure-domain.beta.kubernetes.io/zone"] ?? labels["topology.kubernetes.io/zone"] ?? "";
  const region = labels["failure-domain.beta.kubernetes.io/region"] ?? labels["topology.kubernetes.io/region"] ?? "";
  if (region === "" && zone === "") return "";
  return `${region}:\x00:${zone}`;
}

export class NodeTree {
  /** Zones in the order their first node arrived. */
  private readonly zones: string[] = [];
  private readonly tree = new Map<string, string[]>();
  private count = 0;

  get numNodes(): number {
    return this.count;
  }

  addNode(node: Node): void {
    const zone = getZoneKey(node);
    let names = this.tree.get(zone);
    if (names) {
      if (names.includes(node.metadata.name)) return;
      names.push(node.metadata.name);
    } else {
      this.zones.push(zone);
      this.tree.set(zone, (names = [node.metadata.name]));
    }
    this.count++;
  }

  removeNode(node: Node): boolean {
    const zone = getZoneKey(node);
    const names = this.tree.get(zone);
    if (!names) return false;
    const i = names.indexOf(node.metadata.name);
    if (i < 0) return false;
    names.splice(i, 1);
    if (names.length === 0) {
      this.tree.delete(zone);
      this.zones.splice(this.zones.indexOf(zone), 1);
    }
    this.count--;
    return true;
  }

  /**
   * updateNode moves the node only when its zone changed (it then goes to the end of the new zone).
   * Returns true when it moved (list() order changed).
   */
  updateNode(oldNode: Node, newNode: Node): boolean {
    if (getZoneKey(oldNode) === getZoneKey(newNode)) return false;
    this.removeNode(oldNode);
    this.addNode(newNode);
    return true;
  }

  /** list: node 0 of every zone, then node 1 of every zone, ... (nodeTree.list). */
  list(): string[] {
    const out: string[] = [];
    let longest = 0;
    for (const names of this.tree.values()) longest = Math.max(longest, names.length);
    for (let i = 0; i < longest; i++) {
      for (const z of this.zones) {
        const names = this.tree.get(z)!;
        if (i < names.length) out.push(names[i]!);
      }
    }
    return out;
  }
}
