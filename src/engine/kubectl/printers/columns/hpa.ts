// `kubectl get hpa`: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE (autoscaling/v2 objects).
// mirrors printHorizontalPodAutoscaler and formatHPAMetrics (k/k pkg/printers/internalversion/printers.go).
import type { KubeObject } from "../../../api/types";
import { age, arr, col, field, int, NAME, rec, str, type Cell, type KindPrinter } from "./types";

const MAX_METRICS_SHOWN = 2;

// The status at the same index, if it is of the same source, gives the current value.
function metricCurrent(statuses: unknown[], i: number, source: string, key: string): string {
  if (i >= statuses.length) return "<unknown>";
  const s = rec(statuses[i])[source];
  if (s === undefined || s === null) return "<unknown>";
  const v = field(s, "current", key);
  return v === undefined || v === null ? "<unknown>" : String(v);
}

// An autoscaling/v1 object converts to a single cpu Resource metric on the server (v1 <-> v2 conversion),
// autoscaling.DefaultCPUUtilization (80%) when targetCPUUtilizationPercentage is unset.
function v1Metrics(obj: KubeObject): [unknown[], unknown[]] {
  const set = field(obj, "spec", "targetCPUUtilizationPercentage");
  const target = typeof set === "number" ? set : 80;
  const current = field(obj, "status", "currentCPUUtilizationPercentage");
  const specs = [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: target } } }];
  const statuses = typeof current === "number" ? [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: current } } }] : [];
  return [specs, statuses];
}

// mirrors formatHPAMetrics
export function formatHPAMetrics(specs: unknown[], statuses: unknown[]): string {
  if (specs.length === 0) return "<none>";
  const list: string[] = [];
  specs.forEach((s, i) => {
    const spec = rec(s);
    switch (spec.type) {
      case "External":
      case "Object": {
        const src = spec.type === "External" ? "external" : "object";
        const target = rec(field(spec, src, "target"));
        if (target.averageValue !== undefined) {
          list.push(`${metricCurrent(statuses, i, src, "averageValue")}/${String(target.averageValue)} (avg)`);
        } else {
          list.push(`${metricCurrent(statuses, i, src, "value")}/${str(target.value) || String(target.value ?? "")}`);
        }
        break;
      }
      case "Pods":
        list.push(`${metricCurrent(statuses, i, "pods", "averageValue")}/${String(field(spec, "pods", "target", "averageValue") ?? "")}`);
        break;
      case "Resource":
      case "ContainerResource": {
        const src = spec.type === "Resource" ? "resource" : "containerResource";
        const name = str(field(spec, src, "name"));
        const target = rec(field(spec, src, "target"));
        if (target.averageValue !== undefined) {
          list.push(`${name}: ${metricCurrent(statuses, i, src, "averageValue")}/${String(target.averageValue)}`);
        } else {
          const util = i < statuses.length ? field(statuses[i], src, "current", "averageUtilization") : undefined;
          const current = typeof util === "number" ? `${util}%` : "<unknown>";
          const t = typeof target.averageUtilization === "number" ? `${target.averageUtilization}%` : "<auto>";
          list.push(`${name}: ${current}/${t}`);
        }
        break;
      }
      default:
        list.push("<unknown type>");
    }
  });
  if (list.length > MAX_METRICS_SHOWN) {
    return `${list.slice(0, MAX_METRICS_SHOWN).join(", ")} + ${list.length - MAX_METRICS_SHOWN} more...`;
  }
  return list.join(", ");
}

export const hpaPrinter: KindPrinter = {
  columns: [NAME, col("Reference"), col("Targets"), col("MinPods"), col("MaxPods"), col("Replicas"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    const ref = rec(field(obj, "spec", "scaleTargetRef"));
    const min = field(obj, "spec", "minReplicas");
    const v2 = Array.isArray(field(obj, "spec", "metrics"));
    const [specs, statuses] = v2 ? [arr(field(obj, "spec", "metrics")), arr(field(obj, "status", "currentMetrics"))] : v1Metrics(obj);
    return [
      obj.metadata.name,
      `${str(ref.kind)}/${str(ref.name)}`,
      formatHPAMetrics(specs, statuses),
      typeof min === "number" ? String(min) : "<unset>",
      int(field(obj, "spec", "maxReplicas")),
      int(field(obj, "status", "currentReplicas")),
      age(obj, now),
    ];
  },
};
