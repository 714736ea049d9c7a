// A scripted stand-in for the worker, for the graph preview only: it feeds the store with snapshots and
// batches (items + FlowMessages) the way the worker bridge does, and answers node actions.
import type { FlowMessage, NodeView, PodView, ViewItem } from "../../../engine/protocol";
import { useKubelab } from "../../../state/store";
import { setEngine } from "../../../state/bridge";
import { mkComponent, mkNode, mkPod, mkService, mkWorkload, syntheticCluster } from "../model/fixtures";
import { COMPONENT_ORDER } from "../model/partition";

export class FakeCluster {
  items = new Map<string, ViewItem>();
  private seq = 0;
  private msgSeq = 0;
  now = 0;

  constructor(items: ViewItem[]) {
    for (const it of items) this.items.set(it.id, it);
    useKubelab.getState().applySnapshot({ type: "snapshot", seq: 0, clock: this.clock(), items, events: [] });
    setEngine({ request: async (body) => (body.kind === "run" ? { kind: "command", output: this.run(body.line) } : { kind: "ok" }) });
  }

  clock() {
    return { now: this.now, wallTime: new Date(Date.UTC(2025, 0, 1) + this.now).toISOString(), paused: false, speed: 1 };
  }

  msg(from: string, verb: string, resource: string, name: string, summary: string, o: Partial<FlowMessage> = {}): FlowMessage {
    return { seq: ++this.msgSeq, t: this.now, actor: from, from, verb, resource, namespace: "default", name, code: verb === "get" ? 200 : 201, summary, ...o };
  }

  push(upserts: ViewItem[], removals: string[] = [], messages: FlowMessage[] = [], dropped = 0): void {
    for (const id of removals) this.items.delete(id);
    for (const u of upserts) this.items.set(u.id, u);
    useKubelab.getState().applyBatch({ type: "batch", seq: ++this.seq, clock: this.clock(), upserts, removals, messages, droppedMessages: dropped, events: [] });
  }

  node(name: string): NodeView | undefined {
    for (const it of this.items.values()) if (it.kind === "Node" && it.name === name) return it;
    return undefined;
  }

  pod(name: string): PodView | undefined {
    for (const it of this.items.values()) if (it.kind === "Pod" && it.name === name) return it;
    return undefined;
  }

  run(line: string) {
    const [a, b, c, d] = line.split(" ");
    const fail = (err: string) => ({ out: "", err: `${err}\n`, code: 1 });
    const ok = (out: string) => ({ out: `${out}\n`, err: "", code: 0 });
    if (a === "sim" && b === "node" && c === "add" && d) {
      this.push([mkNode(d, { id: `uid-${d}`, status: "NotReady" })]);
      setTimeout(() => this.push([{ ...this.node(d)!, status: "Ready" }]), 1500);
      return ok(`node/${d} added (its kubelet is registering)`);
    }
    const name = line.includes("drain") || line.includes("cordon") ? c! : d!;
    const n = this.node(name);
    if (!n) return fail(a === "sim" ? `node "${name}" not found` : `Error from server (NotFound): nodes "${name}" not found`);
    if (c === "kill") {
      if (!n.machineUp) return fail(`node "${name}" is already down`);
      this.push([{ ...n, machineUp: false }]);
      setTimeout(() => this.push([{ ...this.node(name)!, status: "NotReady", taints: ["node.kubernetes.io/unreachable:NoExecute", "node.kubernetes.io/unreachable:NoSchedule"] }]), 2000);
      return ok(`node/${name} killed`);
    }
    if (c === "restore") {
      if (n.machineUp) return fail(`node "${name}" is already running`);
      this.push([{ ...n, machineUp: true, status: "Ready", taints: [] }]);
      return ok(`node/${name} restored`);
    }
    if (b === "cordon" || b === "drain") {
      this.push([{ ...n, status: `${n.status},SchedulingDisabled`, taints: [...n.taints, "node.kubernetes.io/unschedulable:NoSchedule"] }]);
      return ok(`node/${name} cordoned`);
    }
    if (b === "uncordon") {
      this.push([{ ...n, status: n.status.replace(",SchedulingDisabled", ""), taints: n.taints.filter((t) => !t.includes("unschedulable")) }]);
      return ok(`node/${name} uncordoned`);
    }
    return fail(`unknown command "${line}"`);
  }
}

/** control-plane + 3 workers with kube-system pods, as a fresh Kubelab cluster looks. */
export function smallCluster(): ViewItem[] {
  const items: ViewItem[] = COMPONENT_ORDER.map((c) => mkComponent(c));
  items.push(mkNode("control-plane", { roles: "control-plane", taints: ["node-role.kubernetes.io/control-plane:NoSchedule"] }));
  for (const c of COMPONENT_ORDER) items.push(mkPod(`${c}-control-plane`, { namespace: "kube-system", nodeName: "control-plane", createdAt: 0 }));
  items.push(mkWorkload("DaemonSet", "kube-proxy", { namespace: "kube-system", ready: "4/4" }));
  const zones = ["zone-a", "zone-b", "zone-c"];
  for (const [i, n] of ["control-plane", "node-1", "node-2", "node-3"].entries()) {
    if (n !== "control-plane") items.push(mkNode(n, { zone: zones[(i - 1) % 3] }));
    items.push(mkPod(`kube-proxy-${["x7k2p", "552wp", "r9fzt", "m2lqc"][i]}`, { namespace: "kube-system", nodeName: n, createdAt: 1 + i, ownerKind: "DaemonSet", ownerId: "uid-kube-proxy" }));
  }
  items.push(mkWorkload("Deployment", "coredns", { namespace: "kube-system", ready: "2/2" }));
  items.push(mkWorkload("ReplicaSet", "coredns-668d6bf9bc", { namespace: "kube-system", ready: "2/2", ownerKind: "Deployment", ownerId: "uid-coredns" }));
  items.push(mkPod("coredns-668d6bf9bc-4xkzq", { namespace: "kube-system", nodeName: "node-1", createdAt: 10, ownerKind: "ReplicaSet", ownerId: "uid-coredns-668d6bf9bc" }));
  items.push(mkPod("coredns-668d6bf9bc-8vwpm", { namespace: "kube-system", nodeName: "node-2", createdAt: 11, ownerKind: "ReplicaSet", ownerId: "uid-coredns-668d6bf9bc" }));
  items.push(mkService("kubernetes", { clusterIP: "10.96.0.1", ports: "443/TCP" }));
  items.push(mkService("kube-dns", { namespace: "kube-system", ports: "53/UDP,53/TCP,9153/TCP", readyPodIds: ["uid-coredns-668d6bf9bc-4xkzq", "uid-coredns-668d6bf9bc-8vwpm"] }));
  return items;
}

export function bigCluster(): ViewItem[] {
  return syntheticCluster(100, 30, 40);
}
