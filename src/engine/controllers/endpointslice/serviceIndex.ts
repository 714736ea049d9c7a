// Cache indexes the endpoint controllers share: Services by namespace, pods by "namespace/label=value",
// so that "the pods a Service selects" costs the size of the smallest matching label bucket rather than a
// scan of the namespace (a Deployment of thousands of pods must not make every sync O(pods)).
import type { Pod } from "../../api/types";
import type { Informer } from "../../client/informer";
import { selectorMatches, type Service } from "./types";

export const NAMESPACE_INDEX = "namespace";
export const POD_LABEL_INDEX = "endpoints:podLabel";

export function addServiceIndexes(services: Informer<Service>, pods: Informer<Pod>): void {
  services.addIndexer(NAMESPACE_INDEX, (s) => [s.metadata.namespace ?? ""]);
  pods.addIndexer(POD_LABEL_INDEX, (p) => {
    const labels = p.metadata.labels;
    if (!labels) return [];
    const ns = p.metadata.namespace ?? "";
    const out: string[] = [];
    for (const k in labels) out.push(`${ns}/${k}=${labels[k]}`);
    return out;
  });
}

export function servicesInNamespace(services: Informer<Service>, namespace: string): Service[] {
  return services.byIndex(NAMESPACE_INDEX, namespace);
}

/**
 * podLister.Pods(ns).List(selector). The order is the index's (deterministic: the order pods were last
 * written in), not sorted: upstream's lister order is arbitrary too, and a sort per sync costs
 * O(n log n) on the largest Services.
 */
export function podsForSelector(pods: Informer<Pod>, namespace: string, selector: Record<string, string>): Pod[] {
  let best: Pod[] | undefined;
  let keys = 0;
  for (const k in selector) {
    keys++;
    const bucket = pods.byIndex(POD_LABEL_INDEX, `${namespace}/${k}=${selector[k]}`);
    if (!best || bucket.length < best.length) best = bucket;
    if (best.length === 0) break;
  }
  if (!best) return [];
  // A one-label selector is exactly its bucket.
  return keys === 1 ? best : best.filter((p) => selectorMatches(selector, p.metadata.labels));
}
