// `kubectl get statefulsets`: NAME READY AGE; wide: CONTAINERS IMAGES.
// mirrors printStatefulSet (k/k pkg/printers/internalversion/printers.go).
import type { KubeObject } from "../../../api/types";
import { age, col, field, int, layoutContainerCells, NAME, type Cell, type KindPrinter } from "./types";

export const statefulSetPrinter: KindPrinter = {
  columns: [NAME, col("Ready"), col("Age"), col("Containers", 1), col("Images", 1)],
  row(obj: KubeObject, now: number): Cell[] {
    const replicas = field(obj, "spec", "replicas");
    const desired = typeof replicas === "number" ? replicas : 1;
    const [names, images] = layoutContainerCells(field(obj, "spec", "template", "spec", "containers") as never);
    return [obj.metadata.name, `${int(field(obj, "status", "readyReplicas"))}/${desired}`, age(obj, now), names, images];
  },
};
