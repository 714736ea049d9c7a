// Resource arithmetic for the scheduler: pod requests (with sidecars, init containers and overhead),
// the 100m / 200Mi non-zero defaults, and node allocatable.
// Mirrors component-helpers resource.PodRequests (staging/src/k8s.io/component-helpers/resource/helpers.go),
// framework.Resource (pkg/scheduler/framework/types.go) and pkg/scheduler/util/pod_resources.go.

import type { Container, Node, Pod } from "../../api/types";
import { parseBytes, parseCpuMillis } from "../../apimachinery/quantity";

/** DefaultMilliCPURequest: 0.1 core for a container with no CPU request (pkg/scheduler/util/pod_resources.go). */
export const DefaultMilliCPURequest = 100;
/** DefaultMemoryRequest: 200 MiB for a container with no memory request (pkg/scheduler/util/pod_resources.go). */
export const DefaultMemoryRequest = 200 * 1024 * 1024;

/** Requests of one pod, CPU in millicores, everything else in units (Quantity.Value). */
export type ResourceList = Record<string, number>;

/** framework.Resource: the aggregate the scheduler compares against allocatable. */
export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Only on allocatable: status.allocatable.pods. */
  allowedPodNumber: number;
  /** Extended, hugepages and attachable-volume resources; undefined when there are none. */
  scalar: Record<string, number> | undefined;
}

export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: undefined };
}

/** IsScalarResourceName: extended ("example.com/foo"), hugepages-*, attachable-volumes-* or kubernetes.io/-prefixed names. */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith("hugepages-") || name.startsWith("attachable-volumes-")) return true;
  return name.includes("/") && !name.startsWith("requests.");
}

/** One quantity in the scheduler's unit for that resource. Malformed input (rejected by validation upstream) counts as 0. */
export function quantityFor(name: string, q: string): number {
  try {
    return name === "cpu" ? parseCpuMillis(q) : parseBytes(q);
  } catch {
    return 0;
  }
}

function containerRequests(c: Container, nonMissing: boolean): ResourceList {
  const out: ResourceList = {};
  const req = c.resources?.requests;
  if (req) for (const k of Object.keys(req)) out[k] = quantityFor(k, req[k]!);
  // applyNonMissing: a container that does not state cpu/memory counts as 100m / 200Mi for scoring.
  if (nonMissing) {
    if (!("cpu" in out)) out.cpu = DefaultMilliCPURequest;
    if (!("memory" in out)) out.memory = DefaultMemoryRequest;
  }
  return out;
}

function addTo(dst: ResourceList, src: ResourceList): void {
  for (const k of Object.keys(src)) dst[k] = (dst[k] ?? 0) + src[k]!;
}

function maxInto(dst: ResourceList, src: ResourceList): void {
  for (const k of Object.keys(src)) if (!(k in dst) || src[k]! > dst[k]!) dst[k] = src[k]!;
}

/**
 * podRequests mirrors resource.PodRequests: Σ containers, then max with the init-container peak where
 * restartable (sidecar) init containers keep running and add up, plus spec.overhead.
 * `nonMissing` applies the non-zero defaults per container (NonMissingContainerRequests).
 */
export function podRequests(pod: Pod, nonMissing: boolean): ResourceList {
  const reqs: ResourceList = {};
  for (const c of pod.spec.containers ?? []) addTo(reqs, containerRequests(c, nonMissing));
  const restartable: ResourceList = {};
  const initPeak: ResourceList = {};
  for (const c of pod.spec.initContainers ?? []) {
    const cr = containerRequests(c, nonMissing);
    let effective: ResourceList;
    if (c.restartPolicy === "Always") {
      addTo(reqs, cr);
      addTo(restartable, cr);
      effective = { ...restartable };
    } else {
      effective = { ...cr };
      addTo(effective, restartable);
    }
    maxInto(initPeak, effective);
  }
  maxInto(reqs, initPeak);
  const overhead = pod.spec.overhead as Record<string, string> | undefined;
  if (overhead && typeof overhead === "object") {
    for (const k of Object.keys(overhead)) reqs[k] = (reqs[k] ?? 0) + quantityFor(k, String(overhead[k]));
  }
  return reqs;
}

/** Resource.Add(ResourceList) for a pod's requests. */
export function resourceFromList(list: ResourceList): Resource {
  const r = emptyResource();
  for (const k of Object.keys(list)) {
    const v = list[k]!;
    if (k === "cpu") r.milliCPU += v;
    else if (k === "memory") r.memory += v;
    else if (k === "ephemeral-storage") r.ephemeralStorage += v;
    else if (k === "pods") r.allowedPodNumber += v;
    else if (isScalarResourceName(k)) (r.scalar ??= {})[k] = (r.scalar[k] ?? 0) + v;
  }
  return r;
}

/** The node's allocatable as a Resource (NodeInfo.SetNode: NewResource(node.Status.Allocatable)). */
export function allocatableOf(node: Node): Resource {
  const a = node.status?.allocatable ?? {};
  const list: ResourceList = {};
  for (const k of Object.keys(a)) list[k] = quantityFor(k, a[k]!);
  return resourceFromList(list);
}
