// The core DaemonSet loop: for each node decide whether a daemon pod must be created, or which pods must go
// (failed or succeeded pods, excess pods, pods on nodes that no longer qualify), then create and delete them
// in slow-start batches under expectations.
// mirrors podsShouldBeOnNode, manage, syncNodes, getUnscheduledPodsWithoutNode and
// podByCreationTimestampAndPhase (k/k pkg/controller/daemon/daemon_controller.go).
import type { Node, Pod } from "../../api/types";
import { isPodAvailable, isPodReady } from "../../api/podutil";
import { ApiError } from "../../apiserver/errors";
import { keyOf } from "../../client/informer";
import type { DaemonSetController } from "./daemonSetController";
import { allowsSurge } from "./daemonSetUtil";
import { nodeShouldRunDaemonPod } from "./nodeShouldRunDaemonPod";
import { CONTROLLER_REVISION_HASH_LABEL, type DaemonSet } from "./types";

/** FailedDaemonPod / SucceededDaemonPod event reasons. */
export const FailedDaemonPodReason = "FailedDaemonPod";
export const SucceededDaemonPodReason = "SucceededDaemonPod";

// mirrors podByCreationTimestampAndPhase.Less: scheduled pods first, then oldest, then by name.
export function podByCreationTimestampAndPhase(a: Pod, b: Pod): number {
  const as = !!a.spec.nodeName;
  const bs = !!b.spec.nodeName;
  if (as !== bs) return as ? -1 : 1;
  const ta = Date.parse(a.metadata.creationTimestamp);
  const tb = Date.parse(b.metadata.creationTimestamp);
  if (ta === tb) return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  return ta - tb;
}

// mirrors failedPodsBackoffKey: "<uid>/<observedGeneration>/<node>".
export function failedPodsBackoffKey(ds: DaemonSet, nodeName: string): string {
  return `${ds.metadata.uid}/${ds.status?.observedGeneration ?? 0}/${nodeName}`;
}

/** mirrors podsShouldBeOnNode: what to create on and delete from one node. Appends to the two lists. */
export function podsShouldBeOnNode(
  dsc: DaemonSetController,
  node: Node,
  nodeToDaemonPods: ReadonlyMap<string, readonly Pod[]>,
  ds: DaemonSet,
  hash: string,
  nodesNeedingDaemonPods: string[],
  podsToDelete: string[],
): void {
  const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
  const nodeName = node.metadata.name;
  const daemonPods = nodeToDaemonPods.get(nodeName);
  if (shouldRun && !daemonPods) {
    nodesNeedingDaemonPods.push(nodeName);
    return;
  }
  if (shouldContinueRunning) {
    // Failed (and succeeded) pods are deleted; the replacement comes in a later sync.
    const running: Pod[] = [];
    for (const pod of daemonPods ?? []) {
      if (pod.metadata.deletionTimestamp) continue;
      const phase = pod.status?.phase;
      if (phase === "Failed") {
        // The DaemonSet often fights a kubelet that rejects its pods: back off instead of hot-looping.
        const backoffKey = failedPodsBackoffKey(ds, nodeName);
        const now = dsc.ctx.clock.now();
        if (dsc.failedPodsBackoff.isInBackOffSinceUpdate(backoffKey, now)) {
          dsc.queue.addAfter(keyOf(ds), dsc.failedPodsBackoff.get(backoffKey));
          continue;
        }
        dsc.failedPodsBackoff.next(backoffKey, now);
        const msg = `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${nodeName}, will try to kill it`;
        dsc.eventRecorder.event(ds, "Warning", FailedDaemonPodReason, msg);
        podsToDelete.push(pod.metadata.name);
      } else if (phase === "Succeeded") {
        const msg = `Found succeeded daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${nodeName}, will try to delete it`;
        dsc.eventRecorder.event(ds, "Normal", SucceededDaemonPodReason, msg);
        podsToDelete.push(pod.metadata.name);
      } else {
        running.push(pod);
      }
    }
    if (!allowsSurge(ds)) {
      // Without surge, keep only the oldest running pod. A node whose pods are all terminating gets its
      // new pod only once they are gone (the node still has an entry, so "shouldRun && !exists" is false).
      if (running.length <= 1) return;
      running.sort(podByCreationTimestampAndPhase);
      for (let i = 1; i < running.length; i++) podsToDelete.push(running[i]!.metadata.name);
      return;
    }
    if (running.length <= 1) {
      // Surging: there must be at least one non-deleted pod on the node.
      if (running.length === 0 && shouldRun) nodesNeedingDaemonPods.push(nodeName);
      return;
    }
    // Two pods are allowed only while the oldest new pod is not ready and the oldest old pod is.
    running.sort(podByCreationTimestampAndPhase);
    let oldestNewPod: Pod | undefined;
    let oldestOldPod: Pod | undefined;
    for (const pod of running) {
      if (pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash) {
        if (!oldestNewPod) {
          oldestNewPod = pod;
          continue;
        }
      } else if (!oldestOldPod) {
        oldestOldPod = pod;
        continue;
      }
      podsToDelete.push(pod.metadata.name);
    }
    if (oldestNewPod && oldestOldPod) {
      if (!isPodReady(oldestOldPod)) podsToDelete.push(oldestOldPod.metadata.name);
      else if (isPodAvailable(oldestNewPod, ds.spec.minReadySeconds ?? 0, dsc.ctx.clock.absolute())) podsToDelete.push(oldestOldPod.metadata.name);
    }
    return;
  }
  if (daemonPods) {
    // The node no longer qualifies: delete every daemon pod on it.
    for (const pod of daemonPods) if (!pod.metadata.deletionTimestamp) podsToDelete.push(pod.metadata.name);
  }
}

/**
 * mirrors getUnscheduledPodsWithoutNode: unscheduled pods pinned to a node that no longer exists are never
 * scheduled, so PodGC cannot reap them; the DaemonSet controller deletes them itself.
 */
export function getUnscheduledPodsWithoutNode(nodeList: readonly Node[], nodeToDaemonPods: ReadonlyMap<string, readonly Pod[]>): string[] {
  const running = new Set<string>();
  for (const n of nodeList) running.add(n.metadata.name);
  const out: string[] = [];
  for (const nodeName of [...nodeToDaemonPods.keys()].sort()) {
    if (running.has(nodeName)) continue;
    for (const pod of nodeToDaemonPods.get(nodeName)!) if (!pod.spec.nodeName) out.push(pod.metadata.name);
  }
  return out;
}

// mirrors manage: the per-node decisions, then one syncNodes with every creation and deletion.
export function manage(dsc: DaemonSetController, ds: DaemonSet, nodeList: readonly Node[], hash: string): void {
  const nodeToDaemonPods = dsc.getNodesToDaemonPods(ds, false);
  const nodesNeedingDaemonPods: string[] = [];
  const podsToDelete: string[] = [];
  for (const node of nodeList) podsShouldBeOnNode(dsc, node, nodeToDaemonPods, ds, hash, nodesNeedingDaemonPods, podsToDelete);
  podsToDelete.push(...getUnscheduledPodsWithoutNode(nodeList, nodeToDaemonPods));
  dsc.syncNodes(ds, podsToDelete, nodesNeedingDaemonPods, hash);
}

/** utilerrors.NewAggregate: one error as itself, several as "[a, b]". */
export function aggregate(errs: readonly Error[]): Error | undefined {
  if (errs.length === 0) return undefined;
  if (errs.length === 1) return errs[0];
  return new Error(`[${errs.map((e) => e.message).join(", ")}]`);
}

/** apierrors.HasStatusCause(err, NamespaceTerminatingCause): creations in a dying namespace are expected to fail. */
export function isNamespaceTerminating(e: unknown): boolean {
  return e instanceof ApiError && e.code === 403 && e.message.includes("because it is being terminated");
}
