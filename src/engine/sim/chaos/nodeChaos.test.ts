// Node failures other than power-off: partition/heal, graceful shutdown, Node deletion, out-of-service,
// and a whole zone.
import { describe, expect, it } from "vitest";
import type { KubeEvent, Pod } from "../../api/types";
import { isPodReady, lab, webDeployment } from "./testing";

describe("network partition", () => {
  it("keeps the containers running while the API evicts the pods; on heal the kubelet kills them", () => {
    const l = lab();
    webDeployment(l, 3);
    const victim = l.pods()[0]!;
    const node = victim.spec.nodeName!;
    const kubelet = l.c.kubelets.get(node)!;
    expect(l.run(`sim node partition ${node}`)).toBe(`node/${node} partitioned (its kubelet cannot reach the API server; its containers keep running)\n`);
    const renewals = () => l.c.audit.since(0).filter((a) => a.actor === `kubelet/${node}` && a.resource === "leases").length;
    const before = renewals();
    // Past the grace period, the taint and tolerationSeconds (300s): evicted and replaced.
    l.c.advance(7 * 60_000);
    expect(renewals()).toBe(before); // nothing from the node reached the API server
    expect(l.ready(node)).toBe("Unknown");
    const old = l.c.store.get("pods", `pods/default/${victim.metadata.name}`) as Pod;
    expect(old.metadata.deletionTimestamp).toBeDefined();
    expect(l.pods().filter((p) => !p.metadata.deletionTimestamp && isPodReady(p))).toHaveLength(3);
    // ...yet its container still runs on the cut-off machine.
    const w = kubelet.worker("default", victim.metadata.name)!;
    expect(w.containers.every((c) => c.phase === "running")).toBe(true);
    expect(l.run(`sim node heal ${node}`)).toContain("healed");
    l.c.advance(40_000);
    expect(l.c.store.get("pods", `pods/default/${victim.metadata.name}`)).toBeUndefined();
    expect(kubelet.worker("default", victim.metadata.name)).toBeUndefined();
    const killing = l.c.list<KubeEvent>("events").filter((e) => e.reason === "Killing" && e.involvedObject.name === victim.metadata.name);
    expect(killing.length).toBeGreaterThan(0);
    expect(l.ready(node)).toBe("True");
    expect(l.c.internalErrors).toEqual([]);
  });

  it("refuses to partition a control-plane node or a node twice", () => {
    const l = lab();
    expect(l.run("sim node partition control-plane")).toMatch(/^error: node "control-plane" runs the control plane/);
    l.run("sim node partition node-1");
    expect(l.run("sim node partition node-1")).toBe('error: node "node-1" is already partitioned\n');
    expect(l.run("sim node heal node-2")).toBe('error: node "node-2" is not partitioned\n');
  });
});

describe("graceful node shutdown", () => {
  it("marks the node NotReady, terminates its pods (Failed, Terminated) and powers off; replacements come at once", () => {
    const l = lab();
    webDeployment(l, 3);
    const node = l.pods()[0]!.spec.nodeName!;
    const onNode = l.pods().filter((p) => p.spec.nodeName === node).map((p) => p.metadata.name);
    l.run(`sim node shutdown ${node}`);
    const ready = l.node(node).status.conditions!.find((x) => x.type === "Ready")!;
    expect(ready).toMatchObject({ status: "False", reason: "KubeletNotReady", message: "node is shutting down" });
    l.c.advance(5_000);
    for (const name of onNode) {
      const p = l.c.store.get("pods", `pods/default/${name}`) as Pod;
      expect(p.status).toMatchObject({ phase: "Failed", reason: "Terminated", message: "Pod was terminated in response to imminent node shutdown." });
      expect(p.status?.conditions?.find((x) => x.type === "DisruptionTarget")).toMatchObject({ status: "True", reason: "TerminationByKubelet" });
      expect(p.metadata.deletionTimestamp).toBeUndefined();
    }
    // A Failed pod is not active: the ReplicaSet has already replaced it on another node.
    const live = l.pods().filter((p) => p.status?.phase === "Running" && isPodReady(p));
    expect(live).toHaveLength(3);
    expect(live.every((p) => p.spec.nodeName !== node)).toBe(true);
    l.c.advance(30_000);
    expect(l.c.kubelets.get(node)!.alive).toBe(false);
    expect(l.c.internalErrors).toEqual([]);
  });
});

describe("a dead node's StatefulSet pod", () => {
  it("stays Terminating until the node is out of service, then the pod GC lets the StatefulSet recreate it", () => {
    const l = lab();
    l.c.api.create("kubectl", {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "db" },
      spec: {
        serviceName: "db",
        replicas: 2,
        selector: { matchLabels: { app: "db" } },
        template: { metadata: { labels: { app: "db" } }, spec: { containers: [{ name: "db", image: "nginx:1.27" }] } },
      },
    } as never);
    l.c.advance(60_000);
    const p0 = l.c.store.get("pods", "pods/default/db-0") as Pod;
    const node = p0.spec.nodeName!;
    l.run(`sim node kill ${node}`);
    l.c.advance(8 * 60_000);
    const stuck = l.c.store.get("pods", "pods/default/db-0") as Pod;
    expect(stuck.metadata.uid).toBe(p0.metadata.uid);
    expect(stuck.metadata.deletionTimestamp).toBeDefined();
    expect(l.run(`sim node out-of-service ${node}`)).toBe(`node/${node} tainted\n`);
    expect(l.node(node).spec.taints).toContainEqual({ key: "node.kubernetes.io/out-of-service", value: "nodeshutdown", effect: "NoExecute" });
    l.c.advance(30_000);
    const again = l.c.store.get("pods", "pods/default/db-0") as Pod;
    expect(again.metadata.uid).not.toBe(p0.metadata.uid);
    expect(again.spec.nodeName).not.toBe(node);
    expect(l.c.internalErrors).toEqual([]);
  });

  it("is also released when the Node object is deleted (pod GC orphans after 40s)", () => {
    const l = lab();
    webDeployment(l, 1);
    const p = l.pods()[0]!;
    const node = p.spec.nodeName!;
    l.run(`sim node kill ${node}`);
    expect(l.run(`sim node delete ${node}`)).toBe(`node "${node}" deleted\n`);
    l.c.advance(70_000);
    expect(l.c.store.get("pods", `pods/default/${p.metadata.name}`)).toBeUndefined();
    expect(l.pods().filter((x) => x.status?.phase === "Running")).toHaveLength(1);
    expect(l.c.internalErrors).toEqual([]);
  });
});

describe("zones", () => {
  it("kills every worker of a zone and restores them", () => {
    const l = lab({ workers: 6 });
    expect(l.run("sim zone list")).toBe("zone-a: control-plane, node-1, node-4\nzone-b: node-2, node-5\nzone-c: node-3, node-6\n");
    expect(l.run("sim zone kill zone-a")).toBe("node/node-1 killed\nnode/node-4 killed\n");
    expect(l.c.kubelets.get("control-plane")!.alive).toBe(true);
    expect(l.run("sim zone kill zone-x")).toBe('error: no worker nodes in zone "zone-x"\n');
    expect(l.run("sim zone restore zone-a")).toBe("node/node-1 restored\nnode/node-4 restored\n");
  });

  it("kills several nodes in one command", () => {
    const l = lab();
    expect(l.run("sim node kill node-1 node-2")).toContain("node/node-2 killed");
    expect(l.run("sim node kill node-2")).toBe('error: node "node-2" is already down\n');
  });
});
