// The Job controller's pod writes, mirroring controller.RealPodControl (pkg/controller/controller_utils.go)
// and PodControllerRefManager.ClaimPods with the job-tracking finalizer (controller_ref_manager.go):
// create from a template with a controller ownerReference, delete, patch the finalizer off, adopt, release.
import type { KubeObject, OwnerReference, Pod, PodTemplateSpec } from "../../api/types";
import { controllerRefOf } from "../../api/podutil";
import type { Selector } from "../../apimachinery/labels";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import { deepCopy } from "../../sim/clone";
import { BatchKeys } from "./jobTypes";

/** metav1.NewControllerRef: controller and blockOwnerDeletion are both true. */
export function newControllerRef(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
}

export class PodControl {
  constructor(
    private readonly client: ApiClient,
    private readonly recorder: EventRecorder,
  ) {}

  /**
   * GetPodFromTemplate + createPods: labels, annotations and finalizers from the template, generateName
   * `<owner>-` unless `generateName` is given. Records SuccessfulCreate / FailedCreate; throws on failure.
   */
  // mirrors RealPodControl.CreatePodsWithGenerateName
  createPodWithGenerateName(namespace: string | undefined, template: PodTemplateSpec, owner: KubeObject, generateName?: string): Pod {
    const meta = template.metadata ?? {};
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        generateName: generateName || `${owner.metadata.name}-`,
        namespace,
        ...(meta.labels ? { labels: { ...meta.labels } } : {}),
        ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
        ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
        ownerReferences: [newControllerRef(owner)],
      },
      spec: deepCopy(template.spec),
    } as unknown as Pod;
    try {
      const created = this.client.create(pod);
      this.recorder.event(owner, "Normal", "SuccessfulCreate", `Created pod: ${created.metadata.name}`);
      return created;
    } catch (e) {
      this.recorder.event(owner, "Warning", "FailedCreate", `Error creating: ${(e as Error).message}`);
      throw e;
    }
  }

  /** DELETE with default grace; a 404 is rethrown without an event (the caller decides). */
  // mirrors RealPodControl.DeletePod
  deletePod(namespace: string | undefined, name: string, owner: KubeObject): void {
    try {
      this.client.delete("Pod", namespace, name);
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) throw e;
      this.recorder.event(owner, "Warning", "FailedDelete", `Error deleting: ${(e as Error).message}`);
      throw e instanceof ApiError ? e : new ApiError(500, "InternalError", `unable to delete pods: ${(e as Error).message}`);
    }
    this.recorder.event(owner, "Normal", "SuccessfulDelete", `Deleted pod: ${name}`);
  }

  /** The `$deleteFromPrimitiveList/finalizers` patch of removeTrackingFinalizerPatch. No-op without it. */
  removeTrackingFinalizer(pod: Pod): void {
    if (!pod.metadata.finalizers?.includes(BatchKeys.jobTrackingFinalizer)) return;
    this.client.patch<Pod>("Pod", pod.metadata.namespace, pod.metadata.name, (p) => {
      const f = (p.metadata.finalizers ?? []).filter((x) => x !== BatchKeys.jobTrackingFinalizer);
      if (f.length) p.metadata.finalizers = f;
      else delete p.metadata.finalizers;
    });
  }

  /**
   * ClaimPods: keep owned pods that match, release owned pods that stopped matching (dropping the
   * tracking finalizer too), adopt matching orphans (adding ownerReference and finalizer) once
   * `canAdopt` confirms the owner is not being deleted. Returns the claimed pods (adopted ones as
   * patched). The first adoption/release error other than 404 is returned with the claimed pods.
   */
  // mirrors PodControllerRefManager.ClaimPods (finalizers = [batch.kubernetes.io/job-tracking])
  claimPods(owner: KubeObject, selector: Selector, pods: readonly Pod[], canAdopt: () => void): { pods: Pod[]; error?: ApiError } {
    const claimed: Pod[] = [];
    const uid = owner.metadata.uid;
    let error: ApiError | undefined;
    let adoptChecked: ApiError | true | undefined;
    for (const pod of pods) {
      const ref = controllerRefOf(pod);
      const matches = !selector.empty() && selector.matches(pod.metadata.labels);
      try {
        if (ref) {
          if (ref.uid !== uid) continue;
          if (matches) claimed.push(pod);
          else if (!owner.metadata.deletionTimestamp) this.release(pod, uid);
          continue;
        }
        if (!matches || owner.metadata.deletionTimestamp || pod.metadata.deletionTimestamp) continue;
        if (adoptChecked === undefined) adoptChecked = checkAdopt(canAdopt);
        if (adoptChecked !== true) throw adoptChecked;
        claimed.push(this.adopt(pod, owner));
      } catch (e) {
        if (e instanceof ApiError && e.code === 404) continue;
        error ??= e instanceof ApiError ? e : new ApiError(500, "InternalError", String(e));
      }
    }
    return { pods: claimed, error };
  }

  private adopt(pod: Pod, owner: KubeObject): Pod {
    return this.client.patch<Pod>("Pod", pod.metadata.namespace, pod.metadata.name, (p) => {
      if (controllerRefOf(p)) throw new ApiError(409, "Conflict", `Object ${p.metadata.name} is already owned by another controller`);
      p.metadata.ownerReferences = [...(p.metadata.ownerReferences ?? []), newControllerRef(owner)];
      const f = p.metadata.finalizers ?? [];
      if (!f.includes(BatchKeys.jobTrackingFinalizer)) p.metadata.finalizers = [...f, BatchKeys.jobTrackingFinalizer];
    });
  }

  private release(pod: Pod, ownerUID: string): void {
    this.client.patch<Pod>("Pod", pod.metadata.namespace, pod.metadata.name, (p) => {
      const refs = (p.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUID);
      if (refs.length) p.metadata.ownerReferences = refs;
      else delete p.metadata.ownerReferences;
      const f = (p.metadata.finalizers ?? []).filter((x) => x !== BatchKeys.jobTrackingFinalizer);
      if (f.length) p.metadata.finalizers = f;
      else delete p.metadata.finalizers;
    });
  }
}

function checkAdopt(canAdopt: () => void): ApiError | true {
  try {
    canAdopt();
    return true;
  } catch (e) {
    return e instanceof ApiError ? e : new ApiError(500, "InternalError", String(e));
  }
}
