import { describe, expect, it } from "vitest";
import { SchedulerCache } from "./cache";
import { getZoneKey } from "./nodeTree";
import { makeNode, makePod } from "./testing/wrappers";

const zone = (z: string) => ({ "topology.kubernetes.io/zone": z });

describe("SchedulerCache", () => {
  it("lists nodes interleaved across zones (nodeTree.list)", () => {
    const c = new SchedulerCache();
    c.addNode(makeNode("a1", { labels: zone("a") }));
    c.addNode(makeNode("a2", { labels: zone("a") }));
    c.addNode(makeNode("a3", { labels: zone("a") }));
    c.addNode(makeNode("b1", { labels: zone("b") }));
    c.addNode(makeNode("none"));
    expect(c.list().map((n) => n.name)).toEqual(["a1", "b1", "none", "a2", "a3"]);
    c.removeNode(makeNode("b1", { labels: zone("b") }));
    expect(c.list().map((n) => n.name)).toEqual(["a1", "none", "a2", "a3"]);
  });

  it("computes the zone key from the GA or beta labels", () => {
    expect(getZoneKey(makeNode("n"))).toBe("");
    expect(getZoneKey(makeNode("n", { labels: { "topology.kubernetes.io/region": "r", "topology.kubernetes.io/zone": "z" } }))).toBe("r:\u0000:z");
  });

  it("assumes a pod, then confirms it when the bound pod is observed", () => {
    const c = new SchedulerCache();
    c.addNode(makeNode("n1"));
    const pod = makePod("p", { cpu: "1", memory: "1Gi" });
    expect(c.assumePod(pod, "n1")).toBeNull();
    expect(c.isAssumedPod(pod.metadata.uid)).toBe(true);
    expect(c.get("n1")!.requested.milliCPU).toBe(1000);
    expect(c.assumePod(pod, "n1")).toBe(`pod ${pod.metadata.uid}(default/p) is in the cache, so can't be assumed`);
    expect(c.addPod({ ...pod, spec: { ...pod.spec, nodeName: "n1" } })).toBeNull();
    expect(c.isAssumedPod(pod.metadata.uid)).toBe(false);
    expect(c.get("n1")!.pods.length).toBe(1);
    expect(c.get("n1")!.requested.milliCPU).toBe(1000);
  });

  it("forgets an assumed pod after a failed binding and restores the node's resources", () => {
    const c = new SchedulerCache();
    c.addNode(makeNode("n1"));
    const pod = makePod("p", { cpu: "1" });
    c.assumePod(pod, "n1");
    expect(c.forgetPod({ ...pod, spec: { ...pod.spec, nodeName: "n1" } })).toBeNull();
    expect(c.get("n1")!.requested.milliCPU).toBe(0);
    expect(c.get("n1")!.nonZeroRequested.memory).toBe(0);
    expect(c.forgetPod(pod)).toBe(`pod ${pod.metadata.uid}(default/p) wasn't assumed so cannot be forgotten`);
  });

  it("moves an assumed pod when it was bound to another node", () => {
    const c = new SchedulerCache();
    c.addNode(makeNode("n1"));
    c.addNode(makeNode("n2"));
    const pod = makePod("p", { cpu: "1" });
    c.assumePod(pod, "n1");
    c.addPod({ ...pod, spec: { ...pod.spec, nodeName: "n2" } });
    expect(c.get("n1")!.pods.length).toBe(0);
    expect(c.get("n2")!.pods.length).toBe(1);
  });

  it("keeps a node's pods when the Node goes away first, and drops terminal pods", () => {
    const c = new SchedulerCache();
    const node = makeNode("n1");
    c.addNode(node);
    const pod = makePod("p", { nodeName: "n1", cpu: "500m" });
    c.addPod(pod);
    c.removeNode(node);
    expect(c.numNodes()).toBe(0);
    expect(c.getPodInfo(pod.metadata.uid)).toBeDefined();
    c.addNode(node);
    expect(c.get("n1")!.requested.milliCPU).toBe(500);
    expect(c.updatePod(pod, { ...pod, status: { phase: "Succeeded" } })).toBeNull();
    expect(c.get("n1")!.requested.milliCPU).toBe(0);
    expect(c.addPod(makePod("done", { nodeName: "n1", phase: "Failed" }))).toBeNull();
    expect(c.get("n1")!.pods.length).toBe(0);
  });

  it("tracks nodes with (required anti-)affinity pods incrementally", () => {
    const c = new SchedulerCache();
    c.addNode(makeNode("n1"));
    c.addNode(makeNode("n2"));
    const anti = makePod("anti", {
      nodeName: "n2",
      labels: { app: "x" },
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: { app: "x" } } }] } },
    });
    c.addPod(anti);
    expect(c.havePodsWithRequiredAntiAffinityList().map((n) => n.name)).toEqual(["n2"]);
    expect(c.havePodsWithAffinityList().map((n) => n.name)).toEqual(["n2"]);
    c.removePod(anti);
    expect(c.havePodsWithRequiredAntiAffinityList()).toEqual([]);
  });

  it("shares image states across nodes (ImageStateSummary.NumNodes)", () => {
    const c = new SchedulerCache();
    const images = [{ names: ["nginx:1.27"], sizeBytes: 100 }];
    c.addNode(makeNode("n1", { images }));
    c.addNode(makeNode("n2", { images }));
    expect(c.get("n1")!.imageStates.get("nginx:1.27")!.nodes.size).toBe(2);
    c.removeNode(makeNode("n2", { images }));
    expect(c.get("n1")!.imageStates.get("nginx:1.27")!.nodes.size).toBe(1);
  });

  it("keeps each image's per-node bitmap equal to the nodes' own image maps", () => {
    const c = new SchedulerCache();
    const nginx = [{ names: ["nginx:1.27"], sizeBytes: 100 }];
    for (const n of ["n1", "n2", "n3"]) c.addNode(makeNode(n, { images: n === "n2" ? [] : nginx }));
    c.updateNode(undefined, makeNode("n2", { images: nginx }));
    c.updateNode(undefined, makeNode("n1", { images: [] }));
    c.removeNode(makeNode("n3", { images: nginx }));
    c.addNode(makeNode("n4", { images: nginx })); // may reuse n3's row
    const st = c.imageState("nginx:1.27")!;
    for (const ni of c.list()) expect(st.present[ni.index] === 1).toBe(ni.imageStates.get("nginx:1.27") === st);
    expect([...st.nodes].sort()).toEqual(["n2", "n4"]);
  });

  it("keeps the node order on a status update and moves a node only when its zone changes", () => {
    const c = new SchedulerCache();
    c.addNode(makeNode("a1", { labels: zone("a") }));
    c.addNode(makeNode("b1", { labels: zone("b") }));
    c.addNode(makeNode("a2", { labels: zone("a") }));
    const before = c.list();
    c.updateNode(makeNode("a1", { labels: zone("a") }), makeNode("a1", { labels: zone("a"), cpu: "8" }));
    expect(c.list()).toBe(before);
    expect(c.get("a1")!.allocMilliCPU).toBe(8000);
    c.updateNode(makeNode("a1", { labels: zone("a") }), makeNode("a1", { labels: zone("b") }));
    expect(c.list().map((n) => n.name)).toEqual(["a2", "b1", "a1"]);
  });
});
