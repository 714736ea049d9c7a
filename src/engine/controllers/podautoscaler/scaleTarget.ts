// The /scale subresource of an HPA's target, as the HPA controller's ScalesGetter sees it: the kinds
// Kubelab serves with a scale subresource, their spec/status replicas and the label selector in string
// form. mirrors the scale strategies of pkg/registry/apps/{deployment,replicaset,statefulset}/storage
// and pkg/registry/core/replicationcontroller/storage (status.selector = the selector as a string).
import { labelSelectorAsSelector, selectorFromSet } from "../../apimachinery/labels";
import type { KubeObject } from "../../api/types";
import type { ApiClient } from "../../client/apiClient";
import type { CrossVersionObjectReference, Scale } from "./types";

interface ScalableKind {
  group: string;
  kind: string;
  /** Qualified resource as errors name it (deployments.apps). */
  resource: string;
}

const SCALABLE: readonly ScalableKind[] = [
  { group: "apps", kind: "Deployment", resource: "deployments.apps" },
  { group: "apps", kind: "ReplicaSet", resource: "replicasets.apps" },
  { group: "apps", kind: "StatefulSet", resource: "statefulsets.apps" },
  { group: "", kind: "ReplicationController", resource: "replicationcontrollers" },
];

/** Group of an apiVersion ("apps/v1" → "apps", "v1" → ""). Throws like schema.ParseGroupVersion. */
export function groupOf(apiVersion: string | undefined): string {
  const v = apiVersion ?? "";
  const parts = v.split("/");
  if (parts.length > 2) throw new Error(`unexpected GroupVersion string: ${v}`);
  return parts.length === 2 ? parts[0]! : "";
}

/** The RESTMapping step: which scalable kind a reference names; throws kubectl's no-match error. */
export function scalableKindFor(ref: CrossVersionObjectReference): ScalableKind {
  const group = groupOf(ref.apiVersion);
  const k = SCALABLE.find((s) => s.group === group && s.kind === ref.kind);
  if (!k) throw new Error(`no matches for kind "${ref.kind}" in group "${group}"`);
  return k;
}

function selectorString(obj: KubeObject): string {
  const sel = obj.spec?.selector;
  if (obj.kind === "ReplicationController") return sel ? selectorFromSet(sel).toString() : "";
  if (!sel) return "";
  try {
    return labelSelectorAsSelector(sel).toString();
  } catch {
    return "";
  }
}

/** GET …/scale. Throws the API error (`deployments.apps "x" not found`). */
export function getScale(client: ApiClient, namespace: string, ref: CrossVersionObjectReference): Scale {
  const k = scalableKindFor(ref);
  const obj = client.get(k.kind, namespace, ref.name);
  return {
    kind: k.kind,
    namespace,
    name: ref.name,
    specReplicas: typeof obj.spec?.replicas === "number" ? obj.spec.replicas : 1,
    statusReplicas: typeof obj.status?.replicas === "number" ? obj.status.replicas : 0,
    selector: selectorString(obj),
  };
}

/** PUT …/scale with a new spec.replicas. */
export function updateScale(client: ApiClient, scale: Scale, replicas: number): void {
  client.patch(scale.kind, scale.namespace, scale.name, (o) => {
    o.spec = { ...(o.spec ?? {}), replicas };
  });
}

