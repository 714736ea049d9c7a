// Lesson 11: StatefulSets, on the docs' "StatefulSet basics" example: Pods named web-0, web-1, web-2,
// started in order (OrderedReady), that keep their name when replaced, and (with volumeClaimTemplates)
// one PersistentVolumeClaim each that follows the name.
import type { KubeObject, Pod } from "../../engine/api/types";
import type { PersistentVolumeClaim } from "../../engine/controllers/volume/types";
import { choicesWith, isServing, isTerminating, memo } from "../checks";
import { file } from "../manifests";
import type { CheckContext, Lesson } from "../types";

function statefulSet(storage: boolean): string {
  const mounts = storage
    ? `        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
`
    : "";
  const templates = storage
    ? `  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
`
    : "";
  return `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports:
        - containerPort: 80
          name: web
${mounts}${templates}`;
}

const WEB = statefulSet(false);
const WEB_STORAGE = statefulSet(true);

interface StatefulSet extends KubeObject {
  spec: { replicas?: number; volumeClaimTemplates?: unknown[] };
  status?: { readyReplicas?: number; replicas?: number; observedGeneration?: number };
}

function sts(ctx: CheckContext): StatefulSet | undefined {
  return ctx.get<StatefulSet>("statefulsets", "default", "web");
}

function ordinalPod(ctx: CheckContext, i: number): Pod | undefined {
  const p = ctx.get<Pod>("pods", "default", `web-${i}`);
  return p && !isTerminating(p) ? p : undefined;
}

/** web-0 … web-(n-1) all run and are ready, and the StatefulSet says so. */
function allReady(ctx: CheckContext): boolean {
  const s = sts(ctx);
  const n = s?.spec.replicas ?? 1;
  if (!s || (s.status?.readyReplicas ?? 0) !== n) return false;
  for (let i = 0; i < n; i++) {
    const p = ordinalPod(ctx, i);
    if (!p || !isServing(p)) return false;
  }
  return true;
}

function readyOrdinals(ctx: CheckContext): string {
  const ready: string[] = [];
  for (let i = 0; i < 3; i++) {
    const p = ordinalPod(ctx, i);
    if (p && isServing(p)) ready.push(`web-${i}`);
  }
  return ready.length === 0 ? "no Pod ready yet" : `ready: ${ready.join(", ")}`;
}

function claimOf(p: Pod | undefined): string | undefined {
  for (const v of p?.spec.volumes ?? []) {
    const name = (v as { persistentVolumeClaim?: { claimName?: string } }).persistentVolumeClaim?.claimName;
    if (name) return name;
  }
  return undefined;
}

function pvc(ctx: CheckContext, name: string): PersistentVolumeClaim | undefined {
  return ctx.get<PersistentVolumeClaim>("persistentvolumeclaims", "default", name);
}

export const statefulSets: Lesson = {
  id: "statefulsets",
  number: 11,
  title: "StatefulSets",
  goal: "See what a StatefulSet guarantees that a Deployment does not: stable names, ordered start, storage per Pod.",
  minutes: 12,
  prerequisites: ["self-healing", "storage"],
  start: { seed: 11, nodes: 3, setup: [], files: [file("web.yaml", WEB), file("web-storage.yaml", WEB_STORAGE)], speed: 0.5 },
  steps: [
    {
      title: "Ordered start",
      text: `A Deployment's Pods are interchangeable: random names, started all at once. Databases and other clustered software need more: each member must keep its identity.

A **StatefulSet** names its Pods \`web-0\`, \`web-1\`, \`web-2\` and, by default (\`podManagementPolicy: OrderedReady\`), creates them **one at a time**: \`web-1\` only once \`web-0\` is Running and Ready. The **headless Service** \`nginx\` (\`clusterIP: None\`) gives each one a DNS name: \`web-0.nginx.default.svc.cluster.local\`.`,
      todo: "Apply `web.yaml` and watch the Pods appear in order (the clock runs at half speed).",
      check: { waitingFor: "web-0, web-1 and web-2 to be ready", test: allReady, progress: readyOrdinals },
      hints: ["Apply in the editor, or `kubectl apply -f web.yaml`.", "`kubectl get pods -l app=nginx` a few times: web-1 appears only after web-0 is ready."],
      showMe: { files: [file("web.yaml", WEB)], lines: ["kubectl apply -f web.yaml"] },
      speed: 0.5,
    },
    {
      title: "A stable name",
      text: `Delete \`web-1\`. A Deployment would make a Pod with a new random name; the StatefulSet controller makes a new \`web-1\`. Same name, same DNS name, same place in the set: only the Pod's UID and IP are new.`,
      todo: "`kubectl delete pod web-1`, then `kubectl get pods`.",
      check: {
        waitingFor: "web-1 to be replaced by a new web-1",
        begin: (ctx) => {
          ctx.memo.uid = ordinalPod(ctx, 1)?.metadata.uid ?? "";
        },
        test: (ctx) => {
          const p = ordinalPod(ctx, 1);
          return p !== undefined && p.metadata.uid !== memo(ctx, "uid", "") && isServing(p) && allReady(ctx);
        },
        progress: readyOrdinals,
      },
      hints: ["`kubectl get pod web-1 -o wide` before and after: same name, new IP."],
      showMe: { lines: ["kubectl delete pod web-1"] },
      speed: 1,
    },
    {
      title: "Storage per Pod",
      text: `\`volumeClaimTemplates\` gives each Pod its own PersistentVolumeClaim, named \`<template>-<pod>\`: \`www-web-0\`, \`www-web-1\`, \`www-web-2\`.

A StatefulSet's templates cannot be changed once it exists, so replace it: delete it (its Pods go with it), then apply \`web-storage.yaml\`.`,
      todo: "`kubectl delete statefulset web`, then apply `web-storage.yaml`; `kubectl get pvc` lists one claim per Pod.",
      check: {
        waitingFor: "web-0, web-1 and web-2 to be ready, each with its own Bound claim",
        test: (ctx) => {
          const s = sts(ctx);
          if (!s || (s.spec.volumeClaimTemplates ?? []).length === 0 || !allReady(ctx)) return false;
          for (let i = 0; i < 3; i++) {
            const c = claimOf(ordinalPod(ctx, i));
            if (c !== `www-web-${i}` || pvc(ctx, c)?.status?.phase !== "Bound") return false;
          }
          return true;
        },
        progress: readyOrdinals,
      },
      hints: ["`kubectl delete statefulset web` then `kubectl apply -f web-storage.yaml`.", "The new web-0 waits until the old web-0 is completely gone: names are unique."],
      showMe: { files: [file("web-storage.yaml", WEB_STORAGE)], lines: ["kubectl delete statefulset web", "kubectl apply -f web-storage.yaml"] },
      settleMs: 5 * 60_000,
    },
    {
      title: "Storage follows the name",
      text: `Delete \`web-0\`. Its claim is not deleted with it (\`persistentVolumeClaimRetentionPolicy\` keeps claims by default), and the new \`web-0\` mounts \`www-web-0\` again: the same volume, the same data.`,
      todo: "`kubectl delete pod web-0` and check that the new web-0 uses the same claim (`kubectl get pvc`).",
      check: {
        waitingFor: "a new web-0 running with the claim www-web-0 it had before",
        begin: (ctx) => {
          ctx.memo.uid = ordinalPod(ctx, 0)?.metadata.uid ?? "";
          ctx.memo.claim = pvc(ctx, "www-web-0")?.metadata.uid ?? "";
        },
        test: (ctx) => {
          const p = ordinalPod(ctx, 0);
          const c = pvc(ctx, "www-web-0");
          return p !== undefined && p.metadata.uid !== memo(ctx, "uid", "") && isServing(p) && claimOf(p) === "www-web-0" && c?.metadata.uid === memo(ctx, "claim", "") && c.metadata.uid !== "";
        },
        progress: readyOrdinals,
      },
      hints: ["`kubectl get pvc` shows the same AGE for www-web-0 before and after: it was never recreated."],
      showMe: { lines: ["kubectl delete pod web-0"] },
    },
  ],
  quiz: {
    ask(ctx) {
      const right = claimOf(ordinalPod(ctx, 2)) ?? "www-web-2";
      return {
        question: "Which PersistentVolumeClaim does web-2 mount?",
        ...choicesWith(right, ["www", "www-web-0", "www-web-1", "www-web-2"]),
        explanation: `Claims from volumeClaimTemplates are named <template>-<pod>: ${right}. A replacement web-2 mounts it again.`,
      };
    },
  },
};
