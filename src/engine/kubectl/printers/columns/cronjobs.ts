// `kubectl get cronjobs`: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE;
// wide: CONTAINERS IMAGES SELECTOR. mirrors printCronJob (k/k pkg/printers/internalversion/printers.go).
import type { KubeObject } from "../../../api/types";
import { formatLabelSelector } from "../../../apimachinery/labels";
import { translateTimestampSince } from "../duration";
import { age, arr, boolPtr, col, field, layoutContainerCells, NAME, str, type Cell, type KindPrinter } from "./types";

export const cronJobPrinter: KindPrinter = {
  columns: [
    NAME,
    col("Schedule"),
    col("Timezone"),
    col("Suspend"),
    col("Active"),
    col("Last Schedule"),
    col("Age"),
    col("Containers", 1),
    col("Images", 1),
    col("Selector", 1),
  ],
  row(obj: KubeObject, now: number): Cell[] {
    const last = str(field(obj, "status", "lastScheduleTime"));
    const jobSpec = field(obj, "spec", "jobTemplate", "spec");
    const [names, images] = layoutContainerCells(field(jobSpec, "template", "spec", "containers") as never);
    return [
      obj.metadata.name,
      str(field(obj, "spec", "schedule")),
      str(field(obj, "spec", "timeZone")) || "<none>",
      boolPtr(field(obj, "spec", "suspend")),
      arr(field(obj, "status", "active")).length,
      last ? translateTimestampSince(last, now) : "<none>",
      age(obj, now),
      names,
      images,
      formatLabelSelector(field(jobSpec, "selector") as never),
    ];
  },
};
