// Lesson 16: the control plane under failure. Stopping the scheduler stops placement, stopping the
// controller manager stops self-healing, stopping the API server stops every change, and none of them
// stops Pods that already run. Everything comes back because the state lives in etcd.
import type { ComponentName } from "../../engine/protocol";
import { audited, deployment, isServing, isTerminating, LEARNER_ACTORS, memo, podsOfDeployment, readyCount, rolledOut, uidsOf } from "../checks";
import { file, webDeployment } from "../manifests";
import type { CheckContext, Lesson } from "../types";

function up(ctx: CheckContext, name: ComponentName): boolean {
  return ctx.cluster.componentStatus().find((c) => c.name === name)?.up === true;
}

function live(ctx: CheckContext) {
  return podsOfDeployment(ctx, "web").filter((p) => !isTerminating(p));
}

function serving(ctx: CheckContext): number {
  return live(ctx).filter(isServing).length;
}

export const controlPlane: Lesson = {
  id: "control-plane",
  number: 16,
  title: "The control plane under failure",
  goal: "Stop the scheduler, the controller manager and the API server in turn, and see what still works and why.",
  minutes: 14,
  prerequisites: ["tour", "self-healing", "services"],
  start: {
    seed: 16,
    nodes: 3,
    setup: ["kubectl apply -f web.yaml", "kubectl expose deployment web --port=80", "kubectl rollout status deployment/web --timeout=2m"],
    files: [file("web.yaml", webDeployment({ replicas: 3 }))],
    speed: 1,
  },
  steps: [
    {
      title: "No scheduler",
      text: `Every control-plane component is a program that can crash. Start with **kube-scheduler**. While it is down, the API server still accepts new Pods, the replicaset controller still creates them, but nobody assigns them a node: they wait, \`Pending\`.

Running Pods are not affected at all: the scheduler only ever places new ones.`,
      todo: "`sim control-plane stop kube-scheduler`, then `kubectl scale deployment web --replicas=5`.",
      check: {
        waitingFor: "new Pods of web waiting for a scheduler that is down",
        test: (ctx) => !up(ctx, "kube-scheduler") && live(ctx).some((p) => !p.spec.nodeName) && serving(ctx) >= 3,
        progress: (ctx) => (up(ctx, "kube-scheduler") ? "kube-scheduler is up" : `${live(ctx).filter((p) => !p.spec.nodeName).length} Pods without a node`),
      },
      hints: ["`sim control-plane status` shows each component.", "Then scale: `kubectl scale deployment web --replicas=5`."],
      showMe: { lines: ["sim control-plane stop kube-scheduler", "kubectl scale deployment web --replicas=5"] },
      spotlight: ["kube-scheduler"],
    },
    {
      title: "The scheduler catches up",
      text: `Start it again. A fresh scheduler process lists every Pod from the API server, finds the ones without a node, and places them. Nothing was lost: the Pending Pods were records in etcd all along.`,
      todo: "`sim control-plane start kube-scheduler`",
      check: {
        waitingFor: "all 5 Pods of web to run",
        test: (ctx) => up(ctx, "kube-scheduler") && (deployment(ctx, "web")?.spec.replicas ?? 0) >= 5 && rolledOut(deployment(ctx, "web")),
        progress: (ctx) => readyCount(podsOfDeployment(ctx, "web")),
      },
      hints: ["`sim control-plane start kube-scheduler`"],
      showMe: { lines: ["sim control-plane start kube-scheduler"] },
      spotlight: ["kube-scheduler"],
    },
    {
      title: "No controller manager",
      text: `Now stop **kube-controller-manager**: every control loop stops with it. Delete a Pod and nobody notices the ReplicaSet is one short: no replacement. No rollouts, no scaling, no eviction from dead nodes, no Endpoints updates either.

The Pods that run keep running, and keep serving through their Service.`,
      todo: "`sim control-plane stop kube-controller-manager`, then delete a web Pod (`kubectl delete pod <name>`).",
      check: {
        waitingFor: "a deleted Pod of web that nobody replaces",
        begin: (ctx) => {
          ctx.memo.pods = uidsOf(live(ctx));
        },
        test: (ctx) => {
          if (up(ctx, "kube-controller-manager")) return false;
          const before = memo<string[]>(ctx, "pods", []);
          const now = uidsOf(live(ctx));
          const want = deployment(ctx, "web")?.spec.replicas ?? 0;
          return before.some((u) => !now.includes(u)) && now.length < want;
        },
      },
      hints: ["`kubectl get pods` for a name, then `kubectl delete pod web-…`.", "Wait a little: no new Pod appears."],
      showMe: { lines: (ctx) => ["sim control-plane stop kube-controller-manager", `kubectl delete pod ${live(ctx)[0]?.metadata.name ?? "-l app=web"}`] },
      spotlight: ["kube-controller-manager"],
    },
    {
      title: "Controllers resync",
      text: `Start it again. The new process lists everything, and the replicaset controller sees 4 Pods where 5 are wanted. Controllers are **level-triggered**: they act on the difference between desired and actual state as it is now, not on the events they missed.`,
      todo: "`sim control-plane start kube-controller-manager`",
      check: {
        waitingFor: "web to be back to 5 ready Pods",
        test: (ctx) => up(ctx, "kube-controller-manager") && rolledOut(deployment(ctx, "web")) && serving(ctx) >= 5,
        progress: (ctx) => readyCount(podsOfDeployment(ctx, "web")),
      },
      hints: ["`sim control-plane start kube-controller-manager`"],
      showMe: { lines: ["sim control-plane start kube-controller-manager"] },
      spotlight: ["kube-controller-manager"],
    },
    {
      title: "No API server",
      text: `Stop **kube-apiserver**. Now nothing can change: kubectl cannot connect, and the scheduler, the controllers and the kubelets cannot read or write either. Yet the containers keep running and \`sim curl http://web\` still gets an answer: kube-proxy's rules are already on every node.

A cluster without its API server is frozen, not dead.`,
      todo: "`sim control-plane stop kube-apiserver`, then try `kubectl get pods` and `sim curl http://web`.",
      check: {
        waitingFor: "a kubectl request refused by the stopped API server",
        test: (ctx) => !up(ctx, "kube-apiserver") && audited(ctx, { resource: "pods", actors: LEARNER_ACTORS, ok: false }).some((e) => e.code >= 500),
      },
      hints: ["kubectl prints: The connection to the server 127.0.0.1:6443 was refused."],
      showMe: { lines: ["sim control-plane stop kube-apiserver", "kubectl get pods", "sim curl http://web"] },
      spotlight: ["kube-apiserver"],
    },
    {
      title: "etcd is the source of truth",
      text: `Start the API server again. It keeps no state of its own: everything it serves, it reads from **etcd**. So a restarted API server, scheduler or controller manager simply reads the cluster back and carries on.

That makes etcd the one component whose loss is a disaster: back it up (\`etcdctl snapshot save\`, here \`sim etcd snapshot save\`) and run 3 or 5 members in production, so a quorum survives one or two failures.`,
      todo: "`sim control-plane start kube-apiserver`, then `kubectl get pods`: everything is there.",
      check: {
        waitingFor: "the API server to be back and answer you",
        test: (ctx) => up(ctx, "kube-apiserver") && audited(ctx, { verb: ["get", "list"], resource: "pods", actors: LEARNER_ACTORS }).length > 0,
      },
      hints: ["`sim control-plane status` should show every component Up."],
      showMe: { lines: ["sim control-plane start kube-apiserver", "kubectl get pods"] },
      spotlight: ["etcd", "kube-apiserver"],
    },
  ],
  quiz: {
    ask() {
      return {
        question: "While kube-controller-manager was stopped, what happened to the Pod you deleted?",
        choices: [
          "The kubelet restarted it",
          "Nobody replaced it until the controller manager came back",
          "The scheduler recreated it",
          "The API server restored it from etcd",
        ],
        answer: 1,
        explanation: "Replacing Pods is the replicaset controller's job, and it runs inside kube-controller-manager. When that came back, it saw one Pod missing and created it.",
      };
    },
  },
};
