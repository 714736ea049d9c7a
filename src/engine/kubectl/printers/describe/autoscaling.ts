// `kubectl describe hpa`. The describer reads the autoscaling/v2 form (an autoscaling/v1 object is
// converted, as the API server would serve it). mirrors describeHorizontalPodAutoscalerV2 and
// printDirectionBehavior (kubectl pkg/describe/describe.go).
import type { KubeEvent } from "../../../api/types";
import { toV2 } from "../../../controllers/podautoscaler/hpaVersion";
import type { HorizontalPodAutoscaler, HPAScalingRules, MetricStatus } from "../../../controllers/podautoscaler/types";
import { describeEvents } from "./events";
import { formatRFC1123Z, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, printAnnotationsMultiline, printLabelsMultiline, tabbedString, type PrefixWriter } from "./prefixWriter";

const UNKNOWN = "<unknown>";

function printDirectionBehavior(w: PrefixWriter, direction: string, rules: HPAScalingRules | undefined): void {
  if (!rules) return;
  w.write(LEVEL_1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined) w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if ((rules.policies ?? []).length > 0) {
    w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? "Max"}\n`);
    w.write(LEVEL_2, "Policies:\n");
    for (const p of rules.policies ?? []) w.write(LEVEL_3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
  }
}

function current(statuses: readonly MetricStatus[], i: number): MetricStatus | undefined {
  return i < statuses.length ? statuses[i] : undefined;
}

/** The text of `kubectl describe hpa`. */
export function describeHorizontalPodAutoscaler(stored: HorizontalPodAutoscaler, events: readonly KubeEvent[] | undefined, now: number): string {
  const hpa = toV2(stored);
  const statuses = hpa.status?.currentMetrics ?? [];
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${hpa.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${hpa.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", hpa.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", hpa.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(hpa.metadata.creationTimestamp)}\n`);
    const ref = hpa.spec.scaleTargetRef ?? { kind: "", name: "" };
    w.write(LEVEL_0, `Reference:\t${ref.kind}/${ref.name}\n`);
    w.write(LEVEL_0, "Metrics:\t( current / target )\n");
    (hpa.spec.metrics ?? []).forEach((m, i) => {
      const st = current(statuses, i);
      switch (m.type) {
        case "External": {
          const e = m.external!;
          if (e.target.averageValue !== undefined) {
            w.write(LEVEL_1, `${JSON.stringify(e.metric.name)} (target average value):\t${st?.external?.current.averageValue ?? UNKNOWN} / ${e.target.averageValue}\n`);
          } else {
            w.write(LEVEL_1, `${JSON.stringify(e.metric.name)} (target value):\t${st?.external?.current.value ?? UNKNOWN} / ${e.target.value ?? ""}\n`);
          }
          break;
        }
        case "Pods":
          w.write(LEVEL_1, `${JSON.stringify(m.pods!.metric.name)} on pods:\t${st?.pods?.current.averageValue ?? UNKNOWN} / ${m.pods!.target.averageValue ?? ""}\n`);
          break;
        case "Object": {
          const o = m.object!;
          w.write(LEVEL_1, `"${o.metric.name}" on ${o.describedObject.kind}/${o.describedObject.name} `);
          if (o.target.type === "AverageValue") w.write(LEVEL_0, `(target average value):\t${st?.object?.current.averageValue ?? UNKNOWN} / ${o.target.averageValue ?? ""}\n`);
          else w.write(LEVEL_0, `(target value):\t${st?.object?.current.value ?? UNKNOWN} / ${o.target.value ?? ""}\n`);
          break;
        }
        case "Resource":
        case "ContainerResource": {
          const src = m.type === "Resource" ? m.resource! : m.containerResource!;
          const cur = m.type === "Resource" ? st?.resource?.current : st?.containerResource?.current;
          if (m.type === "Resource") w.write(LEVEL_1, `resource ${src.name} on pods`);
          else w.write(LEVEL_1, `resource ${src.name} of container "${m.containerResource!.container}" on pods`);
          if (src.target.averageValue !== undefined) {
            w.write(LEVEL_0, `:\t${cur?.averageValue ?? UNKNOWN} / ${src.target.averageValue}\n`);
          } else {
            const c = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}% (${cur.averageValue ?? "0"})` : UNKNOWN;
            const target = src.target.averageUtilization !== undefined ? `${src.target.averageUtilization}%` : "<auto>";
            w.write(LEVEL_1, `(as a percentage of request):\t${c} / ${target}\n`);
          }
          break;
        }
        default:
          w.write(LEVEL_1, `<unknown metric type ${JSON.stringify(m.type)}>\n`);
      }
    });
    w.write(LEVEL_0, `Min replicas:\t${hpa.spec.minReplicas ?? "<unset>"}\n`);
    w.write(LEVEL_0, `Max replicas:\t${hpa.spec.maxReplicas}\n`);
    // Only an HPA with a behavior prints it.
    if (hpa.spec.behavior) {
      w.write(LEVEL_0, "Behavior:\n");
      printDirectionBehavior(w, "Scale Up", hpa.spec.behavior.scaleUp);
      printDirectionBehavior(w, "Scale Down", hpa.spec.behavior.scaleDown);
    }
    w.write(LEVEL_0, `${ref.kind} pods:\t`);
    w.write(LEVEL_0, `${hpa.status?.currentReplicas ?? 0} current / ${hpa.status?.desiredReplicas ?? 0} desired\n`);
    const conditions = hpa.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, "Conditions:\n");
      w.write(LEVEL_1, "Type\tStatus\tReason\tMessage\n");
      w.write(LEVEL_1, "----\t------\t------\t-------\n");
      for (const c of conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.reason ?? ""}\t${c.message ?? ""}\n`);
    }
    describeEvents(events, w, now);
  });
}
