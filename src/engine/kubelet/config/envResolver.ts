// The environment a container is started with, as the kubelet builds it: envFrom sources first (a prefix
// per source), then env in order — literal values with $(VAR) references expanded, or values resolved
// from a field of the pod, a resource of the container, a ConfigMap key or a Secret key. A reference to a
// missing ConfigMap, Secret or key fails the container's creation (CreateContainerConfigError) unless the
// reference is optional. mirrors makeEnvironmentVariables and podFieldSelectorRuntimeValue
// (k/k pkg/kubelet/kubelet_pods.go, v1.34) and expansion.Expand (third_party/forked/golang/expansion).
// v1.34 passes envFrom keys through as they are (no InvalidEnvironmentVariableNames skipping, which
// older kubelets did; see kubernetes/kubernetes#130099).
import type { Container, EnvVar, Pod } from "../../api/types";
import { expandKubeletVars } from "../behaviour/program";
import { configMapStringData, notFoundConfigMap, notFoundSecret, secretData, type ConfigData, type ConfigSource } from "./configSources";
import { resourceFieldValue } from "./resourceField";

export interface EnvContext {
  pod: Pod;
  container: Container;
  podIP: string;
  hostIP: string;
  sources: ConfigSource;
  /** Service links and the kubernetes Service variables: the fallback of $(VAR) expansion. */
  serviceEnv?: Readonly<Record<string, string>>;
  /** Node allocatable, for resourceFieldRef on an unset limit (defaultPodLimitsForDownwardAPI). */
  nodeAllocatable?: Readonly<Record<string, string>>;
}

export type EnvResult = { env: EnvVar[] } | { error: string };

interface Ref {
  name?: string;
  key?: string;
  optional?: boolean;
}

// mirrors podFieldSelectorRuntimeValue + fieldpath.ExtractFieldPathAsString
function fieldValue(ctx: EnvContext, path: string): string | { error: string } {
  const { pod } = ctx;
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (m[1] === "labels" ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]!] ?? "";
  switch (path) {
    case "metadata.name":
      return pod.metadata.name;
    case "metadata.namespace":
      return pod.metadata.namespace ?? "";
    case "metadata.uid":
      return pod.metadata.uid;
    case "spec.nodeName":
      return pod.spec.nodeName ?? "";
    case "spec.serviceAccountName":
      return pod.spec.serviceAccountName ?? "";
    case "status.hostIP":
    case "status.hostIPs":
      return ctx.hostIP;
    case "status.podIP":
    case "status.podIPs":
      return ctx.podIP;
    case "spec.terminationGracePeriodSeconds":
      return String(pod.spec.terminationGracePeriodSeconds ?? 30);
    default:
      return { error: `unsupported fieldPath: ${path}` };
  }
}

/** Reads a referenced ConfigMap/Secret once per container (the kubelet's per-call maps). */
class Lookups {
  private readonly cms = new Map<string, ConfigData | null>();
  private readonly secrets = new Map<string, ConfigData | null>();
  constructor(private readonly ctx: EnvContext) {}

  configMap(name: string): ConfigData | undefined {
    if (!this.cms.has(name)) {
      const cm = this.ctx.sources.configMap(this.ctx.pod.metadata.namespace ?? "default", name);
      this.cms.set(name, cm ? configMapStringData(cm) : null);
    }
    return this.cms.get(name) ?? undefined;
  }

  secret(name: string): ConfigData | undefined {
    if (!this.secrets.has(name)) {
      const s = this.ctx.sources.secret(this.ctx.pod.metadata.namespace ?? "default", name);
      this.secrets.set(name, s ? secretData(s) : null);
    }
    return this.secrets.get(name) ?? undefined;
  }
}

export function makeEnvironmentVariables(ctx: EnvContext): EnvResult {
  const ns = ctx.pod.metadata.namespace ?? "default";
  const lookups = new Lookups(ctx);
  const tmpEnv = new Map<string, string>();
  // Env overrides EnvFrom: envFrom first.
  for (const ef of (ctx.container.envFrom ?? []) as { prefix?: string; configMapRef?: Ref; secretRef?: Ref }[]) {
    const prefix = ef.prefix ?? "";
    if (ef.configMapRef) {
      const name = ef.configMapRef.name ?? "";
      const data = lookups.configMap(name);
      if (!data) {
        if (ef.configMapRef.optional) continue;
        return { error: notFoundConfigMap(name) };
      }
      for (const k of data.keys) tmpEnv.set(prefix + k, data.values.get(k)!);
    } else if (ef.secretRef) {
      const name = ef.secretRef.name ?? "";
      const data = lookups.secret(name);
      if (!data) {
        if (ef.secretRef.optional) continue;
        return { error: notFoundSecret(name) };
      }
      for (const k of data.keys) tmpEnv.set(prefix + k, data.values.get(k)!);
    }
  }
  const serviceEnv = ctx.serviceEnv ?? {};
  for (const e of ctx.container.env ?? []) {
    let value = e.value ?? "";
    if (value !== "") {
      // Step 1a: $(VAR) from the variables declared so far, then the service variables.
      value = expandKubeletVars(value, { ...serviceEnv, ...Object.fromEntries(tmpEnv) });
    } else if (e.valueFrom) {
      const vf = e.valueFrom as { fieldRef?: { fieldPath?: string }; resourceFieldRef?: { containerName?: string; resource?: string; divisor?: string }; configMapKeyRef?: Ref; secretKeyRef?: Ref };
      if (vf.fieldRef) {
        const v = fieldValue(ctx, vf.fieldRef.fieldPath ?? "");
        if (typeof v !== "string") return v;
        value = v;
      } else if (vf.resourceFieldRef) {
        const v = resourceFieldValue(ctx.pod, ctx.container, vf.resourceFieldRef, ctx.nodeAllocatable);
        if (typeof v !== "string") return v;
        value = v;
      } else if (vf.configMapKeyRef) {
        const { name = "", key = "", optional } = vf.configMapKeyRef;
        const data = lookups.configMap(name);
        if (!data) {
          if (optional) continue;
          return { error: notFoundConfigMap(name) };
        }
        const v = data.values.get(key);
        if (v === undefined) {
          if (optional) continue;
          return { error: `couldn't find key ${key} in ConfigMap ${ns}/${name}` };
        }
        value = v;
      } else if (vf.secretKeyRef) {
        const { name = "", key = "", optional } = vf.secretKeyRef;
        const data = lookups.secret(name);
        if (!data) {
          if (optional) continue;
          return { error: notFoundSecret(name) };
        }
        const v = data.values.get(key);
        if (v === undefined) {
          if (optional) continue;
          return { error: `couldn't find key ${key} in Secret ${ns}/${name}` };
        }
        value = v;
      }
    }
    tmpEnv.set(e.name, value);
  }
  return { env: [...tmpEnv].map(([name, value]) => ({ name, value })) };
}
