// Lesson 7: a machine dies. The timeline is upstream's (FACTS §1): heartbeats stop → Ready=Unknown after
// the 50 s node-monitor-grace-period → NoExecute taint → Pods deleted after their 300 s toleration →
// replacements elsewhere, about six minutes in all. Then the learner spreads web so losing one node
// costs one replica at most.
import type { Deployment, Node, Pod } from "../../engine/api/types";
import { deployment, isServing, isTerminating, memo, nodeReady, podsOfDeployment, readyCount, rolledOut, workerNodes } from "../checks";
import { file, webDeployment } from "../manifests";
import type { CheckContext, Lesson } from "../types";

const WEB = webDeployment({ replicas: 3 });
const SPREAD = `      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: DoNotSchedule
        labelSelector:
          matchLabels:
            app: web
        matchLabelKeys:
        - pod-template-hash
`;
const WEB_SPREAD = webDeployment({ replicas: 3, podSpec: SPREAD });

function machineUp(ctx: CheckContext, node: string): boolean {
  return ctx.cluster.kubelets.get(node)?.alive === true;
}

/** Worker nodes running web Pods, most first (ties by name). */
function nodesByWebPods(ctx: CheckContext): string[] {
  const count = new Map<string, number>();
  for (const p of podsOfDeployment(ctx, "web")) if (p.spec.nodeName && !isTerminating(p)) count.set(p.spec.nodeName, (count.get(p.spec.nodeName) ?? 0) + 1);
  return [...count.keys()].sort((a, b) => count.get(b)! - count.get(a)! || a.localeCompare(b));
}

function killedNodes(ctx: CheckContext): Node[] {
  return workerNodes(ctx).filter((n) => !machineUp(ctx, n.metadata.name));
}

function servingOnLiveNodes(ctx: CheckContext): Pod[] {
  return podsOfDeployment(ctx, "web").filter((p) => isServing(p) && p.spec.nodeName !== undefined && machineUp(ctx, p.spec.nodeName));
}

/** The Pod template forbids piling replicas on one node (hard spread constraint or required anti-affinity). */
function spreadsHard(d: Deployment | undefined): boolean {
  const spec = d?.spec.template.spec;
  if (!spec) return false;
  const tsc = (spec.topologySpreadConstraints ?? []) as { whenUnsatisfiable?: string }[];
  const anti = (spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) as unknown[];
  return tsc.some((c) => c.whenUnsatisfiable === "DoNotSchedule") || anti.length > 0;
}

export const highAvailability: Lesson = {
  id: "high-availability",
  number: 7,
  title: "High availability: losing a node",
  goal: "Watch Kubernetes notice a dead node, evict its Pods and reschedule them, and spread replicas so one node's loss hurts less.",
  minutes: 12,
  prerequisites: ["self-healing", "services"],
  start: {
    seed: 7,
    nodes: 3,
    setup: ["kubectl apply -f web.yaml", "kubectl rollout status deployment/web --timeout=2m"],
    files: [file("web.yaml", WEB)],
    speed: 1,
  },
  steps: [
    {
      title: "Pull the plug",
      text: `web runs 3 Pods on the workers. Switch off a machine that runs one of them. The machine is gone at once: its containers stop, its kubelet goes silent.

But nobody tells the API server. For now it still believes the node is \`Ready\` and its Pods are \`Running\`: Kubernetes only learns about failures by **missing heartbeats**.`,
      todo: "Kill a node that runs a web Pod: `sim node kill <node>` (e.g. `sim node kill node-1`), or the node's **Kill node** button in the graph.",
      check: {
        waitingFor: "a node running web Pods to be switched off",
        begin: (ctx) => {
          ctx.memo.nodes = nodesByWebPods(ctx);
        },
        test: (ctx) => memo<string[]>(ctx, "nodes", []).some((n) => !machineUp(ctx, n)),
      },
      hints: ["`kubectl get pods -o wide` shows which nodes run web's Pods.", "`sim node kill node-2` (any node with a web Pod)."],
      showMe: { lines: (ctx) => [`sim node kill ${nodesByWebPods(ctx)[0] ?? "node-1"}`] },
    },
    {
      title: "Detection",
      text: `The kubelet renewed its Lease every 10 s; now the renewals stop. The **node controller** checks every 5 s, and once nothing was heard for **50 s** (\`node-monitor-grace-period\`) it sets the node's conditions to \`Unknown\` ("Kubelet stopped posting node status."): \`kubectl get nodes\` shows \`NotReady\`.

At the same time it marks the node's Pods not ready, so the EndpointSlice controller takes them out of every Service, and it taints the node \`node.kubernetes.io/unreachable\` (\`NoSchedule\` and \`NoExecute\`).`,
      todo: "Wait and watch: `kubectl get nodes` until the node shows NotReady (about 50 seconds).",
      check: {
        waitingFor: "the node controller to mark the dead node NotReady",
        test: (ctx) => killedNodes(ctx).some((n) => nodeReady(n) !== "True"),
      },
      hints: ["Speed up the clock if you like: 50 simulated seconds.", "`kubectl describe node <name>` shows the Conditions and the new Taints."],
      showMe: { lines: ["kubectl get nodes"] },
      spotlight: ["kube-controller-manager"],
      waitOnly: true,
      speed: 5,
    },
    {
      title: "Eviction and rescheduling",
      text: `Pods tolerate \`unreachable:NoExecute\` for **300 s**: the **DefaultTolerationSeconds** admission plugin added that toleration to every Pod, in case the node comes back. When the 5 minutes are up, the taint-eviction controller deletes the Pods, and web's ReplicaSet, now one short, creates a replacement that the scheduler puts on a healthy node.

The deleted Pods stay \`Terminating\`: only their kubelet could confirm they stopped, and it is gone. The clock runs 25× faster for this step.`,
      todo: "Watch web get back to 3 ready Pods on live nodes (`kubectl get pods -o wide`).",
      check: {
        waitingFor: "web to run all its replicas on live nodes again",
        test: (ctx) => {
          const d = deployment(ctx, "web");
          return rolledOut(d) && servingOnLiveNodes(ctx).length >= (d?.spec.replicas ?? 1);
        },
        progress: (ctx) => `${servingOnLiveNodes(ctx).length} Pods serving on live nodes`,
      },
      hints: ["About 6 minutes after the machine died: 50 s detection + 300 s toleration.", "`kubectl get events --field-selector reason=TaintManagerEviction` shows the evictions."],
      showMe: { lines: ["kubectl get pods -o wide"] },
      spotlight: ["kube-controller-manager", "kube-scheduler"],
      waitOnly: true,
      speed: 25,
      settleMs: 8 * 60_000,
    },
    {
      title: "Bring the node back",
      text: `Power the machine on again. Its kubelet registers, the node controller sees fresh heartbeats and marks the node \`Ready\`, and the taints go. The kubelet finds that its old Pods were deleted and cleans them up, so the \`Terminating\` Pods disappear.

Nothing moves back: Kubernetes does not rebalance running Pods by itself.`,
      todo: "Restore the node: `sim node restore <node>` (or the **Restore node** button).",
      check: {
        waitingFor: "every node to be up and Ready",
        test: (ctx) => killedNodes(ctx).length === 0 && workerNodes(ctx).every((n) => nodeReady(n) === "True"),
      },
      hints: ["`kubectl get nodes` until all are Ready."],
      showMe: { lines: (ctx) => killedNodes(ctx).map((n) => `sim node restore ${n.metadata.name}`) },
      speed: 2,
    },
    {
      title: "Spread the replicas",
      text: `Left alone, the scheduler only **prefers** to spread a workload's Pods: when a node is full or gone, replicas can pile up on one node and the next failure takes several at once.

\`web-spread.yaml\` (now in the editor) adds a **topology spread constraint**: at most 1 Pod of difference between nodes (\`maxSkew: 1\`), as a hard rule (\`DoNotSchedule\`). \`matchLabelKeys: [pod-template-hash]\` counts only Pods of the same version, so a rollout is not blocked by the old Pods. Use \`topology.kubernetes.io/zone\` instead to survive the loss of a whole zone.`,
      todo: "Apply `web-spread.yaml` (Apply, or `kubectl apply -f web-spread.yaml`) and check that each node runs one web Pod.",
      check: {
        waitingFor: "web to be spread with a hard rule, one Pod per node",
        test: (ctx) => {
          const d = deployment(ctx, "web");
          if (!spreadsHard(d) || !rolledOut(d)) return false;
          const live = podsOfDeployment(ctx, "web").filter((p) => !isTerminating(p));
          return new Set(live.map((p) => p.spec.nodeName)).size === live.length && live.length >= 3;
        },
        progress: (ctx) => readyCount(podsOfDeployment(ctx, "web")),
      },
      hints: ["The file replaces web's Pod template, so it rolls out like an image change.", "`kubectl get pods -o wide`: one Pod per worker."],
      showMe: { files: [file("web-spread.yaml", WEB_SPREAD)], lines: ["kubectl apply -f web-spread.yaml"] },
      prefill: { file: file("web-spread.yaml", WEB_SPREAD) },
      speed: 1,
    },
  ],
  quiz: {
    ask() {
      return {
        question: "About how long after the machine died were its Pods replaced on other nodes?",
        choices: ["At once", "About 10 seconds", "About 50 seconds", "About 6 minutes"],
        answer: 3,
        explanation:
          "50 s until the node controller declared the node NotReady, then 300 s of the Pods' default unreachable toleration before eviction: about 6 minutes. Lower tolerationSeconds in the Pod spec shortens it.",
      };
    },
  },
};
