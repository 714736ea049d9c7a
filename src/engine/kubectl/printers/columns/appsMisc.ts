// `kubectl get controllerrevisions` (NAME CONTROLLER REVISION AGE) and `kubectl get podtemplates`
// (NAME CONTAINERS IMAGES POD LABELS). mirrors printControllerRevision, formatResourceName and
// printPodTemplate (k/k pkg/printers/internalversion/printers.go).
import { formatLabels } from "../labels";
import type { KubeObject } from "../../../api/types";
import { age, col, field, int, layoutContainerCells, NAME, type Cell, type KindPrinter } from "./types";

/** schema.GroupKind.String(), lower-cased: "statefulset.apps", "pod". */
export function groupKindString(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  return (group === "" ? kind : `${kind}.${group}`).toLowerCase();
}

export const controllerRevisionPrinter: KindPrinter = {
  columns: [NAME, col("Controller"), col("Revision"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller === true);
    const controller = ref ? `${groupKindString(ref.apiVersion, ref.kind)}/${ref.name}` : "<none>";
    return [obj.metadata.name, controller, int((obj as Record<string, unknown>).revision), age(obj, now)];
  },
};

export const podTemplatePrinter: KindPrinter = {
  columns: [NAME, col("Containers"), col("Images"), col("Pod Labels")],
  row(obj: KubeObject): Cell[] {
    const template = field(obj, "template");
    const [names, images] = layoutContainerCells(field(template, "spec", "containers") as never);
    return [obj.metadata.name, names, images, formatLabels(field(template, "metadata", "labels") as Record<string, string> | undefined)];
  },
};
