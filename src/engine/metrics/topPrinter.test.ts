// Expected tables are upstream's own (kubectl pkg/metricsutil/metrics_printer_test.go: TestPrintNodeMetrics,
// TestPrintPodMetrics): every cell is tab-terminated, so lines end in padding.
import { describe, expect, it } from "vitest";
import type { NodeMetrics, PodMetrics } from "./metricsApi";
import { cpuMilliValue, printNodeMetrics, printPodMetrics } from "./topPrinter";

const Gi = 1024 ** 3;
const node = (name: string, cpuMilli: number, memoryBytes: number): NodeMetrics => ({ name, timestamp: 0, windowMs: 60_000, cpuMilli, memoryBytes });
const pod = (name: string, containers: [string, number, number][]): PodMetrics => ({
  namespace: "default",
  name,
  timestamp: 0,
  windowMs: 60_000,
  containers: containers.map(([n, cpuMilli, memoryBytes]) => ({ name: n, cpuMilli, memoryBytes })),
});
const capacity = new Map([
  ["node1", { cpuMilli: 10_000, memoryBytes: 10 * Gi }],
  ["node2", { cpuMilli: 10_000, memoryBytes: 10 * Gi }],
]);
const podDefaults = { containers: false, withNamespace: false, noHeaders: false, sortBy: "", sum: false, showSwap: false };

describe("printNodeMetrics (TestPrintNodeMetrics)", () => {
  it("single node with default header", () => {
    expect(printNodeMetrics([node("node1", 1000, Gi)], new Map([["node1", capacity.get("node1")!]]), { noHeaders: false, sortBy: "", showSwap: false })).toBe(
      "NAME    CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   \nnode1   1000m        10%      1024Mi          10%         \n",
    );
  });

  it("single node without header", () => {
    expect(printNodeMetrics([node("node1", 1000, Gi)], new Map([["node1", capacity.get("node1")!]]), { noHeaders: true, sortBy: "", showSwap: false })).toBe("node1   1000m   10%   1024Mi   10%   \n");
  });

  it("multiple nodes with one missing metrics", () => {
    expect(printNodeMetrics([node("node1", 1000, Gi)], capacity, { noHeaders: false, sortBy: "", showSwap: false })).toBe(
      "NAME    CPU(cores)   CPU(%)      MEMORY(bytes)   MEMORY(%)   \nnode1   1000m        10%         1024Mi          10%         \nnode2   <unknown>    <unknown>   <unknown>       <unknown>   \n",
    );
  });

  it("multiple nodes sorted by memory", () => {
    expect(printNodeMetrics([node("node1", 1000, Gi), node("node2", 2000, 5 * Gi)], capacity, { noHeaders: false, sortBy: "memory", showSwap: false })).toBe(
      "NAME    CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   \nnode2   2000m        20%      5120Mi          50%         \nnode1   1000m        10%      1024Mi          10%         \n",
    );
  });
});

describe("printPodMetrics (TestPrintPodMetrics)", () => {
  const two = pod("test", [
    ["container1", 200, Gi],
    ["container2", 200, Gi],
  ]);
  const bigger = pod("test-1", [
    ["container1", 200, 3 * Gi],
    ["container2", 200, 2 * Gi],
  ]);

  it("sums a pod's containers", () => {
    expect(printPodMetrics([two], podDefaults)).toBe("NAME   CPU(cores)   MEMORY(bytes)   \ntest   400m         2048Mi          \n");
  });

  it("prints containers with --containers", () => {
    expect(printPodMetrics([two], { ...podDefaults, containers: true })).toBe(
      "POD    NAME         CPU(cores)   MEMORY(bytes)   \ntest   container1   200m         1024Mi          \ntest   container2   200m         1024Mi          \n",
    );
  });

  it("prints no header with --no-headers", () => {
    expect(printPodMetrics([two], { ...podDefaults, noHeaders: true })).toBe("test   400m   2048Mi   \n");
  });

  it("sorts by memory, largest first", () => {
    expect(printPodMetrics([two, bigger], { ...podDefaults, sortBy: "memory" })).toBe(
      "NAME     CPU(cores)   MEMORY(bytes)   \ntest-1   400m         5120Mi          \ntest     400m         2048Mi          \n",
    );
  });

  it("adds the totals with --sum", () => {
    expect(printPodMetrics([two, bigger], { ...podDefaults, sum: true })).toBe(
      "NAME     CPU(cores)   MEMORY(bytes)   \ntest     400m         2048Mi          \ntest-1   400m         5120Mi          \n         ________     ________        \n         800m         7168Mi          \n",
    );
  });

  it("prints a NAMESPACE column with -A", () => {
    expect(printPodMetrics([{ ...two, namespace: "kube-system" }], { ...podDefaults, withNamespace: true })).toBe(
      "NAMESPACE     NAME   CPU(cores)   MEMORY(bytes)   \nkube-system   test   400m         2048Mi          \n",
    );
  });
});

describe("cpuMilliValue", () => {
  it("rounds nanocores up to millicores, like Quantity.MilliValue", () => {
    expect(cpuMilliValue(0.000001)).toBe(1);
    expect(cpuMilliValue(2)).toBe(2);
    expect(cpuMilliValue(2.4)).toBe(3);
    expect(cpuMilliValue(0)).toBe(0);
  });
});
