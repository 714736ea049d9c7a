// Kinds the API server stores but no Kubelab control loop acts on yet (ResourceType.simulated false):
// apply and create say so once per kind, so that a StatefulSet that never gets pods is not a mystery.
import type { ResourceType } from "../../api/registry";
import type { Output } from "../command";
import { resourceString } from "./names";

export function warnUnsimulated(out: Output, types: readonly ResourceType[]): void {
  const seen = new Set<string>();
  for (const t of types) {
    if (t.simulated) continue;
    const name = resourceString(t);
    if (seen.has(name)) continue;
    seen.add(name);
    out.warn(`kubelab: ${name} are stored but not simulated yet`);
  }
}
