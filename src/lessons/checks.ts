// Small readers lessons build their checks from: which pods a workload has, whether they are ready, what
// the audit log and the events say. They read upstream fields (status.conditions, ownerReferences,
// EndpointSlice conditions) the way kubectl and the controllers do, so a check agrees with what
// `kubectl get` prints at the same instant.
import type { AuditEntry } from "../engine/apiserver/audit";
import type { Deployment, KubeEvent, KubeObject, Node, Pod } from "../engine/api/types";
import type { CheckContext } from "./types";

export type Labels = Readonly<Record<string, string>>;

/** Actors that are the learner: kubectl in the terminal, the editor's Apply, the inspector's reads. */
export const LEARNER_ACTORS: ReadonlySet<string> = new Set(["kubectl", "kubelab-inspector"]);

export function matchesLabels(selector: Labels | undefined, labels: Labels | undefined): boolean {
  if (!selector) return false;
  const keys = Object.keys(selector);
  if (keys.length === 0) return false;
  for (const k of keys) if (labels?.[k] !== selector[k]) return false;
  return true;
}

export function pods(ctx: CheckContext, namespace = "default"): Pod[] {
  return ctx.list<Pod>("pods", namespace);
}

/** Pods whose labels match `selector`, including terminating ones. */
export function podsWith(ctx: CheckContext, selector: Labels, namespace = "default"): Pod[] {
  return pods(ctx, namespace).filter((p) => matchesLabels(selector, p.metadata.labels));
}

export function isTerminating(p: KubeObject): boolean {
  return p.metadata.deletionTimestamp !== undefined;
}

/** The Ready condition is True (what the READY column and EndpointSlices go by). */
export function isReady(p: Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") === true;
}

export function isRunning(p: Pod): boolean {
  return p.status?.phase === "Running" && !isTerminating(p);
}

/** Running, ready and not being deleted: a pod that serves. */
export function isServing(p: Pod): boolean {
  return isRunning(p) && isReady(p);
}

/** Waiting reasons of the pod's containers ("ErrImagePull", "CreateContainerConfigError", ...). */
export function waitingReasons(p: Pod): string[] {
  const out: string[] = [];
  for (const s of p.status?.containerStatuses ?? []) if (s.state?.waiting?.reason) out.push(s.state.waiting.reason);
  return out;
}

/** Not bound to a node and marked unschedulable by the scheduler (PodScheduled=False, Unschedulable). */
export function isUnschedulable(p: Pod): boolean {
  if (p.spec.nodeName) return false;
  return p.status?.conditions?.some((c) => c.type === "PodScheduled" && c.status === "False" && c.reason === "Unschedulable") === true;
}

export function controllerOf(o: KubeObject): { kind: string; name: string; uid: string } | undefined {
  const r = o.metadata.ownerReferences?.find((x) => x.controller === true);
  return r ? { kind: r.kind, name: r.name, uid: r.uid } : undefined;
}

export function deployment(ctx: CheckContext, name: string, namespace = "default"): Deployment | undefined {
  return ctx.get<Deployment>("deployments", namespace, name);
}

/** Pods of a Deployment: owned by one of its ReplicaSets (the controller chain, not just labels). */
export function podsOfDeployment(ctx: CheckContext, name: string, namespace = "default"): Pod[] {
  const d = deployment(ctx, name, namespace);
  if (!d) return [];
  const rsUids = new Set(
    ctx
      .list("replicasets", namespace)
      .filter((rs) => controllerOf(rs)?.uid === d.metadata.uid)
      .map((rs) => rs.metadata.uid),
  );
  return pods(ctx, namespace).filter((p) => {
    const c = controllerOf(p);
    return c !== undefined && rsUids.has(c.uid);
  });
}

/**
 * The rollout is complete: the controller saw the latest spec, every replica runs the current template
 * and is available, and no old pods are left (kubectl rollout status's "successfully rolled out").
 */
export function rolledOut(d: Deployment | undefined): boolean {
  if (!d) return false;
  const s = d.status;
  const want = d.spec.replicas ?? 1;
  if (!s || (s.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) return false;
  return (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want;
}

/** "2 of 3 pods ready" for progress lines. */
export function readyCount(list: readonly Pod[]): string {
  const live = list.filter((p) => !isTerminating(p));
  return `${live.filter(isServing).length} of ${live.length} pods ready`;
}

/** Audit entries since the step began that match; `ok` (default true) keeps only successful answers. */
export function audited(
  ctx: CheckContext,
  q: { verb?: string | readonly string[]; resource: string; subresource?: string; namespace?: string; name?: string; actors?: ReadonlySet<string>; actor?: string; ok?: boolean },
): AuditEntry[] {
  const verbs = q.verb === undefined ? undefined : typeof q.verb === "string" ? [q.verb] : q.verb;
  const ok = q.ok ?? true;
  return ctx.audit().filter(
    (e) =>
      e.resource === q.resource &&
      (verbs === undefined || verbs.includes(e.verb)) &&
      (q.subresource === undefined ? e.subresource === undefined : e.subresource === q.subresource) &&
      (q.namespace === undefined || e.namespace === q.namespace || (e.namespace === undefined && e.verb === "list")) &&
      (q.name === undefined || e.name === q.name) &&
      (q.actor === undefined || e.actor === q.actor) &&
      (q.actors === undefined || q.actors.has(e.actor)) &&
      (!ok || (e.code >= 200 && e.code < 300)),
  );
}

/** The learner read a resource (kubectl get/describe, the inspector) since the step began. */
export function learnerRead(ctx: CheckContext, resource: string, opts: { namespace?: string; name?: string } = {}): boolean {
  return audited(ctx, { verb: ["get", "list"], resource, actors: LEARNER_ACTORS, ...opts }).length > 0;
}

/** Events since the step began with this reason (and, optionally, about this kind of object). */
export function eventsWith(ctx: CheckContext, reason: string, kind?: string): KubeEvent[] {
  return ctx.events().filter((e) => e.reason === reason && (kind === undefined || e.involvedObject.kind === kind));
}

export function node(ctx: CheckContext, name: string): Node | undefined {
  return ctx.get<Node>("nodes", undefined, name);
}

/** The Ready condition's status as the node controller last wrote it: "True", "False" or "Unknown". */
export function nodeReady(n: Node | undefined): string | undefined {
  return n?.status?.conditions?.find((c) => c.type === "Ready")?.status;
}

export function workerNodes(ctx: CheckContext): Node[] {
  return ctx.list<Node>("nodes").filter((n) => !("node-role.kubernetes.io/control-plane" in (n.metadata.labels ?? {})));
}

/** Names of pods (of a list) by uid, to compare against later. */
export function uidsOf(list: readonly KubeObject[]): string[] {
  return list.map((o) => o.metadata.uid);
}

/** Reads a memo value written by Check.begin (or a default when begin could not run). */
export function memo<T>(ctx: CheckContext, key: string, fallback: T): T {
  return key in ctx.memo ? (ctx.memo[key] as T) : fallback;
}

/** Quiz helper: choices with the right one placed deterministically among distractors. */
export function choicesWith(right: string, others: readonly string[]): { choices: string[]; answer: number } {
  const uniq: string[] = [];
  for (const c of [right, ...others]) if (!uniq.includes(c)) uniq.push(c);
  uniq.sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  return { choices: uniq, answer: uniq.indexOf(right) };
}
