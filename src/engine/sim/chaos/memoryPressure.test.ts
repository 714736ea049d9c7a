// A node runs out of memory: the kubelet's eviction manager reports MemoryPressure and evicts the pod
// that uses most beyond its request — the memory hog, not the well-behaved pods.
import { describe, expect, it } from "vitest";
import type { KubeEvent, Pod } from "../../api/types";
import { lab, webDeployment } from "./testing";

describe("sim node stress-memory", () => {
  it("evicts the BestEffort hog first (Failed, Evicted, helpers.go's message) and clears the pressure 5m later", () => {
    const l = lab();
    webDeployment(l, 3);
    const node = l.pods()[0]!.spec.nodeName!;
    expect(l.run(`sim node stress-memory ${node}`)).toMatch(new RegExp(`^pod/memory-hog-${node} created on ${node}: it allocates \\d+(Ki|Mi)`));
    l.c.advance(25_000);
    const mp = l.node(node).status.conditions!.find((c) => c.type === "MemoryPressure")!;
    expect(mp).toMatchObject({ status: "True", reason: "KubeletHasInsufficientMemory", message: "kubelet has insufficient memory available" });
    // TaintNodesByCondition: the scheduler keeps new pods away.
    expect(l.node(node).spec.taints).toContainEqual(expect.objectContaining({ key: "node.kubernetes.io/memory-pressure", effect: "NoSchedule" }));
    const hog = l.c.store.get("pods", `pods/default/memory-hog-${node}`) as Pod;
    expect(hog.status?.phase).toBe("Failed");
    expect(hog.status?.reason).toBe("Evicted");
    expect(hog.status?.message).toMatch(/^The node was low on resource: memory\. Threshold quantity: 100Mi, available: \d+(Ki|Mi)\. Container stress was using \d+(Ki|Mi), request is 0, has larger consumption of memory\. $/);
    const events = l.c.list<KubeEvent>("events");
    expect(events.find((e) => e.reason === "Evicted")?.message).toBe(hog.status?.message);
    expect(events.find((e) => e.reason === "EvictionThresholdMet")).toMatchObject({ type: "Warning", message: "Attempting to reclaim memory" });
    // The web pods on the node survived: the hog used far more than its request.
    const web = l.pods().filter((p) => p.metadata.labels?.app === "web");
    expect(web.every((p) => p.status?.phase === "Running")).toBe(true);
    l.c.advance(5 * 60_000 + 20_000);
    expect(l.node(node).status.conditions!.find((c) => c.type === "MemoryPressure")!.status).toBe("False");
    expect(l.c.internalErrors).toEqual([]);
  });

  it("rejects bad sizes and unknown nodes", () => {
    const l = lab();
    expect(l.run("sim node stress-memory node-9")).toBe('error: node "node-9" not found\n');
    expect(l.run("sim node stress-memory node-1 lots")).toBe('error: invalid size "lots": use a quantity such as 7Gi or 500Mi\n');
  });
});
