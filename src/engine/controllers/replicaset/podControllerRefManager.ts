// claimPods mirrors PodControllerRefManager.ClaimPods (pkg/controller/controller_ref_manager.go): an
// owner keeps the pods it controls whose labels still match, releases those that no longer match, and
// adopts matching orphans — unless it is itself being deleted. Pods controlled by someone else are left
// alone. Adoption and release are PATCHes of the pod's ownerReferences, as upstream.
import type { KubeObject, Pod } from "../../api/types";
import { controllerRefOf } from "../../api/podutil";
import type { Selector } from "../../apimachinery/labels";
import type { ApiClient } from "../../client/apiClient";
import { ApiError } from "../../apiserver/errors";

export function claimPods(client: ApiClient, owner: KubeObject, selector: Selector, pods: Pod[], kind: string): Pod[] {
  const claimed: Pod[] = [];
  const uid = owner.metadata.uid;
  for (const pod of pods) {
    const ref = controllerRefOf(pod);
    const matches = !selector.empty() && selector.matches(pod.metadata.labels);
    if (ref) {
      if (ref.uid !== uid) continue;
      if (matches) {
        claimed.push(pod);
      } else if (!owner.metadata.deletionTimestamp) {
        ignoreGone(() =>
          client.patch<Pod>("Pod", pod.metadata.namespace, pod.metadata.name, (p) => {
            p.metadata.ownerReferences = (p.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
            if (p.metadata.ownerReferences.length === 0) delete p.metadata.ownerReferences;
          }),
        );
      }
      continue;
    }
    if (!matches || owner.metadata.deletionTimestamp || pod.metadata.deletionTimestamp) continue;
    const adopted = ignoreGone(() =>
      client.patch<Pod>("Pod", pod.metadata.namespace, pod.metadata.name, (p) => {
        if (controllerRefOf(p)) throw new ApiError(409, "Conflict", `pod ${p.metadata.name} already has a controller`);
        p.metadata.ownerReferences = [
          ...(p.metadata.ownerReferences ?? []),
          { apiVersion: owner.apiVersion, kind, name: owner.metadata.name, uid, controller: true, blockOwnerDeletion: true },
        ];
      }),
    );
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

/** A pod that vanished (404) or was claimed by someone else (409) meanwhile is simply not ours. */
function ignoreGone<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ApiError && (e.code === 404 || e.code === 409)) return undefined;
    throw e;
  }
}
