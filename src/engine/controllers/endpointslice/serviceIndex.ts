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

const byName = (a: Pod, b: Pod): number => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);

/** podLister.Pods(ns).List(selector), sorted by name so that every sync sees the same order. */
export function podsForSelector(pods: Informer<Pod>, namespace: string, selector: Record<string, string>): Pod[] {
  let best: Pod[] | undefined;
  for (const k in selector) {
    const bucket = pods.byIndex(POD_LABEL_INDEX, `${namespace}/${k}=${selector[k]}`);
    if (!best || bucket.length < best.length) best = bucket;
    if (best.length === 0) break;
  }
  if (!best) return [];
  return best.filter((p) => selectorMatches(selector, p.metadata.labels)).sort(byName);
}
