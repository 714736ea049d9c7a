import { describe, it, expect } from "vitest";
import { isAllReady, nodeCordoned, nodeDown, podTone } from "./podStatus";

const pod = (status: string, ready = "0/1", phase = "Pending", terminating = false) => ({ status, ready, phase, terminating });

describe("podTone", () => {
  it("follows the lifecycle colours of kubectl's STATUS column", () => {
    expect(podTone(pod("Pending"))).toBe("pending");
    expect(podTone(pod("ContainerCreating"))).toBe("creating");
    expect(podTone(pod("PodInitializing"))).toBe("creating");
    expect(podTone(pod("Init:0/2"))).toBe("creating");
    expect(podTone(pod("Running", "1/1", "Running"))).toBe("running");
    expect(podTone(pod("Completed", "0/1", "Succeeded"))).toBe("succeeded");
  });
  it("marks a Running pod whose containers are not all ready as unready", () => {
    expect(podTone(pod("Running", "1/2", "Running"))).toBe("unready");
    expect(podTone(pod("Running", "0/1", "Running"))).toBe("unready");
  });
  it("paints every failure status red", () => {
    for (const s of ["CrashLoopBackOff", "ErrImagePull", "ImagePullBackOff", "Error", "OOMKilled", "Init:Error", "Init:CrashLoopBackOff", "Evicted", "Unknown"]) {
      expect(podTone(pod(s, "0/1", "Running"))).toBe("failing");
    }
  });
  it("shows Terminating whatever the phase", () => {
    expect(podTone(pod("Terminating", "1/1", "Running", true))).toBe("terminating");
    expect(podTone(pod("Running", "1/1", "Running", true))).toBe("terminating");
  });
});

describe("isAllReady", () => {
  it("reads kubectl's READY column", () => {
    expect(isAllReady("2/2")).toBe(true);
    expect(isAllReady("1/2")).toBe(false);
    expect(isAllReady("0/0")).toBe(false);
    expect(isAllReady("x")).toBe(false);
  });
});

describe("node state", () => {
  it("greys a node whose machine is off even while the API still says Ready", () => {
    expect(nodeDown({ machineUp: false, status: "Ready" })).toBe(true);
    expect(nodeDown({ machineUp: true, status: "NotReady" })).toBe(true);
    expect(nodeDown({ machineUp: true, status: "Ready,SchedulingDisabled" })).toBe(false);
  });
  it("detects a cordoned node from kubectl's STATUS", () => {
    expect(nodeCordoned({ status: "Ready,SchedulingDisabled" })).toBe(true);
    expect(nodeCordoned({ status: "Ready" })).toBe(false);
  });
});
