// The "Volumes:" section of pod and pod-template descriptions.
// mirrors describeVolumes and the print*VolumeSource functions for the sources Kubelab pods use
// (kubectl pkg/describe/describe.go). Any other source prints "<unknown>", as upstream does for
// sources it does not know.
import type { Volume } from "../../../api/types";
import { quantityString } from "../columns/quantity";
import { arr, field, rec, str } from "../columns/types";
import { goBool, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from "./prefixWriter";

const optional = (v: unknown) => goBool(rec(v).optional === true);

function printSource(w: PrefixWriter, v: Volume): void {
  if (v.hostPath !== undefined) {
    const type = field(v.hostPath, "type");
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${str(field(v.hostPath, "path"))}\n    HostPathType:\t${type === undefined ? "<none>" : str(type)}\n`);
  } else if (v.emptyDir !== undefined) {
    const size = field(v.emptyDir, "sizeLimit");
    const sizeLimit = size !== undefined && quantityString(size) !== "0" ? quantityString(size) : "<unset>";
    w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${str(field(v.emptyDir, "medium"))}\n    SizeLimit:\t${sizeLimit}\n`);
  } else if (v.secret !== undefined) {
    w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${str(field(v.secret, "secretName"))}\n    Optional:\t${optional(v.secret)}\n`);
  } else if (v.configMap !== undefined) {
    w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${str(field(v.configMap, "name"))}\n    Optional:\t${optional(v.configMap)}\n`);
  } else if (v.nfs !== undefined) {
    w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${str(field(v.nfs, "server"))}\n    Path:\t${str(field(v.nfs, "path"))}\n    ReadOnly:\t${goBool(field(v.nfs, "readOnly") === true)}\n`);
  } else if (v.persistentVolumeClaim !== undefined) {
    const claim = rec(v.persistentVolumeClaim);
    w.write(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${str(claim.claimName)}\n    ReadOnly:\t${goBool(claim.readOnly === true)}\n`);
  } else if (v.downwardAPI !== undefined) {
    w.write(LEVEL_2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
    for (const item of arr(field(v.downwardAPI, "items"))) {
      const path = str(rec(item).path);
      const fieldRef = rec(item).fieldRef;
      const resourceRef = rec(item).resourceFieldRef;
      if (fieldRef !== undefined) w.write(LEVEL_3, `${str(rec(fieldRef).fieldPath)} -> ${path}\n`);
      if (resourceRef !== undefined) w.write(LEVEL_3, `${str(rec(resourceRef).resource)} -> ${path}\n`);
    }
  } else if (v.projected !== undefined) {
    w.write(LEVEL_2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
    for (const s of arr(field(v.projected, "sources"))) {
      const src = rec(s);
      if (src.secret !== undefined) {
        w.write(LEVEL_2, `SecretName:\t${str(rec(src.secret).name)}\n    Optional:\t${optional(src.secret)}\n`);
      } else if (src.downwardAPI !== undefined) {
        w.write(LEVEL_2, "DownwardAPI:\ttrue\n");
      } else if (src.configMap !== undefined) {
        w.write(LEVEL_2, `ConfigMapName:\t${str(rec(src.configMap).name)}\n    Optional:\t${optional(src.configMap)}\n`);
      } else if (src.serviceAccountToken !== undefined) {
        w.write(LEVEL_2, `TokenExpirationSeconds:\t${String(rec(src.serviceAccountToken).expirationSeconds ?? 3600)}\n`);
      }
    }
  } else if (v.image !== undefined) {
    // mirrors printImageVolumeSource
    w.write(LEVEL_2, `Type:\tImage (a container image or OCI artifact)\n    Reference:\t${str(field(v.image, "reference"))}\n    PullPolicy:\t${str(field(v.image, "pullPolicy"))}\n`);
  } else {
    w.write(LEVEL_1, "<unknown>\n");
  }
}

// mirrors describeVolumes: `space` is "" for a pod and "  " inside a pod template.
export function describeVolumes(volumes: readonly Volume[] | undefined, w: PrefixWriter, space: string): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  const nameIndent = space.length > 0 ? " " : "";
  for (const v of volumes) {
    w.write(LEVEL_1, `${nameIndent}${v.name}:\n`);
    printSource(w, v);
  }
}
