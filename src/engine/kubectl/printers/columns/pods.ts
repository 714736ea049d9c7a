// `kubectl get pods`: NAME READY STATUS RESTARTS AGE; wide: IP NODE NOMINATED NODE READINESS GATES.
// mirrors printPod (k/k pkg/printers/internalversion/printers.go) as of v1.34. The "errorReason" rule
// (a Completed pod with a failed container shows the failure) arrived with PR #124766 in v1.35, so it
// is deliberately absent here.
import type { Container, ContainerStatus, KubeObject, Pod, PodCondition } from "../../../api/types";
import { humanDuration, parseTimestamp } from "../duration";
import { age, arr, col, NAME, type Cell, type KindPrinter } from "./types";

/** pkg/util/node NodeUnreachablePodReason: set by the (legacy) node controller on pods of lost nodes. */
const NODE_UNREACHABLE_POD_REASON = "NodeLost";

// mirrors podutil.IsRestartableInitContainer: a sidecar (KEP-753).
function isRestartableInitContainer(c: Container | undefined): boolean {
  return c?.restartPolicy === "Always";
}

function conditionTrue(conditions: readonly PodCondition[] | undefined, type: string): boolean {
  for (const c of conditions ?? []) if (c.type === type && c.status === "True") return true;
  return false;
}

interface PodSummary {
  ready: string;
  reason: string;
  restarts: string;
}

// mirrors the body of printPod that computes READY, STATUS and RESTARTS.
export function podStatusSummary(pod: Pod, now: number): PodSummary {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitContainerRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  // Zero time is "never"; Go's Time.Before makes any real time later than it.
  let lastRestartDate = -Infinity;
  let lastRestartableInitContainerRestartDate = -Infinity;

  const podPhase = status.phase ?? "";
  let reason: string = podPhase;
  if (status.reason) reason = status.reason;

  // If the Pod carries {type:PodScheduled, reason:SchedulingGated}, set reason to 'SchedulingGated'.
  for (const c of status.conditions ?? []) {
    if (c.type === "PodScheduled" && c.reason === "SchedulingGated") reason = "SchedulingGated";
  }

  const initContainers = new Map<string, Container>();
  for (const c of spec.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartableInitContainer(c)) totalContainers++;
  }

  const terminatedAt = (cs: ContainerStatus): number | undefined =>
    cs.lastState?.terminated ? (parseTimestamp(cs.lastState.terminated.finishedAt) ?? -Infinity) : undefined;

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i] as ContainerStatus;
    const state = container.state ?? {};
    restarts += container.restartCount ?? 0;
    const finished = terminatedAt(container);
    if (finished !== undefined && lastRestartDate < finished) lastRestartDate = finished;
    const sidecar = isRestartableInitContainer(initContainers.get(container.name));
    if (sidecar) {
      restartableInitContainerRestarts += container.restartCount ?? 0;
      if (finished !== undefined && lastRestartableInitContainerRestartDate < finished) {
        lastRestartableInitContainerRestartDate = finished;
      }
    }
    if (state.terminated && state.terminated.exitCode === 0) continue;
    if (sidecar && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (state.terminated) {
      // initialization is failed
      const t = state.terminated;
      if (!t.reason) reason = t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode ?? 0}`;
      else reason = "Init:" + t.reason;
    } else if (state.waiting?.reason && state.waiting.reason !== "PodInitializing") {
      reason = "Init:" + state.waiting.reason;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(status.conditions, "Initialized")) {
    restarts = restartableInitContainerRestarts;
    lastRestartDate = lastRestartableInitContainerRestartDate;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i] as ContainerStatus;
      const state = container.state ?? {};
      restarts += container.restartCount ?? 0;
      const finished = terminatedAt(container);
      if (finished !== undefined && lastRestartDate < finished) lastRestartDate = finished;
      if (state.waiting && state.waiting.reason) {
        reason = state.waiting.reason;
      } else if (state.terminated && state.terminated.reason) {
        reason = state.terminated.reason;
      } else if (state.terminated) {
        reason = state.terminated.signal ? `Signal:${state.terminated.signal}` : `ExitCode:${state.terminated.exitCode ?? 0}`;
      } else if (container.ready && state.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // change pod status back to "Running" if there is at least one container still reporting as "Running" status
    if (reason === "Completed" && hasRunning) {
      reason = conditionTrue(status.conditions, "Ready") ? "Running" : "NotReady";
    }
  }

  const deleting = !!pod.metadata?.deletionTimestamp;
  if (deleting && status.reason === NODE_UNREACHABLE_POD_REASON) {
    reason = "Unknown";
  } else if (deleting && podPhase !== "Succeeded" && podPhase !== "Failed") {
    reason = "Terminating";
  }

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestartDate !== -Infinity) {
    restartsStr = `${restarts} (${humanDuration(now - lastRestartDate)} ago)`;
  }
  return { ready: `${readyContainers}/${totalContainers}`, reason, restarts: restartsStr };
}

export const podPrinter: KindPrinter = {
  columns: [
    NAME,
    col("Ready"),
    col("Status"),
    col("Restarts"),
    col("Age"),
    col("IP", 1),
    col("Node", 1),
    col("Nominated Node", 1),
    col("Readiness Gates", 1),
  ],
  row(obj: KubeObject, now: number): Cell[] {
    const pod = obj as Pod;
    const s = podStatusSummary(pod, now);
    const podIP = pod.status?.podIPs?.[0]?.ip || "<none>";
    const nodeName = pod.spec?.nodeName || "<none>";
    const nominated = pod.status?.nominatedNodeName || "<none>";
    let readinessGates = "<none>";
    const gates = arr<{ conditionType?: string }>(pod.spec?.readinessGates);
    if (gates.length > 0) {
      let trueConditions = 0;
      for (const g of gates) {
        const c = (pod.status?.conditions ?? []).find((x) => x.type === g.conditionType);
        if (c?.status === "True") trueConditions++;
      }
      readinessGates = `${trueConditions}/${gates.length}`;
    }
    return [pod.metadata.name, s.ready, s.reason, s.restarts, age(obj, now), podIP, nodeName, nominated, readinessGates];
  },
};
