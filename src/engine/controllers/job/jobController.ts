// JobController mirrors pkg/controller/job/job_controller.go (v1.34): it runs a Job's pods to
// completion — parallelism and completions, NonIndexed and Indexed modes, the pod-failure backoff
// (10s·2^(n−1), max 10 min), backoffLimit / backoffLimitPerIndex / maxFailedIndexes, podFailurePolicy,
// successPolicy, activeDeadlineSeconds and suspend — and counts finished pods through the
// batch.kubernetes.io/job-tracking finalizer. Terminal conditions come in two steps (FailureTarget →
// Failed, SuccessCriteriaMet → Complete) once no pod is still terminating.
// Pod events are batched for 1s (syncJobBatchPeriod); Job creation and spec changes sync at once.
import type { Pod } from "../../api/types";
import { controllerRefOf } from "../../api/podutil";
import { labelSelectorAsSelector, type Selector } from "../../apimachinery/labels";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import { keyOf, type Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import { deepCopy } from "../../sim/clone";
import { parseTime, rfc3339 } from "../../sim/clock";
import type { Controller, ControllerContext } from "../context";
import { ControllerExpectations } from "../replicaset/expectations";
import { countReadyPods, countTerminatingPods, filterActivePods } from "./activePods";
import { BackoffStore } from "./backoffUtils";
import { evaluateFinish } from "./jobFinish";
import { JobLimits, jobKeyOf, type JobSyncEnv } from "./jobSyncEnv";
import { JobReason, type Job } from "./jobTypes";
import {
  ensureJobConditionStatus, hasJobTrackingFinalizer, isJobFinished, jobSuspended, managedByExternalController, newCondition,
  sameControllerRef, sameLabels,
} from "./jobUtil";
import { deleteActivePods, manageJob } from "./manageJob";
import { PodControl } from "./podControl";
import { getNewFinishedPods, newUncountedSets, nonIgnoredFailedPodsCount, type SyncJobCtx } from "./syncJobCtx";
import { UIDTrackingExpectations } from "./trackingUtils";
import { trackJobStatusAndRemoveFinalizers } from "./trackStatus";

/** Informer index names (prefixed: the pod informer is shared by every controller). */
const IDX_CONTROLLER_UID = "job/controllerUID";
const IDX_ORPHANS = "job/orphansByNamespace";
const IDX_JOB_NS = "job/namespace";

export class JobController implements Controller {
  readonly name = "job-controller";
  private readonly jobs: Informer<Job>;
  private readonly pods: Informer<Pod>;
  private readonly queue: WorkQueue;
  private readonly orphanQueue: WorkQueue;
  private readonly client: ApiClient;
  private readonly recorder: EventRecorder;
  private readonly expectations = new ControllerExpectations();
  private readonly finalizerExpectations = new UIDTrackingExpectations();
  private readonly backoffStore = new BackoffStore();
  private readonly env: JobSyncEnv;
  private readonly selectors = new WeakMap<object, Selector | undefined>();

  constructor(private readonly ctx: ControllerContext) {
    this.jobs = ctx.informers.for<Job>("jobs");
    this.pods = ctx.informers.for<Pod>("pods");
    // DefaultJobApiBackOff 1s .. MaxJobApiBackOff 1m for both queues.
    const backoff = { baseDelayMs: 1000, maxDelayMs: 60_000 };
    this.queue = ctx.workqueue("job", (k) => this.syncJob(k), backoff);
    this.orphanQueue = ctx.workqueue("job_orphan_pod", (k) => this.syncOrphanPod(k), backoff);
    this.client = ctx.client(this.name);
    this.recorder = ctx.recorder("job-controller");
    const podControl = new PodControl(this.client, this.recorder);
    this.env = {
      client: this.client,
      recorder: this.recorder,
      podControl,
      expectations: this.expectations,
      finalizerExpectations: this.finalizerExpectations,
      backoffStore: this.backoffStore,
      now: () => ctx.clock.now(),
      nowAbs: () => ctx.clock.absolute(),
      nowTime: () => rfc3339(ctx.clock.absolute()),
      enqueueSyncJobWithDelay: (job, delay) => this.queue.addAfter(jobKeyOf(job), Math.max(delay, JobLimits.syncJobBatchPeriodMs)),
    };
  }

  start(): void {
    this.pods.addIndexer(IDX_CONTROLLER_UID, (p) => {
      const ref = controllerRefOf(p);
      return ref ? [ref.uid] : [];
    });
    this.pods.addIndexer(IDX_ORPHANS, (p) => (controllerRefOf(p) ? [] : [p.metadata.namespace ?? ""]));
    this.jobs.addIndexer(IDX_JOB_NS, (j) => [j.metadata.namespace ?? ""]);
    this.jobs.addEventHandler({
      add: (job) => this.queue.add(keyOf(job)),
      update: (old, cur) => this.updateJob(old, cur),
      delete: (job) => {
        this.queue.add(keyOf(job));
        this.cleanupPodFinalizers(job);
      },
    });
    this.pods.addEventHandler({
      add: (pod) => this.addPod(pod),
      update: (old, cur) => this.updatePod(old, cur),
      delete: (pod) => this.deletePod(pod, true),
    });
  }

  stop(): void {
    this.queue.paused = true;
    this.orphanQueue.paused = true;
  }

  resume(): void {
    this.queue.resume();
    this.orphanQueue.resume();
  }

  // ---- event handlers ----

  private enqueueBatched(job: Job): void {
    this.queue.addAfter(jobKeyOf(job), JobLimits.syncJobBatchPeriodMs);
  }

  // mirrors resolveControllerRef
  private resolveControllerRef(namespace: string | undefined, ref: { kind: string; name: string; uid: string }): Job | undefined {
    if (ref.kind !== "Job") return undefined;
    const job = this.jobs.get(`${namespace ?? "default"}/${ref.name}`);
    return job && job.metadata.uid === ref.uid ? job : undefined;
  }

  private selectorOf(job: Job): Selector | undefined {
    if (this.selectors.has(job)) return this.selectors.get(job);
    let s: Selector | undefined;
    try {
      s = labelSelectorAsSelector(job.spec.selector);
    } catch {
      s = undefined;
    }
    this.selectors.set(job, s);
    return s;
  }

  // mirrors getPodJobs: Jobs whose (non-empty) selector matches the pod.
  private getPodJobs(pod: Pod): Job[] {
    return this.jobs.byIndex(IDX_JOB_NS, pod.metadata.namespace ?? "").filter((j) => {
      const s = this.selectorOf(j);
      return !!s && !s.empty() && s.matches(pod.metadata.labels);
    });
  }

  // mirrors Controller.addPod
  private addPod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) return this.deletePod(pod, false);
    const ref = controllerRefOf(pod);
    if (ref) {
      const job = this.resolveControllerRef(pod.metadata.namespace, ref);
      if (!job) return;
      this.expectations.creationObserved(jobKeyOf(job));
      this.enqueueBatched(job);
      return;
    }
    if (hasJobTrackingFinalizer(pod)) this.orphanQueue.add(keyOf(pod));
    for (const job of this.getPodJobs(pod)) this.enqueueBatched(job);
  }

  // mirrors Controller.updatePod
  private updatePod(old: Pod, cur: Pod): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
    if (cur.metadata.deletionTimestamp) return this.deletePod(cur, false);
    const finalizerRemoved = !hasJobTrackingFinalizer(cur);
    const curRef = controllerRefOf(cur);
    const oldRef = controllerRefOf(old);
    const refChanged = !sameControllerRef(curRef, oldRef);
    if (refChanged && oldRef) {
      const job = this.resolveControllerRef(old.metadata.namespace, oldRef);
      if (job) {
        if (finalizerRemoved) this.finalizerExpectations.finalizerRemovalObserved(jobKeyOf(job), cur.metadata.uid);
        this.enqueueBatched(job);
      }
    }
    if (curRef) {
      const job = this.resolveControllerRef(cur.metadata.namespace, curRef);
      if (!job) return;
      if (finalizerRemoved) this.finalizerExpectations.finalizerRemovalObserved(jobKeyOf(job), cur.metadata.uid);
      this.enqueueBatched(job);
      return;
    }
    if (hasJobTrackingFinalizer(cur)) this.orphanQueue.add(keyOf(cur));
    if (refChanged || !sameLabels(cur.metadata.labels, old.metadata.labels)) {
      for (const job of this.getPodJobs(cur)) this.enqueueBatched(job);
    }
  }

  /** `final`: the pod left the store (not merely got a deletionTimestamp). */
  // mirrors Controller.deletePod
  private deletePod(pod: Pod, final: boolean): void {
    const ref = controllerRefOf(pod);
    const hasFinalizer = hasJobTrackingFinalizer(pod);
    if (!ref) {
      if (hasFinalizer) this.orphanQueue.add(keyOf(pod));
      return;
    }
    const job = this.resolveControllerRef(pod.metadata.namespace, ref);
    if (!job || isJobFinished(job)) {
      if (hasFinalizer) this.orphanQueue.add(keyOf(pod));
      return;
    }
    const key = jobKeyOf(job);
    this.expectations.deletionObserved(key);
    if (final || !hasFinalizer) this.finalizerExpectations.finalizerRemovalObserved(key, pod.metadata.uid);
    this.enqueueBatched(job);
  }

  // mirrors Controller.updateJob
  private updateJob(old: Job, cur: Job): void {
    const key = keyOf(cur);
    if (cur.metadata.generation === old.metadata.generation) this.enqueueBatched(cur);
    else this.queue.add(key);
    if (isJobFinished(cur)) this.cleanupPodFinalizers(cur);
    const start = parseTime(cur.status?.startTime);
    const ads = cur.spec.activeDeadlineSeconds;
    if (!Number.isNaN(start) && ads != null && old.spec.activeDeadlineSeconds !== ads) {
      this.queue.addAfter(key, ads * 1000 - (this.ctx.clock.absolute() - start));
    }
  }

  // mirrors cleanupPodFinalizers: pods of a finished or deleted Job still holding the finalizer.
  private cleanupPodFinalizers(job: Job): void {
    const s = this.selectorOf(job);
    if (!s) return;
    for (const pod of this.pods.byIndex(IDX_CONTROLLER_UID, job.metadata.uid)) {
      if (pod.metadata.namespace === job.metadata.namespace && s.matches(pod.metadata.labels) && hasJobTrackingFinalizer(pod)) {
        this.orphanQueue.add(keyOf(pod));
      }
    }
  }

  /** Removes the tracking finalizer from a pod no running Job will count. */
  // mirrors Controller.syncOrphanPod
  private syncOrphanPod(key: string): void {
    const pod = this.pods.get(key);
    if (!pod) return;
    const ref = controllerRefOf(pod);
    if (ref) {
      if (ref.kind !== "Job" || ref.apiVersion !== "batch/v1") return;
      const job = this.resolveControllerRef(pod.metadata.namespace, ref);
      if (job && managedByExternalController(job)) return;
      if (job && !isJobFinished(job)) return; // adopted meanwhile
    }
    try {
      this.env.podControl.removeTrackingFinalizer(pod);
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 404)) throw e;
    }
  }

  // ---- sync ----

  /** Owned pods plus orphans to adopt, claimed as ClaimPods does; sorted by name for determinism. */
  // mirrors Controller.getPodsForJob
  private getPodsForJob(job: Job): Pod[] {
    const selector = this.selectorOf(job);
    if (!selector) throw new ApiError(400, "BadRequest", "couldn't convert Job selector");
    const candidates = [
      ...this.pods.byIndex(IDX_CONTROLLER_UID, job.metadata.uid).filter((p) => p.metadata.namespace === job.metadata.namespace),
      ...this.pods.byIndex(IDX_ORPHANS, job.metadata.namespace ?? ""),
    ].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
    const canAdopt = (): void => {
      const fresh = this.client.get<Job>("Job", job.metadata.namespace, job.metadata.name);
      if (fresh.metadata.uid !== job.metadata.uid) {
        throw new ApiError(409, "Conflict", `original Job ${job.metadata.namespace}/${job.metadata.name} is gone: got uid ${fresh.metadata.uid}, wanted ${job.metadata.uid}`);
      }
      if (fresh.metadata.deletionTimestamp) {
        throw new ApiError(409, "Conflict", `${job.metadata.namespace}/${job.metadata.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
      }
    };
    const { pods, error } = this.env.podControl.claimPods(job, selector, candidates, canAdopt);
    if (error) throw error;
    return pods;
  }

  /** syncJob: reconciles one Job with its pods, then tracks finished pods into status. */
  // mirrors Controller.syncJob
  private syncJob(key: string): void {
    const shared = this.jobs.get(key);
    if (!shared) {
      this.expectations.delete(key);
      this.finalizerExpectations.deleteExpectations(key);
      this.backoffStore.removeBackoffRecord(key);
      return;
    }
    if (managedByExternalController(shared)) return;
    const job = deepCopy(shared);
    if (isJobFinished(job)) {
      this.backoffStore.removeBackoffRecord(key);
      return;
    }
    const mode = job.spec.completionMode;
    if (mode != null && mode !== "NonIndexed" && mode !== "Indexed") {
      this.recorder.event(job, "Warning", "UnknownCompletionMode", "Skipped Job sync because completion mode is unknown");
      return;
    }
    const status = (job.status ??= {});
    status.uncountedTerminatedPods ??= {};

    // Expectations are checked before listing pods so a pod created meanwhile cannot sneak in.
    const satisfiedExpectations = this.expectations.satisfied(key, this.ctx.clock.now());
    const pods = this.getPodsForJob(job);
    const activePods = filterActivePods(pods);
    const jobCtx: SyncJobCtx = {
      job,
      pods,
      activePods,
      ready: countReadyPods(activePods),
      uncounted: newUncountedSets(job),
      expectedRmFinalizers: this.finalizerExpectations.getExpectedUIDs(key),
      terminating: countTerminatingPods(pods),
      succeeded: 0,
      failed: 0,
      prevSucceededIndexes: [],
      succeededIndexes: [],
      newBackoffRecord: { key, failuresAfterLastSuccess: 0 },
    };
    let active = activePods.length;
    const fresh = getNewFinishedPods(jobCtx);
    jobCtx.succeeded = (status.succeeded ?? 0) + fresh.succeeded.length + jobCtx.uncounted.succeeded.size;
    jobCtx.failed = (status.failed ?? 0) + nonIgnoredFailedPodsCount(job, fresh.failed) + jobCtx.uncounted.failed.size;

    // First start (not while suspended).
    if (!status.startTime && !jobSuspended(job)) status.startTime = this.env.nowTime();
    jobCtx.newBackoffRecord = this.backoffStore.newBackoffRecord(key, fresh.succeeded, fresh.failed);

    evaluateFinish(this.env, jobCtx, (ms) => this.queue.addAfter(key, ms));

    let manageJobErr: ApiError | undefined;
    let suspendCondChanged = false;
    if (jobCtx.finishedCondition) {
      // A finishing Job deletes its active pods (keeping their finalizers: they count as failed).
      const r = deleteActivePods(this.env, job, activePods);
      if (r.deleted !== active || !satisfiedExpectations) jobCtx.finishedCondition = undefined;
      active -= r.deleted;
      jobCtx.terminating += r.deleted;
      jobCtx.ready -= r.deletedReady;
      manageJobErr = r.error;
    } else {
      let manageJobCalled = false;
      if (satisfiedExpectations && !job.metadata.deletionTimestamp) {
        const r = manageJob(this.env, job, jobCtx);
        active = r.active;
        manageJobErr = r.error;
        manageJobCalled = true;
      }
      // Without completions the Job is complete once any pod succeeded and none is running.
      const complete = job.spec.completions == null
        ? jobCtx.succeeded > 0 && active === 0
        : jobCtx.succeeded >= job.spec.completions && active === 0;
      if (complete) {
        jobCtx.finishedCondition = newCondition("SuccessCriteriaMet", "True", JobReason.completionsReached, "Reached expected number of succeeded pods", this.env.nowTime());
      } else if (manageJobCalled) {
        suspendCondChanged = this.updateSuspendCondition(job);
      }
    }

    const needsStatusUpdate = suspendCondChanged || active !== (status.active ?? 0) || jobCtx.ready !== status.ready || jobCtx.terminating !== status.terminating;
    status.active = active;
    status.ready = jobCtx.ready;
    status.terminating = jobCtx.terminating;
    trackJobStatusAndRemoveFinalizers(this.env, jobCtx, needsStatusUpdate);
    if (manageJobErr) throw manageJobErr;
  }

  /** Suspended=True (JobSuspended) or, once resumed, Suspended=False (JobResumed) with a fresh startTime. */
  private updateSuspendCondition(job: Job): boolean {
    const status = job.status!;
    const now = this.env.nowTime();
    let changed: boolean;
    if (jobSuspended(job)) {
      // A Job can be suspended only while not complete.
      [status.conditions, changed] = ensureJobConditionStatus(status.conditions ?? [], "Suspended", "True", "JobSuspended", "Job suspended", now);
      if (changed) this.recorder.event(job, "Normal", "Suspended", "Job suspended");
    } else {
      [status.conditions, changed] = ensureJobConditionStatus(status.conditions ?? [], "Suspended", "False", "JobResumed", "Job resumed", now);
      if (changed) {
        this.recorder.event(job, "Normal", "Resumed", "Job resumed");
        // activeDeadlineSeconds counts continuous activity: resuming restarts the clock.
        status.startTime = now;
      }
    }
    return changed;
  }
}
