// The DaemonSet RollingUpdate strategy. Without surge (the default, maxSurge 0), old pods are deleted only
// while fewer than maxUnavailable nodes are unavailable, and the manage loop creates the replacements; with
// surge, a new pod is started beside the old one and the old one deleted once the new one is available.
// mirrors rollingUpdate, findUpdatedPodsOnNode and updatedDesiredNodeCounts (k/k pkg/controller/daemon/update.go).
//
// Determinism: upstream ranges over a Go map (random order); we visit nodes in name order, which decides
// which candidates are replaced first when the budget is smaller than the candidates.
import type { Node, Pod } from "../../api/types";
import { isPodAvailable } from "../../api/podutil";
import type { DaemonSetController } from "./daemonSetController";
import { isPodUpdated, surgeCount, unavailableCount } from "./daemonSetUtil";
import { nodeShouldRunDaemonPod } from "./nodeShouldRunDaemonPod";
import type { DaemonSet } from "./types";

// mirrors findUpdatedPodsOnNode: at most one new and one old non-deleted pod, else ok=false (manage prunes).
export function findUpdatedPodsOnNode(podsOnNode: readonly Pod[] | undefined, hash: string): { newPod?: Pod; oldPod?: Pod; ok: boolean } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of podsOnNode ?? []) {
    if (pod.metadata.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { newPod, oldPod, ok: true };
}

/**
 * mirrors updatedDesiredNodeCounts: the surge and unavailability budgets against the nodes that should run
 * the pod, adding an empty entry for each such node without pods. Both 0 (impossible) means maxUnavailable 1.
 */
export function updatedDesiredNodeCounts(
  ds: DaemonSet,
  nodeList: readonly Node[],
  nodeToDaemonPods: Map<string, readonly Pod[]>,
): { maxSurge: number; maxUnavailable: number; desiredNumberScheduled: number } {
  let desiredNumberScheduled = 0;
  for (const node of nodeList) {
    if (!nodeShouldRunDaemonPod(node, ds).shouldRun) continue;
    desiredNumberScheduled++;
    if (!nodeToDaemonPods.has(node.metadata.name)) nodeToDaemonPods.set(node.metadata.name, []);
  }
  let maxUnavailable: number;
  let maxSurge: number;
  try {
    maxUnavailable = unavailableCount(ds, desiredNumberScheduled);
  } catch (e) {
    throw new Error(`couldn't get unavailable numbers: invalid value for MaxUnavailable: ${(e as Error).message}`);
  }
  try {
    maxSurge = surgeCount(ds, desiredNumberScheduled);
  } catch (e) {
    throw new Error(`couldn't get unavailable numbers: invalid value for MaxSurge: ${(e as Error).message}`);
  }
  if (desiredNumberScheduled > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable, desiredNumberScheduled };
}

// mirrors rollingUpdate: picks old pods to delete (no surge) or nodes to surge onto, then syncNodes.
export function rollingUpdate(dsc: DaemonSetController, ds: DaemonSet, nodeList: readonly Node[], hash: string): void {
  // A private copy: updatedDesiredNodeCounts adds empty entries.
  const nodeToDaemonPods = new Map(dsc.getNodesToDaemonPods(ds, false));
  const { maxSurge, maxUnavailable, desiredNumberScheduled } = updatedDesiredNodeCounts(ds, nodeList, nodeToDaemonPods);
  const now = dsc.ctx.clock.absolute();
  const mrs = ds.spec.minReadySeconds ?? 0;
  const available = (p: Pod): boolean => isPodAvailable(p, mrs, now);
  const nodeNames = [...nodeToDaemonPods.keys()].sort();

  if (maxSurge === 0) {
    // Deleted pods do not count as unavailable, so updates make progress when nodes are down.
    let numUnavailable = 0;
    const allowedReplacementPods: string[] = [];
    const candidatePodsToDelete: string[] = [];
    for (const nodeName of nodeNames) {
      const { newPod, oldPod, ok } = findUpdatedPodsOnNode(nodeToDaemonPods.get(nodeName), hash);
      if (!ok) {
        // Excess pods: let the manage loop clean up this node, and treat it as unavailable.
        numUnavailable++;
        continue;
      }
      if ((!oldPod && !newPod) || (oldPod && newPod)) {
        // The manage loop creates or deletes the right pod here; count the node as unavailable.
        numUnavailable++;
      } else if (newPod) {
        if (!available(newPod)) numUnavailable++;
      } else if (oldPod) {
        if (!available(oldPod)) {
          // An old pod that is not available anyway is replaced at once.
          allowedReplacementPods.push(oldPod.metadata.name);
          numUnavailable++;
        } else if (numUnavailable < maxUnavailable) {
          candidatePodsToDelete.push(oldPod.metadata.name);
        }
      }
    }
    const remainingUnavailable = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidatePodsToDelete.length);
    const oldPodsToDelete = [...allowedReplacementPods, ...candidatePodsToDelete.slice(0, remainingUnavailable)];
    dsc.syncNodes(ds, oldPodsToDelete, [], hash);
    return;
  }

  // Surging: a node whose old pod is unavailable gets its new pod at once; up to maxSurge more otherwise.
  const oldPodsToDelete: string[] = [];
  const shouldNotRunPodsToDelete: string[] = [];
  const candidateNewNodes: string[] = [];
  const allowedNewNodes: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const nodeName of nodeNames) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(nodeToDaemonPods.get(nodeName), hash);
    if (!ok) {
      numSurge++;
      continue;
    }
    if (oldPod) {
      if (available(oldPod)) numAvailable++;
    } else if (newPod && available(newPod)) {
      numAvailable++;
    }
    if (!oldPod) continue; // the manage loop handles this node
    if (!newPod) {
      const node = dsc.nodeLister.get(nodeName);
      if (!node) throw new Error(`couldn't get node for nodeName "${nodeName}": nodes "${nodeName}" not found`);
      const shouldRun = nodeShouldRunDaemonPod(node, ds).shouldRun;
      if (!available(oldPod)) {
        if (!shouldRun) {
          oldPodsToDelete.push(oldPod.metadata.name);
          continue;
        }
        allowedNewNodes.push(nodeName);
      } else {
        if (!shouldRun) {
          shouldNotRunPodsToDelete.push(oldPod.metadata.name);
          continue;
        }
        if (numSurge >= maxSurge) continue;
        candidateNewNodes.push(nodeName);
      }
      continue;
    }
    // Already surged here: wait for the new pod, then delete the old one.
    if (!available(newPod)) {
      numSurge++;
      continue;
    }
    oldPodsToDelete.push(oldPod.metadata.name);
  }
  // With maxSurge the owner expects 100% availability: a pod on a node that no longer should run it is
  // deleted only once enough pods elsewhere are available.
  const deletable = Math.min(numAvailable - desiredNumberScheduled, shouldNotRunPodsToDelete.length);
  for (let i = 0; i < deletable; i++) {
    const name = shouldNotRunPodsToDelete[i]!;
    if (dsc.podLister.get(`${ds.metadata.namespace}/${name}`)) oldPodsToDelete.push(name);
  }
  const remainingSurge = Math.min(Math.max(0, maxSurge - numSurge), candidateNewNodes.length);
  dsc.syncNodes(ds, oldPodsToDelete, [...allowedNewNodes, ...candidateNewNodes.slice(0, remainingSurge)], hash);
}
