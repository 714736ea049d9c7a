// ServiceAccount: every pod runs as a service account ("default" unless it names one), the account
// must exist, and its API token is mounted as the projected kube-api-access-<suffix> volume.
// mirrors Plugin.Admit / mountServiceAccountToken / TokenVolumeSource
// (k/k plugin/pkg/admission/serviceaccount/admission.go; BoundServiceAccountTokenVolume is GA).
import type { KubeObject } from "../../api/types";
import { generateName } from "../../apimachinery/names";
import { deepFreeze } from "../../sim/clone";
import { admissionForbidden, type AdmissionContext, type ServiceAccountInfo } from "./context";

type Obj = Record<string, any>;

export const DEFAULT_SERVICE_ACCOUNT_NAME = "default";
/** Where the token, ca.crt and namespace files appear in every container. */
export const DEFAULT_API_TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
export const SERVICE_ACCOUNT_VOLUME_PREFIX = "kube-api-access-";
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds: 1h + 7s, so a stale token is detectable. */
const TOKEN_EXPIRATION_SECONDS = 3607;
const MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

// mirrors TokenVolumeSource; defaultMode 420 is what the projected-volume defaulter adds on every read.
// Only the volume's name differs between pods: the projection is one deep-frozen object shared by all.
const TOKEN_PROJECTION = deepFreeze({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: "token" } },
    { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
    { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
  ],
});

function tokenVolume(name: string): Obj {
  return { name, projected: TOKEN_PROJECTION };
}

// mirrors shouldAutomount: the pod's preference wins, then the account's, then true.
function shouldAutomount(sa: ServiceAccountInfo | undefined, spec: Obj): boolean {
  if (typeof spec.automountServiceAccountToken === "boolean") return spec.automountServiceAccountToken;
  if (typeof sa?.automountServiceAccountToken === "boolean") return sa.automountServiceAccountToken;
  return true;
}

// mirrors mountServiceAccountToken for bound token volumes
function mountServiceAccountToken(spec: Obj, random: () => number): void {
  const volumes: Obj[] = Array.isArray(spec.volumes) ? spec.volumes : [];
  const existing = volumes.find((v) => isObj(v) && typeof v.name === "string" && v.name.startsWith(SERVICE_ACCOUNT_VOLUME_PREFIX));
  const volumeName: string = existing ? existing.name : generateName(SERVICE_ACCOUNT_VOLUME_PREFIX, random);
  let needsTokenVolume = false;
  // One mount object for every container of the pod (frozen: shared).
  let mount: Obj | undefined;
  for (const key of ["initContainers", "containers"]) {
    if (!Array.isArray(spec[key])) continue;
    for (const c of spec[key]) {
      if (!isObj(c)) continue;
      const mounts: Obj[] = Array.isArray(c.volumeMounts) ? c.volumeMounts : [];
      // An existing mount at the token path prevents mounting the API token.
      if (mounts.some((m) => isObj(m) && m.mountPath === DEFAULT_API_TOKEN_MOUNT_PATH)) continue;
      mount ??= Object.freeze({ name: volumeName, readOnly: true, mountPath: DEFAULT_API_TOKEN_MOUNT_PATH });
      // concat: an array of exactly the needed length (a spread over-allocates its backing store).
      c.volumeMounts = mounts.concat([mount]);
      needsTokenVolume = true;
    }
  }
  if (!existing && needsTokenVolume) spec.volumes = volumes.concat([tokenVolume(volumeName)]);
}

/** Mutates `pod` (a private copy) on CREATE; throws the plugin's refusal. */
export function serviceAccountAdmit(pod: KubeObject, ctx: AdmissionContext): void {
  if (pod.kind !== "Pod" || ctx.operation !== "CREATE" || !isObj(pod.spec)) return;
  const spec = pod.spec as Obj;
  const namespace = pod.metadata?.namespace ?? "";

  // Mirror (static) pods are never modified and may not reference service accounts (Plugin.Validate).
  if (isObj(pod.metadata?.annotations) && MIRROR_POD_ANNOTATION in pod.metadata.annotations) {
    if (spec.serviceAccountName) throw admissionForbidden(pod, "a mirror pod may not reference service accounts");
    return;
  }

  if (!spec.serviceAccountName) spec.serviceAccountName = DEFAULT_SERVICE_ACCOUNT_NAME;
  // The deprecated field is written back as a copy on every read (v1 conversion).
  spec.serviceAccount = spec.serviceAccountName;
  const name: string = spec.serviceAccountName;

  let sa: ServiceAccountInfo | undefined;
  if (ctx.serviceAccount) {
    sa = ctx.serviceAccount(namespace, name);
    if (!sa) {
      // getServiceAccount returns errors.NewNotFound(api.Resource("serviceaccount"), name): singular resource.
      throw admissionForbidden(pod, `error looking up service account ${namespace}/${name}: serviceaccount "${name}" not found`);
    }
  }
  if (ctx.random && shouldAutomount(sa, spec)) mountServiceAccountToken(spec, ctx.random);
  if ((!Array.isArray(spec.imagePullSecrets) || spec.imagePullSecrets.length === 0) && sa?.imagePullSecrets?.length) {
    spec.imagePullSecrets = sa.imagePullSecrets.map((s) => ({ name: s.name }));
  }
}
