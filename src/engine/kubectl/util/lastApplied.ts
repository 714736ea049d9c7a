// The kubectl.kubernetes.io/last-applied-configuration annotation: the manifest as kubectl last
// applied it, which the next apply diffs against to know what the user removed.
// mirrors kubectl pkg/util/apply.go (GetModifiedConfiguration, GetOriginalConfiguration): the value is
// the object encoded by the unstructured JSON scheme (json.Marshal: sorted keys, HTML-safe escapes,
// a trailing newline), with an empty "annotations" map when the manifest had none.
import type { Json, KubeObject } from "../../api/types";
import { goJsonMarshal } from "../../manifests/goJson";
import { isObject } from "./threeWayMerge";

export const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

/** The object to send: the manifest with its own last-applied annotation set. */
export function withLastApplied(obj: KubeObject): KubeObject {
  const metadata = { ...((obj.metadata ?? {}) as unknown as Record<string, Json>) };
  const annotations = { ...((isObject(metadata.annotations) ? metadata.annotations : {}) as Record<string, string>) };
  delete annotations[LAST_APPLIED_ANNOTATION];
  const bare = { ...obj, metadata: { ...metadata, annotations } };
  const encoded = goJsonMarshal(bare) + "\n";
  return { ...obj, metadata: { ...metadata, annotations: { ...annotations, [LAST_APPLIED_ANNOTATION]: encoded } } as unknown as KubeObject["metadata"] };
}

/** The last applied manifest of a live object, when it has a readable one. */
export function lastApplied(obj: KubeObject): Record<string, Json> | undefined {
  const raw = obj.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as unknown;
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
