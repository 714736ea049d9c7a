// PodInfo: everything the plugins need from a pod, parsed once (requests, host ports, affinity terms,
// images) so that filtering and scoring never re-parse quantities or selectors per node.
// Mirrors framework.PodInfo / NewPodInfo / CalculateResource (pkg/scheduler/framework/types.go).

import type { LabelSelector, Pod, PodAffinityTerm } from "../../api/types";
import { type Labels, labelSelectorAsSelector, type Requirement, requirement, type Selector } from "./labels";
import { podRequests, type Resource, resourceFromList } from "./resources";

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

/** normalizedImageName appends ":latest" when the image has no tag (imagelocality/image_locality.go). */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(":") <= name.lastIndexOf("/") ? `${name}:latest` : name;
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

  constructor(readonly pod: Pod) {
    const m = pod.metadata;
    this.uid = m.uid;
    this.namespace = m.namespace ?? "default";
    this.name = m.name;
    this.labels = m.labels;
    this.priority = pod.spec.priority ?? 0;
    this.deleting = m.deletionTimestamp !== undefined;
    this.requests = resourceFromList(podRequests(pod, false));
    const non0 = podRequests(pod, true);
    this.non0CPU = non0.cpu ?? 0;
    this.non0Mem = non0.memory ?? 0;

    const ports: HostPort[] = [];
    for (const c of pod.spec.containers ?? []) {
      for (const p of c.ports ?? []) {
        if ((p.hostPort ?? 0) <= 0) continue;
        ports.push({ ip: p.hostIP ?? "", protocol: p.protocol ?? "", port: p.hostPort! });
      }
    }
    this.hostPorts = ports;

    const aff = pod.spec.affinity;
    const mk = (terms: PodAffinityTerm[] | undefined) => (terms ?? []).map((t) => newAffinityTerm(pod, t));
    const mkW = (terms: { weight: number; podAffinityTerm: PodAffinityTerm }[] | undefined) =>
      (terms ?? []).map((t) => ({ ...newAffinityTerm(pod, t.podAffinityTerm), weight: t.weight }));
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

  /** "namespace/name", the form upstream prints pods in (klog.KObj). */
  get key(): string {
    return `${this.namespace}/${this.name}`;
  }
}
