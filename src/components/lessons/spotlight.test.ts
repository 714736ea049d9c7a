import { describe, expect, it } from "vitest";
import type { ViewItem } from "../../engine/protocol";
import { resolveSpotlight, spotlightCss } from "./spotlight";

const items = new Map<string, ViewItem>([
  ["kube-scheduler", { kind: "Component", id: "kube-scheduler", name: "kube-scheduler", up: true }],
  ["uid-n2", { kind: "Node", id: "uid-n2", name: "node-2", status: "Ready", roles: "<none>", taints: [], machineUp: true, cpu: "4", memory: "8Gi", podCapacity: 110, podCount: 1 }],
  ["uid-d", { kind: "Deployment", id: "uid-d", namespace: "default", name: "web", ready: "3/3" }],
  ["uid-s", { kind: "Service", id: "uid-s", namespace: "dev", name: "web", type: "ClusterIP", clusterIP: "10.96.1.2", ports: "80/TCP", readyPodIds: [], notReadyPodIds: [] }],
]);

describe("spotlight", () => {
  it("finds components, nodes and objects by the names lessons use", () => {
    expect(resolveSpotlight(items, ["kube-scheduler", "node:node-2", "Deployment/web", "Service/dev/web", "kubectl"])).toEqual(["kube-scheduler", "uid-n2", "uid-d", "uid-s", "actor:kubectl"]);
  });

  it("skips what the cluster does not have (yet)", () => {
    expect(resolveSpotlight(items, ["node:node-9", "Service/web", "etcd"])).toEqual([]);
  });

  it("outlines graph nodes by id and stops the pulse for reduced motion", () => {
    expect(spotlightCss([])).toBe("");
    const css = spotlightCss(['a"b']);
    expect(css).toContain('.react-flow__node[data-id="a\\"b"]');
    expect(css).toContain("prefers-reduced-motion: reduce");
  });
});
