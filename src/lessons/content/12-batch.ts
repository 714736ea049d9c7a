// Lesson 12: work that finishes. A Job runs Pods until enough succeed (the docs' pi Job); a failing Job
// retries with backoff until backoffLimit; a CronJob creates a Job on a schedule.
import type { KubeObject } from "../../engine/api/types";
import { choicesWith, controllerOf } from "../checks";
import { file } from "../manifests";
import type { CheckContext, Lesson } from "../types";

const PI = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
  backoffLimit: 4
`;

const FAIL = `apiVersion: batch/v1
kind: Job
metadata:
  name: fail
spec:
  backoffLimit: 2
  template:
    spec:
      containers:
      - name: fail
        image: busybox:1.36
        command: ["sh", "-c", "echo something went wrong; exit 1"]
      restartPolicy: Never
`;

const HELLO = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command:
            - /bin/sh
            - -c
            - date; echo Hello from the Kubernetes cluster
          restartPolicy: OnFailure
`;

interface Job extends KubeObject {
  status?: { succeeded?: number; failed?: number; active?: number; conditions?: { type: string; status: string; reason?: string }[] };
}

function job(ctx: CheckContext, name: string): Job | undefined {
  return ctx.get<Job>("jobs", "default", name);
}

function condition(j: Job | undefined, type: string): { status: string; reason?: string } | undefined {
  return j?.status?.conditions?.find((c) => c.type === type && c.status === "True");
}

function jobProgress(name: string) {
  return (ctx: CheckContext): string | undefined => {
    const s = job(ctx, name)?.status;
    return s ? `${s.active ?? 0} active, ${s.succeeded ?? 0} succeeded, ${s.failed ?? 0} failed` : undefined;
  };
}

export const batch: Lesson = {
  id: "batch",
  number: 12,
  title: "Batch: Jobs and CronJobs",
  goal: "Run work that finishes, see how failures are retried, and run it on a schedule.",
  minutes: 10,
  prerequisites: ["first-pod"],
  start: { seed: 12, nodes: 3, setup: [], files: [file("pi.yaml", PI), file("fail.yaml", FAIL), file("hello.yaml", HELLO)], speed: 2 },
  steps: [
    {
      title: "A Job",
      text: `A Deployment keeps Pods running forever. A **Job** runs Pods until a number of them **succeed** (\`completions\`, 1 by default), then stops.

\`pi.yaml\` is the docs' example: it computes π to 2000 places and exits. Its Pod ends as \`Completed\` and is not restarted; the Job records \`COMPLETIONS 1/1\`.`,
      todo: "Apply `pi.yaml` and wait for `kubectl get jobs` to show the Job Complete.",
      check: { waitingFor: "the Job pi to complete", test: (ctx) => condition(job(ctx, "pi"), "Complete") !== undefined, progress: jobProgress("pi") },
      hints: ["Pulling the perl image takes a while; speed up the clock.", "`kubectl get pods` shows the Job's Pod as Completed."],
      showMe: { files: [file("pi.yaml", PI)], lines: ["kubectl apply -f pi.yaml"] },
    },
    {
      title: "Failures and backoff",
      text: `\`fail.yaml\` runs a command that exits with code 1. With \`restartPolicy: Never\` each failure leaves a failed Pod and the Job controller creates a new one, waiting longer each time (10 s, 20 s, 40 s, …).

When more Pods have failed than \`backoffLimit\` (2 here, 6 by default), the Job gives up: condition \`Failed\`, reason \`BackoffLimitExceeded\`.`,
      todo: "Apply `fail.yaml` and watch `kubectl get pods` until the Job gives up.",
      check: {
        waitingFor: "the Job fail to give up",
        test: (ctx) => condition(job(ctx, "fail"), "Failed")?.reason === "BackoffLimitExceeded",
        progress: jobProgress("fail"),
      },
      hints: ["`kubectl describe job fail` shows its events and, at the end, BackoffLimitExceeded."],
      showMe: { files: [file("fail.yaml", FAIL)], lines: ["kubectl apply -f fail.yaml"] },
      settleMs: 4 * 60_000,
    },
    {
      title: "On a schedule",
      text: `A **CronJob** creates a Job from its \`jobTemplate\` on a cron schedule: \`"* * * * *"\` is every minute. The Jobs are named after the CronJob and the scheduled time; the CronJob keeps the last 3 successful ones (\`successfulJobsHistoryLimit\`) and deletes older ones.`,
      todo: "Apply `hello.yaml` and wait for its first Job to complete (`kubectl get cronjobs,jobs`).",
      check: {
        waitingFor: "a Job of the CronJob hello to complete",
        test: (ctx) => ctx.list<Job>("jobs", "default").some((j) => controllerOf(j)?.kind === "CronJob" && controllerOf(j)?.name === "hello" && condition(j, "Complete") !== undefined),
      },
      hints: ["The first Job starts at the next whole minute of the simulated clock."],
      showMe: { files: [file("hello.yaml", HELLO)], lines: ["kubectl apply -f hello.yaml"] },
    },
  ],
  quiz: {
    ask(ctx) {
      const failed = job(ctx, "fail")?.status?.failed ?? 3;
      return {
        question: "How many Pods did the Job fail create before it gave up (backoffLimit: 2)?",
        ...choicesWith(String(failed), ["1", "2", "3", "7"]),
        explanation: `${failed}: the Job fails when the number of failed Pods exceeds backoffLimit, so with 2 it stops after the third failure.`,
      };
    },
  },
};
