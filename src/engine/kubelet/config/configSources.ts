// Where the kubelet reads ConfigMaps and Secrets. Upstream's configmap/secret managers keep a watch per
// referenced object (changeDetectionStrategy Watch, the default); here they read the API server's store,
// which is what such a watch converges to. A missing object answers NotFound with the managers' singular
// resource name: `configmap "x" not found`, `secret "x" not found` (pkg/kubelet/configmap and secret
// managers build their cache with corev1.Resource("configmap") / ("secret")).
import type { KubeObject } from "../../api/types";
import type { Store } from "../../apiserver/store";
import { decodeBase64 } from "./base64";

/** A ConfigMap or Secret's contents as text: ConfigMap data + binaryData, Secret data decoded. */
export interface ConfigData {
  /** key → text (what a container sees in an env var or a file). */
  readonly values: ReadonlyMap<string, string>;
  /** Keys in the order the API returns them (sorted, as Go's JSON encoder sorts map keys). */
  readonly keys: readonly string[];
}

export interface ConfigSource {
  configMap(namespace: string, name: string): KubeObject | undefined;
  secret(namespace: string, name: string): KubeObject | undefined;
}

export function storeConfigSource(store: Store): ConfigSource {
  return {
    configMap: (ns, name) => store.get("configmaps", `configmaps/${ns}/${name}`),
    secret: (ns, name) => store.get("secrets", `secrets/${ns}/${name}`),
  };
}

export const notFoundConfigMap = (name: string) => `configmap "${name}" not found`;
export const notFoundSecret = (name: string) => `secret "${name}" not found`;

function sortedKeys(m: Map<string, string>): string[] {
  return [...m.keys()].sort();
}

/** A ConfigMap's data and binaryData (binary values decoded from base64) as text. */
export function configMapData(cm: KubeObject): ConfigData {
  const values = new Map<string, string>();
  const data = cm.data as Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(data ?? {})) values.set(k, typeof v === "string" ? v : String(v ?? ""));
  const bin = cm.binaryData as Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(bin ?? {})) values.set(k, decodeBase64(String(v ?? "")) ?? "");
  return { values, keys: sortedKeys(values) };
}

/** Only a ConfigMap's data (envFrom and configMapKeyRef never read binaryData). */
export function configMapStringData(cm: KubeObject): ConfigData {
  const values = new Map<string, string>();
  for (const [k, v] of Object.entries((cm.data as Record<string, unknown> | undefined) ?? {})) values.set(k, typeof v === "string" ? v : String(v ?? ""));
  return { values, keys: sortedKeys(values) };
}

/** A Secret's data decoded from base64 (stringData never reaches the store). */
export function secretData(s: KubeObject): ConfigData {
  const values = new Map<string, string>();
  for (const [k, v] of Object.entries((s.data as Record<string, unknown> | undefined) ?? {})) values.set(k, decodeBase64(String(v ?? "")) ?? "");
  return { values, keys: sortedKeys(values) };
}
