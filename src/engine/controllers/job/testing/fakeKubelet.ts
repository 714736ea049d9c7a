// FakeKubelet: a test stand-in for the kubelet side of Job scenarios. It binds every new pod to one
// node after `startMs`, reports it Running and Ready, and after the pod's program time reports the
// containers terminated with the program's exit code (phase Succeeded for 0, else Failed). A pod that
// gets a deletionTimestamp is killed after `terminateMs` (exit 143, phase Failed) and then deleted with
// grace 0, as the kubelet's status manager does. All writes go through the API server as "kubelet/node-1".
import type { ContainerStatus, KubeObject, Pod, PodCondition } from "../../../api/types";
import { resourceTypeForKind } from "../../../api/registry";
import { rfc3339 } from "../../../sim/clock";
import type { Kernel } from "../../../testing/kernel";

export interface PodRun {
  /** Time from Running to exit; undefined = runs until killed. */
  runMs?: number;
  exitCode?: number;
}

export type PodProgram = (pod: Pod) => PodRun;

const POD_TYPE = resourceTypeForKind("v1", "Pod")!;
const ACTOR = "kubelet/node-1";

export class FakeKubelet {
  readonly nodeName = "node-1";
  private readonly seen = new Set<string>();
  private readonly killing = new Set<string>();
  private readonly removing = new Set<string>();

  constructor(
    private readonly k: Kernel,
    private readonly program: PodProgram,
    private readonly opts: { startMs?: number; terminateMs?: number } = {},
  ) {}

  start(): void {
    const inf = this.k.informers.for<Pod>("pods");
    inf.addEventHandler({ add: (p) => this.observe(p), update: (_o, p) => this.observe(p) });
  }

  private observe(pod: Pod): void {
    const uid = pod.metadata.uid;
    if (pod.metadata.deletionTimestamp) {
      const phase = pod.status?.phase;
      if (phase === "Succeeded" || phase === "Failed" || !pod.spec.nodeName) {
        if (pod.metadata.deletionGracePeriodSeconds !== 0 && !this.removing.has(uid)) {
          this.removing.add(uid);
          this.k.events.after(0, "fake-kubelet:remove", () => this.remove(pod));
        }
        return;
      }
      if (!this.killing.has(uid)) {
        this.killing.add(uid);
        this.k.events.after(this.opts.terminateMs ?? 1000, "fake-kubelet:kill", () => this.kill(pod));
      }
      return;
    }
    if (this.seen.has(uid)) return;
    this.seen.add(uid);
    this.k.events.after(this.opts.startMs ?? 1000, "fake-kubelet:start", () => this.run(pod));
  }

  private current(pod: Pod): Pod | undefined {
    const cur = this.k.store.get("pods", `pods/${pod.metadata.namespace}/${pod.metadata.name}`) as Pod | undefined;
    return cur && cur.metadata.uid === pod.metadata.uid ? cur : undefined;
  }

  private patchStatus(pod: Pod, mutate: (p: Pod) => void): void {
    this.k.api.patch(ACTOR, POD_TYPE, pod.metadata.namespace, pod.metadata.name, mutate as (o: KubeObject) => void, "status");
  }

  private now(): string {
    return rfc3339(this.k.clock.absolute());
  }

  private run(pod: Pod): void {
    const cur = this.current(pod);
    if (!cur || cur.metadata.deletionTimestamp) return;
    this.k.api.bind(ACTOR, pod.metadata.namespace!, pod.metadata.name, this.nodeName);
    const now = this.now();
    this.patchStatus(pod, (p) => {
      p.status = {
        ...p.status,
        phase: "Running",
        startTime: now,
        conditions: [...(p.status?.conditions ?? []).filter((c) => c.type === "PodScheduled"), cond("Initialized", "True", now), cond("Ready", "True", now), cond("ContainersReady", "True", now)],
        containerStatuses: p.spec.containers.map((c) => containerStatus(c.name, c.image ?? "", { running: { startedAt: now } }, true)),
      };
    });
    const run = this.program(cur);
    if (run.runMs !== undefined) this.k.events.after(run.runMs, "fake-kubelet:exit", () => this.exit(pod, run.exitCode ?? 0));
  }

  private exit(pod: Pod, exitCode: number): void {
    const cur = this.current(pod);
    if (!cur || cur.metadata.deletionTimestamp || cur.status?.phase !== "Running") return;
    this.terminate(cur, exitCode);
  }

  private kill(pod: Pod): void {
    const cur = this.current(pod);
    if (!cur) return;
    if (cur.status?.phase !== "Succeeded" && cur.status?.phase !== "Failed") this.terminate(cur, 143);
    this.remove(cur);
  }

  private remove(pod: Pod): void {
    if (!this.current(pod)) return;
    this.k.api.delete(ACTOR, POD_TYPE, pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0 });
  }

  private terminate(pod: Pod, exitCode: number): void {
    const now = this.now();
    const started = pod.status?.startTime ?? now;
    this.patchStatus(pod, (p) => {
      const others = (p.status?.conditions ?? []).filter((c) => c.type !== "Ready" && c.type !== "ContainersReady");
      p.status = {
        ...p.status,
        phase: exitCode === 0 ? "Succeeded" : "Failed",
        conditions: [...others, cond("Ready", "False", now, "PodCompleted"), cond("ContainersReady", "False", now, "PodCompleted")],
        containerStatuses: p.spec.containers.map((c) =>
          containerStatus(c.name, c.image ?? "", { terminated: { exitCode, reason: exitCode === 0 ? "Completed" : "Error", startedAt: started, finishedAt: now } }, false),
        ),
      };
    });
  }
}

function cond(type: string, status: "True" | "False", now: string, reason?: string): PodCondition {
  return { type, status, lastProbeTime: null, lastTransitionTime: now, ...(reason ? { reason } : {}) };
}

function containerStatus(name: string, image: string, state: ContainerStatus["state"], ready: boolean): ContainerStatus {
  return { name, state, lastState: {}, ready, restartCount: 0, image, imageID: "", started: ready };
}
