import { describe, expect, it } from "vitest";
import { newKernel } from "../testing/kernel";
import type { KubeObject } from "../api/types";
import { Informer } from "./informer";

const pod = (name: string, nodeName?: string) =>
  ({ apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { containers: [{ name: "c", image: "x" }], ...(nodeName ? { nodeName } : {}) } }) as unknown as KubeObject;

describe("Informer (SharedIndexInformer)", () => {
  it("lists, then follows the watch after the delivery latency, calling handlers in order", () => {
    const k = newKernel();
    k.api.create("kubectl", pod("before"));
    const inf = new Informer("pods", k.store, k.hub, k.events, { latencyMs: 3 });
    const log: string[] = [];
    inf.addEventHandler({ add: (o) => log.push(`add ${o.metadata.name}`), update: (_a, b) => log.push(`update ${b.metadata.name}`), delete: (o) => log.push(`delete ${o.metadata.name}`) });
    inf.start();
    expect(log).toEqual(["add before"]);
    k.api.create("kubectl", pod("after"));
    expect(inf.get("default/after")).toBeUndefined(); // not delivered yet
    k.advance(3);
    expect(inf.get("default/after")?.metadata.name).toBe("after");
    k.api.delete("kubectl", k.api.typeOf(pod("x")), "default", "before");
    k.advance(3);
    expect(log).toEqual(["add before", "add after", "delete before"]);
  });

  it("indexes objects and keeps the index current", () => {
    const k = newKernel();
    const inf = new Informer("pods", k.store, k.hub, k.events);
    inf.addIndexer("node", (p) => [(p.spec?.nodeName as string) ?? ""]);
    inf.start();
    k.api.create("kubectl", pod("a"));
    k.advance(5);
    k.api.bind("kube-scheduler", "default", "a", "node-1");
    k.advance(5);
    expect(inf.byIndex("node", "node-1").map((p) => p.metadata.name)).toEqual(["a"]);
    expect(inf.byIndex("node", "")).toEqual([]);
  });

  it("a node-filtered informer (the kubelet's) sees only its node's pods", () => {
    const k = newKernel();
    const inf = new Informer("pods", k.store, k.hub, k.events, { nodeName: "node-2" });
    inf.start();
    k.api.create("kubectl", pod("mine", "node-2"));
    k.api.create("kubectl", pod("theirs", "node-1"));
    k.advance(5);
    expect(inf.list().map((p) => p.metadata.name)).toEqual(["mine"]);
  });
});
