// Lesson 10: storage. An emptyDir lives and dies with its Pod; a PersistentVolumeClaim outlives it. kind's
// default StorageClass "standard" (rancher.io/local-path, WaitForFirstConsumer) provisions a directory on
// the node the first consumer is scheduled to, so the claim stays Pending until then, and later Pods that
// use the claim are scheduled back to that node by the PV's node affinity.
import type { Pod } from "../../engine/api/types";
import type { PersistentVolume, PersistentVolumeClaim } from "../../engine/controllers/volume/types";
import { choicesWith, controllerOf, isServing, isTerminating, memo, pods, uidsOf, workerNodes } from "../checks";
import { file } from "../manifests";
import type { CheckContext, Lesson } from "../types";

const SCRATCH = `apiVersion: v1
kind: Pod
metadata:
  name: scratch
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "date > /cache/started; sleep 3600"]
    volumeMounts:
    - name: cache
      mountPath: /cache
  volumes:
  - name: cache
    emptyDir: {}
`;

const CLAIM = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes:
  - ReadWriteOnce
  resources:
    requests:
      storage: 1Gi
`;

const WRITER = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: writer
spec:
  replicas: 1
  strategy:
    type: Recreate
  selector:
    matchLabels:
      app: writer
  template:
    metadata:
      labels:
        app: writer
    spec:
      containers:
      - name: app
        image: busybox:1.36
        command: ["sh", "-c", "date >> /data/log; sleep 3600"]
        volumeMounts:
        - name: data
          mountPath: /data
      volumes:
      - name: data
        persistentVolumeClaim:
          claimName: data
`;

function claim(ctx: CheckContext): PersistentVolumeClaim | undefined {
  return ctx.get<PersistentVolumeClaim>("persistentvolumeclaims", "default", "data");
}

function usesClaim(p: Pod, name: string): boolean {
  return (p.spec.volumes ?? []).some((v) => (v as { persistentVolumeClaim?: { claimName?: string } }).persistentVolumeClaim?.claimName === name);
}

function writers(ctx: CheckContext): Pod[] {
  return pods(ctx).filter((p) => p.metadata.labels?.app === "writer" && controllerOf(p) !== undefined && !isTerminating(p));
}

function volumeNode(ctx: CheckContext): string | undefined {
  const pvName = claim(ctx)?.spec.volumeName;
  const pv = pvName ? ctx.get<PersistentVolume>("persistentvolumes", undefined, pvName) : undefined;
  const term = pv?.spec.nodeAffinity?.required?.nodeSelectorTerms[0];
  const expr = term?.matchExpressions?.find((e) => e.key === "kubernetes.io/hostname");
  return expr?.values?.[0];
}

export const storage: Lesson = {
  id: "storage",
  number: 10,
  title: "Storage",
  goal: "Tell scratch space (emptyDir) from storage that outlives a Pod (a PersistentVolumeClaim).",
  minutes: 12,
  prerequisites: ["self-healing"],
  start: {
    seed: 10,
    nodes: 3,
    setup: [],
    files: [file("scratch.yaml", SCRATCH), file("data.yaml", CLAIM), file("writer.yaml", WRITER)],
    speed: 1,
  },
  steps: [
    {
      title: "Scratch space",
      text: `A container's own files vanish when it restarts. A Pod can add **volumes** its containers mount. The simplest is an **emptyDir**: an empty directory the kubelet creates on the node when the Pod starts.

It survives container restarts, and containers of the same Pod can share it. But it is deleted with the Pod: fine for a cache, wrong for data you want to keep.`,
      todo: "Apply `scratch.yaml` and wait until the scratch Pod runs.",
      check: {
        waitingFor: "a running Pod with an emptyDir volume",
        test: (ctx) => pods(ctx).some((p) => isServing(p) && (p.spec.volumes ?? []).some((v) => "emptyDir" in v)),
      },
      hints: ["Choose the `scratch.yaml` tab and press Apply, or `kubectl apply -f scratch.yaml`."],
      showMe: { files: [file("scratch.yaml", SCRATCH)], lines: ["kubectl apply -f scratch.yaml"] },
    },
    {
      title: "Ask for storage",
      text: `For data that must outlive Pods, you ask for storage with a **PersistentVolumeClaim** (PVC): *1Gi, mountable read-write by one node*. You do not say where it comes from.

The cluster's default **StorageClass**, \`standard\` (\`kubectl get storageclass\`), answers: its provisioner creates a **PersistentVolume** (PV) for the claim. It uses \`volumeBindingMode: WaitForFirstConsumer\`, so the claim stays \`Pending\` until a Pod uses it: the volume is then made on the node where that Pod is scheduled.`,
      todo: "Apply `data.yaml`, then `kubectl get pvc`: it is Pending, on purpose.",
      check: { waitingFor: "a PersistentVolumeClaim named data", test: (ctx) => claim(ctx) !== undefined },
      hints: ["`kubectl describe pvc data` says it is waiting for its first consumer."],
      showMe: { files: [file("data.yaml", CLAIM)], lines: ["kubectl apply -f data.yaml", "kubectl get pvc"] },
    },
    {
      title: "Use the claim",
      text: `\`writer.yaml\` runs one Pod that mounts the claim at \`/data\` and appends a line to \`/data/log\` each time it starts.

When the scheduler picks a node for it, the claim learns that node; the provisioner creates a directory there and a PV pinned to that node, and the claim becomes \`Bound\`. Then the kubelet mounts it and the container starts.`,
      todo: "Apply `writer.yaml`, then `kubectl get pvc,pv`.",
      check: {
        waitingFor: "the claim data to be Bound and used by a running writer Pod",
        test: (ctx) => claim(ctx)?.status?.phase === "Bound" && writers(ctx).some((p) => isServing(p) && usesClaim(p, "data")),
        progress: (ctx) => `claim ${claim(ctx)?.status?.phase ?? "missing"}`,
      },
      hints: ["`kubectl get pvc data` shows STATUS Bound and the VOLUME name once the Pod is scheduled."],
      showMe: { files: [file("writer.yaml", WRITER)], lines: ["kubectl apply -f writer.yaml"] },
    },
    {
      title: "Data outlives the Pod",
      text: `Delete the writer Pod. Its Deployment creates a new one, which mounts **the same claim**, bound to the same volume: \`/data/log\` keeps the first Pod's line and gains a second.

Look at where the new Pod runs. This volume is a directory on one node, so the PV carries **node affinity** for that node, and the scheduler places every Pod that uses it there.`,
      todo: "Delete the writer Pod (`kubectl delete pod -l app=writer`) and watch its replacement start.",
      check: {
        waitingFor: "a new writer Pod running with the same volume",
        begin: (ctx) => {
          ctx.memo.pods = uidsOf(writers(ctx));
          ctx.memo.volume = claim(ctx)?.spec.volumeName ?? "";
        },
        test: (ctx) => {
          const before = memo<string[]>(ctx, "pods", []);
          const fresh = writers(ctx).filter((p) => !before.includes(p.metadata.uid) && isServing(p) && usesClaim(p, "data"));
          const c = claim(ctx);
          return fresh.length > 0 && c?.status?.phase === "Bound" && c.spec.volumeName === memo(ctx, "volume", "") && c.spec.volumeName !== "";
        },
      },
      hints: ["`kubectl get pods -o wide` before and after: same node."],
      showMe: { lines: ["kubectl delete pod -l app=writer"] },
    },
  ],
  quiz: {
    ask(ctx) {
      const right = volumeNode(ctx) ?? writers(ctx)[0]?.spec.nodeName ?? "node-1";
      return {
        question: "On which node does the data volume live?",
        ...choicesWith(
          right,
          workerNodes(ctx).map((n) => n.metadata.name),
        ),
        explanation: `The PV made for the claim has node affinity for ${right} (kubernetes.io/hostname): that is where its directory is, and where every writer Pod runs.`,
      };
    },
  },
};
