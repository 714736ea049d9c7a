import { describe, it, expect } from "vitest";
import { componentLabel, countLabel, nextNodeName, shortName, nodeLabel, nodeSummaryLabel, pendingAreaLabel, podLabel, serviceLabel, workloadLabel } from "./labels";

describe("accessible names", () => {
  it("names pods and nodes by kind, name and kubectl status", () => {
    expect(podLabel({ name: "nginx-deployment-7c5ddbdf54-x2kqz", status: "Running" })).toBe("Pod nginx-deployment-7c5ddbdf54-x2kqz Running");
    expect(nodeLabel({ name: "node-2", status: "NotReady" })).toBe("Node node-2 NotReady");
    expect(serviceLabel({ name: "web" })).toBe("Service web");
    expect(workloadLabel({ kind: "Deployment", name: "web" })).toBe("Deployment web");
  });
  it("says running or stopped for control-plane components", () => {
    expect(componentLabel({ name: "kube-scheduler", up: true })).toBe("kube-scheduler running");
    expect(componentLabel({ name: "kube-scheduler", up: false })).toBe("kube-scheduler stopped");
  });
  it("summarises a node's pods in dot view, most frequent state first", () => {
    const pods = [...Array.from({ length: 28 }, () => ({ status: "Running" })), { status: "Pending" }, { status: "Pending" }];
    expect(nodeSummaryLabel({ name: "node-2", status: "Ready" }, pods)).toBe("Node node-2 Ready, 30 pods: 28 Running, 2 Pending");
    expect(nodeSummaryLabel({ name: "node-3", status: "Ready" }, [])).toBe("Node node-3 Ready, 0 pods");
    expect(countLabel([{ status: "Running" }])).toBe("1 pod: 1 Running");
  });
  it("breaks count ties by status name so the text is stable", () => {
    expect(countLabel([{ status: "Running" }, { status: "Error" }])).toBe("2 pods: 1 Error, 1 Running");
  });
  it("names the unscheduled area", () => {
    expect(pendingAreaLabel([{ status: "Pending" }])).toBe("Pending (unscheduled), 1 pod: 1 Pending");
  });
});

describe("nextNodeName", () => {
  it("picks one past the highest node-N", () => {
    expect(nextNodeName(["control-plane", "node-1", "node-2", "node-10"])).toBe("node-11");
    expect(nextNodeName(["control-plane"])).toBe("node-1");
    expect(nextNodeName([])).toBe("node-1");
  });
});

describe("shortName", () => {
  it("keeps the replica suffix of a long pod name", () => {
    expect(shortName("nginx-deployment-7c5ddbdf54-x2kqz")).toBe("nginx-depl…bdf54-x2kqz");
    expect(shortName("nginx-deployment-7c5ddbdf54-x2kqz")).toHaveLength(22);
    expect(shortName("web-0")).toBe("web-0");
  });
});
