// `kubectl get deployments`: NAME READY UP-TO-DATE AVAILABLE AGE; wide: CONTAINERS IMAGES SELECTOR.
// mirrors printDeployment (k/k pkg/printers/internalversion/printers.go).
import type { Deployment, KubeObject } from "../../../api/types";
import { labelSelectorAsSelector } from "../../../apimachinery/labels";
import { age, col, layoutContainerCells, NAME, type Cell, type KindPrinter } from "./types";

/** The wide SELECTOR cell: selector.String(), or "<invalid>" when the selector does not convert. */
export function selectorString(selector: Parameters<typeof labelSelectorAsSelector>[0]): string {
  try {
    return labelSelectorAsSelector(selector).toString();
  } catch {
    return "<invalid>";
  }
}

export const deploymentPrinter: KindPrinter = {
  columns: [NAME, col("Ready"), col("Up-to-date"), col("Available"), col("Age"), col("Containers", 1), col("Images", 1), col("Selector", 1)],
  row(obj: KubeObject, now: number): Cell[] {
    const d = obj as Deployment;
    const desired = d.spec?.replicas ?? 1;
    const st = d.status ?? {};
    const [names, images] = layoutContainerCells(d.spec?.template?.spec?.containers);
    return [
      d.metadata.name,
      `${st.readyReplicas ?? 0}/${desired}`,
      st.updatedReplicas ?? 0,
      st.availableReplicas ?? 0,
      age(obj, now),
      names,
      images,
      selectorString(d.spec?.selector),
    ];
  },
};
