// The requests and limits a pod holds as a whole: regular containers plus sidecars, or the largest
// init container if that is more, plus the RuntimeClass overhead; pod-level resources win for cpu and
// memory (PodLevelResources, beta and on in v1.34).
// mirrors PodRequests / PodLimits (k8s.io/component-helpers/resource/helpers.go).
import type { Container, Pod } from "../../api/types";
import { addQuantity, compareQuantity } from "../../apimachinery/quantity";
import { fromObject, type ResourceList } from "./resources";

function addInto(list: ResourceList, more: ResourceList): void {
  for (const [k, v] of more) {
    const prev = list.get(k);
    list.set(k, prev ? addQuantity(prev, v) : v);
  }
}

function maxInto(list: ResourceList, more: ResourceList): void {
  for (const [k, v] of more) {
    const prev = list.get(k);
    if (!prev || compareQuantity(v, prev) > 0) list.set(k, v);
  }
}

function aggregate(pod: Pod, pick: (c: Container) => unknown, podLevel: unknown): ResourceList {
  const total: ResourceList = new Map();
  for (const c of pod.spec.containers ?? []) addInto(total, fromObject(pick(c)));
  const sidecars: ResourceList = new Map();
  const initMax: ResourceList = new Map();
  for (const c of pod.spec.initContainers ?? []) {
    const own = fromObject(pick(c));
    if (c.restartPolicy === "Always") {
      addInto(total, own);
      addInto(sidecars, own);
      maxInto(initMax, sidecars);
    } else {
      // A regular init container runs alongside the sidecars started before it.
      const withSidecars: ResourceList = new Map(sidecars);
      addInto(withSidecars, own);
      maxInto(initMax, withSidecars);
    }
  }
  maxInto(total, initMax);
  const overhead = fromObject((pod.spec as { overhead?: unknown }).overhead);
  addInto(total, overhead);
  const pl = fromObject(podLevel);
  for (const name of ["cpu", "memory"]) {
    const v = pl.get(name);
    if (v) total.set(name, overhead.get(name) ? addQuantity(v, overhead.get(name)!) : v);
  }
  return total;
}

export function podRequests(pod: Pod): ResourceList {
  const podLevel = (pod.spec.resources as { requests?: unknown } | undefined)?.requests;
  return aggregate(pod, (c) => c.resources?.requests, podLevel);
}

export function podLimits(pod: Pod): ResourceList {
  const podLevel = (pod.spec.resources as { limits?: unknown } | undefined)?.limits;
  return aggregate(pod, (c) => c.resources?.limits, podLevel);
}
