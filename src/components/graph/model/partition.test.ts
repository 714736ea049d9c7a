import { describe, it, expect } from "vitest";
import { partition } from "./partition";
import { mkComponent, mkNode, mkPod, mkService, mkWorkload, toMap } from "./fixtures";

describe("partition", () => {
  const base = [
    mkComponent("kube-apiserver"),
    mkNode("node-10"),
    mkNode("node-2"),
    mkNode("control-plane"),
    mkPod("b", { nodeName: "node-2", createdAt: 20 }),
    mkPod("a", { nodeName: "node-2", createdAt: 10 }),
    mkPod("p", { status: "Pending", createdAt: 5 }),
    mkPod("lost", { nodeName: "gone", createdAt: 1 }),
    mkWorkload("ReplicaSet", "web-1"),
    mkWorkload("Deployment", "web"),
    mkService("web"),
  ];

  it("orders nodes by name naturally and pods by creation time", () => {
    const p = partition(toMap(base));
    expect(p.nodes.map((n) => n.name)).toEqual(["control-plane", "node-2", "node-10"]);
    expect(p.podsByNode.get("node-2")!.map((x) => x.name)).toEqual(["a", "b"]);
    expect(p.podsByNode.get("node-10")).toEqual([]);
    expect(p.podCount).toBe(4);
  });

  it("puts unbound pods, and pods bound to an unknown node, in the pending area", () => {
    const p = partition(toMap(base));
    expect(p.pending.map((x) => x.name)).toEqual(["lost", "p"]);
    expect([...p.pods()].map((x) => x.name)).toEqual(["lost", "p", "a", "b"]);
  });

  it("lists Deployments before the ReplicaSets they own", () => {
    const p = partition(toMap(base));
    expect(p.workloads.map((w) => w.kind)).toEqual(["Deployment", "ReplicaSet"]);
  });

  it("keeps the identity of a node's pod list when a pod elsewhere changes", () => {
    const first = partition(toMap(base));
    const changed = toMap(base);
    changed.set("uid-p", mkPod("p", { status: "Pending", createdAt: 5, restarts: 1 }));
    const second = partition(changed, first);
    expect(second.podsByNode.get("node-2")).toBe(first.podsByNode.get("node-2"));
    expect(second.nodes).toBe(first.nodes);
    expect(second.pending).not.toBe(first.pending);
  });

  it("keeps a node's object when only its pod count changed (the box counts pods itself)", () => {
    const first = partition(toMap(base));
    const recount = toMap(base);
    recount.set("uid-node-2", mkNode("node-2", { podCount: 7 }));
    expect(partition(recount, first).nodes).toBe(first.nodes);
    recount.set("uid-node-2", mkNode("node-2", { status: "NotReady" }));
    expect(partition(recount, first).nodes.find((n) => n.name === "node-2")!.status).toBe("NotReady");
  });
});
