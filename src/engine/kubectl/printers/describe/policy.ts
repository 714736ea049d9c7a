// `kubectl describe poddisruptionbudget` (pdb): the budget, its selector and the disruption controller's
// status. mirrors describePodDisruptionBudgetV1 (kubectl pkg/describe/describe.go).
import type { KubeEvent, KubeObject, LabelSelector } from "../../../api/types";
import { labelSelectorAsSelector } from "../../../apimachinery/labels";
import { describeEvents } from "./events";
import { LEVEL_0, LEVEL_2, tabbedString } from "./prefixWriter";

const int = (v: unknown): number => (typeof v === "number" ? v : 0);

export function describePodDisruptionBudget(pdb: KubeObject, events: readonly KubeEvent[] | undefined, now: number): string {
  const spec = (pdb.spec ?? {}) as { minAvailable?: number | string; maxUnavailable?: number | string; selector?: LabelSelector | null };
  const status = (pdb.status ?? {}) as Record<string, unknown>;
  let selector: string;
  try {
    selector = labelSelectorAsSelector(spec.selector).toString();
  } catch {
    selector = "<unset>";
  }
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${pdb.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${pdb.metadata.namespace ?? ""}\n`);
    if (spec.minAvailable !== undefined && spec.minAvailable !== null) w.write(LEVEL_0, `Min available:\t${spec.minAvailable}\n`);
    else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) w.write(LEVEL_0, `Max unavailable:\t${spec.maxUnavailable}\n`);
    w.write(LEVEL_0, `Selector:\t${selector}\n`);
    w.write(LEVEL_0, "Status:\n");
    w.write(LEVEL_2, `Allowed disruptions:\t${int(status.disruptionsAllowed)}\n`);
    w.write(LEVEL_2, `Current:\t${int(status.currentHealthy)}\n`);
    w.write(LEVEL_2, `Desired:\t${int(status.desiredHealthy)}\n`);
    w.write(LEVEL_2, `Total:\t${int(status.expectedPods)}\n`);
    describeEvents(events, w, now);
  });
}
