// Pod status as the kubelet computes it: a port of getPhase and the condition generators of
// pkg/kubelet/kubelet_pods.go (generateAPIPodStatus) and pkg/kubelet/status/generate.go
// (GeneratePodReadyCondition, GenerateContainersReadyCondition, GeneratePodInitializedCondition,
// GeneratePodReadyToStartContainersCondition).
import type { Container, ContainerStatus, Pod, PodCondition, PodPhase, PodStatus } from "../api/types";

function statusOf(list: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  for (const s of list) if (s.name === name) return s;
  return undefined;
}

/** IsRestartableInitContainer: an init container with restartPolicy Always is a sidecar. */
export function isSidecar(c: Container): boolean {
  return c.restartPolicy === "Always";
}

/** getPhase (kubelet_pods.go). `podIsTerminal`: the kubelet has finished the pod (deleted or done). */
export function getPhase(pod: Pod, init: readonly ContainerStatus[], regular: readonly ContainerStatus[], podIsTerminal: boolean): PodPhase {
  const spec = pod.spec;
  let pendingInit = 0;
  let pendingSidecars = 0;
  let failedInit = 0;
  for (const c of spec.initContainers ?? []) {
    const s = statusOf(init, c.name);
    if (isSidecar(c)) {
      // Terminated sidecars do not count; a running one counts until its startup is done.
      if (!s) pendingSidecars++;
      else if (s.state.running) pendingSidecars += s.started ? 0 : 1;
      else if (s.state.waiting) pendingSidecars += s.lastState.terminated ? 0 : 1;
      else if (!s.state.terminated) pendingSidecars++;
      continue;
    }
    if (!s) pendingInit++;
    else if (s.state.running) pendingInit++;
    else if (s.state.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s.state.waiting) {
      if (s.lastState.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInit++;
      } else pendingInit++;
    } else pendingInit++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of spec.containers) {
    const s = statusOf(regular, c.name);
    if (!s) unknown++;
    else if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state.waiting) {
      if (s.lastState.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  const restartPolicy = spec.restartPolicy ?? "Always";
  if (failedInit > 0 && restartPolicy === "Never") return "Failed";
  // A pod whose Initialized condition was already True is not sent back to Pending by a sidecar restart.
  const hasInitialized = pod.status?.conditions?.some((c) => c.type === "Initialized" && c.status === "True") ?? false;
  if (pendingInit > 0 || (pendingSidecars > 0 && !hasInitialized) || waiting > 0) return "Pending";
  if (running > 0 && unknown === 0) return "Running";
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? "Succeeded" : "Failed";
    if (restartPolicy === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    if (restartPolicy === "Never") return "Failed";
    return "Running";
  }
  return "Pending";
}

function names(list: string[]): string {
  return `[${list.join(" ")}]`;
}

/**
 * Conditions the kubelet made, frozen and shared: every pod that became Ready in the same second has the
 * same four conditions, and 150,000 pods need not store 600,000 copies. Only equal content is shared
 * (same fields, same order), so what is stored and printed is what a fresh object would be.
 */
const ownConditions = new WeakSet<PodCondition>();
const conditionsByKey = new Map<string, PodCondition>();
const MAX_SHARED_CONDITIONS = 10_000;

function condition(type: string, ok: boolean, reason: string | undefined, message: string | undefined, prev: PodCondition | undefined, now: string): PodCondition {
  const status = ok ? "True" : "False";
  const r = !ok && reason ? reason : undefined;
  const m = !ok && message ? message : undefined;
  // Unchanged since the last status: the same object (the common case: nothing to build or look up).
  if (prev && prev.status === status && prev.reason === r && prev.message === m && prev.type === type && ownConditions.has(prev)) return prev;
  const lastTransitionTime = prev && prev.status === status ? prev.lastTransitionTime : now;
  const key = `${type.length}:${type}${status}${lastTransitionTime === undefined ? "-" : `${lastTransitionTime.length}:${lastTransitionTime}`}${r === undefined ? "-" : `${r.length}:${r}`}${m === undefined ? "-" : `${m.length}:${m}`}`;
  let c = conditionsByKey.get(key);
  if (c) return c;
  c = { type, status, lastProbeTime: null, lastTransitionTime };
  if (r !== undefined) c.reason = r;
  if (m !== undefined) c.message = m;
  Object.freeze(c);
  if (conditionsByKey.size >= MAX_SHARED_CONDITIONS) conditionsByKey.clear();
  conditionsByKey.set(key, c);
  ownConditions.add(c);
  return c;
}

/** status.hostIPs of a node's pods: one frozen list per host IP. */
const hostIPLists = new Map<string, PodStatus["hostIPs"]>();

function hostIPs(ip: string): PodStatus["hostIPs"] {
  let l = hostIPLists.get(ip);
  if (!l) {
    if (hostIPLists.size >= MAX_SHARED_CONDITIONS) hostIPLists.clear();
    hostIPLists.set(ip, (l = Object.freeze([Object.freeze({ ip })]) as PodStatus["hostIPs"]));
  }
  return l;
}

export interface StatusInput {
  pod: Pod;
  init: ContainerStatus[];
  regular: ContainerStatus[];
  sandboxReady: boolean;
  podIsTerminal: boolean;
  hostIP: string;
  podIP?: string;
  startTime?: string;
  now: string;
}

function findCondition(list: readonly PodCondition[], type: string): PodCondition | undefined {
  for (const c of list) if (c.type === type) return c;
  return undefined;
}

/** generateAPIPodStatus: phase, conditions in the kubelet's order, container statuses, IPs. */
export function generatePodStatus(input: StatusInput): PodStatus {
  const { pod, init, regular, now } = input;
  const prev = pod.status?.conditions ?? [];
  const phase = getPhase(pod, init, regular, input.podIsTerminal);
  const initContainers = pod.spec.initContainers ?? [];

  // Plain loops, no intermediate arrays: the status manager runs this for every pod status change.
  const initNotDone: string[] = [];
  const unready: string[] = [];
  for (const c of initContainers) {
    if (isSidecar(c)) {
      if (!statusOf(init, c.name)?.ready) unready.push(c.name);
    } else if (statusOf(init, c.name)?.state.terminated?.exitCode !== 0) initNotDone.push(c.name);
  }
  for (const c of pod.spec.containers) if (!statusOf(regular, c.name)?.ready) unready.push(c.name);
  const initialized = initNotDone.length === 0 || phase === "Succeeded";
  const completed = phase === "Succeeded" || phase === "Failed";
  const containersReady = unready.length === 0 && !completed;
  let readyReason: string | undefined;
  let readyMessage: string | undefined;
  if (!containersReady) {
    if (phase === "Succeeded") readyReason = "PodCompleted";
    else if (phase === "Failed") readyReason = "PodFailed";
    else if (!initialized) {
      readyReason = "ContainersNotInitialized";
      readyMessage = `containers with incomplete status: ${names(initNotDone)}`;
    } else {
      readyReason = "ContainersNotReady";
      readyMessage = `containers with unready status: ${names(unready)}`;
    }
  }
  const conditions: PodCondition[] = [
    condition("PodReadyToStartContainers", input.sandboxReady, undefined, undefined, findCondition(prev, "PodReadyToStartContainers"), now),
    condition("Initialized", initialized, "ContainersNotInitialized", initialized ? undefined : `containers with incomplete status: ${names(initNotDone)}`, findCondition(prev, "Initialized"), now),
    condition("Ready", containersReady, readyReason, readyMessage, findCondition(prev, "Ready"), now),
    condition("ContainersReady", containersReady, readyReason, readyMessage, findCondition(prev, "ContainersReady"), now),
  ];
  const scheduled = findCondition(prev, "PodScheduled");
  if (scheduled) conditions.push(scheduled);
  for (const c of prev) if (c.type === "DisruptionTarget") conditions.push(c);

  // Keys in the order upstream's JSON shows them (the printers and the page keep insertion order).
  const status: PodStatus = { phase, conditions, hostIP: input.hostIP, hostIPs: hostIPs(input.hostIP) };
  if (input.podIP) {
    status.podIP = input.podIP;
    status.podIPs = [{ ip: input.podIP }];
  }
  if (input.startTime) status.startTime = input.startTime;
  if (init.length) status.initContainerStatuses = init;
  status.containerStatuses = regular;
  if (pod.status?.qosClass) status.qosClass = pod.status.qosClass;
  return status;
}
