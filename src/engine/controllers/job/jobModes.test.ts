import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/types";
import type { Kernel } from "../../testing/kernel";
import { JobController } from "./jobController";
import type { Job } from "./jobTypes";
import { FakeKubelet, type PodProgram } from "./testing/fakeKubelet";
import { createdPodNames, defaultingKernel, events, getJob, podsOf, simpleJob } from "./testing/fixtures";

function setup(program: PodProgram): Kernel {
  const k = defaultingKernel();
  new JobController(k.ctx).start();
  new FakeKubelet(k, program).start();
  k.informers.startAll();
  return k;
}

const types = (j: Job): string[] => (j.status?.conditions ?? []).map((c) => `${c.type}:${c.reason ?? ""}`);

describe("JobController: completion modes and other paths", () => {
  it("Indexed, all succeed: completedIndexes 0-2, pods named <job>-<index>-xxxxx", () => {
    const k = setup(() => ({ runMs: 2_000, exitCode: 0 }));
    k.api.create("kubectl", simpleJob("idx", { completions: 3, parallelism: 3, completionMode: "Indexed" }));
    k.advance(30_000);
    const job = getJob(k, "idx");
    expect(job.status).toMatchObject({ completedIndexes: "0-2", succeeded: 3 });
    expect(job.status!.failedIndexes).toBeUndefined();
    expect(types(job)).toEqual(["SuccessCriteriaMet:CompletionsReached", "Complete:CompletionsReached"]);
    expect(createdPodNames(k).map((n) => n.replace(/-[a-z0-9]{5}$/, "")).sort()).toEqual(["idx-0", "idx-1", "idx-2"]);
  });

  it("successPolicy: the Job succeeds once the listed index succeeded, deleting the rest (reason SuccessPolicy)", () => {
    const k = setup((p) => (p.metadata.annotations?.["batch.kubernetes.io/job-completion-index"] === "0" ? { runMs: 2_000, exitCode: 0 } : {}));
    k.api.create("kubectl", simpleJob("lead", { completions: 3, parallelism: 3, completionMode: "Indexed", successPolicy: { rules: [{ succeededIndexes: "0" }] } }));
    k.advance(30_000);
    const job = getJob(k, "lead");
    expect(types(job)).toEqual(["SuccessCriteriaMet:SuccessPolicy", "Complete:SuccessPolicy"]);
    expect(job.status!.conditions![0]!.message).toBe("Matched rules at index 0");
    expect(job.status).toMatchObject({ completedIndexes: "0", succeeded: 1, terminating: 0 });
    expect(podsOf(k).map((p) => p.status?.phase)).toEqual(["Succeeded"]);
  });

  it("without completions: after the first success no pod is added; Complete when all have exited", () => {
    let n = 0;
    const k = setup(() => ({ runMs: ++n === 1 ? 3_000 : 10_000, exitCode: 0 }));
    k.api.create("kubectl", simpleJob("queue", { parallelism: 2 }));
    k.advance(8_000);
    expect(types(getJob(k, "queue"))).toEqual([]);
    k.advance(30_000);
    const job = getJob(k, "queue");
    expect(job.spec.completions).toBeUndefined();
    expect(createdPodNames(k)).toHaveLength(2);
    expect(job.status!.succeeded).toBe(2);
    expect(types(job)).toEqual(["SuccessCriteriaMet:CompletionsReached", "Complete:CompletionsReached"]);
  });

  it("restartPolicy OnFailure: container restarts count against backoffLimit", () => {
    const k = setup(() => ({}));
    const spec = (simpleJob("restarts").spec as Job["spec"]);
    k.api.create("kubectl", simpleJob("restarts", { backoffLimit: 2, template: { spec: { ...spec.template.spec, restartPolicy: "OnFailure" } } }));
    k.advance(3_000);
    const [pod] = podsOf(k);
    k.api.patch("kubelet/node-1", k.api.typeOf(pod!), "default", pod!.metadata.name, (p) => {
      p.status.containerStatuses = p.status.containerStatuses.map((c: Pod["status"]) => ({ ...c, restartCount: 2 }));
    }, "status");
    k.advance(10_000);
    const job = getJob(k, "restarts");
    expect(types(job)).toEqual(["FailureTarget:BackoffLimitExceeded", "Failed:BackoffLimitExceeded"]);
    expect(job.status!.failed).toBe(1);
    expect(events(k, "Job")).toContain("Warning BackoffLimitExceeded Job has reached the specified backoff limit");
  });

  it("deleting a running Job: the orphaned pod loses its tracking finalizer", () => {
    const k = setup(() => ({}));
    k.api.create("kubectl", simpleJob("bye"));
    k.advance(3_000);
    const [pod] = podsOf(k);
    expect(pod!.metadata.finalizers).toEqual(["batch.kubernetes.io/job-tracking"]);
    k.api.delete("kubectl", k.api.typeOf(getJob(k, "bye")), "default", "bye", { propagationPolicy: "Background" });
    k.advance(3_000);
    expect(getJob(k, "bye")).toBeUndefined();
    expect(podsOf(k)[0]!.metadata.finalizers).toBeUndefined();
  });

  it("adopts a matching orphan pod, adding the ownerReference and the tracking finalizer", () => {
    const k = setup(() => ({}));
    const job = k.api.create("kubectl", simpleJob("adopt", { suspend: true })) as Job;
    k.api.create("kubectl", {
      apiVersion: "v1", kind: "Pod",
      metadata: { name: "stray", labels: { "batch.kubernetes.io/controller-uid": job.metadata.uid } },
      spec: { containers: [{ name: "main", image: "busybox" }], restartPolicy: "Never" },
    } as unknown as Pod);
    k.advance(3_000);
    // Suspended: adopted (then deleted, being active) — the patch went first.
    const patch = k.audit.since(0).find((e) => e.actor === "job-controller" && e.verb === "patch" && e.name === "stray");
    expect(patch?.code).toBe(200);
    expect(events(k, "Job")).toContain("Normal SuccessfulDelete Deleted pod: stray");
  });
});
