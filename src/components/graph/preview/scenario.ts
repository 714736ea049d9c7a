// Preview scripts: the nginx Deployment story on the small cluster (create → schedule → run → restart →
// node dies → pods move), and steady churn with a flood of messages on the big one.
import type { PodView } from "../../../engine/protocol";
import { mkPod, mkService, mkWorkload } from "../model/fixtures";
import type { FakeCluster } from "./fakeCluster";

type Step = [atMs: number, run: (c: FakeCluster) => void];

const NAMES = ["x2kqz", "h7bnm", "9qwrt"];
const pod = (c: FakeCluster, i: number) => c.pod(`nginx-deployment-7c5ddbdf54-${NAMES[i]}`)!;

function setPod(c: FakeCluster, i: number, patch: Partial<PodView>, from: string, verb: string, summary: string, sub?: string) {
  const p = { ...pod(c, i), ...patch };
  c.push([p], [], [c.msg(from, verb, "pods", p.name, summary, sub ? { subresource: sub } : {})]);
}

export const SMALL_STORY: Step[] = [
  [500, (c) => c.push([mkWorkload("Deployment", "nginx-deployment", { ready: "0/3", desired: 3 })], [], [c.msg("kubectl", "create", "deployments", "nginx-deployment", "kubectl creates deployment default/nginx-deployment")])],
  [1200, (c) => c.push([mkWorkload("ReplicaSet", "nginx-deployment-7c5ddbdf54", { ready: "0/3", ownerKind: "Deployment", ownerId: "uid-nginx-deployment" })], [], [c.msg("kube-controller-manager", "create", "replicasets", "nginx-deployment-7c5ddbdf54", "deployment-controller creates replicaset default/nginx-deployment-7c5ddbdf54")])],
  [
    1900,
    (c) =>
      c.push(
        NAMES.map((n, i) => mkPod(`nginx-deployment-7c5ddbdf54-${n}`, { id: `uid-nginx-${i}`, status: "Pending", phase: "Pending", ready: "0/1", createdAt: 100 + i, ownerKind: "ReplicaSet", ownerId: "uid-nginx-deployment-7c5ddbdf54", labels: { app: "nginx" } })),
        [],
        NAMES.map((n) => c.msg("kube-controller-manager", "create", "pods", `nginx-deployment-7c5ddbdf54-${n}`, `replicaset-controller creates pod default/nginx-deployment-7c5ddbdf54-${n}`)),
      ),
  ],
  [3500, (c) => setPod(c, 0, { nodeName: "node-1" }, "kube-scheduler", "create", "kube-scheduler binds default/nginx-deployment-7c5ddbdf54-x2kqz to node-1", "binding")],
  [3700, (c) => setPod(c, 1, { nodeName: "node-2" }, "kube-scheduler", "create", "kube-scheduler binds default/nginx-deployment-7c5ddbdf54-h7bnm to node-2", "binding")],
  [3900, (c) => setPod(c, 2, { nodeName: "node-3" }, "kube-scheduler", "create", "kube-scheduler binds default/nginx-deployment-7c5ddbdf54-9qwrt to node-3", "binding")],
  [5000, (c) => [0, 1, 2].forEach((i) => setPod(c, i, { status: "ContainerCreating" }, `kubelet/node-${i + 1}`, "patch", `kubelet/node-${i + 1} updates status of pod default/${pod(c, i).name}`, "status"))],
  [7000, (c) => [0, 1, 2].forEach((i) => setPod(c, i, { status: "Running", ready: "1/1", podIP: `10.244.${i + 1}.5` }, `kubelet/node-${i + 1}`, "patch", `kubelet/node-${i + 1} updates status of pod default/${pod(c, i).name}`, "status"))],
  [7600, (c) => c.push([mkService("nginx", { readyPodIds: ["uid-nginx-0", "uid-nginx-1", "uid-nginx-2"] })], [], [c.msg("kubectl", "create", "services", "nginx", "kubectl creates service default/nginx")])],
  [9000, (c) => setPod(c, 2, { restarts: 1, status: "Error", ready: "0/1" }, "kubelet/node-3", "patch", "kubelet/node-3 updates status of pod default/nginx-deployment-7c5ddbdf54-9qwrt", "status")],
  [10500, (c) => setPod(c, 2, { status: "Running", ready: "1/1" }, "kubelet/node-3", "patch", "kubelet/node-3 updates status of pod default/nginx-deployment-7c5ddbdf54-9qwrt", "status")],
  [12000, (c) => c.run("sim node kill node-2")],
  [16000, (c) => setPod(c, 1, { status: "Terminating", terminating: true }, "kube-controller-manager", "delete", "taint-eviction-controller deletes pod default/nginx-deployment-7c5ddbdf54-h7bnm")],
  [
    17000,
    (c) =>
      c.push(
        [mkPod("nginx-deployment-7c5ddbdf54-w8zzm", { id: "uid-nginx-3", status: "Pending", phase: "Pending", ready: "0/1", createdAt: 200, ownerKind: "ReplicaSet", ownerId: "uid-nginx-deployment-7c5ddbdf54", labels: { app: "nginx" } })],
        ["uid-nginx-1"],
        [c.msg("kube-controller-manager", "create", "pods", "nginx-deployment-7c5ddbdf54-w8zzm", "replicaset-controller creates pod default/nginx-deployment-7c5ddbdf54-w8zzm")],
      ),
  ],
  [18000, (c) => c.push([{ ...c.pod("nginx-deployment-7c5ddbdf54-w8zzm")!, nodeName: "node-3" }], [], [c.msg("kube-scheduler", "create", "pods", "nginx-deployment-7c5ddbdf54-w8zzm", "kube-scheduler binds default/nginx-deployment-7c5ddbdf54-w8zzm to node-3", { subresource: "binding" })])],
  [19500, (c) => c.push([{ ...c.pod("nginx-deployment-7c5ddbdf54-w8zzm")!, status: "Running", ready: "1/1" }], [], [c.msg("kubelet/node-3", "patch", "pods", "nginx-deployment-7c5ddbdf54-w8zzm", "kubelet/node-3 updates status of pod default/nginx-deployment-7c5ddbdf54-w8zzm", { subresource: "status" })])],
];

/** Deterministic churn: every tick some pods change state and a burst of messages arrives. */
export function churn(c: FakeCluster, tick: number): void {
  const pods = [...c.items.values()].filter((i): i is PodView => i.kind === "Pod");
  const upserts: PodView[] = [];
  for (let k = 0; k < 60; k++) {
    const p = pods[(tick * 977 + k * 131) % pods.length]!;
    const status = p.status === "Running" ? "ContainerCreating" : "Running";
    upserts.push({ ...p, status, ready: status === "Running" ? "1/1" : "0/1" });
  }
  const nodeName = `node-${(tick % 100) + 1}`;
  const msgs = Array.from({ length: 200 }, (_, k) =>
    k % 2 === 0
      ? c.msg(`kubelet/node-${((tick + k) % 100) + 1}`, "patch", "pods", upserts[k % upserts.length]!.name, `kubelet/${nodeName} updates status`, { subresource: "status" })
      : c.msg("kube-controller-manager", "create", "pods", upserts[k % upserts.length]!.name, "replicaset-controller creates pod"),
  );
  c.push(upserts, [], msgs, 340);
}
