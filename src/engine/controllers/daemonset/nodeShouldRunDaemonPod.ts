// Which nodes a DaemonSet runs on: node name, required node affinity (nodeSelector included) and taints.
// mirrors NodeShouldRunDaemonPod, predicates and NewPod (k/k pkg/controller/daemon/daemon_controller.go).
//
// Performance: a sync asks this for every node (5,000 of them), so the DaemonSet's side — its template's
// tolerations plus the daemon tolerations, and the parsed affinity — is computed once per DaemonSet object
// (objects from the informer are immutable; a changed DaemonSet is a new object) and the answer is one of
// three shared constants: nothing is allocated per node.
import type { Node, Pod, Taint, Toleration } from "../../api/types";
import { RequiredNodeAffinity } from "../../scheduler/framework/nodeSelector";
import { findMatchingUntoleratedTaint } from "../../scheduler/plugins/taintToleration";
import { addOrUpdateDaemonPodTolerations } from "./daemonSetUtil";
import type { DaemonSet } from "./types";

export interface ShouldRun {
  /** The node should run a daemon pod if it has none. */
  readonly shouldRun: boolean;
  /** A daemon pod already on the node may stay (it tolerates every NoExecute taint). */
  readonly shouldContinueRunning: boolean;
}

const RUN: ShouldRun = Object.freeze({ shouldRun: true, shouldContinueRunning: true });
const CONTINUE_ONLY: ShouldRun = Object.freeze({ shouldRun: false, shouldContinueRunning: true });
const NEITHER: ShouldRun = Object.freeze({ shouldRun: false, shouldContinueRunning: false });

interface DaemonPodShape {
  nodeName: string;
  affinity: RequiredNodeAffinity;
  tolerations: Toleration[];
}

const shapes = new WeakMap<DaemonSet, DaemonPodShape>();

/** NewPod's scheduling-relevant view: the template plus AddOrUpdateDaemonPodTolerations. */
function shapeOf(ds: DaemonSet): DaemonPodShape {
  let s = shapes.get(ds);
  if (!s) {
    const tpl = ds.spec.template?.spec ?? { containers: [] };
    const spec = { ...tpl, tolerations: tpl.tolerations ? [...tpl.tolerations] : undefined };
    addOrUpdateDaemonPodTolerations(spec);
    const pod = { spec } as unknown as Pod;
    s = { nodeName: tpl.nodeName ?? "", affinity: new RequiredNodeAffinity(pod), tolerations: spec.tolerations ?? [] };
    shapes.set(ds, s);
  }
  return s;
}

const isNoScheduleOrNoExecute = (t: Taint): boolean => t.effect === "NoExecute" || t.effect === "NoSchedule";
const isNoExecute = (t: Taint): boolean => t.effect === "NoExecute";

// mirrors NodeShouldRunDaemonPod (with predicates inlined: the pod's nodeName is the node's, so it fits).
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): ShouldRun {
  const s = shapeOf(ds);
  if (s.nodeName !== "" && s.nodeName !== node.metadata.name) return NEITHER;
  // Parsing errors in the affinity are ignored upstream ("for backwards compatibility"): bad terms never match.
  if (!s.affinity.match(node)) return NEITHER;
  const taints = node.spec?.taints;
  if (!taints || taints.length === 0) return RUN;
  if (findMatchingUntoleratedTaint(taints, s.tolerations, isNoScheduleOrNoExecute) === undefined) return RUN;
  // Scheduled daemon pods should continue running if they tolerate the NoExecute taints.
  return findMatchingUntoleratedTaint(taints, s.tolerations, isNoExecute) === undefined ? CONTINUE_ONLY : NEITHER;
}
