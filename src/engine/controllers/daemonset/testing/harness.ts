// Test-only: the real kernel (newKernel) with the cluster's API pipeline (defaults, admission, validation),
// the namespaces a kubeadm cluster has, and the bits of the kubelet and the scheduler that workload
// controller tests must play themselves: registering nodes, binding pods, reporting Running+Ready, and
// confirming a graceful deletion. Nothing in the engine imports this file.
import type { KubeEvent, KubeObject, Node, Pod, Taint } from "../../../api/types";
import { getTargetNodeName } from "../daemonSetUtil";
import { newKernel, type Kernel } from "../../../testing/kernel";
import { admissionHooks } from "../../../sim/admissionHooks";
import { rfc3339 } from "../../../sim/clock";
import { ApiClient } from "../../../client/apiClient";

export interface TestKernel extends Kernel {
  kubectl: ApiClient;
}

export function newTestKernel(seed = 1, freeze = true): TestKernel {
  const k = newKernel({ seed, freeze });
  k.api.hooks = admissionHooks(k.store, k.random);
  const sys = new ApiClient(k.api, "system:apiserver");
  for (const ns of ["default", "kube-system", "kube-public", "kube-node-lease"]) {
    sys.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } } as unknown as KubeObject);
  }
  return Object.assign(k, { kubectl: new ApiClient(k.api, "kubectl") });
}

/**
 * A Ready node as its kubelet registers it (kubernetes.io/hostname and os labels). TaintNodesByCondition
 * admission gives a new node node.kubernetes.io/not-ready:NoSchedule; the node lifecycle controller removes
 * it once the node is Ready — here at once, leaving exactly `opts.taints`.
 */
export function addNode(k: Kernel, name: string, opts: { labels?: Record<string, string>; taints?: Taint[] } = {}): Node {
  const now = rfc3339(k.clock.absolute());
  k.api.create(`kubelet/${name}`, {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", ...(opts.labels ?? {}) } },
    spec: opts.taints ? { taints: opts.taints } : {},
    status: {
      conditions: [{ type: "Ready", status: "True", lastHeartbeatTime: now, lastTransitionTime: now, reason: "KubeletReady", message: "kubelet is posting ready status" }],
      allocatable: { cpu: "4", memory: "8Gi", pods: "110" },
      capacity: { cpu: "4", memory: "8Gi", pods: "110" },
    },
  } as unknown as KubeObject);
  return new ApiClient(k.api, "node-controller").patch<Node>("Node", undefined, name, (n) => {
    n.spec = opts.taints ? { ...n.spec, taints: opts.taints } : (({ taints: _t, ...rest }) => rest)(n.spec ?? {});
  });
}

export function pods(k: Kernel, namespace?: string): Pod[] {
  return (k.store.list("pods", namespace) as Pod[]);
}

export function livePods(k: Kernel, namespace?: string): Pod[] {
  return pods(k, namespace).filter((p) => !p.metadata.deletionTimestamp);
}

export function getPod(k: Kernel, namespace: string, name: string): Pod | undefined {
  return k.store.get("pods", `pods/${namespace}/${name}`) as Pod | undefined;
}

/** The scheduler's part: binds a pending pod to `node`, or to the node its DaemonSet affinity pins it to. */
export function bind(k: Kernel, pod: Pod, node?: string): Pod {
  const target = node ?? getTargetNodeName(pod);
  if (!target) throw new Error(`no node for ${pod.metadata.name}`);
  return k.api.bind("kube-scheduler", pod.metadata.namespace!, pod.metadata.name, target) as Pod;
}

/** The kubelet's part: phase Running with Ready=True. */
export function setRunningReady(k: Kernel, pod: Pod, ready = true): Pod {
  const ts = rfc3339(k.clock.absolute());
  return new ApiClient(k.api, `kubelet/${pod.spec.nodeName ?? ""}`).patch<Pod>("Pod", pod.metadata.namespace, pod.metadata.name, (o) => {
    o.status = {
      ...(o.status ?? {}),
      phase: "Running",
      conditions: [
        ...(o.status?.conditions ?? []).filter((c) => c.type !== "Ready" && c.type !== "ContainersReady"),
        { type: "ContainersReady", status: ready ? "True" : "False", lastProbeTime: null, lastTransitionTime: ts },
        { type: "Ready", status: ready ? "True" : "False", lastProbeTime: null, lastTransitionTime: ts },
      ],
    };
  }, "status");
}

/** The kubelet's part: phase Failed (e.g. rejected by admission on the node). */
export function setFailed(k: Kernel, pod: Pod): Pod {
  return new ApiClient(k.api, `kubelet/${pod.spec.nodeName ?? ""}`).patch<Pod>("Pod", pod.metadata.namespace, pod.metadata.name, (o) => {
    o.status = { ...(o.status ?? {}), phase: "Failed", reason: "NodeAffinity", message: "Pod was rejected" };
  }, "status");
}

/** The kubelet confirming a graceful deletion: the pod object goes away. */
export function finishTermination(k: Kernel, pod: Pod): void {
  new ApiClient(k.api, `kubelet/${pod.spec.nodeName ?? ""}`).delete("Pod", pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0 });
}

/** Runs scheduler + kubelet for every pending pod: bind (DaemonSet pods to their node), then Running+Ready. */
export function settle(k: TestKernel, nodeFor: (p: Pod) => string | undefined = () => undefined, ms = 100): void {
  for (let round = 0; round < 50; round++) {
    k.advance(ms);
    let acted = false;
    for (const p of livePods(k)) {
      if (!p.spec.nodeName) {
        bind(k, p, nodeFor(p));
        acted = true;
      }
    }
    for (const p of livePods(k)) {
      if (p.spec.nodeName && p.status?.phase !== "Running") {
        setRunningReady(k, p);
        acted = true;
      }
    }
    if (!acted) return;
  }
}

export function events(k: Kernel): KubeEvent[] {
  return k.store.list("events") as KubeEvent[];
}

export function eventMessages(k: Kernel, reason?: string): string[] {
  return events(k).filter((e) => !reason || e.reason === reason).map((e) => e.message);
}
