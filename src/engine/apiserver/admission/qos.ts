// Pod QoS class: Guaranteed, Burstable or BestEffort, fixed when the pod is created.
// mirrors ComputePodQOS (k/k pkg/apis/core/helper/qos/qos.go), including the PodLevelResources branch
// (beta and on by default in v1.34).
import type { KubeObject } from "../../api/types";
import { addQuantity, compareQuantity, parseQuantity, type Quantity } from "../../apimachinery/quantity";
import { parseQuantityCached } from "../defaults/resourceList";

export type QOSClass = "Guaranteed" | "Burstable" | "BestEffort";

type Obj = Record<string, any>;

/** Only cpu and memory decide QoS (supportedQoSComputeResources). */
const QOS_RESOURCES = ["cpu", "memory"] as const;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

// A malformed value is ignored here; validation reports it.
const quantity = parseQuantityCached;

const ZERO = parseQuantity("0");

/** Adds the positive cpu/memory quantities of `list` into `sums`; returns the names it found. */
function accumulate(sums: Map<string, Quantity>, list: unknown): Set<string> {
  const found = new Set<string>();
  if (!isObj(list)) return found;
  for (const name of QOS_RESOURCES) {
    const q = quantity(list[name]);
    if (!q || compareQuantity(q, ZERO) <= 0) continue;
    found.add(name);
    const prev = sums.get(name);
    sums.set(name, prev ? addQuantity(prev, q) : q);
  }
  return found;
}

// mirrors isPodLevelResourcesSet: pod-level cpu or memory (the supported pod-level resources) present.
function podLevelResourcesSet(spec: Obj): boolean {
  const r = spec.resources;
  if (!isObj(r)) return false;
  return QOS_RESOURCES.some((n) => (isObj(r.requests) && n in r.requests) || (isObj(r.limits) && n in r.limits));
}

/**
 * BestEffort when nothing requests or limits cpu/memory; Guaranteed when every container limits both
 * and the summed requests equal the summed limits; Burstable otherwise. Ephemeral containers never count.
 */
export function computeQOSClass(pod: KubeObject): QOSClass {
  const spec: Obj = isObj(pod.spec) ? pod.spec : {};
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let isGuaranteed = true;

  if (podLevelResourcesSet(spec)) {
    const r = spec.resources as Obj;
    accumulate(requests, r.requests);
    if (isObj(r.limits) && Object.keys(r.limits).length > 0) {
      const found = accumulate(limits, r.limits);
      if (!found.has("cpu") || !found.has("memory")) isGuaranteed = false;
    }
  } else {
    const containers = [
      ...(Array.isArray(spec.containers) ? spec.containers : []),
      ...(Array.isArray(spec.initContainers) ? spec.initContainers : []),
    ];
    for (const c of containers) {
      const res = isObj(c) && isObj(c.resources) ? c.resources : {};
      accumulate(requests, res.requests);
      const found = accumulate(limits, res.limits);
      if (!found.has("cpu") || !found.has("memory")) isGuaranteed = false;
    }
  }

  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (isGuaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compareQuantity(lim, req) !== 0) {
        isGuaranteed = false;
        break;
      }
    }
  }
  return isGuaranteed && requests.size === limits.size ? "Guaranteed" : "Burstable";
}
