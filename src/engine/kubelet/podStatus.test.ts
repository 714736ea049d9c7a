// generateAPIPodStatus's conditions (pkg/kubelet/status/generate.go): a condition keeps its
// lastTransitionTime while its status does not change; the kubelet's four conditions come in its order.
import { describe, expect, it } from "vitest";
import type { ContainerStatus, Pod } from "../api/types";
import { generatePodStatus } from "./podStatus";

function pod(name: string, status?: Pod["status"]): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: `uid-${name}` },
    spec: { nodeName: "node-1", containers: [{ name: "web", image: "nginx:1.27" }] },
    status,
  } as unknown as Pod;
}

function web(ready: boolean, startedAt: string): ContainerStatus {
  return { name: "web", state: { running: { startedAt } }, lastState: {}, ready, restartCount: 0, image: "docker.io/library/nginx:1.27", imageID: "", started: true } as ContainerStatus;
}

const T0 = "2025-01-01T00:00:01Z";
const T1 = "2025-01-01T00:00:02Z";
const T2 = "2025-01-01T00:00:09Z";

describe("generatePodStatus", () => {
  it("flips Ready and ContainersReady when the container becomes ready, keeping the other transition times", () => {
    const first = generatePodStatus({ pod: pod("a"), init: [], regular: [web(false, T0)], sandboxReady: true, podIsTerminal: false, hostIP: "172.18.0.2", podIP: "10.244.1.2", startTime: T0, now: T1 });
    expect(first.phase).toBe("Running");
    expect(first.conditions).toEqual([
      { type: "PodReadyToStartContainers", status: "True", lastProbeTime: null, lastTransitionTime: T1 },
      { type: "Initialized", status: "True", lastProbeTime: null, lastTransitionTime: T1 },
      { type: "Ready", status: "False", lastProbeTime: null, lastTransitionTime: T1, reason: "ContainersNotReady", message: "containers with unready status: [web]" },
      { type: "ContainersReady", status: "False", lastProbeTime: null, lastTransitionTime: T1, reason: "ContainersNotReady", message: "containers with unready status: [web]" },
    ]);
    const next = generatePodStatus({ pod: pod("a", first), init: [], regular: [web(true, T0)], sandboxReady: true, podIsTerminal: false, hostIP: "172.18.0.2", podIP: "10.244.1.2", startTime: T0, now: T2 });
    expect(next.conditions).toEqual([
      { type: "PodReadyToStartContainers", status: "True", lastProbeTime: null, lastTransitionTime: T1 },
      { type: "Initialized", status: "True", lastProbeTime: null, lastTransitionTime: T1 },
      { type: "Ready", status: "True", lastProbeTime: null, lastTransitionTime: T2 },
      { type: "ContainersReady", status: "True", lastProbeTime: null, lastTransitionTime: T2 },
    ]);
    expect(next.hostIPs).toEqual([{ ip: "172.18.0.2" }]);
    expect(next.podIPs).toEqual([{ ip: "10.244.1.2" }]);
  });

  it("hands out conditions and host IPs that are shared between pods, frozen so that no writer can change them for all", () => {
    const input = (name: string) => ({ pod: pod(name), init: [], regular: [web(true, T0)], sandboxReady: true, podIsTerminal: false, hostIP: "172.18.0.2", podIP: "10.244.1.2", startTime: T0, now: T1 });
    const a = generatePodStatus(input("a"));
    const b = generatePodStatus(input("b"));
    expect(b.conditions).toEqual(a.conditions);
    for (const c of a.conditions ?? []) expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(a.hostIPs)).toBe(true);
    expect(() => {
      (a.conditions![0] as { status: string }).status = "False";
    }).toThrow(TypeError);
  });
});
