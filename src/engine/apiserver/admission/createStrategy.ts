// Kind-specific parts of the registry strategies' PrepareForCreate that the generic store does not do.
// They run after admission upstream; each says where the store must call it.
import type { KubeObject } from "../../api/types";

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** batch/v1 label keys (api batch/v1 types.go). */
export const JobLabels = {
  legacyJobName: "job-name",
  jobName: "batch.kubernetes.io/job-name",
  legacyControllerUid: "controller-uid",
  controllerUid: "batch.kubernetes.io/controller-uid",
} as const;

/**
 * A new namespace always carries the `kubernetes` finalizer, which the namespace controller removes once
 * the namespace is empty. Not a default: the finalizer may legitimately be removed later.
 * Safe to call before name generation (runs from admit() on CREATE).
 */
// mirrors namespaceStrategy.PrepareForCreate (k/k pkg/registry/core/namespace/strategy.go)
export function prepareNamespaceForCreate(ns: KubeObject): void {
  if (ns.kind !== "Namespace") return;
  if (!isObj(ns.spec)) ns.spec = {};
  const finalizers: string[] = Array.isArray(ns.spec.finalizers) ? ns.spec.finalizers : [];
  if (!finalizers.includes("kubernetes")) ns.spec.finalizers = [...finalizers, "kubernetes"];
}

/**
 * Unless spec.manualSelector is true, a Job selects its pods by its own uid: the template gets the
 * job-name and controller-uid labels (legacy and batch.kubernetes.io/ forms) and the selector matches
 * batch.kubernetes.io/controller-uid. The store must call this after assigning metadata.uid and before
 * validation (validateJob requires the selector).
 *
 * It also applies what the Job defaulter does on every later read — a Job without labels shows its
 * template's — so `kubectl get job -o yaml` carries the four labels, as on a real cluster.
 */
// mirrors generateSelectorIfNeeded / generateSelector (k/k pkg/registry/batch/job/strategy.go)
export function generateJobSelector(job: KubeObject): void {
  if (job.kind !== "Job" || !isObj(job.spec)) return;
  const spec = job.spec as Obj;
  if (spec.manualSelector === true) return;
  if (!isObj(spec.template)) spec.template = {};
  if (!isObj(spec.template.metadata)) spec.template.metadata = {};
  const tmeta = spec.template.metadata;
  if (!isObj(tmeta.labels)) tmeta.labels = {};
  const labels = tmeta.labels;
  // SetDefaults_Job made an unlabeled Job share its template's label map (Go aliasing), so labels added
  // to the template below show on the Job too. Equal contents are the trace of that sharing.
  const jobLabels = job.metadata.labels;
  const shared = !jobLabels || Object.keys(jobLabels).length === 0 || sameLabels(jobLabels, labels);
  const name = job.metadata?.name ?? "";
  const uid = job.metadata?.uid ?? "";
  // Labels the user set are kept; a conflict is left for validation to report.
  for (const key of [JobLabels.legacyJobName, JobLabels.jobName]) if (!(key in labels)) labels[key] = name;
  for (const key of [JobLabels.legacyControllerUid, JobLabels.controllerUid]) if (!(key in labels)) labels[key] = uid;
  if (!isObj(spec.selector)) spec.selector = {};
  if (!isObj(spec.selector.matchLabels)) spec.selector.matchLabels = {};
  if (!(JobLabels.controllerUid in spec.selector.matchLabels)) spec.selector.matchLabels[JobLabels.controllerUid] = uid;

  // An unlabeled Job shows its template's labels (SetDefaults_Job again on every read).
  if (shared) job.metadata.labels = { ...labels };
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}
