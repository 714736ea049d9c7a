// DisruptionController keeps every PodDisruptionBudget's status current: how many selected pods are
// expected, how many must stay healthy, how many are healthy, and so how many voluntary disruptions
// (evictions) are allowed right now. The eviction subresource spends that allowance; this controller
// earns it back as pods are replaced and become Ready. It also resets a DisruptionTarget condition
// left on a pod that was never deleted.
// mirrors DisruptionController (k/k pkg/controller/disruption/disruption.go, v1.34): handlers enqueue the
// budget of a changed pod; sync → trySync (or failSafe on error) → updatePdbStatus; a recheck queue
// for the DeletionTimeout of recorded evictions; stalePodDisruption* for stale conditions.
import type { Deployment, Pod, ReplicaSet, ReplicationController, KubeObject } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import type { Informer } from "../../client/informer";
import { keyOf } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import { rfc3339 } from "../../sim/clock";
import { deepCopy } from "../../sim/clone";
import { jsonEqual } from "../../apiserver/strategy";
import { updatePodCondition } from "../nodelifecycle/podConditions";
import type { Controller, ControllerContext } from "../context";
import { buildDisruptedPodMap, countHealthyPods, getExpectedPodCount, type ControllerFinder } from "./expectedCount";
import { conditionsAreUpToDate, DisruptionAllowedCondition, goLabelSelectorString, pdbSelector, podDisruptionBudgetsFor, setStatusCondition, SyncFailedReason, updateDisruptionAllowedCondition, type PdbStatus, type PodDisruptionBudget } from "./pdbUtil";
import { scaleFinders } from "./finders";

/** names.DisruptionController */
export const DISRUPTION_CONTROLLER = "disruption-controller";
/** stalePodDisruptionTimeout */
export const STALE_POD_DISRUPTION_TIMEOUT_MS = 2 * 60_000;
const BY_NAMESPACE = "namespace";

export class DisruptionController implements Controller {
  readonly name = DISRUPTION_CONTROLLER;
  private readonly client: ApiClient;
  private readonly recorder: EventRecorder;
  private readonly pods: Informer<Pod>;
  private readonly pdbs: Informer<PodDisruptionBudget>;
  private readonly queue: WorkQueue;
  private readonly staleQueue: WorkQueue;
  private readonly finder: ControllerFinder;

  constructor(private readonly ctx: ControllerContext) {
    this.client = ctx.client(DISRUPTION_CONTROLLER);
    this.recorder = ctx.recorder("controllermanager");
    this.pods = ctx.informers.for<Pod>("pods");
    this.pdbs = ctx.informers.for<PodDisruptionBudget>("poddisruptionbudgets");
    this.finder = scaleFinders({
      rcs: ctx.informers.for<ReplicationController>("replicationcontrollers"),
      rss: ctx.informers.for<ReplicaSet>("replicasets"),
      deployments: ctx.informers.for<Deployment>("deployments"),
      statefulSets: ctx.informers.for<KubeObject>("statefulsets"),
    });
    this.queue = ctx.workqueue("disruption", (key) => this.sync(key));
    this.staleQueue = ctx.workqueue("stale_pod_disruption", (key) => this.syncStalePodDisruption(key));
  }

  start(): void {
    const byNamespace = (o: KubeObject): string[] => [o.metadata.namespace ?? ""];
    this.pods.addIndexer(BY_NAMESPACE, byNamespace);
    this.pdbs.addIndexer(BY_NAMESPACE, byNamespace);
    this.pdbs.addEventHandler({
      add: (pdb) => this.queue.add(keyOf(pdb)),
      update: (_old, pdb) => this.queue.add(keyOf(pdb)),
      delete: (pdb) => this.queue.add(keyOf(pdb)),
    });
    this.pods.addEventHandler({
      add: (pod) => this.podChanged(pod),
      update: (_old, pod) => this.podChanged(pod),
      delete: (pod) => this.enqueueBudgetOf(pod),
    });
  }

  stop(): void {
    this.queue.paused = true;
    this.staleQueue.paused = true;
  }

  resume(): void {
    this.queue.resume();
    this.staleQueue.resume();
  }

  private podChanged(pod: Pod): void {
    this.enqueueBudgetOf(pod);
    const cleanAfter = this.staleDisruptionCleanAfter(pod);
    if (cleanAfter !== undefined) this.staleQueue.addAfter(keyOf(pod), cleanAfter);
  }

  // mirrors getPdbForPod: the first matching budget (by name), with a warning when there are several.
  private enqueueBudgetOf(pod: Pod): void {
    const ns = pod.metadata.namespace ?? "";
    if (!pod.metadata.labels) return; // GetPodPodDisruptionBudgets: a pod without labels has no budget
    const candidates = this.pdbs.byIndex(BY_NAMESPACE, ns);
    if (candidates.length === 0) return;
    const pdbs = podDisruptionBudgetsFor(pod, candidates);
    const first = pdbs[0];
    if (!first) return;
    if (pdbs.length > 1) {
      this.recorder.event(pod, "Warning", "MultiplePodDisruptionBudgets", `Pod ${JSON.stringify(ns)}/${JSON.stringify(pod.metadata.name)} matches multiple PodDisruptionBudgets.  Chose ${JSON.stringify(first.metadata.name)} arbitrarily.`);
    }
    this.queue.add(keyOf(first));
  }

  private podsFor(pdb: PodDisruptionBudget): Pod[] {
    const sel = pdbSelector(pdb);
    if (!sel) return [];
    const out: Pod[] = [];
    this.pods.forEachInIndex(BY_NAMESPACE, pdb.metadata.namespace ?? "", (p) => {
      if (sel.matches(p.metadata.labels)) out.push(p);
    });
    return out.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  }

  private sync(key: string): void {
    const pdb = this.pdbs.get(key);
    if (!pdb) return;
    try {
      this.trySync(pdb);
    } catch (e) {
      // A conflict is requeued as is; anything else first zeroes the allowance (fail closed).
      if (e instanceof ApiError && e.code === 409) throw e;
      this.failSafe(pdb, e instanceof Error ? e.message : String(e));
    }
  }

  // mirrors trySync
  private trySync(pdb: PodDisruptionBudget): void {
    const pods = this.podsFor(pdb);
    if (pods.length === 0) this.recorder.event(pdb, "Normal", "NoPods", "No matching pods found");
    let counts;
    try {
      counts = getExpectedPodCount(pdb, pods, this.finder);
    } catch (e) {
      this.recorder.event(pdb, "Warning", "CalculateExpectedPodCountFailed", `Failed to calculate the number of expected pods: ${(e as Error).message}`);
      throw e;
    }
    if (counts.unmanagedPods.length > 0) {
      this.recorder.event(pdb, "Warning", "UnmanagedPods",
        `Pods selected by this PodDisruptionBudget (selector: ${goLabelSelectorString(pdb.spec?.selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`);
    }
    const now = this.ctx.clock.absolute();
    const { disruptedPods, recheckAtAbsMs, notDeleted } = buildDisruptedPodMap(pods, pdb, now);
    for (const pod of notDeleted) {
      // Upstream formats the namespace twice ("%s/%s", pdb.Namespace, pdb.Namespace).
      this.recorder.event(pod, "Warning", "NotDeleted", `Pod was expected by PDB ${pdb.metadata.namespace}/${pdb.metadata.namespace} to be deleted but it wasn't`);
    }
    const currentHealthy = countHealthyPods(pods, disruptedPods, now);
    this.updatePdbStatus(pdb, currentHealthy, counts.desiredHealthy, counts.expectedCount, disruptedPods);
    if (recheckAtAbsMs !== undefined) this.queue.addAfter(keyOf(pdb), recheckAtAbsMs - now);
  }

  // mirrors updatePdbStatus
  private updatePdbStatus(pdb: PodDisruptionBudget, currentHealthy: number, desiredHealthy: number, expectedPods: number, disruptedPods: Record<string, string>): void {
    let disruptionsAllowed = currentHealthy - desiredHealthy;
    if (expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
    const s = pdb.status ?? {};
    const generation = pdb.metadata.generation ?? 0;
    if (s.currentHealthy === currentHealthy && s.desiredHealthy === desiredHealthy && s.expectedPods === expectedPods && s.disruptionsAllowed === disruptionsAllowed &&
      jsonEqual(s.disruptedPods ?? {}, disruptedPods) && (s.observedGeneration ?? 0) === generation && conditionsAreUpToDate(pdb)) {
      return;
    }
    const status: PdbStatus = {
      observedGeneration: generation,
      ...(Object.keys(disruptedPods).length > 0 ? { disruptedPods } : {}),
      disruptionsAllowed,
      currentHealthy,
      desiredHealthy,
      expectedPods,
      ...(s.conditions ? { conditions: s.conditions } : {}),
    };
    updateDisruptionAllowedCondition(status, rfc3339(this.ctx.clock.absolute()));
    this.writeStatus(pdb, status);
  }

  // mirrors failSafe: at least stop evictions when the status cannot be computed.
  private failSafe(pdb: PodDisruptionBudget, message: string): void {
    const status = { ...(pdb.status ?? {}), disruptionsAllowed: 0 } as PdbStatus;
    const conditions = (status.conditions ?? []).map((c) => ({ ...c }));
    setStatusCondition(conditions, { type: DisruptionAllowedCondition, status: "False", reason: SyncFailedReason, message, observedGeneration: status.observedGeneration }, rfc3339(this.ctx.clock.absolute()));
    status.conditions = conditions;
    this.writeStatus(pdb, status);
  }

  private writeStatus(pdb: PodDisruptionBudget, status: PdbStatus): void {
    const next = deepCopy(pdb);
    next.status = status;
    this.client.updateStatus(next);
  }

  // mirrors nonTerminatingPodHasStaleDisruptionCondition: ms until the condition is stale, if it can be.
  private staleDisruptionCleanAfter(pod: Pod): number | undefined {
    if (pod.metadata.deletionTimestamp) return undefined;
    const cond = pod.status?.conditions?.find((c) => c.type === "DisruptionTarget");
    const phase = pod.status?.phase;
    if (!cond || cond.status !== "True" || cond.reason === "TerminationByKubelet" || phase === "Succeeded" || phase === "Failed") return undefined;
    const since = Date.parse(cond.lastTransitionTime ?? "") || this.ctx.clock.absolute();
    return Math.max(0, STALE_POD_DISRUPTION_TIMEOUT_MS - (this.ctx.clock.absolute() - since));
  }

  // mirrors syncStalePodDisruption: the condition goes False once it has been stale for 2 minutes.
  private syncStalePodDisruption(key: string): void {
    const pod = this.pods.get(key);
    if (!pod) return;
    const cleanAfter = this.staleDisruptionCleanAfter(pod);
    if (cleanAfter === undefined) return;
    if (cleanAfter > 0) {
      this.staleQueue.addAfter(key, cleanAfter);
      return;
    }
    const next = deepCopy(pod);
    const status = next.status ?? (next.status = {});
    if (!updatePodCondition(status, { type: "DisruptionTarget", status: "False" }, rfc3339(this.ctx.clock.absolute()))) return;
    this.client.updateStatus(next);
  }
}
