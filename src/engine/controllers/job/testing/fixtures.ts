// Job test fixtures: the corpus manifests (copied here so tests need nothing outside src/) and a kernel
// whose API server applies upstream defaulting (completions/parallelism/backoffLimit/completionMode,
// pod defaults) — the Job strategy's selector and controller-uid labels come from the store on create.
import type { KubeEvent, KubeObject, Pod } from "../../../api/types";
import { NO_HOOKS } from "../../../apiserver/apiServer";
import { applyDefaults } from "../../../apiserver/defaults";
import { newKernel, type Kernel } from "../../../testing/kernel";
import type { Job } from "../jobTypes";

/** A kernel with defaulting only (no admission/validation), like a cluster without webhooks. */
export function defaultingKernel(seed = 1): Kernel {
  return newKernel({ seed, hooks: { ...NO_HOOKS, defaults: (o) => applyDefaults(o) } });
}

/** corpus: website/controllers/job.yaml (oracle 05). */
export function piJob(): KubeObject {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "pi" },
    spec: {
      template: {
        spec: {
          containers: [{ name: "pi", image: "perl", command: ["perl", "-Mbignum=bpi", "-wle", '"print bpi(2000)"'] }],
          restartPolicy: "Never",
        },
      },
      backoffLimit: 4,
    },
  } as unknown as KubeObject;
}

/** corpus: website/controllers/job-pod-failure-policy-example.yaml */
export function podFailurePolicyJob(): KubeObject {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "job-pod-failure-policy-example" },
    spec: {
      completions: 12,
      parallelism: 3,
      template: {
        spec: {
          restartPolicy: "Never",
          containers: [{ name: "main", image: "docker.io/library/bash:5", command: ["bash"], args: ["-c", 'echo "Hello world!" && sleep 5 && exit 42'] }],
        },
      },
      backoffLimit: 6,
      podFailurePolicy: {
        rules: [
          { action: "FailJob", onExitCodes: { containerName: "main", operator: "In", values: [42] } },
          { action: "Ignore", onPodConditions: [{ type: "DisruptionTarget" }] },
        ],
      },
    },
  } as unknown as KubeObject;
}

/** corpus: website/controllers/job-backoff-limit-per-index-example.yaml */
export function backoffLimitPerIndexJob(): KubeObject {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "job-backoff-limit-per-index-example" },
    spec: {
      completions: 10,
      parallelism: 3,
      completionMode: "Indexed",
      backoffLimitPerIndex: 1,
      maxFailedIndexes: 5,
      template: {
        spec: {
          restartPolicy: "Never",
          containers: [{
            name: "example",
            image: "python",
            command: ["python3", "-c", 'import os, sys\nprint("Hello world")\nif int(os.environ.get("JOB_COMPLETION_INDEX")) % 2 == 0:\n  sys.exit(1)\n'],
          }],
        },
      },
    },
  } as unknown as KubeObject;
}

/** A minimal Job for behaviour tests (busybox, restartPolicy Never). */
export function simpleJob(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name },
    spec: {
      template: { spec: { containers: [{ name: "main", image: "busybox" }], restartPolicy: "Never" } },
      ...spec,
    },
  } as unknown as KubeObject;
}

export const getJob = (k: Kernel, name: string, ns = "default"): Job => k.store.get("jobs", `jobs/${ns}/${name}`) as Job;

export const podsOf = (k: Kernel, ns = "default"): Pod[] => k.store.list("pods", ns) as Pod[];

/** Pods created for a Job over the whole run, from the audit log (deleted ones included), in order. */
export function createdPodNames(k: Kernel, actor = "job-controller"): string[] {
  return k.audit.since(0).filter((e) => e.actor === actor && e.verb === "create" && e.resource === "pods" && e.code === 201).map((e) => e.name!);
}

export function events(k: Kernel, kind?: string): string[] {
  return (k.store.list("events") as KubeEvent[])
    .filter((e) => !kind || e.involvedObject.kind === kind)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
    .map((e) => `${e.type} ${e.reason} ${e.message}`);
}
