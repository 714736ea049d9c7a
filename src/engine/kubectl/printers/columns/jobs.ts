// `kubectl get jobs`: NAME STATUS COMPLETIONS DURATION AGE; wide: CONTAINERS IMAGES SELECTOR.
// mirrors printJob and hasJobCondition (k/k pkg/printers/internalversion/printers.go).
import type { KubeObject } from "../../../api/types";
import { formatLabelSelector } from "../../../apimachinery/labels";
import { humanDuration, parseTimestamp } from "../duration";
import { age, col, field, findCondition, int, layoutContainerCells, NAME, str, type Cell, type KindPrinter } from "./types";

// mirrors hasJobCondition: the first condition of that type decides.
function hasJobCondition(job: KubeObject, type: string): boolean {
  return findCondition(job, type)?.status === "True";
}

// mirrors the STATUS cell of printJob. ⚠ SuccessCriteriaMet (JobSuccessPolicy, GA in v1.33) is listed by
// later printers after FailureTarget; it only shows while a success policy is being applied.
export function jobStatus(job: KubeObject): string {
  if (hasJobCondition(job, "Complete")) return "Complete";
  if (hasJobCondition(job, "Failed")) return "Failed";
  if (job.metadata?.deletionTimestamp) return "Terminating";
  if (hasJobCondition(job, "Suspended")) return "Suspended";
  if (hasJobCondition(job, "FailureTarget")) return "FailureTarget";
  if (hasJobCondition(job, "SuccessCriteriaMet")) return "SuccessCriteriaMet";
  return "Running";
}

export const jobPrinter: KindPrinter = {
  columns: [NAME, col("Status"), col("Completions"), col("Duration"), col("Age"), col("Containers", 1), col("Images", 1), col("Selector", 1)],
  row(obj: KubeObject, now: number): Cell[] {
    const succeeded = int(field(obj, "status", "succeeded"));
    const completions = field(obj, "spec", "completions");
    let completionsCell: string;
    if (typeof completions === "number") {
      completionsCell = `${succeeded}/${completions}`;
    } else {
      const parallelism = int(field(obj, "spec", "parallelism"));
      completionsCell = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
    }
    const start = parseTimestamp(str(field(obj, "status", "startTime")));
    const done = parseTimestamp(str(field(obj, "status", "completionTime")));
    let duration = "";
    if (start !== undefined) duration = humanDuration((done ?? now) - start);
    const [names, images] = layoutContainerCells(field(obj, "spec", "template", "spec", "containers") as never);
    return [obj.metadata.name, jobStatus(obj), completionsCell, duration, age(obj, now), names, images, formatLabelSelector(field(obj, "spec", "selector") as never)];
  },
};
