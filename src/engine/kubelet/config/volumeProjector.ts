// The files of a configMap, secret or projected volume: every key (or the listed items, at their
// paths), with the file mode each would get. mirrors MakePayload of the configmap and secret volume
// plugins (k/k pkg/volume/configmap/configmap.go, pkg/volume/secret/secret.go) and collectData of the
// projected plugin (pkg/volume/projected/projected.go). Modes are kept for inspection; the container
// model's files carry no permissions.
import type { Pod, Volume } from "../../api/types";
import { configMapData, notFoundConfigMap, notFoundSecret, secretData, type ConfigData, type ConfigSource } from "./configSources";

/** The volume defaulter's defaultMode (0644). */
export const DEFAULT_MODE = 0o644;

export interface Projection {
  /** Path inside the volume → content. */
  files: Map<string, string>;
  /** Path inside the volume → mode. */
  modes: Map<string, number>;
}

interface KeyToPath {
  key: string;
  path: string;
  mode?: number;
}

interface ObjectSource {
  name?: string;
  items?: KeyToPath[];
  optional?: boolean;
  defaultMode?: number;
}

type Obj = Record<string, any>;

/** Whether a pod volume is one this projector mounts (configMap, secret or projected). */
export function isConfigVolume(v: Volume): boolean {
  return "configMap" in v || "secret" in v || "projected" in v;
}

/** A projected volume carrying a service account token (kube-api-access-*): its token is the apiserver's. */
export function isTokenVolume(v: Volume): boolean {
  const sources = (v.projected as Obj | undefined)?.sources;
  return Array.isArray(sources) && sources.some((s: Obj) => s?.serviceAccountToken);
}

// MakePayload over one object's data.
function payload(data: ConfigData | undefined, items: KeyToPath[] | undefined, defaultMode: number, optional: boolean, missingKey: (k: string) => string, out: Projection): string | undefined {
  if (!data) return undefined;
  if (!items || items.length === 0) {
    for (const k of data.keys) {
      out.files.set(k, data.values.get(k)!);
      out.modes.set(k, defaultMode);
    }
    return undefined;
  }
  for (const it of items) {
    const v = data.values.get(it.key);
    if (v === undefined) {
      if (optional) continue;
      return missingKey(it.key);
    }
    out.files.set(it.path, v);
    out.modes.set(it.path, it.mode ?? defaultMode);
  }
  return undefined;
}

function configMapPayload(ns: string, src: ObjectSource, defaultMode: number, sources: ConfigSource, out: Projection): string | undefined {
  const name = src.name ?? "";
  const cm = sources.configMap(ns, name);
  if (!cm && !src.optional) return notFoundConfigMap(name);
  return payload(cm ? configMapData(cm) : { values: new Map(), keys: [] }, src.items, defaultMode, src.optional === true, (k) => `configmap references non-existent config key: ${k}`, out);
}

function secretPayload(ns: string, src: ObjectSource & { secretName?: string }, defaultMode: number, sources: ConfigSource, out: Projection): string | undefined {
  const name = src.secretName ?? src.name ?? "";
  const s = sources.secret(ns, name);
  if (!s && !src.optional) return notFoundSecret(name);
  return payload(s ? secretData(s) : { values: new Map(), keys: [] }, src.items, defaultMode, src.optional === true, (k) => `references non-existent secret key: ${k}`, out);
}

/** The volume's files, or the SetUp error (without the "MountVolume.SetUp failed" prefix). */
export function projectVolume(pod: Pod, vol: Volume, sources: ConfigSource): Projection | { error: string } {
  const ns = pod.metadata.namespace ?? "default";
  const out: Projection = { files: new Map(), modes: new Map() };
  if (vol.configMap) {
    const src = vol.configMap as ObjectSource;
    const err = configMapPayload(ns, src, src.defaultMode ?? DEFAULT_MODE, sources, out);
    return err ? { error: err } : out;
  }
  if (vol.secret) {
    const src = vol.secret as ObjectSource & { secretName?: string };
    const err = secretPayload(ns, src, src.defaultMode ?? DEFAULT_MODE, sources, out);
    return err ? { error: err } : out;
  }
  const projected = vol.projected as Obj | undefined;
  if (!projected) return out;
  const defaultMode: number = projected.defaultMode ?? DEFAULT_MODE;
  const errs: string[] = [];
  for (const s of (projected.sources ?? []) as Obj[]) {
    if (s.configMap) {
      const err = configMapPayload(ns, s.configMap, defaultMode, sources, out);
      if (err) errs.push(err);
    } else if (s.secret) {
      const err = secretPayload(ns, s.secret, defaultMode, sources, out);
      if (err) errs.push(err);
    } else if (s.downwardAPI) {
      for (const it of (s.downwardAPI.items ?? []) as Obj[]) {
        const path = it.fieldRef?.fieldPath as string | undefined;
        const v = path === "metadata.namespace" ? ns : path === "metadata.name" ? pod.metadata.name : path === "metadata.uid" ? pod.metadata.uid : undefined;
        if (v !== undefined && typeof it.path === "string") {
          out.files.set(it.path, v);
          out.modes.set(it.path, it.mode ?? defaultMode);
        }
      }
    } else if (s.serviceAccountToken) {
      const path = (s.serviceAccountToken.path as string | undefined) ?? "token";
      // A bound token is a JWT minted by the API server; its content here is a stand-in.
      out.files.set(path, `eyJhbGciOiJSUzI1NiJ9.${pod.spec.serviceAccountName ?? "default"}.${pod.metadata.uid}`);
      out.modes.set(path, defaultMode);
    }
  }
  // utilerrors.NewAggregate
  if (errs.length > 0) return { error: errs.length === 1 ? errs[0]! : `[${errs.join(", ")}]` };
  return out;
}
