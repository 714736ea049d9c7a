// Lesson 6: a rolling update with maxSurge 1 / maxUnavailable 0 (one Pod at a time, never below 4
// ready), a release whose image cannot be pulled (the rollout stops, the old Pods keep serving), and
// `kubectl rollout undo`.
import { deployment, isServing, isTerminating, learnerRead, memo, podsOfDeployment, readyCount, rolledOut, waitingReasons } from "../checks";
import { file, webDeployment } from "../manifests";
import type { CheckContext, Lesson } from "../types";

const STRATEGY = `  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
`;
const WEB = webDeployment({ replicas: 4, strategy: STRATEGY });
const PULL_ERRORS = ["ErrImagePull", "ImagePullBackOff"];

function image(ctx: CheckContext): string | undefined {
  return deployment(ctx, "web")?.spec.template.spec.containers[0]?.image;
}

function podImage(p: { spec: { containers: { image?: string }[] } }): string | undefined {
  return p.spec.containers[0]?.image;
}

function failingPulls(ctx: CheckContext) {
  return podsOfDeployment(ctx, "web").filter((p) => !isTerminating(p) && waitingReasons(p).some((r) => PULL_ERRORS.includes(r)));
}

export const rollingUpdates: Lesson = {
  id: "rolling-updates",
  number: 6,
  title: "Rolling updates and rollbacks",
  goal: "Roll out a new version Pod by Pod, watch a bad release stop safely, and roll it back.",
  minutes: 12,
  prerequisites: ["self-healing"],
  start: {
    seed: 6,
    nodes: 3,
    setup: ["kubectl apply -f web.yaml", "kubectl rollout status deployment/web --timeout=2m"],
    files: [file("web.yaml", WEB)],
    speed: 0.5,
  },
  steps: [
    {
      title: "Roll out a new version",
      text: `Changing a Deployment's **Pod template** (here, the image) starts a **rolling update**: the deployment controller creates a new ReplicaSet and moves Pods over from the old one a few at a time.

web.yaml sets the pace:

- \`maxSurge: 1\`: at most one Pod above the 4 desired;
- \`maxUnavailable: 0\`: never fewer than 4 ready.

So: one new Pod starts; once it is ready, one old Pod is deleted; repeat. The clock runs at half speed so you can follow it.`,
      todo: "Update the image: `kubectl set image deployment/web nginx=nginx:1.28` (or change it in web.yaml and apply).",
      check: {
        waitingFor: "a new version of web to be rolled out to every Pod",
        begin: (ctx) => {
          ctx.memo.image = image(ctx);
        },
        test: (ctx) => {
          const now = image(ctx);
          if (now === undefined || now === memo(ctx, "image", now)) return false;
          return rolledOut(deployment(ctx, "web")) && podsOfDeployment(ctx, "web").every((p) => isTerminating(p) || podImage(p) === now);
        },
        progress: (ctx) => {
          const d = deployment(ctx, "web");
          return d?.status ? `${d.status.updatedReplicas ?? 0} of ${d.spec.replicas ?? 1} updated, ${d.status.availableReplicas ?? 0} available` : undefined;
        },
      },
      hints: ["`kubectl set image deployment/web nginx=nginx:1.28`: `nginx=` names the container.", "Run `kubectl get rs` a few times during the rollout: the new ReplicaSet grows by one as the old one shrinks by one."],
      showMe: { lines: ["kubectl set image deployment/web nginx=nginx:1.28"] },
      spotlight: ["Deployment/web", "kube-controller-manager"],
      speed: 0.5,
      settleMs: 5 * 60_000,
    },
    {
      title: "A bad release",
      text: `Now release an image that does not exist. The new Pod cannot start: the kubelet reports \`ErrImagePull\`, then \`ImagePullBackOff\` while it waits longer and longer between tries (10 s, 20 s, … up to 5 minutes).

Because \`maxUnavailable\` is 0, the rollout stops right there: the new Pod never becomes ready, so no old Pod is removed. Users keep being served by the four old Pods. After \`progressDeadlineSeconds\` (600 s) the Deployment reports \`ProgressDeadlineExceeded\`, but nothing rolls back by itself.`,
      todo: "Release a broken image: `kubectl set image deployment/web nginx=nginx:does-not-exist`, then look at `kubectl get pods`.",
      check: {
        waitingFor: "a rollout stuck on an image that cannot be pulled, with 4 old Pods still serving",
        test: (ctx) => failingPulls(ctx).length > 0 && podsOfDeployment(ctx, "web").filter(isServing).length >= 4,
      },
      hints: ["`kubectl set image deployment/web nginx=nginx:does-not-exist`", "`kubectl describe pod <the new pod>` shows the Failed events from the kubelet."],
      showMe: { lines: ["kubectl set image deployment/web nginx=nginx:does-not-exist"] },
      spotlight: ["Deployment/web"],
      speed: 1,
    },
    {
      title: "Roll back",
      text: `\`kubectl rollout undo\` puts the previous revision's Pod template back into the Deployment. That is an ordinary change of template, so it rolls out like any other: the broken Pod is removed and the good ReplicaSet is the current one again.`,
      todo: "Undo the bad release: `kubectl rollout undo deployment/web`.",
      check: {
        waitingFor: "web to be fully rolled out again with no failing Pods",
        test: (ctx) => failingPulls(ctx).length === 0 && rolledOut(deployment(ctx, "web")),
        progress: (ctx) => readyCount(podsOfDeployment(ctx, "web")),
      },
      hints: ["`kubectl rollout undo deployment/web`", "Setting the image back by hand (`kubectl set image deployment/web nginx=nginx:1.28`) works too."],
      showMe: { lines: ["kubectl rollout undo deployment/web"] },
      spotlight: ["Deployment/web"],
    },
    {
      title: "The history",
      text: `Every template a Deployment has run is kept as a ReplicaSet scaled to 0, up to \`revisionHistoryLimit\` (10). That is what \`undo\` goes back to.

The undo made no new ReplicaSet: it put revision 2's template back, so revision 2's ReplicaSet became the current one again, renumbered as the newest revision, 4. The history now lists 1, 3 and 4.`,
      todo: "Look at the history: `kubectl rollout history deployment/web`, and the ReplicaSets: `kubectl get rs`.",
      check: { waitingFor: "you to look at web's history", test: (ctx) => learnerRead(ctx, "replicasets") },
      hints: ["`kubectl rollout history deployment/web` reads the revision annotation of each ReplicaSet."],
      showMe: { lines: ["kubectl rollout history deployment/web", "kubectl get rs"] },
    },
  ],
  quiz: {
    ask() {
      return {
        question: "During the first rollout (4 replicas, maxSurge 1, maxUnavailable 0), how many Pods of web were there at most?",
        choices: ["3", "4", "5", "8"],
        answer: 2,
        explanation: "Replicas + maxSurge = 4 + 1 = 5: one new Pod at a time, and an old one deleted only once the new one was ready.",
      };
    },
  },
};
