// Exhausting a node's memory (`sim node stress-memory NODE [SIZE]`): a BestEffort `stress` pod pinned to
// the node allocates SIZE, and the kubelet's eviction manager (pkg/kubelet/eviction) reacts as upstream:
//   - every 10s (evictionMonitoringPeriod) it observes memory.available = capacity − what runs;
//   - below the hard threshold memory.available<100Mi (kubelet default evictionHard) it reports
//     MemoryPressure=True, records EvictionThresholdMet, and evicts ONE pod per pass, ranked by
//     rankMemoryPressure: pods using more than they requested first, then lower priority, then the
//     larger usage above request; critical pods are never evicted; the pod ends Failed, reason Evicted,
//     with helpers.go's message; grace period 1s (immediateEvictionGracePeriodSeconds) for a hard threshold;
//   - with nothing left to reclaim and the memory truly gone (available < 0), the kernel's OOM killer
//     kills the container with the highest oom_score_adj (BestEffort 1000) first: OOMKilled, exit 137;
//   - MemoryPressure clears 5 minutes after the last observed pressure (evictionPressureTransitionPeriod).
// The manager runs on a node from its first stress until the pressure has cleared.
import type { Container, Pod } from "../../api/types";
import { newQuantity, parseBytes, quantityToString } from "../../apimachinery/quantity";
import { ApiError } from "../../apiserver/errors";
import { ApiClient } from "../../client/apiClient";
import type { Kubelet } from "../../kubelet/kubelet";
import type { PodWorker } from "../../kubelet/podWorker";
import { NODE_SYSTEM_USAGE, systemImageUsage } from "../../metrics/systemUsage";
import { stressBytes } from "../../kubelet/behaviour/programs";
import type { ScheduledTask } from "../eventQueue";
import type { Cluster } from "../cluster";
import { ChaosError } from "./nodeChaos";

const Mi = 1024 * 1024;

/** Kubelet defaults (kubelet config v1beta1 defaults.go). */
export const EVICTION = {
  monitoringPeriodMs: 10_000,
  hardMemoryAvailableBytes: 100 * Mi,
  pressureTransitionPeriodMs: 5 * 60_000,
  immediateGraceSeconds: 1,
} as const;

/** pkg/kubelet/eviction/helpers.go message fragments (with their trailing spaces). */
const nodeLowMessage = (r: string) => `The node was low on resource: ${r}. `;
const thresholdMetMessage = (q: string, a: string) => `Threshold quantity: ${q}, available: ${a}. `;
const containerMessage = (c: string, usage: string, request: string, r: string) => `Container ${c} was using ${usage}, request is ${request}, has larger consumption of ${r}. `;

const SYSTEM_CRITICAL_PRIORITY = 2_000_000_000;

interface NodeState {
  task: ScheduledTask | undefined;
  pressure: boolean;
  lastObserved: number;
}

const managers = new WeakMap<Cluster, Map<string, NodeState>>();

function bytesText(n: number): string {
  return quantityToString(newQuantity(Math.max(0, Math.round(n)), "BinarySI"));
}

/** `stress --vm-bytes` takes MiB with an M suffix (powers of 1024). */
function hogPod(node: string, bytes: number): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `memory-hog-${node}`, namespace: "default", labels: { app: "memory-hog" } },
    spec: {
      nodeName: node,
      containers: [{ name: "stress", image: "polinux/stress", command: ["stress"], args: ["--vm", "1", "--vm-bytes", `${Math.max(1, Math.floor(bytes / Mi))}M`, "--vm-hang", "1"] }],
    },
  } as unknown as Pod;
}

/**
 * What a `stress --vm N --vm-bytes B` container holds (the behaviour model's stress program: N×B + 1Mi),
 * used when the pod runtime reports only idle usage for it (its live view does not expose usage yet).
 */
function stressUsage(c: Container): number {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  if (!argv.includes("stress")) return 0;
  const flag = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const vm = Number(flag("vm") ?? 0) || 0;
  return vm > 0 ? vm * stressBytes(flag("vm-bytes") ?? "256M") + Mi : 0;
}

function usageOf(cluster: Cluster, pod: Pod): Map<string, number> {
  const out = new Map<string, number>();
  for (const { name, usage } of cluster.network.runtime.usage(pod)) {
    const spec = pod.spec.containers.find((c) => c.name === name);
    const bytes = (systemImageUsage(spec?.image) ?? usage).memoryBytes;
    out.set(name, Math.max(bytes, spec ? stressUsage(spec) : 0));
  }
  return out;
}

function requestOf(pod: Pod, container: string): number {
  const r = pod.spec.containers.find((c) => c.name === container)?.resources?.requests?.memory;
  try {
    return r ? parseBytes(r) : 0;
  } catch {
    return 0;
  }
}

function isCritical(pod: Pod): boolean {
  return pod.metadata.annotations?.["kubernetes.io/config.mirror"] !== undefined || (pod.spec.priority ?? 0) >= SYSTEM_CRITICAL_PRIORITY;
}

/** memory.available on the node now, and each running pod's usage. */
function observe(cluster: Cluster, k: Kubelet): { available: number; pods: { w: PodWorker; usage: Map<string, number>; total: number }[] } {
  let used = NODE_SYSTEM_USAGE.memoryBytes;
  const pods: { w: PodWorker; usage: Map<string, number>; total: number }[] = [];
  for (const w of k.activePods()) {
    const usage = usageOf(cluster, w.pod);
    let total = 0;
    for (const v of usage.values()) total += v;
    used += total;
    pods.push({ w, usage, total });
  }
  return { available: parseBytes(k.config.memory) - used, pods };
}

export function stressMemory(cluster: Cluster, node: string, size: string | undefined): string {
  const k = cluster.kubelets.get(node);
  if (!k) throw new ChaosError(`node "${node}" not found`);
  if (!k.alive) throw new ChaosError(`node "${node}" is down`);
  let bytes: number;
  if (size === undefined) {
    // Enough to leave 50Mi: below the 100Mi hard eviction threshold.
    bytes = observe(cluster, k).available - 50 * Mi;
  } else {
    try {
      bytes = parseBytes(size);
    } catch {
      throw new ChaosError(`invalid size "${size}": use a quantity such as 7Gi or 500Mi`);
    }
  }
  if (bytes <= 0) throw new ChaosError(`nothing to allocate: node ${node} has ${bytesText(observe(cluster, k).available)} available`);
  try {
    new ApiClient(cluster.api, "kubectl").create(hogPod(node, bytes));
  } catch (e) {
    if (e instanceof ApiError) throw new ChaosError(e.toKubectl());
    throw e;
  }
  cluster.controlPlane.record("stress-memory", `node/${node}`, `a BestEffort pod allocates ${bytesText(bytes)} on ${node}`);
  watch(cluster, node);
  return `pod/memory-hog-${node} created on ${node}: it allocates ${bytesText(bytes)} (the kubelet checks memory.available every 10s; the hard eviction threshold is 100Mi)\n`;
}

export function stopStress(cluster: Cluster, node: string): string {
  try {
    new ApiClient(cluster.api, "kubectl").delete("Pod", "default", `memory-hog-${node}`, { gracePeriodSeconds: 0 });
  } catch (e) {
    if (e instanceof ApiError) throw new ChaosError(e.toKubectl());
    throw e;
  }
  cluster.controlPlane.record("stress-memory", `node/${node}`, `memory stress on ${node} stopped`);
  return `pod "memory-hog-${node}" deleted\n`;
}

/** Starts the eviction manager's loop on `node` (idempotent). */
function watch(cluster: Cluster, node: string): void {
  let nodes = managers.get(cluster);
  if (!nodes) managers.set(cluster, (nodes = new Map()));
  if (nodes.has(node)) return;
  const st: NodeState = { task: undefined, pressure: false, lastObserved: -Infinity };
  nodes.set(node, st);
  const tick = () => {
    st.task = undefined;
    if (!synchronize(cluster, node, st)) {
      nodes.delete(node);
      return;
    }
    st.task = cluster.events.after(EVICTION.monitoringPeriodMs, "kubelet:eviction-manager", tick);
  };
  st.task = cluster.events.after(EVICTION.monitoringPeriodMs, "kubelet:eviction-manager", tick);
}

// mirrors managerImpl.synchronize (one pass). Returns false when the manager may stop watching.
function synchronize(cluster: Cluster, node: string, st: NodeState): boolean {
  const k = cluster.kubelets.get(node);
  if (!k || !k.alive) return false;
  const now = cluster.now();
  const { available, pods } = observe(cluster, k);
  if (available < 0) oomKill(k, pods);
  const met = available < EVICTION.hardMemoryAvailableBytes;
  if (met) st.lastObserved = now;
  const pressure = now - st.lastObserved < EVICTION.pressureTransitionPeriodMs;
  if (pressure !== st.pressure) {
    st.pressure = pressure;
    if (pressure) k.conditionOverrides.set("MemoryPressure", { status: "True", reason: "KubeletHasInsufficientMemory", message: "kubelet has insufficient memory available" });
    else k.conditionOverrides.delete("MemoryPressure");
    k.postNodeStatus();
    k.recordNodeEvent("Normal", pressure ? "NodeHasInsufficientMemory" : "NodeHasSufficientMemory", `Node ${node} status is now: ${pressure ? "NodeHasInsufficientMemory" : "NodeHasSufficientMemory"}`);
  }
  if (met) {
    k.recordNodeEvent("Warning", "EvictionThresholdMet", "Attempting to reclaim memory");
    evictOne(k, pods, available);
  }
  const stressed = k.activePods().some((w) => w.pod.metadata.name === `memory-hog-${node}`);
  return stressed || st.pressure;
}

// mirrors rankMemoryPressure: exceedMemoryRequests, then priority, then usage above request.
function evictOne(k: Kubelet, pods: { w: PodWorker; usage: Map<string, number>; total: number }[], available: number): void {
  const candidates = pods.filter((p) => !isCritical(p.w.pod));
  const over = (p: (typeof candidates)[number]) => {
    let req = 0;
    for (const c of p.w.pod.spec.containers) req += requestOf(p.w.pod, c.name);
    return p.total - req;
  };
  candidates.sort((a, b) => {
    const ea = over(a) > 0;
    const eb = over(b) > 0;
    if (ea !== eb) return ea ? -1 : 1;
    const pa = a.w.pod.spec.priority ?? 0;
    const pb = b.w.pod.spec.priority ?? 0;
    if (pa !== pb) return pa - pb;
    return over(b) - over(a) || (a.w.key < b.w.key ? -1 : 1);
  });
  const victim = candidates[0];
  if (!victim) return;
  let message = nodeLowMessage("memory") + thresholdMetMessage("100Mi", bytesText(available));
  for (const c of victim.w.pod.spec.containers) {
    const used = victim.usage.get(c.name) ?? 0;
    const req = requestOf(victim.w.pod, c.name);
    if (used > req) message += containerMessage(c.name, bytesText(used), req === 0 ? "0" : bytesText(req), "memory");
  }
  k.recordPodEvent(victim.w.pod, "Warning", "Evicted", message);
  k.killPod(victim.w, EVICTION.immediateGraceSeconds, { reason: "Evicted", message });
}

/**
 * The kernel OOM killer: the highest oom_score_adj first (pkg/kubelet/qos/policy.go GetContainerOOMScoreAdjust:
 * BestEffort 1000, Guaranteed -997, node-critical -997, Burstable 1000 − 1000·request/capacity within
 * [2, 999]), the larger usage breaking ties.
 */
function oomKill(k: Kubelet, pods: { w: PodWorker; usage: Map<string, number>; total: number }[]): void {
  const capacity = parseBytes(k.config.memory);
  const score = (p: (typeof pods)[number]) => {
    const pod = p.w.pod;
    if (isCritical(pod)) return -997;
    const qos = pod.status?.qosClass;
    if (qos === "Guaranteed") return -997;
    let req = 0;
    for (const c of pod.spec.containers) req += requestOf(pod, c.name);
    if (qos === "BestEffort" || (qos === undefined && req === 0)) return 1000;
    return Math.min(999, Math.max(2, 1000 - Math.floor((1000 * req) / capacity)));
  };
  const victim = [...pods].sort((a, b) => score(b) - score(a) || b.total - a.total || (a.w.key < b.w.key ? -1 : 1))[0];
  if (!victim) return;
  let biggest: string | undefined;
  let max = -1;
  for (const [name, used] of victim.usage) if (used > max) [biggest, max] = [name, used];
  if (biggest) victim.w.crash(biggest, { exitCode: 137, reason: "OOMKilled", signal: 9 });
}
