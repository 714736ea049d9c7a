// Lesson 3: desired state. A Deployment says "three copies"; the deployment and replicaset controllers
// keep it true when the learner takes Pods, then the ReplicaSet itself, away.
import type { ReplicaSet } from "../../engine/api/types";
import { controllerOf, deployment, isServing, isTerminating, learnerRead, memo, podsOfDeployment, readyCount, rolledOut, uidsOf } from "../checks";
import { file, webDeployment } from "../manifests";
import type { CheckContext, Lesson } from "../types";

const WEB = webDeployment({ replicas: 3 });

function replicaSetsOfWeb(ctx: CheckContext): ReplicaSet[] {
  const d = deployment(ctx, "web");
  return d ? ctx.list<ReplicaSet>("replicasets", "default").filter((rs) => controllerOf(rs)?.uid === d.metadata.uid) : [];
}

/** web is back to 3 ready Pods, at least one of which did not exist when the step began. */
function healed(ctx: CheckContext, before: readonly string[]): boolean {
  const d = deployment(ctx, "web");
  if (!rolledOut(d)) return false;
  const live = podsOfDeployment(ctx, "web").filter((p) => !isTerminating(p));
  const serving = live.filter(isServing);
  return serving.length === (d!.spec.replicas ?? 1) && serving.some((p) => !before.includes(p.metadata.uid));
}

export const selfHealing: Lesson = {
  id: "self-healing",
  number: 3,
  title: "Desired state and self-healing",
  goal: "See how a Deployment, its ReplicaSet and their controllers keep the Pods you asked for running.",
  minutes: 8,
  prerequisites: ["first-pod"],
  start: { seed: 3, nodes: 3, setup: [], files: [file("web.yaml", WEB)], speed: 1 },
  steps: [
    {
      title: "Say what you want",
      text: `You rarely create Pods one by one. You describe what you want, *three copies of nginx*, in a **Deployment**, and Kubernetes keeps it true.

That is **desired state**: \`spec.replicas: 3\` in \`web.yaml\` is the wish; the object's \`status\` reports what actually runs. Controllers work all the time to make the two agree.`,
      todo: "Create the Deployment: **Apply** `web.yaml` in the editor, or `kubectl apply -f web.yaml`. Wait until its 3 Pods are ready.",
      check: {
        waitingFor: "the Deployment web to have all its Pods ready",
        test: (ctx) => rolledOut(deployment(ctx, "web")),
        progress: (ctx) => (deployment(ctx, "web") ? readyCount(podsOfDeployment(ctx, "web")) : undefined),
      },
      hints: ["The Editor tab has `web.yaml` open: press Apply.", "Or type `kubectl apply -f web.yaml`, then `kubectl get deployment web` until READY shows 3/3."],
      showMe: { files: [file("web.yaml", WEB)], lines: ["kubectl apply -f web.yaml"] },
      spotlight: ["kube-controller-manager"],
    },
    {
      title: "Deployment → ReplicaSet → Pods",
      text: `The deployment controller did not create Pods itself. It created a **ReplicaSet**, named \`web-\` plus a hash of the Pod template, and the **replicaset controller** created the Pods, named after the ReplicaSet plus five random characters.

Each object points to its owner with an \`ownerReference\`: the lines the graph draws from Deployment to ReplicaSet to Pods. Both controllers run inside **kube-controller-manager**.`,
      todo: "List the ReplicaSets: `kubectl get replicasets` (short: `kubectl get rs`).",
      check: { waitingFor: "you to list the ReplicaSets", test: (ctx) => learnerRead(ctx, "replicasets") },
      hints: ["DESIRED, CURRENT and READY are the ReplicaSet's spec and status side by side.", "`kubectl get pods --show-labels` shows the `pod-template-hash` label the Pods share with their ReplicaSet."],
      showMe: { lines: ["kubectl get rs"] },
      spotlight: ["Deployment/web"],
    },
    {
      title: "Take a Pod away",
      text: `The replicaset controller counts the Pods that match its selector and compares the count with \`spec.replicas\`. Delete a Pod and the count drops to 2: on its next sync, a fraction of a second later, it creates a new one, and the scheduler and a kubelet take it from there.

Nothing restarts the old Pod: a **new** Pod, with a new name and a new IP, takes its place.`,
      todo: "Delete one of web's Pods: find a name with `kubectl get pods`, then `kubectl delete pod <name>`.",
      check: {
        waitingFor: "a Pod of web to be deleted and replaced",
        begin: (ctx) => {
          ctx.memo.pods = uidsOf(podsOfDeployment(ctx, "web"));
        },
        test: (ctx) => {
          const before = memo<string[]>(ctx, "pods", []);
          const now = podsOfDeployment(ctx, "web");
          const gone = before.some((uid) => !now.some((p) => p.metadata.uid === uid && !isTerminating(p)));
          return gone && healed(ctx, before);
        },
        progress: (ctx) => readyCount(podsOfDeployment(ctx, "web")),
      },
      hints: ["`kubectl get pods` lists them; the names start with `web-`.", "Copy a full name: `kubectl delete pod web-…`. Watch the graph: a new Pod appears before the old one is gone."],
      showMe: { lines: (ctx) => [`kubectl delete pod ${podsOfDeployment(ctx, "web").find((p) => !isTerminating(p))?.metadata.name ?? "-l app=web"}`] },
      spotlight: ["kube-controller-manager"],
    },
    {
      title: "Take the ReplicaSet away",
      text: `Go one level up. The Deployment owns the ReplicaSet, so a missing ReplicaSet is just another difference between desired and actual state.

When you delete it, the **garbage collector** deletes the Pods it owned (kubectl deletes in the background by default), and the **deployment controller** creates the ReplicaSet again: same template, so the same name. Its new Pods replace the old ones.`,
      todo: "Delete web's ReplicaSet: `kubectl delete replicaset -l app=web` (or by its name), then watch.",
      check: {
        waitingFor: "web's ReplicaSet to be deleted and web to be whole again",
        begin: (ctx) => {
          ctx.memo.replicaSets = uidsOf(replicaSetsOfWeb(ctx));
          ctx.memo.pods = uidsOf(podsOfDeployment(ctx, "web"));
        },
        test: (ctx) => {
          const before = memo<string[]>(ctx, "replicaSets", []);
          const now = uidsOf(replicaSetsOfWeb(ctx));
          return before.length > 0 && before.every((uid) => !now.includes(uid)) && healed(ctx, memo<string[]>(ctx, "pods", []));
        },
        progress: (ctx) => readyCount(podsOfDeployment(ctx, "web")),
      },
      hints: ["`kubectl get rs` shows its name, `web-` and a hash.", "`kubectl delete rs -l app=web` deletes every ReplicaSet labelled app=web."],
      showMe: { lines: ["kubectl delete replicaset -l app=web"] },
      spotlight: ["kube-controller-manager", "Deployment/web"],
    },
  ],
  quiz: {
    ask() {
      const right = "the replicaset controller";
      return {
        question: "Which component created the Pod that replaced the one you deleted?",
        choices: ["kube-scheduler", "the kubelet on its node", right, "kubectl"],
        answer: 2,
        explanation:
          "The replicaset controller (in kube-controller-manager) saw 2 Pods where 3 were wanted and created one (event SuccessfulCreate). The scheduler then chose its node and that node's kubelet started it.",
      };
    },
  },
};
