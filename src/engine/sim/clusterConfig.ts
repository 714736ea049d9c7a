// The shape of a simulated cluster: its nodes and what runs on them at boot. The default mirrors a
// kind-style kubeadm cluster at v1.34: one tainted control-plane node running the control plane as
// static pods, three workers, kube-proxy everywhere and CoreDNS in kube-system.

export const KUBERNETES_VERSION = "v1.34.0";

export interface NodeConfig {
  name: string;
  role: "control-plane" | "worker";
  cpu: string;
  memory: string;
  pods: number;
  labels?: Record<string, string>;
}

export interface ClusterConfig {
  seed: number;
  nodes: NodeConfig[];
  /** Simulated time the boot sequence runs before the learner's first command (components settle). */
  bootSettleMs: number;
  /** Freeze stored objects so that any component mutating shared state throws (tests). */
  strict: boolean;
  /** Add the CoreDNS Deployment (kind's default add-on). */
  coreDNS: boolean;
}

/** Zones cycle a, b, c so that zone experiments have something to break. */
const ZONES = ["zone-a", "zone-b", "zone-c"];

export function workerNode(name: string, index: number, cpu = "4", memory = "8Gi", pods = 110): NodeConfig {
  return {
    name,
    role: "worker",
    cpu,
    memory,
    pods,
    labels: { "topology.kubernetes.io/zone": ZONES[index % ZONES.length]! },
  };
}

/**
 * `controlPlanes: 3` gives a highly available control plane as kind names it: control-plane,
 * control-plane2, control-plane3, one per zone, each with its own API server and stacked etcd member.
 */
export function defaultClusterConfig(opts: { seed?: number; workers?: number; strict?: boolean; controlPlanes?: number } = {}): ClusterConfig {
  const workers = opts.workers ?? 3;
  const nodes: NodeConfig[] = [];
  for (let i = 0; i < Math.max(1, opts.controlPlanes ?? 1); i++) {
    const name = i === 0 ? "control-plane" : `control-plane${i + 1}`;
    nodes.push({ name, role: "control-plane", cpu: "4", memory: "8Gi", pods: 110, labels: { "topology.kubernetes.io/zone": ZONES[i % ZONES.length]! } });
  }
  for (let i = 1; i <= workers; i++) nodes.push(workerNode(`node-${i}`, i - 1));
  return { seed: opts.seed ?? 1, nodes, bootSettleMs: 120_000, strict: opts.strict ?? false, coreDNS: true };
}
