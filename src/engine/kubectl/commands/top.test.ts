// Expected texts from kubectl pkg/cmd/top/top_pod.go and top_node.go (Validate, RunTopPod, RunTopNode,
// verifyEmptyMetrics) and pkg/metricsutil/metrics_printer.go.
import { describe, expect, it } from "vitest";
import { registerMetricsApi } from "../../metrics/apiService";
import type { MetricsApi, NodeMetrics, PodMetrics } from "../../metrics/metricsApi";
import { nodeObject, podObject } from "../util/fixtures";
import { TestCluster } from "../util/testCluster";

const Mi = 1024 * 1024;

function fakeMetrics(pods: PodMetrics[], nodes: NodeMetrics[]): MetricsApi {
  return {
    podMetrics: (ns, name) => pods.find((p) => p.namespace === ns && p.name === name),
    listPodMetrics: (ns) => pods.filter((p) => ns === undefined || p.namespace === ns),
    nodeMetrics: (name) => nodes.find((n) => n.name === name),
    listNodeMetrics: () => nodes,
  };
}

const pm = (name: string, cpuMilli: number, mem: number, namespace = "default"): PodMetrics => ({
  namespace,
  name,
  timestamp: 0,
  windowMs: 15_000,
  containers: [
    { name: "app", cpuMilli, memoryBytes: mem },
    { name: "sidecar", cpuMilli: 1, memoryBytes: Mi },
  ],
});

function cluster(): TestCluster {
  const c = new TestCluster();
  c.create(podObject("web-1", { labels: { app: "web" } }));
  c.create(podObject("db-1", { labels: { app: "db" } }));
  const n = nodeObject("node-1");
  (n.status as { allocatable?: Record<string, string> }).allocatable = { cpu: "4", memory: "8Gi" };
  c.create(n);
  registerMetricsApi(c.api, fakeMetrics([pm("db-1", 20, 100 * Mi), pm("web-1", 5, 10 * Mi), pm("dns", 2, 14 * Mi, "kube-system")], [{ name: "node-1", timestamp: 0, windowMs: 15_000, cpuMilli: 250, memoryBytes: 1024 * Mi }]));
  return c;
}

describe("kubectl top", () => {
  it("says so when no metrics-server serves metrics.k8s.io", () => {
    const c = new TestCluster();
    expect(c.run("top pod")).toEqual({ out: "", err: "error: Metrics API not available\n", code: 1 });
    expect(c.run("top node").err).toBe("error: Metrics API not available\n");
  });

  it("lists pods of the namespace by name, summing containers", () => {
    expect(cluster().run("top pod")).toEqual({ out: "NAME    CPU(cores)   MEMORY(bytes)   \ndb-1    21m          101Mi           \nweb-1   6m           11Mi            \n", err: "", code: 0 });
  });

  it("filters by label, prints containers, sorts by cpu and spans namespaces with -A", () => {
    const c = cluster();
    expect(c.run("top pods -l app=web").out).toBe("NAME    CPU(cores)   MEMORY(bytes)   \nweb-1   6m           11Mi            \n");
    expect(c.run("top pod web-1 --containers").out).toBe("POD     NAME      CPU(cores)   MEMORY(bytes)   \nweb-1   app       5m           10Mi            \nweb-1   sidecar   1m           1Mi             \n");
    expect(c.run("top po -A --sort-by=cpu --no-headers").out).toBe("default       db-1    21m   101Mi   \ndefault       web-1   6m    11Mi    \nkube-system   dns     3m    15Mi    \n");
  });

  it("validates its arguments", () => {
    const c = cluster();
    expect(c.run("top pod web-1 -l app=web").err).toBe("error: only one of NAME or selector can be provided\n");
    expect(c.run("top node node-1 -l x=y").err).toBe("error: only one of NAME or --selector can be provided\n");
    expect(c.run("top pod a b").err).toBe("error: pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples\n");
    expect(c.run("top pod -n other")).toEqual({ out: "", err: "No resources found in other namespace.\n", code: 0 });
  });

  it("shows nodes with their share of allocatable", () => {
    expect(cluster().run("top node").out).toBe("NAME     CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   \nnode-1   250m         6%       1024Mi          12%         \n");
  });
});
