// PodInfo: everything the plugins need from a pod, parsed once (requests, host ports, affinity terms,
// images) so that filtering and scoring never re-parse quantities or selectors per node.
// Mirrors framework.PodInfo / NewPodInfo / CalculateResource (pkg/scheduler/framework/types.go).

import type { Container, LabelSelector, Pod, PodAffinityTerm } from "../../api/types";
import { type Labels, labelSelectorAsSelector, type Requirement, requirement, type Selector } from "./labels";
import { DefaultMemoryRequest, DefaultMilliCPURequest, emptyResource, podRequests, quantityFor, type Resource, resourceFromList } from "./resources";

/** fwk.AffinityTerm: a PodAffinityTerm with its selectors parsed. */
export interface AffinityTerm {
  namespaces: ReadonlySet<string>;
  selector: Selector;
  topologyKey: string;
  namespaceSelector: Selector;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** AffinityTerm.Matches: the pod's namespace is selected (by list or namespaceSelector) and its labels match. */
export function affinityTermMatches(t: AffinityTerm, pod: PodInfo, nsLabels: Labels): boolean {
  if (t.namespaces.has(pod.namespace) || t.namespaceSelector.matches(nsLabels)) return t.selector.matches(pod.labels);
  return false;
}

/**
 * The term's label selector with matchLabelKeys / mismatchLabelKeys merged in (KEP-3633: key In / NotIn the
 * incoming pod's own value). Upstream kube-apiserver merges them at creation; merging again is idempotent.
 */
function termSelector(pod: Pod, term: PodAffinityTerm): Selector {
  const base = labelSelectorAsSelector(term.labelSelector as LabelSelector | undefined);
  const labels = pod.metadata.labels ?? {};
  const extra: Requirement[] = [];
  const push = (r: Requirement | undefined) => r && extra.push(r);
  for (const k of term.matchLabelKeys ?? []) if (k in labels) push(requirement(k, "in", labels[k]!));
  for (const k of term.mismatchLabelKeys ?? []) if (k in labels) push(requirement(k, "notin", labels[k]!));
  return extra.length > 0 ? base.add(extra) : base;
}

function newAffinityTerm(pod: Pod, term: PodAffinityTerm): AffinityTerm {
  // getNamespacesFromPodAffinityTerm: no namespaces and no namespaceSelector means "the pod's own namespace".
  const namespaces =
    (term.namespaces?.length ?? 0) === 0 && term.namespaceSelector == null
      ? new Set([pod.metadata.namespace ?? "default"])
      : new Set(term.namespaces ?? []);
  return {
    namespaces,
    selector: termSelector(pod, term),
    topologyKey: term.topologyKey,
    namespaceSelector: labelSelectorAsSelector(term.namespaceSelector),
  };
}

const NONE: readonly never[] = Object.freeze([]);

/** normalizedImageName appends ":latest" when the image has no tag (imagelocality/image_locality.go). */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(":") <= name.lastIndexOf("/") ? `${name}:latest` : name;
}

function sameRecord(a: Readonly<Record<string, unknown>> | undefined, b: Readonly<Record<string, unknown>> | undefined): boolean {
  if (a === b) return true;
  const ka = a === undefined ? 0 : Object.keys(a).length;
  const kb = b === undefined ? 0 : Object.keys(b).length;
  if (ka !== kb) return false;
  if (ka === 0) return true;
  for (const k in a) if (a[k] !== b![k]) return false;
  return true;
}

function sameContainers(a: readonly Container[] | undefined, b: readonly Container[] | undefined): boolean {
  if (a === b) return true;
  const n = a?.length ?? 0;
  if (n !== (b?.length ?? 0)) return false;
  for (let i = 0; i < n; i++) {
    const x = a![i]!;
    const y = b![i]!;
    if (x === y) continue;
    if (x.image !== y.image || x.restartPolicy !== y.restartPolicy) return false;
    if (!sameRecord(x.resources?.requests, y.resources?.requests)) return false;
    const px = x.ports;
    const py = y.ports;
    if (px === py) continue;
    const m = px?.length ?? 0;
    if (m !== (py?.length ?? 0)) return false;
    for (let j = 0; j < m; j++) {
      const u = px![j]!;
      const v = py![j]!;
      if (u.hostPort !== v.hostPort || u.hostIP !== v.hostIP || u.protocol !== v.protocol) return false;
    }
  }
  return true;
}

/**
 * True when everything NewPodInfo derives from the spec (requests, host ports, affinity terms, images)
 * is the same for both pods, so that a status update can reuse the parsed parts. Affinity is compared by
 * identity only (a changed or copied affinity is parsed again: its terms also depend on the labels).
 */
function sameParsedInputs(a: Pod, b: Pod): boolean {
  const sa = a.spec;
  const sb = b.spec;
  if (sa.affinity !== sb.affinity) return false;
  // matchLabelKeys / mismatchLabelKeys read the pod's own labels.
  if (sa.affinity !== undefined && !sameRecord(a.metadata.labels, b.metadata.labels)) return false;
  if (sa === sb) return true;
  if (!sameContainers(sa.containers, sb.containers) || !sameContainers(sa.initContainers, sb.initContainers)) return false;
  return sameRecord(sa.overhead as Record<string, unknown> | undefined, sb.overhead as Record<string, unknown> | undefined);
}

/**
 * The requests of the common pod (no init containers, no overhead, containers requesting only cpu and
 * memory) in one pass: the same numbers as resourceFromList(podRequests(pod, false)) and
 * podRequests(pod, true), without their intermediate records. undefined for any other pod.
 */
function simpleRequests(pod: Pod): { requests: Resource; non0CPU: number; non0Mem: number } | undefined {
  const spec = pod.spec;
  if ((spec.initContainers?.length ?? 0) > 0 || spec.overhead !== undefined) return undefined;
  let cpu = 0;
  let mem = 0;
  let non0CPU = 0;
  let non0Mem = 0;
  let anyCPU = false;
  let anyMem = false;
  for (const c of spec.containers ?? []) {
    const req = c.resources?.requests;
    let hasCPU = false;
    let hasMem = false;
    if (req) {
      for (const k in req) {
        if (k === "cpu") {
          const v = quantityFor(k, req[k]!);
          cpu += v;
          non0CPU += v;
          hasCPU = true;
        } else if (k === "memory") {
          const v = quantityFor(k, req[k]!);
          mem += v;
          non0Mem += v;
          hasMem = true;
        } else return undefined;
      }
    }
    if (!hasCPU) non0CPU += DefaultMilliCPURequest;
    if (!hasMem) non0Mem += DefaultMemoryRequest;
    anyCPU ||= hasCPU;
    anyMem ||= hasMem;
  }
  const requests = emptyResource();
  if (anyCPU) requests.milliCPU = cpu;
  if (anyMem) requests.memory = mem;
  return { requests, non0CPU, non0Mem };
}

/** The scheduler's parsed view of a pod. Immutable: a changed pod gets a new PodInfo. */
export class PodInfo {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly priority: number;
  /** Real requests (PodRequests without defaults): what NodeResourcesFit filters on. */
  readonly requests: Resource;
  /** Requests with 100m / 200Mi for containers that state none (Non0CPU / Non0Mem): what LeastAllocated scores. */
  readonly non0CPU: number;
  readonly non0Mem: number;
  readonly hostPorts: readonly HostPort[];
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  /** podWithAffinity: any pod (anti-)affinity, required or preferred. */
  readonly hasAffinity: boolean;
  /** Normalized images of init containers then containers (ImageLocality). */
  readonly images: readonly string[];
  /** len(initContainers) + len(containers): ImageLocality's threshold scales with it. */
  readonly numContainers: number;
  readonly deleting: boolean;

  /**
   * `prev`: the PodInfo of an earlier version of the same pod (a status update, the assumed copy). Its
   * parsed parts are reused when the inputs they come from did not change; the result is the same as a
   * fresh parse.
   */
  constructor(
    readonly pod: Pod,
    prev?: PodInfo,
  ) {
    const m = pod.metadata;
    this.uid = m.uid;
    this.namespace = m.namespace ?? "default";
    this.name = m.name;
    this.labels = m.labels;
    this.priority = pod.spec.priority ?? 0;
    this.deleting = m.deletionTimestamp !== undefined;
    if (prev !== undefined && prev.namespace === this.namespace && sameParsedInputs(prev.pod, pod)) {
      this.requests = prev.requests;
      this.non0CPU = prev.non0CPU;
      this.non0Mem = prev.non0Mem;
      this.hostPorts = prev.hostPorts;
      this.requiredAffinityTerms = prev.requiredAffinityTerms;
      this.requiredAntiAffinityTerms = prev.requiredAntiAffinityTerms;
      this.preferredAffinityTerms = prev.preferredAffinityTerms;
      this.preferredAntiAffinityTerms = prev.preferredAntiAffinityTerms;
      this.hasAffinity = prev.hasAffinity;
      this.images = prev.images;
      this.numContainers = prev.numContainers;
      return;
    }
    const simple = simpleRequests(pod);
    if (simple !== undefined) {
      this.requests = simple.requests;
      this.non0CPU = simple.non0CPU;
      this.non0Mem = simple.non0Mem;
    } else {
      this.requests = resourceFromList(podRequests(pod, false));
      const non0 = podRequests(pod, true);
      this.non0CPU = non0.cpu ?? 0;
      this.non0Mem = non0.memory ?? 0;
    }

    const ports: HostPort[] = [];
    for (const c of pod.spec.containers ?? []) {
      for (const p of c.ports ?? []) {
        if ((p.hostPort ?? 0) <= 0) continue;
        ports.push({ ip: p.hostIP ?? "", protocol: p.protocol ?? "", port: p.hostPort! });
      }
    }
    this.hostPorts = ports.length === 0 ? NONE : ports;

    const aff = pod.spec.affinity;
    // Most pods have no terms: they share one empty array (a PodInfo lives as long as its pod).
    const mk = (terms: PodAffinityTerm[] | undefined) => (terms === undefined || terms.length === 0 ? NONE : terms.map((t) => newAffinityTerm(pod, t)));
    const mkW = (terms: { weight: number; podAffinityTerm: PodAffinityTerm }[] | undefined) =>
      terms === undefined || terms.length === 0 ? NONE : terms.map((t) => ({ ...newAffinityTerm(pod, t.podAffinityTerm), weight: t.weight }));
    this.requiredAffinityTerms = mk(aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
    this.requiredAntiAffinityTerms = mk(aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
    this.preferredAffinityTerms = mkW(aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
    this.preferredAntiAffinityTerms = mkW(aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
    this.hasAffinity = aff !== undefined && (aff.podAffinity !== undefined || aff.podAntiAffinity !== undefined);

    const images: string[] = [];
    for (const c of pod.spec.initContainers ?? []) if (c.image) images.push(normalizedImageName(c.image));
    for (const c of pod.spec.containers ?? []) if (c.image) images.push(normalizedImageName(c.image));
    this.images = images;
    this.numContainers = (pod.spec.initContainers?.length ?? 0) + (pod.spec.containers?.length ?? 0);
  }

  private tolerationsKeyMemo: string | undefined = undefined;
  /** The Filter reuse class of this pod (FilterRunner), for that runner and its set of plugins `filterReuseMask`. */
  filterReuseOwner: object | undefined = undefined;
  filterReuseMask = -1;
  filterReuseClass = -1;

  /** spec.tolerations as a string: pods with equal keys tolerate alike (a Filter reuse key). */
  get tolerationsKey(): string {
    return (this.tolerationsKeyMemo ??= JSON.stringify(this.pod.spec.tolerations ?? null));
  }

  /** "namespace/name", the form upstream prints pods in (klog.KObj). */
  get key(): string {
    return `${this.namespace}/${this.name}`;
  }
}
