// Lesson 4: scaling, and what the scheduler does when the cluster is full. Each web Pod requests a whole
// CPU, so three 4-CPU workers (less CoreDNS's 100m requests) fit ten of them and the rest stay Pending
// with the scheduler's FitError message.
import type { KubeEvent, Pod } from "../../engine/api/types";
import { deployment, isTerminating, isUnschedulable, learnerRead, podsOfDeployment, readyCount, rolledOut } from "../checks";
import { file, webDeployment } from "../manifests";
import type { CheckContext, Lesson } from "../types";

const WEB = webDeployment({ replicas: 2, cpu: "1" });

function pendingWebPods(ctx: CheckContext): Pod[] {
  return podsOfDeployment(ctx, "web").filter((p) => !isTerminating(p) && isUnschedulable(p));
}

export const scaling: Lesson = {
  id: "scaling",
  number: 4,
  title: "Scaling",
  goal: "Scale a Deployment, fill the cluster, and read why the scheduler leaves a Pod Pending.",
  minutes: 10,
  prerequisites: ["self-healing"],
  start: {
    seed: 4,
    nodes: 3,
    setup: ["kubectl apply -f web.yaml", "kubectl rollout status deployment/web --timeout=2m"],
    files: [file("web.yaml", WEB)],
    speed: 1,
  },
  steps: [
    {
      title: "Scale up",
      text: `\`web\` runs 2 Pods. Scaling changes one number, \`spec.replicas\`; the replicaset controller creates the missing Pods and the scheduler places each one.

Watch where they land: the scheduler **scores** every node that fits. By default it prefers the least allocated node and spreads a workload's Pods across nodes and zones.`,
      todo: "Scale web to 5 replicas: `kubectl scale deployment web --replicas=5` (or change `replicas` in web.yaml and apply it).",
      check: {
        waitingFor: "web to run at least 4 ready replicas",
        test: (ctx) => {
          const d = deployment(ctx, "web");
          return (d?.spec.replicas ?? 0) >= 4 && rolledOut(d);
        },
        progress: (ctx) => readyCount(podsOfDeployment(ctx, "web")),
      },
      hints: ["`kubectl scale deployment web --replicas=5`", "`kubectl get pods -o wide` shows which node each Pod runs on."],
      showMe: { lines: ["kubectl scale deployment web --replicas=5"] },
      spotlight: ["kube-scheduler"],
    },
    {
      title: "Fill the cluster",
      text: `Look at \`web.yaml\`: each Pod **requests** one CPU (\`resources.requests.cpu: "1"\`). The scheduler adds up requests, not actual usage, and never puts more on a node than its allocatable capacity.

A worker here has 4 CPUs, and CoreDNS already requested 100m on two of them. Ask for more Pods than fit.`,
      todo: "Scale web to 12: `kubectl scale deployment web --replicas=12`.",
      check: {
        waitingFor: "a Pod of web that the scheduler cannot place",
        test: (ctx) => pendingWebPods(ctx).length > 0,
        progress: (ctx) => readyCount(podsOfDeployment(ctx, "web")),
      },
      hints: ["`kubectl scale deployment web --replicas=12`", "The Pods that do not fit stay in the graph's Pending area."],
      showMe: { lines: ["kubectl scale deployment web --replicas=12"] },
      spotlight: ["kube-scheduler"],
    },
    {
      title: "Why Pending?",
      text: `A Pod the scheduler cannot place stays \`Pending\`, and the scheduler says why in a \`FailedScheduling\` event and in the Pod's \`PodScheduled\` condition, counting the nodes each filter rejected (one line in the real message):

\`\`\`
0/4 nodes are available:
  1 node(s) had untolerated taint
    {node-role.kubernetes.io/control-plane: },
  3 Insufficient cpu.
\`\`\`

The control-plane node is tainted so ordinary Pods stay off it; the three workers are out of CPU. The scheduler keeps retrying, and succeeds as soon as room appears.`,
      todo: "Ask why: `kubectl describe pod <a Pending pod>`, `kubectl get events`, or click a Pending Pod in the graph.",
      check: {
        waitingFor: "you to look at a Pending Pod or the events",
        test: (ctx) =>
          pendingWebPods(ctx).some((p) => learnerRead(ctx, "pods", { namespace: "default", name: p.metadata.name })) ||
          learnerRead(ctx, "events", { namespace: "default" }),
      },
      hints: ["`kubectl get pods --field-selector=status.phase=Pending` lists only the Pending ones.", "`kubectl describe pod <name>`: read the Events at the end."],
      showMe: { lines: (ctx) => [`kubectl describe pod ${pendingWebPods(ctx)[0]?.metadata.name ?? ""}`.trim()] },
      spotlight: ["kube-scheduler"],
    },
    {
      title: "Make room",
      text: `There are two ways out: **more capacity** or **less demand**. Add a node and the scheduler places the waiting Pods on it within seconds (in a real cluster, the cluster autoscaler adds nodes for exactly this reason). Or scale web back down and the replicaset controller deletes the Pending Pods first.`,
      todo: "Add a worker (`sim node add node-4`) or scale web down (`kubectl scale deployment web --replicas=8`).",
      check: {
        waitingFor: "every Pod of web to be placed and ready",
        test: (ctx) => pendingWebPods(ctx).length === 0 && rolledOut(deployment(ctx, "web")),
        progress: (ctx) => `${pendingWebPods(ctx).length} Pending, ${readyCount(podsOfDeployment(ctx, "web"))}`,
      },
      hints: ["`sim node add node-4` adds a 4-CPU worker: room for 4 more.", "A learner who scales down passes too: any way that leaves nothing Pending."],
      showMe: { lines: ["sim node add node-4"] },
      spotlight: ["kube-scheduler"],
    },
  ],
  quiz: {
    ask(ctx) {
      const msgs = ctx.list<KubeEvent>("events", "default").filter((e) => e.reason === "FailedScheduling").map((e) => e.message);
      const m = msgs.map((x) => /Insufficient (\S+?)[.,]/.exec(x)?.[1]).find((x) => x !== undefined);
      const right = m ?? "cpu";
      const choices = ["cpu", "memory", "pods", "ephemeral-storage"];
      if (!choices.includes(right)) choices[3] = right;
      return {
        question: "Which resource had run out when web's Pods stayed Pending?",
        choices,
        answer: choices.indexOf(right),
        explanation: `The FailedScheduling event said "Insufficient ${right}": the Pods' requests no longer fit in what the workers had left to allocate.`,
      };
    },
  },
};
