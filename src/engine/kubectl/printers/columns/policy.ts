// `kubectl get` for poddisruptionbudgets, priorityclasses and runtimeclasses.
// mirrors printPodDisruptionBudget, printPriorityClass, printRuntimeClass
// (k/k pkg/printers/internalversion/printers.go).
import type { KubeObject } from "../../../api/types";
import { age, col, field, int, intOrString, NAME, str, type Cell, type KindPrinter } from "./types";

export const podDisruptionBudgetPrinter: KindPrinter = {
  columns: [NAME, col("Min Available"), col("Max Unavailable"), col("Allowed Disruptions"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    const min = field(obj, "spec", "minAvailable");
    const max = field(obj, "spec", "maxUnavailable");
    return [
      obj.metadata.name,
      min === undefined || min === null ? "N/A" : intOrString(min),
      max === undefined || max === null ? "N/A" : intOrString(max),
      int(field(obj, "status", "disruptionsAllowed")),
      age(obj, now),
    ];
  },
};

// PREEMPTIONPOLICY has priority 0 but its cell is only added for wide output; the server always
// generates wide rows, so `kubectl get priorityclasses` shows it.
export const priorityClassPrinter: KindPrinter = {
  columns: [NAME, col("Value"), col("Global-Default"), col("Age"), col("PreemptionPolicy")],
  row(obj: KubeObject, now: number): Cell[] {
    const o = obj as Record<string, unknown>;
    return [obj.metadata.name, int(o.value), o.globalDefault === true, age(obj, now), str(o.preemptionPolicy)];
  },
};

export const runtimeClassPrinter: KindPrinter = {
  columns: [NAME, col("Handler"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    return [obj.metadata.name, str((obj as Record<string, unknown>).handler), age(obj, now)];
  },
};
