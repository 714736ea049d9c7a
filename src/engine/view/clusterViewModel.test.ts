import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ApiClient } from "../client/apiClient";
import { EventRecorder } from "../client/eventRecorder";
import { Cluster } from "../sim/cluster";
import { defaultClusterConfig } from "../sim/clusterConfig";
import { Session } from "../sim/session";
import { MAX_ITEMS_PER_BATCH, MAX_MESSAGES_PER_BATCH, type Batch, type ClockState, type NodeView, type PodView, type ServiceView, type ViewItem } from "../protocol";
import { ClusterViewModel } from "./clusterViewModel";

const NGINX = readFileSync(join(import.meta.dirname, "../scenarios/fixtures/nginx-deployment.yaml"), "utf8");
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  selector:
    app.kubernetes.io/name: nginx
  ports:
  - port: 80
    targetPort: 80
`;

function setup(workers = 3) {
  const cluster = new Cluster(defaultClusterConfig({ seed: 1, workers, strict: true }));
  const files = new Map<string, string>([["nginx.yaml", NGINX], ["svc.yaml", SERVICE]]);
  const session = new Session(cluster, { readFile: (p) => files.get(p), readDir: () => undefined });
  const vm = new ClusterViewModel(cluster);
  const clock = (): ClockState => ({ now: cluster.now(), wallTime: "", paused: false, speed: 1 });
  const mirror = new Map<string, ViewItem>();
  for (const it of vm.snapshot(clock()).items) mirror.set(it.id, it);
  const batches: Batch[] = [];
  /** Flushes after every `step` ms (as the worker does every frame) and mirrors the batches. */
  const advance = (ms: number, step = 500) => {
    for (let t = 0; t < ms; t += step) {
      cluster.advance(Math.min(step, ms - t));
      const b = vm.flush(clock());
      if (!b) continue;
      batches.push(b);
      for (const id of b.removals) mirror.delete(id);
      for (const it of b.upserts) mirror.set(it.id, it);
    }
  };
  return { cluster, session, vm, clock, mirror, batches, advance };
}

/** `kubectl get <what>` parsed into rows of cells keyed by header. */
function table(session: Session, line: string): Record<string, string>[] {
  const { out } = session.run(line);
  const [header, ...rows] = out.trimEnd().split("\n");
  const starts: number[] = [];
  const names: string[] = [];
  for (const m of header!.matchAll(/\S+/g)) {
    starts.push(m.index!);
    names.push(m[0]);
  }
  return rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r.slice(starts[i], starts[i + 1]).trim()])));
}

const pods = (m: Map<string, ViewItem>) => [...m.values()].filter((i): i is PodView => i.kind === "Pod");
const nodes = (m: Map<string, ViewItem>) => [...m.values()].filter((i): i is NodeView => i.kind === "Node");

describe("ClusterViewModel", () => {
  it("starts with the control plane, the nodes as kubectl get nodes prints them, and the system pods", () => {
    const { vm, clock, session } = setup();
    const snap = vm.snapshot(clock());
    const comps = snap.items.filter((i) => i.kind === "Component").map((c) => c.id);
    expect(comps).toEqual(["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"]);
    const kcm = snap.items.find((i) => i.id === "kube-controller-manager");
    expect(kcm?.kind === "Component" && kcm.controllers).toContain("replicaset-controller");
    const printed = table(session, "kubectl get nodes");
    const drawn = snap.items.filter((i): i is NodeView => i.kind === "Node");
    expect(drawn.map((n) => [n.name, n.status, n.roles])).toEqual(printed.map((r) => [r.NAME, r.STATUS, r.ROLES]));
    expect(drawn.every((n) => n.machineUp)).toBe(true);
    // kubeadm taints the control-plane node; workers carry their zone label.
    expect(drawn[0]!.taints).toEqual(["node-role.kubernetes.io/control-plane:NoSchedule"]);
    expect(drawn.find((n) => n.name === "node-2")?.zone).toBe("zone-b");
    const systemPods = snap.items.filter((i): i is PodView => i.kind === "Pod");
    const onCp = systemPods.filter((p) => p.nodeName === "control-plane").length;
    expect(drawn[0]!.podCount).toBe(onCp);
  });

  it("follows a Deployment to Running pods with kubectl's READY and STATUS, and animates the scheduler's binds", () => {
    const { session, mirror, batches, advance } = setup();
    expect(session.run("kubectl apply -f nginx.yaml").code).toBe(0);
    advance(1000, 1);
    const early = pods(mirror).filter((p) => p.namespace === "default");
    expect(early).toHaveLength(3);
    advance(60_000);
    const printed = table(session, "kubectl get pods");
    const drawn = pods(mirror).filter((p) => p.namespace === "default").sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(drawn.map((p) => [p.name, p.ready, p.status])).toEqual(printed.map((r) => [r.NAME, r.READY, r.STATUS]));
    expect(drawn.every((p) => p.status === "Running" && p.nodeName && p.podIP && p.ownerKind === "ReplicaSet")).toBe(true);
    const rs = [...mirror.values()].find((i) => i.kind === "ReplicaSet" && i.namespace === "default");
    expect(rs?.id).toBe(drawn[0]!.ownerId);
    const deploy = [...mirror.values()].find((i) => i.kind === "Deployment" && i.name === "nginx-deployment");
    expect(deploy && "ready" in deploy && deploy.ready).toBe(table(session, "kubectl get deploy")[0]!.READY);

    const messages = batches.flatMap((b) => b.messages);
    const binds = messages.filter((m) => m.subresource === "binding" && m.namespace === "default");
    expect(binds).toHaveLength(3);
    for (const b of binds) {
      const pod = drawn.find((p) => p.name === b.name)!;
      expect(b.summary).toBe(`kube-scheduler binds default/${pod.name} to ${pod.nodeName}`);
      expect(b.from).toBe("kube-scheduler");
    }
    const created = messages.find((m) => m.verb === "create" && m.resource === "pods" && m.namespace === "default");
    expect(created?.actor).toBe("replicaset-controller");
    expect(created?.from).toBe("kube-controller-manager");
    const status = messages.find((m) => m.subresource === "status" && m.resource === "pods" && m.name === drawn[0]!.name);
    expect(status?.summary).toBe(`kubelet/${drawn[0]!.nodeName} updates status of pod default/${drawn[0]!.name}`);
    // Messages are in audit order.
    for (let i = 1; i < messages.length; i++) expect(messages[i]!.seq).toBeGreaterThan(messages[i - 1]!.seq);

    // Node pod counts follow binds.
    const perNode = new Map<string, number>();
    for (const p of pods(mirror)) if (p.nodeName) perNode.set(p.nodeName, (perNode.get(p.nodeName) ?? 0) + 1);
    for (const n of nodes(mirror)) expect(n.podCount).toBe(perNode.get(n.name) ?? 0);
  });

  it("links a Service to its ready endpoint pods and prints PORT(S) as kubectl does", () => {
    const { session, mirror, advance } = setup();
    session.run("kubectl apply -f nginx.yaml");
    session.run("kubectl apply -f svc.yaml");
    advance(60_000);
    const svc = [...mirror.values()].find((i): i is ServiceView => i.kind === "Service" && i.name === "nginx")!;
    const printed = table(session, "kubectl get svc nginx")[0]!;
    expect([svc.type, svc.clusterIP, svc.ports]).toEqual([printed.TYPE, printed["CLUSTER-IP"], printed["PORT(S)"]]);
    const podIds = pods(mirror).filter((p) => p.namespace === "default").map((p) => p.id).sort();
    expect(svc.readyPodIds).toEqual(podIds);
    expect(svc.notReadyPodIds).toEqual([]);
  });

  it("shows a killed machine at once, then NotReady with the unreachable taint", () => {
    const { cluster, vm, clock, mirror, advance } = setup();
    advance(1000);
    cluster.killNode("node-2");
    const b = vm.flush(clock())!;
    const node2 = b.upserts.find((i): i is NodeView => i.kind === "Node" && i.name === "node-2");
    expect(node2?.machineUp).toBe(false);
    expect(node2?.status).toBe("Ready");
    // node-monitor-grace-period is 50 s (KUBERNETES-FACTS); the taint follows right after.
    advance(60_000);
    const later = nodes(mirror).find((n) => n.name === "node-2")!;
    expect(later.status).toBe("NotReady");
    expect(later.taints).toContain("node.kubernetes.io/unreachable:NoExecute");
  });

  it("spreads a burst of changes over several batches, oldest first, until the mirror is exact", () => {
    const { session, vm, clock, mirror, advance, cluster } = setup();
    advance(1000);
    session.run(`kubectl create deployment burst --image=nginx --replicas=${MAX_ITEMS_PER_BATCH + 40}`);
    cluster.advance(5_000);
    const first = vm.flush(clock())!;
    expect(first.upserts.length + first.removals.length).toBe(MAX_ITEMS_PER_BATCH);
    for (const id of first.removals) mirror.delete(id);
    for (const it of first.upserts) mirror.set(it.id, it);
    const second = vm.flush(clock())!;
    expect(second.seq).toBe(first.seq + 1);
    expect(second.upserts.length + second.removals.length).toBeGreaterThan(0);
    expect(second.upserts.length + second.removals.length).toBeLessThanOrEqual(MAX_ITEMS_PER_BATCH);
    for (const id of second.removals) mirror.delete(id);
    for (const it of second.upserts) mirror.set(it.id, it);
    advance(1000);
    // Nothing was lost: the mirror equals a fresh snapshot.
    const snap = new Map(vm.snapshot(clock()).items.map((i) => [i.id, i]));
    expect([...mirror.keys()].sort()).toEqual([...snap.keys()].sort());
    for (const [id, it] of snap) expect(mirror.get(id)).toEqual(it);
  });

  it("sends nothing when nothing changed and one upsert for one changed pod", () => {
    const { session, vm, clock, advance } = setup();
    session.run("kubectl apply -f nginx.yaml");
    advance(60_000);
    vm.flush(clock());
    expect(vm.flush(clock())).toBeUndefined();
    expect(vm.flush(clock(), true)?.upserts).toEqual([]);
    const name = session.run("kubectl get pods -o name").out.split("\n")[0]!.slice("pod/".length);
    session.run(`kubectl label pod ${name} tier=web`);
    const b = vm.flush(clock())!;
    expect(b.upserts.map((i) => i.name)).toEqual([name]);
    expect((b.upserts[0] as PodView).labels.tier).toBe("web");
  });

  it("removes deleted objects and keeps seq contiguous", () => {
    const { session, mirror, batches, advance } = setup();
    session.run("kubectl apply -f nginx.yaml");
    advance(60_000);
    session.run("kubectl delete deployment nginx-deployment");
    advance(120_000);
    expect(pods(mirror).filter((p) => p.namespace === "default")).toEqual([]);
    expect([...mirror.values()].some((i) => i.kind === "ReplicaSet" && i.namespace === "default")).toBe(false);
    batches.forEach((b, i) => i > 0 && expect(b.seq).toBe(batches[i - 1]!.seq + 1));
  });

  it("caps messages per batch and counts the rest", () => {
    const { cluster, vm, clock } = setup();
    vm.flush(clock());
    const c = new ApiClient(cluster.api, "kubectl");
    for (let i = 0; i < MAX_MESSAGES_PER_BATCH + 50; i++) {
      try {
        c.get("ConfigMap", "default", `missing-${i}`);
      } catch {
        // 404s are requests too
      }
    }
    const b = vm.flush(clock())!;
    expect(b.messages).toHaveLength(MAX_MESSAGES_PER_BATCH);
    expect(b.droppedMessages).toBe(50);
    expect(b.messages[0]!.summary).toBe("kubectl reads configmap default/missing-0 (refused: 404 NotFound)");
  });

  it("sends Events as kubectl get events rows and replaces an aggregated one", () => {
    const { cluster, session, vm, clock } = setup();
    vm.flush(clock());
    const rec = new EventRecorder(new ApiClient(cluster.api, "tester"), cluster.clock, { component: "tester", host: "node-1" });
    const ns = cluster.store.get("namespaces", "namespaces/default")!;
    rec.event(ns, "Warning", "Testing", "first");
    const first = vm.flush(clock())!.events;
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ type: "Warning", reason: "Testing", object: "namespace/default", message: "first", count: 1, source: "tester, node-1" });
    cluster.advance(5000);
    rec.event(ns, "Warning", "Testing", "first");
    const second = vm.flush(clock())!.events;
    expect(second).toHaveLength(1);
    expect(second[0]!.id).toBe(first[0]!.id);
    expect(second[0]!.count).toBe(2);
    expect(second[0]!.t).toBe(cluster.now() - (cluster.now() % 1000));
    const row = table(session, "kubectl get events --field-selector reason=Testing")[0];
    expect(row?.OBJECT).toBe("namespace/default");
  });

  it("ignores the page's own reads", () => {
    const cluster = new Cluster(defaultClusterConfig({ seed: 1, workers: 1 }));
    const vm = new ClusterViewModel(cluster, { ignoreActors: ["kubelab-inspector"] });
    const clock: ClockState = { now: 0, wallTime: "", paused: true, speed: 1 };
    vm.flush(clock);
    new ApiClient(cluster.api, "kubelab-inspector").get("Namespace", undefined, "default");
    expect(vm.flush(clock)).toBeUndefined();
  });
});
