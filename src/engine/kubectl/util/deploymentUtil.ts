// The ReplicaSets that make up a Deployment's history, as kubectl reads them.
// mirrors kubectl pkg/util/deployment/deployment.go GetAllReplicaSets: the ReplicaSets in the
// Deployment's namespace that its selector matches and that it controls (ownerReference UID).
import type { Deployment, ReplicaSet } from "../../api/types";
import { labelSelectorAsSelector } from "../../apimachinery/labels";
import { resolveResource } from "../../api/registry";
import { byCreationTimestamp } from "../../controllers/deployment/util/replicaSetUtil";
import type { CommandContext } from "../command";

const REPLICASETS = resolveResource("replicasets")!;

/** Every ReplicaSet the Deployment owns, oldest first. */
export function deploymentReplicaSets(ctx: CommandContext, d: Deployment): ReplicaSet[] {
  let selector;
  try {
    selector = labelSelectorAsSelector(d.spec.selector);
  } catch {
    return [];
  }
  const owned = ctx.env.api.list(ctx.actor, REPLICASETS, d.metadata.namespace, (rs) => {
    if (!selector.matches(rs.metadata.labels)) return false;
    return (rs.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === d.metadata.uid);
  }) as ReplicaSet[];
  return [...owned].sort(byCreationTimestamp);
}
