// Lesson 2: one Pod's journey, a stage at a time: kubectl → kube-apiserver → etcd → kube-scheduler →
// kubelet → container runtime → status back. The scheduler starts stopped so that "stored but not yet
// placed" is a state the learner can look at instead of a few milliseconds.
import type { Pod } from "../../engine/api/types";
import { audited, choicesWith, controllerOf, isServing, LEARNER_ACTORS, learnerRead, workerNodes } from "../checks";
import { file, HELLO_POD } from "../manifests";
import type { CheckContext, Lesson } from "../types";

/** Pods the learner made themselves: in default, owned by no controller. */
function ownPods(ctx: CheckContext): Pod[] {
  return ctx.list<Pod>("pods", "default").filter((p) => !controllerOf(p) && !p.metadata.deletionTimestamp);
}

export const firstPod: Lesson = {
  id: "first-pod",
  number: 2,
  title: "Your first Pod, step by step",
  goal: "Follow one Pod from kubectl to a running container, and say which component does each part.",
  minutes: 10,
  prerequisites: ["tour"],
  start: { seed: 2, nodes: 3, setup: ["sim control-plane stop kube-scheduler"], files: [file("pod.yaml", HELLO_POD)], speed: 0.5 },
  steps: [
    {
      title: "Send a Pod to the API server",
      text: `A **Pod** is the smallest thing Kubernetes runs: one or more containers that share an IP address. \`pod.yaml\` in the editor describes one, running nginx.

When you apply it, kubectl sends it to **kube-apiserver**. The API server checks who you are and what you may do, fills in defaults (\`restartPolicy: Always\`, …), runs **admission** plugins (which add a service account and default tolerations), validates the object and stores it in **etcd**. Nothing runs yet.

For this lesson the **kube-scheduler is stopped** (its box on the graph is down), so each stage waits for you. The clock runs at half speed.`,
      todo: "Apply `pod.yaml`: the editor's **Apply** button, or `kubectl apply -f pod.yaml` in the terminal.",
      check: {
        waitingFor: "a Pod to be created",
        test: (ctx) => audited(ctx, { verb: "create", resource: "pods", actors: LEARNER_ACTORS }).length > 0 && ownPods(ctx).length > 0,
      },
      hints: ["The Editor tab shows `pod.yaml`; its Apply button sends it.", "In the terminal: `kubectl apply -f pod.yaml` reads the editor's tab of that name."],
      showMe: { files: [file("pod.yaml", HELLO_POD)], lines: ["kubectl apply -f pod.yaml"] },
      spotlight: ["kubectl", "kube-apiserver", "etcd"],
      speed: 0.5,
    },
    {
      title: "Pending: stored, not placed",
      text: `The Pod exists now: it is a record in etcd, and every component watching Pods has been told about it. But its \`spec.nodeName\` is empty: no node has been chosen.

\`kubectl get pods -o wide\` shows it as \`Pending\` with \`NODE\` \`<none>\`. The graph draws it in the Pending area, outside every node.`,
      todo: "Look at your Pod: `kubectl get pods -o wide`.",
      check: { waitingFor: "you to look at your Pod", test: (ctx) => learnerRead(ctx, "pods", { namespace: "default" }) },
      hints: ["`-o wide` adds the IP and NODE columns."],
      showMe: { lines: ["kubectl get pods -o wide"] },
      spotlight: ["etcd"],
    },
    {
      title: "The scheduler picks a node",
      text: `The **kube-scheduler** watches for Pods without a node. For each one it **filters** out nodes that cannot run it (not enough CPU, a taint the Pod does not tolerate, …), **scores** the others, and writes its choice back to the API server as a **binding**.

It does not start anything itself: it only fills in \`spec.nodeName\`. Watch for the \`binding\` message.`,
      todo: "Start the scheduler: `sim control-plane start kube-scheduler`.",
      check: {
        waitingFor: "the scheduler to bind your Pod to a node",
        test: (ctx) => ownPods(ctx).some((p) => p.spec.nodeName !== undefined && p.spec.nodeName !== ""),
      },
      hints: ["`sim control-plane status` shows which components run.", "Type `sim control-plane start kube-scheduler`."],
      showMe: { lines: ["sim control-plane start kube-scheduler"] },
      spotlight: ["kube-scheduler"],
      speed: 0.5,
    },
    {
      title: "The kubelet runs it",
      text: `The **kubelet** on the chosen node sees a Pod bound to its node. It asks the **container runtime** to pull \`nginx:1.27\` (events \`Pulling\`, \`Pulled\`), then to create and start the container (\`Created\`, \`Started\`).

Then it reports back: it **patches the Pod's status** through the API server. The Pod becomes \`Running\`, and \`1/1\` ready once its container is up. Nobody tells the kubelet what to do directly: it watches the API server, like every other component.`,
      todo: "Watch the Pod on its node until it is Running and ready (`kubectl get pods` shows `1/1`).",
      check: { waitingFor: "your Pod to be Running and ready", test: (ctx) => ownPods(ctx).some(isServing) },
      hints: ["Pulling nginx takes a few simulated seconds; speed up the clock if you like.", "`kubectl get pods -o wide` shows the node and the Pod's IP once it runs."],
      showMe: { lines: ["kubectl get pods -o wide"] },
      waitOnly: true,
      speed: 0.5,
    },
    {
      title: "Read the story",
      text: `Every component that acted left an **Event** on the Pod: \`Scheduled\` from **default-scheduler**, then \`Pulling\`, \`Pulled\`, \`Created\` and \`Started\` from the **kubelet**.

\`kubectl describe pod\` prints them at the bottom, under \`Events:\`: the same journey you just watched, told by the components themselves.`,
      todo: "Describe your Pod: `kubectl describe pod hello` (or click it in the graph).",
      check: {
        waitingFor: "you to look at your Pod's details",
        test: (ctx) => ownPods(ctx).some((p) => learnerRead(ctx, "pods", { namespace: "default", name: p.metadata.name })),
      },
      hints: ["`kubectl describe pod hello`: the Events table is at the end.", "`kubectl get events` lists the same events for the whole namespace."],
      showMe: { lines: ["kubectl describe pod hello"] },
    },
  ],
  quiz: {
    ask(ctx) {
      const pod = ownPods(ctx).find((p) => p.spec.nodeName);
      const right = pod?.spec.nodeName ?? "node-1";
      return {
        question: "Which node did the scheduler pick for your Pod?",
        ...choicesWith(
          right,
          workerNodes(ctx).map((n) => n.metadata.name),
        ),
        explanation: `The Scheduled event says "Successfully assigned default/${pod?.metadata.name ?? "hello"} to ${right}": the scheduler's binding, written through the API server.`,
      };
    },
  },
};
