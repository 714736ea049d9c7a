// `kubectl describe` for PersistentVolumes, PersistentVolumeClaims and StorageClasses.
// mirrors describePersistentVolume, printVolumeNodeAffinity, printNodeSelectorTermsMultilineWithIndent,
// describePersistentVolumeClaim, printPersistentVolumeClaim, getPodsForPVC, printPodsMultiline,
// the StorageClass describer (IsDefaultAnnotationText, printBoolPtr) and the PV source printers
// (printHostPathVolumeSource, printLocalVolumeSource, printNFSVolumeSource, printCSIPersistentVolumeSource)
// of kubectl pkg/describe/describe.go.
import type { KubeEvent, KubeObject, NodeSelectorRequirement, Pod } from "../../../api/types";
import { formatLabels } from "../../../apimachinery/labels";
import { accessModesAsString, storageClassOf } from "../columns/storage";
import { quantityString } from "../columns/quantity";
import { arr, field, rec, str } from "../columns/types";
import { translateTimestampSince } from "../duration";
import { describeEvents } from "./events";
import { goBool, LEVEL_0, LEVEL_1, LEVEL_2, printAnnotationsMultiline, printBool, printLabelsMultiline, tabbedString, type PrefixWriter } from "./prefixWriter";

/** Go's %v of a []string: "[a b]"; nil prints "[]". */
const goSlice = (v: unknown): string => `[${arr<string>(v).join(" ")}]`;

function status(obj: KubeObject, now: number): string {
  const ts = obj.metadata.deletionTimestamp;
  return ts ? `Terminating (lasts ${translateTimestampSince(ts, now)})` : str(field(obj, "status", "phase"));
}

// mirrors printNodeSelectorTermsMultilineWithIndent
function printTerm(w: PrefixWriter, title: string, reqs: readonly NodeSelectorRequirement[]): void {
  w.write(LEVEL_2, `${title}:\t`);
  if (reqs.length === 0) {
    w.writeLine("<none>");
    return;
  }
  reqs.forEach((r, i) => {
    if (i !== 0) w.write(LEVEL_2, "\t");
    let expr = `${r.key} ${r.operator.toLowerCase()}`;
    if ((r.values ?? []).length > 0) expr += ` [${(r.values ?? []).join(", ")}]`;
    w.write(LEVEL_0, `${expr}\n`);
  });
}

// mirrors printVolumeNodeAffinity
function printVolumeNodeAffinity(w: PrefixWriter, affinity: unknown): void {
  w.write(LEVEL_0, "Node Affinity:\t");
  const required = field(affinity, "required");
  if (affinity === undefined || required === undefined) {
    w.writeLine("<none>");
    return;
  }
  w.writeLine("");
  w.write(LEVEL_1, "Required Terms:\t");
  const terms = arr<Record<string, unknown>>(field(required, "nodeSelectorTerms"));
  if (terms.length === 0) {
    w.writeLine("<none>");
    return;
  }
  w.writeLine("");
  terms.forEach((t, i) => printTerm(w, `Term ${i}`, arr<NodeSelectorRequirement>(t.matchExpressions)));
}

/** The "Source:" block of a PV: the sources Kubelab PVs use; any other prints "<unknown>" as upstream. */
function printPVSource(w: PrefixWriter, spec: Record<string, unknown>): void {
  if (spec.hostPath !== undefined) {
    const type = field(spec.hostPath, "type");
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${str(field(spec.hostPath, "path"))}\n    HostPathType:\t${type === undefined ? "<none>" : str(type)}\n`);
  } else if (spec.nfs !== undefined) {
    w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${str(field(spec.nfs, "server"))}\n    Path:\t${str(field(spec.nfs, "path"))}\n    ReadOnly:\t${goBool(field(spec.nfs, "readOnly") === true)}\n`);
  } else if (spec.local !== undefined) {
    w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${str(field(spec.local, "path"))}\n`);
  } else if (spec.csi !== undefined) {
    const csi = rec(spec.csi);
    w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${str(csi.driver)}\n    FSType:\t${str(csi.fsType)}\n    VolumeHandle:\t${str(csi.volumeHandle)}\n    ReadOnly:\t${goBool(csi.readOnly === true)}\n`);
    // printCSIPersistentVolumeAttributesMultilineIndent: every write carries the LEVEL_2 prefix, as upstream.
    const attrs = rec(csi.volumeAttributes) as Record<string, string>;
    const keys = Object.keys(attrs).sort();
    w.write(LEVEL_2, "VolumeAttributes:\t");
    if (keys.length === 0) w.writeLine("<none>");
    keys.forEach((k, i) => {
      if (i !== 0) {
        w.write(LEVEL_2, "");
        w.write(LEVEL_2, "\t");
      }
      const line = `${k}=${attrs[k]}`;
      w.write(LEVEL_2, line.length > 140 ? `${line.slice(0, 140)}...\n` : `${line}\n`);
    });
  } else {
    w.write(LEVEL_1, "<unknown>\n");
  }
}

export function describePersistentVolume(pv: KubeObject, events: readonly KubeEvent[] | undefined, now: number): string {
  return tabbedString((w) => {
    const spec = rec(pv.spec);
    w.write(LEVEL_0, `Name:\t${pv.metadata.name}\n`);
    printLabelsMultiline(w, "Labels", pv.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", pv.metadata.annotations);
    w.write(LEVEL_0, `Finalizers:\t${goSlice(pv.metadata.finalizers)}\n`);
    w.write(LEVEL_0, `StorageClass:\t${storageClassOf(pv)}\n`);
    w.write(LEVEL_0, `Status:\t${status(pv, now)}\n`);
    const ref = spec.claimRef === undefined ? undefined : rec(spec.claimRef);
    w.write(LEVEL_0, `Claim:\t${ref ? `${str(ref.namespace)}/${str(ref.name)}` : ""}\n`);
    w.write(LEVEL_0, `Reclaim Policy:\t${str(spec.persistentVolumeReclaimPolicy)}\n`);
    w.write(LEVEL_0, `Access Modes:\t${accessModesAsString(spec.accessModes)}\n`);
    if (spec.volumeMode !== undefined) w.write(LEVEL_0, `VolumeMode:\t${str(spec.volumeMode)}\n`);
    w.write(LEVEL_0, `Capacity:\t${quantityString(field(spec, "capacity", "storage")) || "0"}\n`);
    printVolumeNodeAffinity(w, spec.nodeAffinity);
    w.write(LEVEL_0, `Message:\t${str(field(pv, "status", "message"))}\n`);
    w.write(LEVEL_0, "Source:\n");
    printPVSource(w, spec);
    if (events !== undefined) describeEvents(events, w, now);
  });
}

/** getPodsForPVC: pods of the claim's namespace that mount it (plus pods owning it), sorted by name. */
export function podsForClaim(claim: KubeObject, pods: readonly Pod[]): Pod[] {
  const out: Pod[] = [];
  for (const p of pods) {
    for (const v of p.spec.volumes ?? []) {
      if ((v.persistentVolumeClaim as { claimName?: string } | undefined)?.claimName === claim.metadata.name) out.push(p);
    }
  }
  for (const ref of claim.metadata.ownerReferences ?? []) {
    if (ref.kind !== "Pod") continue;
    const owner = pods.find((p) => p.metadata.uid === ref.uid);
    if (owner && !out.includes(owner)) out.push(owner);
  }
  return out.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

export function describePersistentVolumeClaim(pvc: KubeObject, events: readonly KubeEvent[] | undefined, pods: readonly Pod[], now: number): string {
  return tabbedString((w) => {
    const spec = rec(pvc.spec);
    w.write(LEVEL_0, `Name:\t${pvc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${pvc.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, `StorageClass:\t${storageClassOf(pvc)}\n`);
    w.write(LEVEL_0, `Status:\t${status(pvc, now)}\n`);
    w.write(LEVEL_0, `Volume:\t${str(spec.volumeName)}\n`);
    printLabelsMultiline(w, "Labels", pvc.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", pvc.metadata.annotations);
    w.write(LEVEL_0, `Finalizers:\t${goSlice(pvc.metadata.finalizers)}\n`);
    const bound = str(spec.volumeName) !== "";
    w.write(LEVEL_0, `Capacity:\t${bound ? quantityString(field(pvc, "status", "capacity", "storage")) || "0" : ""}\n`);
    w.write(LEVEL_0, `Access Modes:\t${bound ? accessModesAsString(field(pvc, "status", "accessModes")) : ""}\n`);
    if (spec.volumeMode !== undefined) w.write(LEVEL_0, `VolumeMode:\t${str(spec.volumeMode)}\n`);
    // printPodsMultiline
    w.write(LEVEL_0, "Used By:\t");
    if (pods.length === 0) w.writeLine("<none>");
    pods.forEach((p, i) => w.write(LEVEL_0, `${i === 0 ? "" : "\t"}${p.metadata.name}\n`));
    if (events !== undefined) describeEvents(events, w, now);
  });
}

// mirrors storageutil.IsDefaultAnnotationText
function isDefaultAnnotationText(obj: KubeObject): string {
  const a = obj.metadata.annotations ?? {};
  return a["storageclass.kubernetes.io/is-default-class"] === "true" || a["storageclass.beta.kubernetes.io/is-default-class"] === "true" ? "Yes" : "No";
}

export function describeStorageClass(sc: KubeObject, events: readonly KubeEvent[] | undefined, now: number): string {
  return tabbedString((w) => {
    const o = sc as Record<string, unknown>;
    w.write(LEVEL_0, `Name:\t${sc.metadata.name}\n`);
    w.write(LEVEL_0, `IsDefaultClass:\t${isDefaultAnnotationText(sc)}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
    w.write(LEVEL_0, `Provisioner:\t${str(o.provisioner)}\n`);
    w.write(LEVEL_0, `Parameters:\t${formatLabels(o.parameters as Record<string, string> | undefined)}\n`);
    // printBoolPtr
    w.write(LEVEL_0, `AllowVolumeExpansion:\t${typeof o.allowVolumeExpansion === "boolean" ? printBool(o.allowVolumeExpansion) : "<unset>"}\n`);
    const mountOptions = arr<string>(o.mountOptions);
    if (mountOptions.length === 0) w.write(LEVEL_0, "MountOptions:\t<none>\n");
    else {
      w.write(LEVEL_0, "MountOptions:\n");
      for (const m of mountOptions) w.write(LEVEL_1, `${m}\n`);
    }
    if (o.reclaimPolicy !== undefined) w.write(LEVEL_0, `ReclaimPolicy:\t${str(o.reclaimPolicy)}\n`);
    if (o.volumeBindingMode !== undefined) w.write(LEVEL_0, `VolumeBindingMode:\t${str(o.volumeBindingMode)}\n`);
    if (events !== undefined) describeEvents(events, w, now);
  });
}
