// The Node object a kubelet registers and the conditions it reports, as a kind node of v1.34 shows them
// (pkg/kubelet/kubelet_node_status.go: initialNode, and pkg/kubelet/nodestatus/setters.go for condition
// reasons and messages).
import type { Node, NodeCondition, Taint } from "../api/types";
import type { NodeConfig } from "../sim/clusterConfig";
import { KUBERNETES_VERSION } from "../sim/clusterConfig";
import { parseBytes } from "../apimachinery/quantity";

export const CONTROL_PLANE_TAINT: Taint = { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" };
/** Registered by the kubelet until the node is Ready (TaintNodesByCondition); the node controller removes it. */
export const NOT_READY_NOSCHEDULE: Taint = { key: "node.kubernetes.io/not-ready", effect: "NoSchedule" };

/** Network addresses: nodes get 172.18.0.x like kind's docker network; pod CIDRs 10.244.<i>.0/24. */
export function nodeAddress(index: number): string {
  return `172.18.0.${index + 2}`;
}

export function podCIDR(index: number): string {
  return `10.244.${index}.0/24`;
}

/** memory capacity as the kubelet reports it (cadvisor bytes, printed in Ki). */
function memoryKi(memory: string): string {
  return `${Math.floor(parseBytes(memory) / 1024)}Ki`;
}

export function initialNode(cfg: NodeConfig, index: number): Node {
  const labels: Record<string, string> = {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": cfg.name,
    "kubernetes.io/os": "linux",
    ...(cfg.role === "control-plane"
      ? { "node-role.kubernetes.io/control-plane": "", "node.kubernetes.io/exclude-from-external-load-balancers": "" }
      : {}),
    ...(cfg.labels ?? {}),
  };
  const resources = {
    cpu: cfg.cpu,
    "ephemeral-storage": "102626232Ki",
    "hugepages-1Gi": "0",
    "hugepages-2Mi": "0",
    memory: memoryKi(cfg.memory),
    pods: String(cfg.pods),
  };
  const taints: Taint[] = cfg.role === "control-plane" ? [CONTROL_PLANE_TAINT, NOT_READY_NOSCHEDULE] : [NOT_READY_NOSCHEDULE];
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: cfg.name,
      labels,
      annotations: {
        "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///run/containerd/containerd.sock",
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    } as unknown as Node["metadata"],
    spec: { podCIDR: podCIDR(index), podCIDRs: [podCIDR(index)], providerID: `kind://docker/kubelab/${cfg.name}`, taints },
    status: {
      capacity: resources,
      allocatable: { ...resources },
      conditions: [],
      addresses: [
        { type: "InternalIP", address: nodeAddress(index) },
        { type: "Hostname", address: cfg.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: "amd64",
        bootID: "",
        containerRuntimeVersion: "containerd://2.1.3",
        kernelVersion: "6.8.0-1021-azure",
        kubeProxyVersion: "",
        kubeletVersion: KUBERNETES_VERSION,
        machineID: "",
        operatingSystem: "linux",
        osImage: "Debian GNU/Linux 12 (bookworm)",
        systemUUID: "",
      },
      images: [],
    },
  };
}

/** A condition the kubelet's setters report: [type, status, reason, message]. */
type ConditionRow = readonly [type: string, status: NodeCondition["status"], reason: string, message: string];

const PRESSURE_ROWS: readonly ConditionRow[] = [
  ["MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"],
  ["DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"],
  ["PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"],
];
const READY_ROW: ConditionRow = ["Ready", "True", "KubeletReady", "kubelet is posting ready status"];
const NOT_READY_ROW: ConditionRow = [
  "Ready",
  "False",
  "KubeletNotReady",
  "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized",
];
const ROWS_READY: readonly ConditionRow[] = [...PRESSURE_ROWS, READY_ROW];
const ROWS_NOT_READY: readonly ConditionRow[] = [...PRESSURE_ROWS, NOT_READY_ROW];

/** What a status setter reports instead of its default (graceful shutdown's Ready=False, memory pressure). */
export interface ConditionOverride {
  status: "True" | "False";
  reason: string;
  message: string;
}

function findCondition(list: readonly NodeCondition[], type: string): NodeCondition | undefined {
  for (const c of list) if (c.type === type) return c;
  return undefined;
}

/** The four conditions the kubelet's setters report (MemoryPressure, DiskPressure, PIDPressure, Ready). */
export function nodeConditions(ready: boolean, prev: readonly NodeCondition[], now: string): NodeCondition[] {
  return (ready ? ROWS_READY : ROWS_NOT_READY).map(([type, status, reason, message]) => {
    const p = findCondition(prev, type);
    const transition = p && p.status === status ? p.lastTransitionTime : now;
    return { type, status, lastHeartbeatTime: now, lastTransitionTime: transition, reason, message };
  });
}

/**
 * Whether the conditions the kubelet would report now — nodeConditions(ready, …) with `overrides`
 * applied — differ from `prev` as conditionsChanged judges it, without building them. The status loop
 * asks this every 10s per node, and the answer is almost always no.
 */
export function reportedConditionsChanged(ready: boolean, overrides: ReadonlyMap<string, ConditionOverride>, prev: readonly NodeCondition[]): boolean {
  const rows = ready ? ROWS_READY : ROWS_NOT_READY;
  if (rows.length !== prev.length) return true;
  for (const [type, status, reason] of rows) {
    const p = findCondition(prev, type);
    const o = overrides.size > 0 ? overrides.get(type) : undefined;
    if (!p || p.status !== (o ? o.status : status) || p.reason !== (o ? o.reason : reason)) return true;
  }
  return false;
}

/** True when the reported conditions differ from `prev` in anything but heartbeat times. */
export function conditionsChanged(next: readonly NodeCondition[], prev: readonly NodeCondition[]): boolean {
  if (next.length !== prev.length) return true;
  for (const n of next) {
    const p = findCondition(prev, n.type);
    if (!p || p.status !== n.status || p.reason !== n.reason) return true;
  }
  return false;
}
