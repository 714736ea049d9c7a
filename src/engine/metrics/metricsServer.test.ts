// metrics-server's sampling: a rate needs two scrapes 15 s apart (--metric-resolution), pods on an
// unreachable node drop out, and CPU follows the usage model (baseline + requests × CPU per request,
// throttled at limits.cpu).
import { describe, expect, it } from "vitest";
import type { KubeObject, Pod } from "../api/types";
import { Store } from "../apiserver/store";
import { WatchHub } from "../apiserver/watch";
import { SharedInformers } from "../client/sharedInformers";
import { SimClock } from "../sim/clock";
import { EventQueue } from "../sim/eventQueue";
import { METRIC_RESOLUTION_MS, MetricsServer } from "./metricsServer";
import { capacityRps, containerCpuMilli, cpuMsPerRequest, serverLatencyMs } from "./usageModel";

const Mi = 1024 * 1024;

function pod(name: string, node: string, limit?: string): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: `uid-${name}`, resourceVersion: "1", creationTimestamp: "2025-01-01T00:00:00Z" },
    spec: { nodeName: node, containers: [{ name: "php", image: "registry.k8s.io/hpa-example", ...(limit ? { resources: { limits: { cpu: limit } } } : {}) }] },
    status: { phase: "Running", containerStatuses: [{ name: "php", state: { running: {} }, ready: true, restartCount: 0, image: "", imageID: "", lastState: {} }] },
  } as unknown as Pod;
}

function node(name: string): KubeObject {
  return { apiVersion: "v1", kind: "Node", metadata: { name, uid: name, resourceVersion: "1", creationTimestamp: "2025-01-01T00:00:00Z" }, status: { allocatable: { cpu: "4", memory: "8Gi" } } } as unknown as KubeObject;
}

function setup() {
  const clock = new SimClock();
  const events = new EventQueue(clock);
  const store = new Store();
  const informers = new SharedInformers(store, new WatchHub(store), events, 1);
  const served = new Map<string, number>();
  const up = new Set(["node-1"]);
  const ms = new MetricsServer({
    informers,
    events,
    usage: { usage: (p) => p.spec.containers.map((c) => ({ name: c.name, usage: { cpuMilli: 1, memoryBytes: 10 * Mi } })), servingContainer: () => ({ name: "php", server: "apache2" }) },
    load: { requestsPerSecond: () => 0, servedTotal: (uid) => served.get(uid) ?? 0 },
    nodeUp: (n) => up.has(n),
  });
  store.put("nodes", "nodes/node-1", node("node-1"));
  store.put("pods", "pods/default/a", pod("a", "node-1", "500m"));
  store.put("pods", "pods/default/b", pod("b", "node-1"));
  informers.startAll();
  ms.start();
  return { events, ms, served, up, store };
}

describe("MetricsServer", () => {
  it("has nothing after one scrape and a 15 s sample after the second", () => {
    const { events, ms, served } = setup();
    events.runUntil(METRIC_RESOLUTION_MS);
    expect(ms.listPodMetrics()).toEqual([]);
    expect(ms.listNodeMetrics()).toEqual([]);
    served.set("uid-b", 150); // 10 req/s over the window
    events.runUntil(2 * METRIC_RESOLUTION_MS);
    expect(ms.podMetrics("default", "b")).toEqual({
      namespace: "default",
      name: "b",
      timestamp: 2 * METRIC_RESOLUTION_MS,
      windowMs: METRIC_RESOLUTION_MS,
      containers: [{ name: "php", cpuMilli: 1 + 10 * 6.5, memoryBytes: 10 * Mi }],
    });
    expect(ms.listPodMetrics("default").map((m) => m.name)).toEqual(["a", "b"]);
    // The node: its pods plus its own processes (25m, 180Mi).
    expect(ms.nodeMetrics("node-1")).toMatchObject({ cpuMilli: 25 + 1 + 66, memoryBytes: 180 * Mi + 20 * Mi });
  });

  it("throttles CPU at limits.cpu", () => {
    const { events, ms, served } = setup();
    events.runUntil(METRIC_RESOLUTION_MS);
    served.set("uid-a", 100 * 15); // 100 req/s × 6.5 ms = 650m asked of a 500m limit
    events.runUntil(2 * METRIC_RESOLUTION_MS);
    expect(ms.podMetrics("default", "a")!.containers[0]!.cpuMilli).toBe(500);
  });

  it("drops the pods and the node whose kubelet cannot be reached", () => {
    const { events, ms, up } = setup();
    events.runUntil(2 * METRIC_RESOLUTION_MS);
    expect(ms.listPodMetrics()).toHaveLength(2);
    up.delete("node-1");
    events.runUntil(3 * METRIC_RESOLUTION_MS);
    expect(ms.listPodMetrics()).toEqual([]);
    expect(ms.nodeMetrics("node-1")).toBeUndefined();
    // Back: two scrapes again before the first sample.
    up.add("node-1");
    events.runUntil(4 * METRIC_RESOLUTION_MS);
    expect(ms.listPodMetrics()).toEqual([]);
    events.runUntil(5 * METRIC_RESOLUTION_MS);
    expect(ms.listPodMetrics()).toHaveLength(2);
  });
});

describe("MetricsServer under pod churn", () => {
  it("keeps sampling the pods that stay when most pods are deleted, and makes new ones wait two scrapes", () => {
    const { events, ms, served, store } = setup();
    for (let i = 0; i < 100; i++) store.put("pods", `pods/default/c${i}`, pod(`c${i}`, "node-1"));
    events.runUntil(2 * METRIC_RESOLUTION_MS);
    expect(ms.listPodMetrics()).toHaveLength(102);
    for (let i = 0; i < 80; i++) store.remove("pods", `pods/default/c${i}`);
    served.set("uid-c90", 30); // 2 req/s over the next window
    events.runUntil(3 * METRIC_RESOLUTION_MS);
    // 80 of 102 pods gone: their points are forgotten (and their storage reclaimed).
    expect(ms.listPodMetrics().map((m) => m.name)).toEqual(["a", "b", ...Array.from({ length: 20 }, (_, i) => `c${80 + i}`)]);
    expect(ms.podMetrics("default", "c90")!.containers[0]!.cpuMilli).toBe(1 + 2 * 6.5);
    expect(ms.podMetrics("default", "c91")!.containers[0]!.cpuMilli).toBe(1);
    expect(ms.nodeMetrics("node-1")).toMatchObject({ cpuMilli: 25 + 22 + 13, memoryBytes: 180 * Mi + 22 * 10 * Mi });
    store.put("pods", "pods/default/late", pod("late", "node-1"));
    events.runUntil(4 * METRIC_RESOLUTION_MS);
    expect(ms.podMetrics("default", "late")).toBeUndefined();
    events.runUntil(5 * METRIC_RESOLUTION_MS);
    expect(ms.podMetrics("default", "late")).toMatchObject({ name: "late", windowMs: METRIC_RESOLUTION_MS });
    expect(ms.podMetrics("default", "c90")!.containers[0]!.cpuMilli).toBe(1);
  });

  it("lists a deleted pod no more, even before the next scrape (pods come from the lister)", () => {
    const { events, ms, store } = setup();
    events.runUntil(2 * METRIC_RESOLUTION_MS);
    expect(ms.listPodMetrics().map((m) => m.name)).toEqual(["a", "b"]);
    store.remove("pods", "pods/default/a");
    events.runUntil(2 * METRIC_RESOLUTION_MS + 1000);
    expect(ms.listPodMetrics().map((m) => m.name)).toEqual(["b"]);
    expect(ms.listPodMetrics("default").map((m) => m.name)).toEqual(["b"]);
    expect(ms.podMetrics("default", "a")).toBeUndefined();
    // Re-created under the same name: another pod (new UID), which waits for two scrapes of its own.
    store.put("pods", "pods/default/a", { ...pod("a", "node-1"), metadata: { ...pod("a", "node-1").metadata, uid: "uid-a2" } } as Pod);
    events.runUntil(2 * METRIC_RESOLUTION_MS + 2000);
    expect(ms.listPodMetrics().map((m) => m.name)).toEqual(["b"]);
  });
});

describe("usage model", () => {
  it("prices requests by server and throttles at the limit or the node", () => {
    expect(cpuMsPerRequest("apache2")).toBe(6.5);
    expect(cpuMsPerRequest("nginx")).toBe(0.05);
    expect(cpuMsPerRequest(undefined)).toBe(0.2);
    expect(containerCpuMilli(1, 83, 6.5, 500, 4000)).toBe(500);
    expect(containerCpuMilli(1, 10, 6.5, undefined, 4000)).toBe(66);
    expect(containerCpuMilli(1, 1000, 6.5, undefined, 4000)).toBe(4000);
    expect(capacityRps(500, 6.5)).toBeCloseTo(76.92, 2);
  });

  it("stretches latency as an M/M/1 server, capped at 20×", () => {
    expect(serverLatencyMs(10, 0)).toBe(10);
    expect(serverLatencyMs(10, 0.5)).toBe(20);
    expect(serverLatencyMs(10, 3)).toBeCloseTo(200, 6);
  });
});
