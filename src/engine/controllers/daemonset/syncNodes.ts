// The DaemonSet controller's writes: creating daemon pods (pinned to their node) in slow-start batches and
// deleting pods, under expectations, with the PodControl events "Created pod: x" / "Deleted pod: x".
// mirrors syncNodes (k/k pkg/controller/daemon/daemon_controller.go) and RealPodControl.CreatePods /
// DeletePod (pkg/controller/controller_utils.go).
import type { Pod, PodTemplateSpec } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import { keyOf } from "../../client/informer";
import { deepCopy } from "../../sim/clone";
import { newControllerRef } from "./controllerRefManager";
import type { DaemonSetController } from "./daemonSetController";
import { createPodTemplate, getTemplateGeneration, replaceDaemonSetPodNodeNameNodeAffinity } from "./daemonSetUtil";
import { controllerKind } from "./history";
import { aggregate, isNamespaceTerminating } from "./manage";
import type { DaemonSet } from "./types";

/** controller.SlowStartInitialBatchSize. */
const SLOW_START_INITIAL_BATCH_SIZE = 1;

/**
 * mirrors syncNodes: sets expectations, creates pods for `nodesNeedingDaemonPods` in slow-start batches
 * (1, 2, 4, ...; a batch with a failure stops the rest) and deletes `podsToDelete`, at most burstReplicas
 * of each. Throws the aggregated errors.
 */
export function syncNodes(dsc: DaemonSetController, ds: DaemonSet, podsToDelete: readonly string[], nodesNeedingDaemonPods: readonly string[], hash: string): void {
  const dsKey = keyOf(ds);
  const createDiff = Math.min(nodesNeedingDaemonPods.length, dsc.burstReplicas);
  const deleteDiff = Math.min(podsToDelete.length, dsc.burstReplicas);
  // SetExpectations(add, del), before the requests so that their watch events cannot race them.
  dsc.expectations.expectCreations(dsKey, createDiff, dsc.ctx.clock.now());
  dsc.expectations.lowerExpectations(dsKey, 0, -deleteDiff);
  const errors: Error[] = [];
  const template = createPodTemplate(ds.spec.template, getTemplateGeneration(ds), hash);
  let batchSize = Math.min(createDiff, SLOW_START_INITIAL_BATCH_SIZE);
  for (let pos = 0; createDiff > pos; ) {
    const errorCount = errors.length;
    for (let i = pos; i < pos + batchSize; i++) {
      try {
        createPod(dsc, ds, template, nodesNeedingDaemonPods[i]!);
      } catch (e) {
        // Creations in a terminating namespace are expected to fail: no expectation change, no error.
        if (isNamespaceTerminating(e)) continue;
        dsc.expectations.creationObserved(dsKey);
        errors.push(e as Error);
      }
    }
    // Pods never attempted should not be expected; the next sync retries the slow start.
    const skippedPods = createDiff - (batchSize + pos);
    if (errorCount < errors.length && skippedPods > 0) {
      dsc.expectations.lowerExpectations(dsKey, skippedPods, 0);
      break;
    }
    const nextPos = pos + batchSize;
    batchSize = Math.min(2 * batchSize, createDiff - nextPos);
    pos = nextPos;
  }
  for (let i = 0; i < deleteDiff; i++) {
    try {
      deletePod(dsc, ds, podsToDelete[i]!);
    } catch (e) {
      dsc.expectations.deletionObserved(dsKey);
      if (!(e instanceof ApiError && e.code === 404)) errors.push(e as Error);
    }
  }
  const err = aggregate(errors);
  if (err) throw err;
}

/** CreatePods for one node: GetPodFromTemplate (generateName `<ds>-`) + the node-pinning affinity. */
function createPod(dsc: DaemonSetController, ds: DaemonSet, template: PodTemplateSpec, nodeName: string): void {
  const spec = deepCopy(template.spec);
  // The required affinity now selects exactly this node: safe, since nothing in it conflicts with the node.
  spec.affinity = replaceDaemonSetPodNodeNameNodeAffinity(spec.affinity, nodeName);
  const meta = template.metadata ?? {};
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: `${ds.metadata.name}-`,
      namespace: ds.metadata.namespace,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ownerReferences: [newControllerRef(ds, controllerKind)],
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
    },
    spec,
  } as unknown as Pod;
  try {
    const created = dsc.client.create(pod);
    dsc.eventRecorder.event(ds, "Normal", "SuccessfulCreate", `Created pod: ${created.metadata.name}`);
  } catch (e) {
    // No event while the namespace is being torn down.
    if (!isNamespaceTerminating(e)) dsc.eventRecorder.event(ds, "Warning", "FailedCreate", `Error creating: ${(e as Error).message}`);
    throw e;
  }
}

/** DeletePod: events for success and for failures other than NotFound. */
function deletePod(dsc: DaemonSetController, ds: DaemonSet, podName: string): void {
  try {
    dsc.client.delete("Pod", ds.metadata.namespace, podName);
  } catch (e) {
    if (e instanceof ApiError && e.code === 404) throw e;
    dsc.eventRecorder.event(ds, "Warning", "FailedDelete", `Error deleting: ${(e as Error).message}`);
    throw new Error(`unable to delete pods: ${(e as Error).message}`);
  }
  dsc.eventRecorder.event(ds, "Normal", "SuccessfulDelete", `Deleted pod: ${podName}`);
}
