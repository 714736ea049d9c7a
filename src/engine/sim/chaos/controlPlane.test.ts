// Control-plane failures: what stops, what keeps running, and the errors kubectl prints.
import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import { lab, webDeployment } from "./testing";
import { ETCD_TIMEOUT, UnknownStatusError } from "./errors";
import { LEADER_ELECTION } from "./controlPlane";

const REFUSED = "The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?\n";

describe("kube-scheduler stopped", () => {
  it("leaves new pods Pending and running pods running; on start the backlog is bound", () => {
    const l = lab();
    webDeployment(l, 2);
    expect(l.run("sim control-plane stop kube-scheduler")).toContain("kube-scheduler stopped");
    // kubeadm's way: the manifest leaves /etc/kubernetes/manifests, the kubelet removes the mirror pod.
    expect(l.c.store.get("pods", "pods/kube-system/kube-scheduler-control-plane")).toBeUndefined();
    l.run("kubectl scale deployment web --replicas=4");
    l.c.advance(60_000);
    const pods = l.pods();
    expect(pods).toHaveLength(4);
    expect(pods.filter((p) => p.status?.phase === "Running")).toHaveLength(2);
    expect(pods.filter((p) => !p.spec.nodeName)).toHaveLength(2);
    expect(l.c.componentStatus().find((x) => x.name === "kube-scheduler")).toMatchObject({ up: false, stopped: true });
    expect(l.run("sim control-plane start kube-scheduler")).toBe("kube-scheduler started\n");
    // A new process acquires the (released) lease within one retry period and binds the backlog.
    l.c.advance(LEADER_ELECTION.retryPeriodMs + 1_000);
    expect(l.pods().every((p) => p.spec.nodeName)).toBe(true);
    expect(l.c.store.get("pods", "pods/kube-system/kube-scheduler-control-plane")).toBeDefined();
    expect(l.c.componentStatus().find((x) => x.name === "kube-scheduler")).toMatchObject({ up: true, leader: "control-plane" });
    expect(l.c.internalErrors).toEqual([]);
  });
});

describe("kube-controller-manager stopped", () => {
  it("stops self-healing and rollouts until it is started again", () => {
    const l = lab();
    webDeployment(l, 2);
    l.run("sim control-plane stop kube-controller-manager");
    const victim = l.pods()[0]!.metadata.name;
    l.run(`kubectl delete pod ${victim} --wait=false`);
    l.run("kubectl scale deployment web --replicas=3");
    l.c.advance(60_000);
    // Nobody replaces the deleted pod nor scales the ReplicaSet.
    expect(l.pods().filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(1);
    l.run("sim control-plane start kube-controller-manager");
    l.c.advance(20_000);
    const live = l.pods().filter((p) => !p.metadata.deletionTimestamp && p.status?.phase === "Running");
    expect(live).toHaveLength(3);
    expect(l.c.internalErrors).toEqual([]);
  });
});

describe("kube-apiserver stopped", () => {
  it("refuses kubectl connections while pods keep running, and nothing goes NotReady after it returns", () => {
    const l = lab();
    webDeployment(l, 3);
    l.run("sim control-plane stop kube-apiserver");
    const r = l.s.run("kubectl get pods");
    // kubectl's dial error (client-go), not a server status.
    expect(r).toEqual({ out: "", err: REFUSED, code: 1 });
    l.c.advance(3 * 60_000);
    for (const k of l.c.kubelets.values()) expect(k.alive).toBe(true);
    // After the renew deadline the leaders gave up their leases.
    expect(l.c.componentStatus().find((x) => x.name === "kube-controller-manager")!.up).toBe(false);
    l.run("sim control-plane start kube-apiserver");
    l.c.advance(90_000);
    // A restarted controller manager gives every node a fresh grace period: no spurious NotReady.
    for (const n of ["control-plane", "node-1", "node-2", "node-3"]) expect(l.ready(n)).toBe("True");
    expect(l.c.list("events").filter((e) => (e as { reason?: string }).reason === "NodeNotReady")).toEqual([]);
    expect(l.pods().filter((p) => p.status?.phase === "Running")).toHaveLength(3);
    expect(l.c.internalErrors).toEqual([]);
  });
});

describe("etcd without quorum", () => {
  it("answers reads with etcdserver: request timed out and creates with a Forbidden from quota admission", () => {
    const l = lab();
    l.run("sim control-plane stop etcd");
    let err: unknown;
    try {
      l.c.api.list("kubectl", l.c.api.typeOf({ apiVersion: "v1", kind: "Pod" } as Pod), "default");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnknownStatusError);
    expect((err as ApiError).code).toBe(500);
    expect((err as ApiError).toKubectl()).toBe(`Error from server: ${ETCD_TIMEOUT}`);
    // admission.NewForbidden around the ResourceQuota plugin's failed live lookup.
    // kubectl create deployment wraps it as "failed to create deployment: %v" (create_deployment.go).
    expect(l.s.run("kubectl create deployment nginx-02 --image=nginx").err).toBe(`error: failed to create deployment: deployments.apps "nginx-02" is forbidden: ${ETCD_TIMEOUT}\n`);
    expect(l.c.componentStatus().find((x) => x.name === "etcd")).toMatchObject({ up: false, message: "no quorum: 0/1 members running, 1 needed" });
    l.run("sim control-plane start etcd");
    expect(l.s.run("kubectl get pods").code).toBe(0);
    expect(l.c.internalErrors).toEqual([]);
  });

  it("keeps answering with one of three members down and fails with two (HA control plane)", () => {
    const l = lab({ controlPlanes: 3 });
    expect(l.c.controlPlane.etcd.members.map((m) => m.name)).toEqual(["control-plane", "control-plane2", "control-plane3"]);
    webDeployment(l, 2);
    l.run("sim etcd member stop control-plane3");
    expect(l.s.run("kubectl scale deployment web --replicas=3").code).toBe(0);
    l.c.advance(20_000);
    expect(l.pods().filter((p) => p.status?.phase === "Running")).toHaveLength(3);
    const out = l.run("sim etcd member stop control-plane2");
    expect(out).toContain("quorum: 1/3 members running, 2 needed");
    expect(l.s.run("kubectl scale deployment web --replicas=4").code).toBe(1);
    l.c.advance(60_000);
    // The pods keep running: the data plane does not need etcd.
    expect(l.pods().filter((p) => p.status?.phase === "Running")).toHaveLength(3);
    l.run("sim etcd member start control-plane2");
    expect(l.s.run("kubectl scale deployment web --replicas=4").code).toBe(0);
    l.c.advance(30_000);
    expect(l.pods().filter((p) => p.status?.phase === "Running")).toHaveLength(4);
    expect(l.c.internalErrors).toEqual([]);
  });
});

describe("control-plane nodes", () => {
  it("with one control-plane node, killing it takes the API down; restoring it brings it back", () => {
    const l = lab();
    webDeployment(l, 2);
    l.run("sim node kill control-plane");
    expect(l.s.run("kubectl get pods").err).toBe(REFUSED);
    l.c.advance(120_000);
    expect(l.pods().filter((p) => p.status?.phase === "Running")).toHaveLength(2);
    l.run("sim node restore control-plane");
    l.c.advance(30_000);
    expect(l.s.run("kubectl get nodes").code).toBe(0);
    for (const n of ["node-1", "node-2", "node-3"]) expect(l.ready(n)).toBe("True");
    expect(l.c.internalErrors).toEqual([]);
  });

  it("with three, the leaders fail over when their node dies, once the lease expires", () => {
    const l = lab({ controlPlanes: 3 });
    webDeployment(l, 2);
    l.run("sim node kill control-plane");
    // The API servers on control-plane2/3 still answer (kubectl goes through the control-plane endpoint).
    expect(l.s.run("kubectl get pods").code).toBe(0);
    l.run("kubectl scale deployment web --replicas=3");
    // kube-controller-manager's leader died with the node: no ReplicaSet sync until its lease expires.
    l.c.advance(LEADER_ELECTION.leaseDurationMs - 1_000);
    expect(l.pods()).toHaveLength(2);
    expect(l.c.componentStatus().find((x) => x.name === "kube-controller-manager")!.up).toBe(false);
    l.c.advance(5_000);
    expect(l.pods()).toHaveLength(3);
    expect(l.pods().every((p) => p.spec.nodeName)).toBe(true);
    for (const name of ["kube-scheduler", "kube-controller-manager"] as const) {
      expect(l.c.componentStatus().find((x) => x.name === name)).toMatchObject({ up: true, leader: "control-plane2" });
    }
    expect(l.c.internalErrors).toEqual([]);
  });
});

describe("sim control-plane verbs", () => {
  it("prints the components and rejects bad input", () => {
    const l = lab();
    expect(l.run("sim control-plane status")).toBe(
      "COMPONENT                 STATUS   DETAIL\n" +
        "kube-apiserver            Up       serving\n" +
        "etcd                      Up       1/1 members running\n" +
        "kube-scheduler            Up       leader on control-plane\n" +
        "kube-controller-manager   Up       leader on control-plane\n",
    );
    expect(l.run("sim control-plane stop kube-proxy")).toBe("error: unknown component \"kube-proxy\": use kube-apiserver, etcd, kube-scheduler, kube-controller-manager\n");
    expect(l.run("sim control-plane start kube-scheduler")).toBe("error: kube-scheduler is already running\n");
    l.run("sim control-plane stop kube-scheduler");
    expect(l.run("sim control-plane stop kube-scheduler")).toBe("error: kube-scheduler is already stopped\n");
    expect(l.run("sim etcd member stop nope")).toBe("error: etcd member \"nope\" not found (members: control-plane)\n");
  });
});
