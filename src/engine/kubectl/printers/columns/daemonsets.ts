// `kubectl get daemonsets`: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE;
// wide: CONTAINERS IMAGES SELECTOR. mirrors printDaemonSet (k/k pkg/printers/internalversion/printers.go).
import { formatLabels } from "../labels";
import type { KubeObject } from "../../../api/types";
import { formatLabelSelector } from "../../../apimachinery/labels";
import { age, col, field, int, layoutContainerCells, NAME, type Cell, type KindPrinter } from "./types";

export const daemonSetPrinter: KindPrinter = {
  columns: [
    NAME,
    col("Desired"),
    col("Current"),
    col("Ready"),
    col("Up-to-date"),
    col("Available"),
    col("Node Selector"),
    col("Age"),
    col("Containers", 1),
    col("Images", 1),
    col("Selector", 1),
  ],
  row(obj: KubeObject, now: number): Cell[] {
    const st = (k: string) => int(field(obj, "status", k));
    const podSpec = field(obj, "spec", "template", "spec");
    const [names, images] = layoutContainerCells(field(podSpec, "containers") as never);
    return [
      obj.metadata.name,
      st("desiredNumberScheduled"),
      st("currentNumberScheduled"),
      st("numberReady"),
      st("updatedNumberScheduled"),
      st("numberAvailable"),
      formatLabels(field(podSpec, "nodeSelector") as Record<string, string> | undefined),
      age(obj, now),
      names,
      images,
      formatLabelSelector(field(obj, "spec", "selector") as never),
    ];
  },
};
