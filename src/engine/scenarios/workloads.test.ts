// Workload controllers on a whole simulated cluster (SCENARIOS.md #7-#12): the documentation's manifests
// applied with the command language, outputs compared with upstream's documented output.
// Sources of the expected values:
// - oracle 03 (`kubectl get sts`), 05 (job.md, Job pi), 06 (automated-tasks-with-cron-jobs.md, CronJob hello);
// - job.md "Pod failure policy" / "Backoff limit per index" (the status blocks quoted below);
// - pkg/controller/job/pod_failure_policy.go: "Container %s for pod %s/%s failed with exit code %v matching %v
//   rule at index %d"; job_controller.go: "Job has failed indexes", recordJobFinished (Normal "Completed"
//   "Job completed", else Warning <condition reason> <condition message>), podGenerateNameWithIndex "<job>-<i>-";
// - pkg/controller/cronjob/cronjob_controllerv2.go: "Created job %v", "Deleted job %v", "Saw completed job: %s,
//   condition: %v"; utils.go getJobName: "<cronjob>-<scheduledTime.Unix()/60>";
// - cli-runtime resource mapping: `resource mapping not found for name: %q namespace: %q from %q: %v` +
//   "\nensure CRDs are installed first" (batch/v1beta1 CronJob was removed in 1.25).
// Normalisation (and only this): the AGE column (and LAST SCHEDULE, which is an age too) is replaced by "<age>"
// after checking its format, and the random 5-character suffix of generated names by "<suffix>". The Job
// DURATION column is checked for its format only: the oracle's values (65s, 5s) measure real image pulls.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { KubeEvent, KubeObject, Node, Pod } from "../api/types";
import { Session } from "../sim/session";
import { edit, newCluster } from "./testCluster";

const DIR = join(import.meta.dirname, "fixtures");
// The batch/v1 copy of cronjob.yaml: the current revision of the docs' file differs only in apiVersion.
const VIRTUAL: Record<string, () => string> = {
  "cronjob-v1.yaml": () => readFileSync(join(DIR, "workloads", "cronjob.yaml"), "utf8").replace("apiVersion: batch/v1beta1", "apiVersion: batch/v1"),
  // A failing variant (exit 1, no retries) to see failedJobsHistoryLimit at work.
  "cronjob-failing.yaml": () =>
    VIRTUAL["cronjob-v1.yaml"]!()
      .replace("date; echo Hello from the Kubernetes cluster", "exit 1")
      .replace("restartPolicy: OnFailure", "restartPolicy: Never")
      .replace("  jobTemplate:\n    spec:\n", "  jobTemplate:\n    spec:\n      backoffLimit: 0\n"),
};

function session() {
  const c = newCluster();
  const readFile = (p: string): string | undefined => {
    const v = VIRTUAL[p];
    if (v) return v();
    try {
      return readFileSync(join(DIR, p), "utf8");
    } catch {
      return undefined;
    }
  };
  const s = new Session(c, { readFile, readDir: () => undefined });
  const run = (line: string) => s.run(line);
  // kubectl's JSONPathPrinter adds no trailing newline; Kubelab's runKubectl ends every stream with one
  // (src/engine/kubectl/commands/get.test.ts), so -o jsonpath text is compared without it.
  const jsonpath = (line: string) => run(line).out.replace(/\n$/, "");
  return { c, run, jsonpath };
}

const AGE = /^\d+(s|m\d*s?|h\d*m?|d\d*h?|y\d*d?)$/;
const SUFFIX = /-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

/** Splits a kubectl table by its header's column offsets (kubectl left-aligns every cell under its header). */
function table(out: string, ageColumns: string[] = ["AGE"]): { header: string[]; rows: string[][] } {
  const [head, ...lines] = out.trimEnd().split("\n");
  const cols = [...head!.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], at: m.index }));
  const rows = lines.map((line) =>
    cols.map((col, i) => {
      const cell = line.slice(col.at, i + 1 < cols.length ? cols[i + 1]!.at : undefined).trim();
      if (!ageColumns.includes(col.name) || cell === "<none>") return cell;
      expect(cell).toMatch(AGE);
      return "<age>";
    }),
  );
  return { header: cols.map((x) => x.name), rows };
}

const unsuffix = (name: string) => name.replace(SUFFIX, "-<suffix>");
type Ev = KubeEvent & { reason?: string; message?: string; type?: string; involvedObject?: { kind?: string; name?: string } };
const eventsOf = (c: ReturnType<typeof newCluster>, kind: string, name: string, ns = "default") =>
  c.list<Ev>("events", ns).filter((e) => e.involvedObject?.kind === kind && e.involvedObject.name === name).map((e) => `${e.type} ${e.reason}: ${e.message}`);
type JobStatus = {
  conditions?: { type: string; status: string; reason?: string; message?: string }[];
  succeeded?: number;
  failed?: number;
  active?: number;
  completedIndexes?: string;
  failedIndexes?: string;
};
const jobStatus = (c: ReturnType<typeof newCluster>, name: string) => (c.store.get("jobs", `jobs/default/${name}`) as KubeObject | undefined)?.status as JobStatus | undefined;
const finished = (s: JobStatus | undefined, type: "Complete" | "Failed") => s?.conditions?.some((x) => x.type === type && x.status === "True") === true;

describe("StatefulSet web with podManagementPolicy Parallel (web-parallel.yaml, SCENARIOS #7)", () => {
  it("creates web-0 and web-1 together, before either is Ready, and ends 2/2 with both claims Bound", () => {
    const { c, run } = session();
    expect(run("kubectl apply -f storage/web-parallel.yaml").out).toBe("service/nginx created\nstatefulset.apps/web created\n");
    const pod = (n: string) => c.store.get("pods", `pods/default/${n}`) as Pod | undefined;
    expect(c.runUntil(() => pod("web-0") !== undefined, 30_000)).toBe(true);
    // Parallel: "launch or terminate all Pods in parallel ... not wait for Pods to become Running and Ready".
    expect(pod("web-1")).toBeDefined();
    expect(pod("web-0")!.status?.conditions?.some((x) => x.type === "Ready" && x.status === "True") ?? false).toBe(false);
    expect(pod("web-1")!.metadata.creationTimestamp).toBe(pod("web-0")!.metadata.creationTimestamp);
    expect(eventsOf(c, "StatefulSet", "web")).toEqual(
      expect.arrayContaining([
        "Normal SuccessfulCreate: create Pod web-0 in StatefulSet web successful",
        "Normal SuccessfulCreate: create Pod web-1 in StatefulSet web successful",
      ]),
    );
    c.advance(60_000);
    // oracle 03: `kubectl get sts web` -> web 2/2.
    expect(table(run("kubectl get statefulset web").out)).toEqual({ header: ["NAME", "READY", "AGE"], rows: [["web", "2/2", "<age>"]] });
    const pvc = table(run("kubectl get pvc").out);
    expect(pvc.rows.map((r) => [r[0], r[1], r[3], r[4], r[5]])).toEqual([
      ["www-web-0", "Bound", "1Gi", "RWO", "standard"],
      ["www-web-1", "Bound", "1Gi", "RWO", "standard"],
    ]);
    expect(table(run("kubectl get pods").out).rows).toEqual([
      ["web-0", "1/1", "Running", "0", "<age>"],
      ["web-1", "1/1", "Running", "0", "<age>"],
    ]);
    expect(c.internalErrors).toEqual([]);
  });
});

describe("DaemonSet fluentd-elasticsearch (controllers/daemonset.yaml, SCENARIOS #8)", () => {
  it("runs one pod per node it tolerates: the stored file tolerates only the legacy master taint", () => {
    const { c, run } = session();
    expect(run("kubectl apply -f storage/daemonset.yaml")).toEqual({ out: "daemonset.apps/fluentd-elasticsearch created\n", err: "", code: 0 });
    c.advance(60_000);
    // kind v1.34 taints its control plane node-role.kubernetes.io/control-plane:NoSchedule (the `master` key
    // went away in 1.25), which this older copy does not tolerate: DESIRED is the 3 workers.
    const cp = c.store.get("nodes", "nodes/control-plane") as Node;
    expect(cp.spec?.taints).toEqual([{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }]);
    expect(table(run("kubectl get daemonset fluentd-elasticsearch -n kube-system").out)).toEqual({
      header: ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"],
      rows: [["fluentd-elasticsearch", "3", "3", "3", "3", "3", "<none>", "<age>"]],
    });
    const wide = table(run("kubectl get pods -n kube-system -l name=fluentd-elasticsearch -o wide").out);
    expect(wide.rows.map((r) => [unsuffix(r[0]!), r[2], r[6]]).sort((a, b) => a[2]!.localeCompare(b[2]!))).toEqual([
      ["fluentd-elasticsearch-<suffix>", "Running", "node-1"],
      ["fluentd-elasticsearch-<suffix>", "Running", "node-2"],
      ["fluentd-elasticsearch-<suffix>", "Running", "node-3"],
    ]);
    const created = eventsOf(c, "DaemonSet", "fluentd-elasticsearch", "kube-system").map(unsuffix);
    expect(created).toEqual(Array(3).fill("Normal SuccessfulCreate: Created pod: fluentd-elasticsearch-<suffix>"));

    // Lifting the control-plane taint makes the control plane eligible: DESIRED=CURRENT=#nodes.
    edit(c, cp, (n) => {
      delete n.spec!.taints;
    });
    c.advance(60_000);
    expect(table(run("kubectl get daemonset fluentd-elasticsearch -n kube-system").out).rows[0]!.slice(1, 6)).toEqual(["4", "4", "4", "4", "4"]);
    expect(c.internalErrors).toEqual([]);
  });
});

describe("Job pi (controllers/job.yaml, SCENARIOS #9, oracle 05)", () => {
  it("runs one pod to completion, reports 1/1 Complete and keeps the Completed pod", () => {
    const { c, run, jsonpath } = session();
    expect(run("kubectl apply -f job.yaml").out).toBe("job.batch/pi created\n");
    // completions and parallelism default to 1.
    expect(jsonpath("kubectl get job pi -o jsonpath={.spec.completions}/{.spec.parallelism}/{.spec.backoffLimit}")).toBe("1/1/4");
    expect(c.runUntil(() => finished(jobStatus(c, "pi"), "Complete"), 10 * 60_000)).toBe(true);
    c.advance(10 * 60_000);
    const jobs = table(run("kubectl get jobs").out);
    expect(jobs.header).toEqual(["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"]);
    expect(jobs.rows.map((r) => [r[0], r[1], r[2], r[4]])).toEqual([["pi", "Complete", "1/1", "<age>"]]);
    expect(jobs.rows[0]![3]).toMatch(/^\d+s$|^\d+m\d*s?$/);
    const name = jsonpath("kubectl get pods --selector=job-name=pi -o jsonpath={.items[*].metadata.name}");
    expect(name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    // "completed Job and its Pods are kept (pods show Completed)".
    expect(table(run("kubectl get pods --selector=job-name=pi").out).rows).toEqual([[name, "0/1", "Completed", "0", "<age>"]]);
    expect(jobStatus(c, "pi")).toMatchObject({ succeeded: 1 });
    expect(jobStatus(c, "pi")?.failed ?? 0).toBe(0);
    expect(eventsOf(c, "Job", "pi")).toEqual([`Normal SuccessfulCreate: Created pod: ${name}`, "Normal Completed: Job completed"]);
    expect(c.internalErrors).toEqual([]);
  });
});

describe("Job with a FailJob pod failure policy (job-pod-failure-policy-example.yaml, SCENARIOS #10)", () => {
  it("fails the whole Job on the first exit code 42, well before backoffLimit 6", () => {
    const { c, run } = session();
    const job = "job-pod-failure-policy-example";
    expect(run("kubectl apply -f workloads/job-pod-failure-policy-example.yaml").out).toBe(`job.batch/${job} created\n`);
    expect(c.runUntil(() => finished(jobStatus(c, job), "Failed"), 5 * 60_000)).toBe(true);
    c.advance(60_000);
    const s = jobStatus(c, job)!;
    const message = /^Container main for pod default\/job-pod-failure-policy-example-[bcdfghjklmnpqrstvwxz2456789]{5} failed with exit code 42 matching FailJob rule at index 0$/;
    // job.md: the Job gets FailureTarget, then Failed, both with reason PodFailurePolicy.
    expect(s.conditions?.map((x) => [x.type, x.status, x.reason])).toEqual([
      ["FailureTarget", "True", "PodFailurePolicy"],
      ["Failed", "True", "PodFailurePolicy"],
    ]);
    for (const cond of s.conditions!) expect(cond.message).toMatch(message);
    expect(s.failed).toBeGreaterThanOrEqual(1);
    expect(s.failed).toBeLessThanOrEqual(6);
    expect(s.active ?? 0).toBe(0);
    expect(table(run("kubectl get jobs").out).rows.map((r) => [r[0], r[1], r[2]])).toEqual([[job, "Failed", "0/12"]]);
    // Only the first parallelism-3 wave was ever created; none is left running.
    const ps = c.list<Pod>("pods", "default");
    expect(ps).toHaveLength(3);
    expect(ps.every((p) => p.status?.phase === "Failed")).toBe(true);
    const evs = eventsOf(c, "Job", job);
    expect(evs.filter((e) => e.startsWith("Normal SuccessfulCreate: Created pod: "))).toHaveLength(3);
    expect(evs.filter((e) => e.startsWith("Warning "))).toEqual([`Warning PodFailurePolicy: ${s.conditions![1]!.message}`]);
    expect(c.internalErrors).toEqual([]);
  });
});

describe("Indexed Job with backoffLimitPerIndex (job-backoff-limit-per-index-example.yaml, SCENARIOS #11)", () => {
  it("retries each even index once, then ends Failed with the docs' status", () => {
    const { c, run } = session();
    const job = "job-backoff-limit-per-index-example";
    expect(run("kubectl apply -f workloads/job-backoff-limit-per-index-example.yaml").out).toBe(`job.batch/${job} created\n`);
    expect(c.runUntil(() => finished(jobStatus(c, job), "Failed"), 15 * 60_000)).toBe(true);
    c.advance(60_000);
    // job.md, "Backoff limit per index": the status block of this very example.
    expect(jobStatus(c, job)).toMatchObject({ completedIndexes: "1,3,5,7,9", failedIndexes: "0,2,4,6,8", succeeded: 5, failed: 10 });
    expect(jobStatus(c, job)!.conditions?.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ["FailureTarget", "True", "FailedIndexes", "Job has failed indexes"],
      ["Failed", "True", "FailedIndexes", "Job has failed indexes"],
    ]);
    expect(table(run("kubectl get jobs").out).rows.map((r) => [r[0], r[1], r[2]])).toEqual([[job, "Failed", "5/10"]]);
    // Pods are named <job>-<index>-<suffix>: two Error pods per even index, one Completed pod per odd one.
    const byIndex = new Map<string, string[]>();
    for (const r of table(run(`kubectl get pods -l job-name=${job}`).out).rows) {
      const m = /^job-backoff-limit-per-index-example-(\d)-[bcdfghjklmnpqrstvwxz2456789]{5}$/.exec(r[0]!);
      expect(m).not.toBeNull();
      byIndex.set(m![1]!, [...(byIndex.get(m![1]!) ?? []), r[2]!]);
    }
    expect(Object.fromEntries([...byIndex].sort())).toEqual({
      "0": ["Error", "Error"], "1": ["Completed"], "2": ["Error", "Error"], "3": ["Completed"], "4": ["Error", "Error"],
      "5": ["Completed"], "6": ["Error", "Error"], "7": ["Completed"], "8": ["Error", "Error"], "9": ["Completed"],
    });
    expect(eventsOf(c, "Job", job).filter((e) => e.startsWith("Warning "))).toEqual(["Warning FailedIndexes: Job has failed indexes"]);
    expect(c.internalErrors).toEqual([]);
  });
});

describe("CronJob hello (application/job/cronjob.yaml, SCENARIOS #12, oracle 06)", () => {
  it("refuses the stored batch/v1beta1 copy as a >=1.25 cluster does", () => {
    const { c, run } = session();
    for (const verb of ["create", "apply"]) {
      const r = run(`kubectl ${verb} -f workloads/cronjob.yaml`);
      expect(r.code).toBe(1);
      expect(r.out).toBe("");
      expect(r.err.startsWith(
        'error: resource mapping not found for name: "hello" namespace: "" from "workloads/cronjob.yaml": no matches for kind "CronJob" in version "batch/v1beta1"\nensure CRDs are installed first\n',
      )).toBe(true);
    }
    expect(c.list("cronjobs", "default")).toEqual([]);
  });

  it("with batch/v1 creates one Job hello-<minutes> a minute and keeps the last 3 succeeded", () => {
    const { c, run, jsonpath } = session();
    expect(run("kubectl create -f cronjob-v1.yaml").out).toBe("cronjob.batch/hello created\n");
    c.advance(10_000);
    // oracle 06 (older kubectl) has no TIMEZONE column; kubectl >= 1.27 prints it, <none> when unset.
    expect(table(run("kubectl get cronjob hello").out, ["AGE", "LAST SCHEDULE"])).toEqual({
      header: ["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"],
      rows: [["hello", "*/1 * * * *", "<none>", "False", "0", "<none>", "<age>"]],
    });
    expect(jsonpath("kubectl get cronjob hello -o jsonpath={.spec.successfulJobsHistoryLimit}/{.spec.failedJobsHistoryLimit}/{.spec.concurrencyPolicy}/{.spec.suspend}")).toBe("3/1/Allow/false");
    c.advance(60_000);
    const cj = () => c.store.get("cronjobs", "cronjobs/default/hello") as KubeObject;
    const last = Date.parse((cj().status as { lastScheduleTime: string }).lastScheduleTime);
    expect(last % 60_000).toBe(0);
    const first = `hello-${last / 60_000}`; // getJobName: scheduled time in minutes since the epoch
    expect(table(run("kubectl get jobs").out).rows.map((r) => [r[0], r[1], r[2]])).toEqual([[first, "Complete", "1/1"]]);
    expect(table(run("kubectl get cronjob hello").out, ["AGE", "LAST SCHEDULE"]).rows).toEqual([["hello", "*/1 * * * *", "<none>", "False", "0", "<age>", "<age>"]]);

    c.advance(6 * 60_000);
    const n0 = last / 60_000;
    const kept = [n0 + 4, n0 + 5, n0 + 6].map((n) => `hello-${n}`);
    expect(table(run("kubectl get jobs").out).rows.map((r) => [r[0], r[1], r[2]])).toEqual(kept.map((j) => [j, "Complete", "1/1"]));
    expect(table(run("kubectl get pods").out).rows.map((r) => [r[0]!.replace(SUFFIX, ""), r[2]])).toEqual(kept.map((j) => [j, "Completed"]));
    const evs = eventsOf(c, "CronJob", "hello");
    for (let n = n0; n <= n0 + 6; n++) {
      expect(evs).toContain(`Normal SuccessfulCreate: Created job hello-${n}`);
      expect(evs).toContain(`Normal SawCompletedJob: Saw completed job: hello-${n}, condition: Complete`);
    }
    expect(evs.filter((e) => e.includes("SuccessfulDelete"))).toEqual([0, 1, 2, 3].map((i) => `Normal SuccessfulDelete: Deleted job hello-${n0 + i}`));

    // "Deleting the CronJob deletes its Jobs and Pods" (garbage collection of the owned Jobs).
    // kubectl >= 1.33 names the namespace of a namespaced object it deleted.
    expect(run("kubectl delete cronjob hello").out).toBe('cronjob.batch "hello" deleted from default namespace\n');
    c.advance(30_000);
    expect(c.list("jobs", "default")).toEqual([]);
    expect(c.list("pods", "default")).toEqual([]);
    expect(c.internalErrors).toEqual([]);
  });

  it("keeps only the last failed Job (failedJobsHistoryLimit 1)", () => {
    const { c, run } = session();
    expect(run("kubectl create -f cronjob-failing.yaml").out).toBe("cronjob.batch/hello created\n");
    c.advance(4 * 60_000 + 30_000);
    const n = Date.parse((c.store.get("cronjobs", "cronjobs/default/hello")!.status as { lastScheduleTime: string }).lastScheduleTime) / 60_000;
    expect(table(run("kubectl get jobs").out).rows.map((r) => [r[0], r[1], r[2]])).toEqual([[`hello-${n}`, "Failed", "0/1"]]);
    const evs = eventsOf(c, "CronJob", "hello");
    expect(evs).toContain(`Normal SawCompletedJob: Saw completed job: hello-${n}, condition: Failed`);
    expect(evs.filter((e) => e.includes("SuccessfulDelete"))).toEqual([3, 2, 1].map((i) => `Normal SuccessfulDelete: Deleted job hello-${n - i}`));
    expect(c.internalErrors).toEqual([]);
  });
});
