// Defaulting of PodSpecs, for Pods and for the pod templates inside workloads.
// mirrors SetDefaults_PodSpec, SetDefaults_Pod, SetDefaults_Container, SetDefaults_Probe,
// SetDefaults_HTTPGetAction, SetDefaults_Volume and the volume-source defaulters
// (k/k pkg/apis/core/v1/defaults.go), called in the order of SetObjectDefaults_Pod /
// SetObjectDefaults_PodTemplate (k/k pkg/apis/core/v1/zz_generated.defaults.go).
//
// Every function here mutates the object it is given: callers hand in a private copy.
import { defaultPullPolicy } from "./imageRef";
import { defaultResourceList } from "./resourceList";

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** Every member of v1.VolumeSource; a volume with none of them becomes an emptyDir. */
export const VOLUME_SOURCE_KEYS = [
  "hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi",
  "glusterfs", "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc",
  "azureFile", "configMap", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "projected",
  "portworxVolume", "scaleIO", "storageos", "csi", "ephemeral", "image",
] as const;

/** 0644, the defaultMode of secret, configMap, downwardAPI and projected volumes (v1 types.go). */
const DEFAULT_MODE = 420;

// mirrors SetDefaults_PodSpec
function setDefaultsPodSpecFields(spec: Obj): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = "ClusterFirst";
  if (!spec.restartPolicy) spec.restartPolicy = "Always";
  if (spec.securityContext == null) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds == null) spec.terminationGracePeriodSeconds = 30;
  if (!spec.schedulerName) spec.schedulerName = "default-scheduler";
}

// mirrors SetDefaults_ObjectFieldSelector
function defaultFieldRef(fieldRef: unknown): void {
  if (isObj(fieldRef) && !fieldRef.apiVersion) fieldRef.apiVersion = "v1";
}

function defaultDownwardItems(items: unknown): void {
  for (const item of arr(items)) defaultFieldRef(item.fieldRef);
}

// mirrors the per-volume block of SetObjectDefaults_Pod
function defaultVolume(vol: Obj): void {
  // SetDefaults_Volume: no source at all means an emptyDir.
  if (!VOLUME_SOURCE_KEYS.some((k) => vol[k] != null)) vol.emptyDir = {};
  if (isObj(vol.hostPath) && vol.hostPath.type == null) vol.hostPath.type = ""; // HostPathUnset
  if (isObj(vol.secret) && vol.secret.defaultMode == null) vol.secret.defaultMode = DEFAULT_MODE;
  if (isObj(vol.configMap) && vol.configMap.defaultMode == null) vol.configMap.defaultMode = DEFAULT_MODE;
  if (isObj(vol.downwardAPI)) {
    if (vol.downwardAPI.defaultMode == null) vol.downwardAPI.defaultMode = DEFAULT_MODE;
    defaultDownwardItems(vol.downwardAPI.items);
  }
  if (isObj(vol.projected)) {
    if (vol.projected.defaultMode == null) vol.projected.defaultMode = DEFAULT_MODE;
    for (const src of arr(vol.projected.sources)) {
      if (isObj(src.downwardAPI)) defaultDownwardItems(src.downwardAPI.items);
      // SetDefaults_ServiceAccountTokenProjection: one hour.
      if (isObj(src.serviceAccountToken) && src.serviceAccountToken.expirationSeconds == null) {
        src.serviceAccountToken.expirationSeconds = 3600;
      }
    }
  }
  // The in-tree plugins' own defaulters (SetDefaults_ISCSIVolumeSource, _RBDVolumeSource, _AzureDiskVolumeSource,
  // _ScaleIOVolumeSource).
  if (isObj(vol.iscsi) && !vol.iscsi.iscsiInterface) vol.iscsi.iscsiInterface = "default";
  if (isObj(vol.rbd)) {
    if (!vol.rbd.pool) vol.rbd.pool = "rbd";
    if (!vol.rbd.user) vol.rbd.user = "admin";
    if (!vol.rbd.keyring) vol.rbd.keyring = "/etc/ceph/keyring";
  }
  if (isObj(vol.azureDisk)) {
    if (vol.azureDisk.cachingMode == null) vol.azureDisk.cachingMode = "ReadWrite";
    if (vol.azureDisk.kind == null) vol.azureDisk.kind = "Shared";
    if (vol.azureDisk.fsType == null) vol.azureDisk.fsType = "ext4";
    if (vol.azureDisk.readOnly == null) vol.azureDisk.readOnly = false;
  }
  if (isObj(vol.scaleIO)) {
    if (!vol.scaleIO.storageMode) vol.scaleIO.storageMode = "ThinProvisioned";
    if (!vol.scaleIO.fsType) vol.scaleIO.fsType = "xfs";
  }
  if (isObj(vol.ephemeral) && isObj(vol.ephemeral.volumeClaimTemplate) && isObj(vol.ephemeral.volumeClaimTemplate.spec)) {
    defaultPersistentVolumeClaimSpec(vol.ephemeral.volumeClaimTemplate.spec);
  }
}

// mirrors SetDefaults_PersistentVolumeClaimSpec plus its ResourceList defaulting
export function defaultPersistentVolumeClaimSpec(spec: Obj): void {
  if (spec.volumeMode == null) spec.volumeMode = "Filesystem";
  if (isObj(spec.resources)) {
    defaultResourceList(spec.resources.limits);
    defaultResourceList(spec.resources.requests);
  }
}

// mirrors SetDefaults_HTTPGetAction
function defaultHTTPGet(h: unknown): void {
  if (!isObj(h)) return;
  if (!h.path) h.path = "/";
  if (!h.scheme) h.scheme = "HTTP";
}

// mirrors SetDefaults_Probe plus the handler defaults the generated code applies inside it
function defaultProbe(p: unknown): void {
  if (!isObj(p)) return;
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  defaultHTTPGet(p.httpGet);
  // GRPCAction.service is `+default=""` (declarative default in api core/v1 types.go).
  if (isObj(p.grpc) && p.grpc.service == null) p.grpc.service = "";
}

// mirrors the per-container block of SetObjectDefaults_Pod: SetDefaults_Container, port protocols,
// env fieldRefs, resource lists, probes and lifecycle handlers.
function defaultContainer(c: Obj): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(c.image);
  if (!c.terminationMessagePath) c.terminationMessagePath = "/dev/termination-log";
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = "File";
  for (const port of arr(c.ports)) if (!port.protocol) port.protocol = "TCP";
  for (const env of arr(c.env)) if (isObj(env.valueFrom)) defaultFieldRef(env.valueFrom.fieldRef);
  // ResourceRequirements is a struct without omitempty effect: it always serialises, as `resources: {}`.
  if (!isObj(c.resources)) c.resources = {};
  defaultResourceList(c.resources.limits);
  defaultResourceList(c.resources.requests);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  if (isObj(c.lifecycle)) {
    if (isObj(c.lifecycle.postStart)) defaultHTTPGet(c.lifecycle.postStart.httpGet);
    if (isObj(c.lifecycle.preStop)) defaultHTTPGet(c.lifecycle.preStop.httpGet);
  }
}

/**
 * Defaults a PodSpec the way SetObjectDefaults_PodTemplate does (also the common part of
 * SetObjectDefaults_Pod): spec fields, volumes, then init, regular and ephemeral containers.
 */
export function defaultPodSpec(spec: Obj): void {
  setDefaultsPodSpecFields(spec);
  for (const v of arr(spec.volumes)) defaultVolume(v);
  for (const c of arr(spec.initContainers)) defaultContainer(c);
  for (const c of arr(spec.containers)) defaultContainer(c);
  for (const c of arr(spec.ephemeralContainers)) defaultContainer(c);
  defaultResourceList(spec.overhead);
  roundTripServiceAccount(spec);
}

/**
 * The v1 ⇄ internal round trip every stored PodSpec makes: the deprecated `serviceAccount` is read as
 * `serviceAccountName` when that is empty, and written back as a copy of it.
 */
// mirrors Convert_v1_PodSpec_To_core_PodSpec / Convert_core_PodSpec_To_v1_PodSpec (k/k pkg/apis/core/v1/conversion.go)
export function roundTripServiceAccount(spec: Obj): void {
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
}

// mirrors SetDefaults_Pod: only real Pods, never templates, get these.
function setDefaultsPodOnly(spec: Obj): void {
  // Limits without requests: the request defaults to the limit (per resource name).
  for (const c of [...arr(spec.containers), ...arr(spec.initContainers)]) {
    const res = c.resources;
    if (!isObj(res) || !isObj(res.limits)) continue;
    if (!isObj(res.requests)) res.requests = {};
    for (const k of Object.keys(res.limits)) if (!(k in res.requests)) res.requests[k] = res.limits[k];
  }
  if (spec.enableServiceLinks == null) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    // defaultHostNetworkPorts: with host networking every container port is a host port.
    for (const c of [...arr(spec.containers), ...arr(spec.initContainers)]) {
      for (const p of arr(c.ports)) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
}

/** SetObjectDefaults_Pod on a pod's spec (mutates it). */
export function defaultPodObjectSpec(spec: Obj): void {
  setDefaultsPodOnly(spec);
  defaultPodSpec(spec);
}

/** Defaults a PodTemplateSpec ({metadata, spec}) in place; a missing spec is left for validation. */
export function defaultPodTemplate(template: unknown): void {
  if (isObj(template) && isObj(template.spec)) defaultPodSpec(template.spec);
}
