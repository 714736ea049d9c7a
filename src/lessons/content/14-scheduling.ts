// Lesson 14: steering the scheduler. Requests reserve capacity (3-CPU Pods get a worker each); the
// control-plane node's NoSchedule taint keeps ordinary Pods away until they tolerate it; required node
// affinity sends Pods only to nodes with a label.
import type { Node, Pod } from "../../engine/api/types";
import { deployment, isServing, isTerminating, isUnschedulable, node, podsOfDeployment, rolledOut } from "../checks";
import { file } from "../manifests";
import type { CheckContext, Lesson } from "../types";

const BIG = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: big
spec:
  replicas: 3
  selector:
    matchLabels:
      app: big
  template:
    metadata:
      labels:
        app: big
    spec:
      containers:
      - name: app
        image: nginx:1.27
        resources:
          requests:
            cpu: "3"
            memory: 1Gi
          limits:
            memory: 1Gi
`;

function pinned(tolerate: boolean): string {
  const tol = tolerate
    ? `      tolerations:
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
`
    : "";
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: pinned
spec:
  replicas: 1
  selector:
    matchLabels:
      app: pinned
  template:
    metadata:
      labels:
        app: pinned
    spec:
      nodeSelector:
        node-role.kubernetes.io/control-plane: ""
${tol}      containers:
      - name: app
        image: nginx:1.27
`;
}

const FAST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: fast
spec:
  replicas: 2
  selector:
    matchLabels:
      app: fast
  template:
    metadata:
      labels:
        app: fast
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - key: disktype
                operator: In
                values: ["ssd"]
      containers:
      - name: app
        image: nginx:1.27
        resources:
          requests:
            cpu: 100m
`;

function live(ctx: CheckContext, name: string): Pod[] {
  return podsOfDeployment(ctx, name).filter((p) => !isTerminating(p));
}

function labelled(n: Node | undefined): boolean {
  return n?.metadata.labels?.disktype === "ssd";
}

export const scheduling: Lesson = {
  id: "scheduling",
  number: 14,
  title: "Scheduling: requests, taints, affinity",
  goal: "Steer where Pods run with resource requests, taints and tolerations, and node affinity.",
  minutes: 14,
  prerequisites: ["scaling"],
  start: { seed: 14, nodes: 3, setup: [], files: [file("big.yaml", BIG), file("pinned.yaml", pinned(false)), file("fast.yaml", FAST)], speed: 1 },
  steps: [
    {
      title: "Requests reserve room",
      text: `A container's **requests** are what the scheduler reserves for it on a node; its **limits** are a ceiling the node enforces (CPU beyond the limit is throttled, memory beyond it gets the container \`OOMKilled\`).

\`big.yaml\` asks for 3 CPUs per Pod. A worker has 4, so no two \`big\` Pods fit on one node: each gets a worker of its own. \`kubectl describe node\` shows the sums under **Allocated resources**.`,
      todo: "Apply `big.yaml` and see where its 3 Pods run (`kubectl get pods -o wide`).",
      check: {
        waitingFor: "big's 3 Pods to run, one per worker",
        test: (ctx) => {
          const pods = live(ctx, "big");
          return rolledOut(deployment(ctx, "big")) && pods.length === 3 && new Set(pods.map((p) => p.spec.nodeName)).size === 3;
        },
      },
      hints: ["`kubectl describe node node-1`: Allocated resources shows cpu 3100m (77%), CoreDNS included if it runs there."],
      showMe: { files: [file("big.yaml", BIG)], lines: ["kubectl apply -f big.yaml"] },
      spotlight: ["kube-scheduler"],
    },
    {
      title: "A taint keeps Pods away",
      text: `A **taint** on a node repels Pods that do not **tolerate** it. The control-plane node carries \`node-role.kubernetes.io/control-plane:NoSchedule\` (\`kubectl describe node control-plane\`), which is why nothing of yours ever landed there.

\`pinned.yaml\` insists on that node with a \`nodeSelector\`, but has no toleration. The scheduler finds no node that passes every filter.`,
      todo: "Apply `pinned.yaml` and find out why its Pod stays Pending (`kubectl describe pod -l app=pinned`).",
      check: {
        waitingFor: "a Pod of pinned that the scheduler cannot place",
        test: (ctx) => live(ctx, "pinned").some(isUnschedulable),
      },
      hints: ["The event reads: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector."],
      showMe: { files: [file("pinned.yaml", pinned(false))], lines: ["kubectl apply -f pinned.yaml"] },
      spotlight: ["node:control-plane"],
    },
    {
      title: "Tolerate it",
      text: `Add a **toleration** for the taint to the Pod template. A toleration does not attract a Pod to a node; it only lets it pass the taint filter. Here the \`nodeSelector\` does the attracting.

The changed template rolls out: a new Pod that tolerates the taint lands on the control-plane node, and the Pending one is removed.`,
      todo: "Add the toleration to pinned.yaml (Show me fills it in) and apply it.",
      check: {
        waitingFor: "a Pod of pinned running on the control-plane node",
        test: (ctx) => live(ctx, "pinned").some((p) => isServing(p) && p.spec.nodeName !== undefined && "node-role.kubernetes.io/control-plane" in (node(ctx, p.spec.nodeName)?.metadata.labels ?? {})),
      },
      hints: ["Under the template's `spec:`, add `tolerations:` with `key: node-role.kubernetes.io/control-plane`, `operator: Exists`, `effect: NoSchedule`."],
      showMe: { files: [file("pinned.yaml", pinned(true))], lines: ["kubectl apply -f pinned.yaml"] },
      spotlight: ["node:control-plane"],
    },
    {
      title: "Node affinity",
      text: `**Node affinity** chooses nodes by their labels, with operators (\`In\`, \`NotIn\`, \`Exists\`, …). \`requiredDuringSchedulingIgnoredDuringExecution\` is a hard rule; \`preferred…\` only adds to a node's score.

\`fast.yaml\` requires \`disktype=ssd\`. No node has that label yet: label one, then apply.`,
      todo: "`kubectl label node node-2 disktype=ssd`, then apply `fast.yaml`: both Pods go to node-2.",
      check: {
        waitingFor: "fast's Pods to run only on nodes labelled disktype=ssd",
        test: (ctx) => {
          const pods = live(ctx, "fast");
          return rolledOut(deployment(ctx, "fast")) && pods.length > 0 && pods.every((p) => p.spec.nodeName !== undefined && labelled(node(ctx, p.spec.nodeName)));
        },
      },
      hints: ["`kubectl get nodes -L disktype` shows the label as a column.", "Applying fast.yaml first works too: its Pods wait, Pending, until a node has the label."],
      showMe: { files: [file("fast.yaml", FAST)], lines: ["kubectl label node node-2 disktype=ssd", "kubectl apply -f fast.yaml"] },
      spotlight: ["node:node-2"],
    },
  ],
  quiz: {
    ask() {
      return {
        question: "Why did the first pinned Pod stay Pending?",
        choices: [
          "The control-plane node had no CPU left",
          "The control-plane node has a NoSchedule taint the Pod did not tolerate",
          "nodeSelector only works on worker nodes",
          "The scheduler was stopped",
        ],
        answer: 1,
        explanation: "Its nodeSelector allowed only the control-plane node, and that node's node-role.kubernetes.io/control-plane:NoSchedule taint rejected it: no node passed both filters.",
      };
    },
  },
};
