// Lesson 1: the parts of a cluster, found on the live graph and through the API.
import { choicesWith, learnerRead, workerNodes } from "../checks";
import type { Lesson } from "../types";
import type { Pod } from "../../engine/api/types";

export const tour: Lesson = {
  id: "tour",
  number: 1,
  title: "Tour of a cluster",
  goal: "Name the parts of a Kubernetes cluster and say what each one does.",
  minutes: 8,
  prerequisites: [],
  start: { seed: 1, nodes: 3, setup: [], files: [], speed: 1 },
  steps: [
    {
      title: "The control plane",
      text: `A Kubernetes cluster has two halves: the **control plane** decides what should run, the **worker nodes** run it.

The control plane is four programs, drawn as boxes on the graph:

- **kube-apiserver**: the front door. Every request, from you or from another component, goes through it.
- **etcd**: the database that holds every object. Only the API server talks to it.
- **kube-scheduler**: picks a node for each new Pod.
- **kube-controller-manager**: runs the control loops that keep what exists equal to what you asked for.`,
      todo: "List the cluster's nodes: type `kubectl get nodes` in the terminal.",
      check: { waitingFor: "you to list the nodes", test: (ctx) => learnerRead(ctx, "nodes") },
      hints: ["Click the terminal at the bottom (the `$` prompt), type `kubectl get nodes` and press Enter.", "kubectl sent a `list nodes` request to kube-apiserver, which read them from etcd: watch the messages on the graph."],
      showMe: { lines: ["kubectl get nodes"] },
      spotlight: ["kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager"],
    },
    {
      title: "The control plane runs in Pods",
      text: `You saw four nodes: \`control-plane\` and three workers, \`node-1\` to \`node-3\`.

This cluster is built like one made by **kubeadm** (or kind): etcd, kube-apiserver, kube-scheduler and kube-controller-manager run as **static Pods** on the control-plane node. Its kubelet starts them from files in \`/etc/kubernetes/manifests\`, so they run even before the API server does.

The \`kube-system\` namespace also holds **kube-proxy** (one per node, from a DaemonSet) and **CoreDNS** (the cluster's DNS server, a Deployment).`,
      todo: "List the Pods of the `kube-system` namespace: `kubectl get pods -n kube-system`.",
      check: { waitingFor: "you to list the Pods in kube-system", test: (ctx) => learnerRead(ctx, "pods", { namespace: "kube-system" }) },
      hints: ["`-n kube-system` (or `--namespace kube-system`) chooses the namespace; without it kubectl uses `default`.", "`kubectl get pods -A` lists every namespace at once: that works too."],
      showMe: { lines: ["kubectl get pods -n kube-system -o wide"] },
      spotlight: ["node:control-plane"],
    },
    {
      title: "Worker nodes",
      text: `Each node runs two agents of its own:

- the **kubelet** watches the API server for Pods bound to its node, asks the **container runtime** (containerd) to pull images and start containers, and reports their status back;
- **kube-proxy** turns Service addresses into network rules that lead to Pods.

The kubelet also reports the node itself: its capacity (CPU, memory, at most 110 Pods), its conditions and the Pods it runs.`,
      todo: "Look at one worker in detail: `kubectl describe node node-1`, or click node-1 in the graph and open the Inspector.",
      check: {
        waitingFor: "you to look at a worker node",
        test: (ctx) => workerNodes(ctx).some((n) => learnerRead(ctx, "nodes", { name: n.metadata.name })),
      },
      hints: ["`kubectl describe node node-1` prints Conditions, Capacity, the Pods on the node and its Events.", "Clicking a node box in the graph does the same read through the Inspector."],
      showMe: { lines: ["kubectl describe node node-1"] },
      spotlight: ["node:node-1"],
    },
    {
      title: "Heartbeats",
      text: `How does the control plane know a node is alive? Every **10 seconds** each kubelet renews a **Lease** object named after its node, in the \`kube-node-lease\` namespace.

The **node controller** (in kube-controller-manager) watches those leases. If a node's lease is not renewed for **50 seconds** (\`node-monitor-grace-period\`), it marks the node's \`Ready\` condition \`Unknown\` and the node shows \`NotReady\`. Lesson 7 breaks a node to watch it happen.`,
      todo: "List the leases: `kubectl get leases -n kube-node-lease`.",
      check: { waitingFor: "you to list the node leases", test: (ctx) => learnerRead(ctx, "leases", { namespace: "kube-node-lease" }) },
      hints: ["The HOLDER column names the kubelet that renews each lease.", "Run it twice a few seconds apart: `kubectl get lease node-1 -n kube-node-lease -o yaml` shows `renewTime` moving."],
      showMe: { lines: ["kubectl get leases -n kube-node-lease"] },
      spotlight: ["kube-controller-manager"],
    },
  ],
  quiz: {
    ask(ctx) {
      const etcd = ctx.list<Pod>("pods", "kube-system").find((p) => p.metadata.name.startsWith("etcd-"));
      const right = etcd?.spec.nodeName ?? "control-plane";
      const nodes = ctx.list("nodes").map((n) => n.metadata.name);
      return {
        question: "On which node does etcd run?",
        ...choicesWith(right, nodes.slice(0, 4)),
        explanation: `etcd runs as the static Pod etcd-${right} in kube-system, on the control-plane node, next to the API server: the only component that talks to it.`,
      };
    },
  },
};
