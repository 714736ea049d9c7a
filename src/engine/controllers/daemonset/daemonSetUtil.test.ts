import { describe, expect, it } from "vitest";
import type { Node, Pod, PodSpec } from "../../api/types";
import { Backoff } from "./backoff";
import {
  addOrUpdateDaemonPodTolerations,
  addOrUpdateTolerationInPodSpec,
  getTargetNodeName,
  replaceDaemonSetPodNodeNameNodeAffinity,
  surgeCount,
  unavailableCount,
} from "./daemonSetUtil";
import { nodeShouldRunDaemonPod } from "./nodeShouldRunDaemonPod";
import type { DaemonSet } from "./types";

function daemonSet(spec: Partial<PodSpec> = {}, strategy?: DaemonSet["spec"]["updateStrategy"]): DaemonSet {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "ds", namespace: "default", uid: "u1", resourceVersion: "1", creationTimestamp: "2025-01-01T00:00:00Z" },
    spec: { selector: { matchLabels: { a: "b" } }, template: { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "c" }], ...spec } }, updateStrategy: strategy },
  };
}

function node(name: string, labels: Record<string, string> = {}, taints: Node["spec"]["taints"] = undefined): Node {
  return { apiVersion: "v1", kind: "Node", metadata: { name, labels, uid: name, resourceVersion: "1", creationTimestamp: "" }, spec: taints ? { taints } : {}, status: {} };
}

describe("daemonset util (daemonset_util.go)", () => {
  it("AddOrUpdateTolerationInPodSpec replaces a matching toleration whose seconds differ, keeps an identical one", () => {
    const spec: PodSpec = { containers: [], tolerations: [{ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }] };
    expect(addOrUpdateTolerationInPodSpec(spec, { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" })).toBe(true);
    expect(spec.tolerations).toEqual([{ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" }]);
    expect(addOrUpdateTolerationInPodSpec(spec, { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" })).toBe(false);
  });

  it("AddOrUpdateDaemonPodTolerations: never-evicted not-ready/unreachable plus the condition taints", () => {
    const spec: PodSpec = { containers: [], tolerations: [{ operator: "Exists" }] };
    addOrUpdateDaemonPodTolerations(spec);
    expect(spec.tolerations!.map((t) => `${t.key ?? ""}:${t.effect ?? ""}`)).toEqual([
      ":",
      "node.kubernetes.io/not-ready:NoExecute",
      "node.kubernetes.io/unreachable:NoExecute",
      "node.kubernetes.io/disk-pressure:NoSchedule",
      "node.kubernetes.io/memory-pressure:NoSchedule",
      "node.kubernetes.io/pid-pressure:NoSchedule",
      "node.kubernetes.io/unschedulable:NoSchedule",
    ]);
    expect(spec.tolerations!.some((t) => t.tolerationSeconds !== undefined)).toBe(false);
  });

  it("ReplaceDaemonSetPodNodeNameNodeAffinity replaces only the required node affinity", () => {
    const preferred = [{ weight: 1, preference: { matchExpressions: [{ key: "zone", operator: "In" as const, values: ["a"] }] } }];
    const out = replaceDaemonSetPodNodeNameNodeAffinity(
      { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "ssd", operator: "Exists" }] }] }, preferredDuringSchedulingIgnoredDuringExecution: preferred } },
      "node-7",
    );
    expect(out.nodeAffinity).toEqual({
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: ["node-7"] }] }] },
      preferredDuringSchedulingIgnoredDuringExecution: preferred,
    });
  });

  it("GetTargetNodeName: spec.nodeName, else the matchFields value; none without a unique value", () => {
    const pinned = { spec: { containers: [], affinity: replaceDaemonSetPodNodeNameNodeAffinity(undefined, "node-2") } } as unknown as Pod;
    expect(getTargetNodeName(pinned)).toBe("node-2");
    expect(getTargetNodeName({ spec: { ...pinned.spec, nodeName: "node-3" } } as unknown as Pod)).toBe("node-3");
    expect(getTargetNodeName({ spec: { containers: [] } } as unknown as Pod)).toBeUndefined();
  });

  it("maxUnavailable/maxSurge percentages round up; OnDelete has no budget", () => {
    expect(unavailableCount(daemonSet({}, { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "10%" } }), 5)).toBe(1);
    expect(unavailableCount(daemonSet({}, { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "50%" } }), 3)).toBe(2);
    expect(surgeCount(daemonSet({}, { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: "25%" } }), 5)).toBe(2);
    expect(unavailableCount(daemonSet({}, { type: "OnDelete" }), 5)).toBe(0);
  });
});

describe("NodeShouldRunDaemonPod", () => {
  it("an untolerated NoSchedule taint: no new pod, but a running one may stay", () => {
    expect(nodeShouldRunDaemonPod(node("n", {}, [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }]), daemonSet())).toEqual({ shouldRun: false, shouldContinueRunning: true });
  });

  it("an untolerated NoExecute taint: neither", () => {
    expect(nodeShouldRunDaemonPod(node("n", {}, [{ key: "dedicated", effect: "NoExecute" }]), daemonSet())).toEqual({ shouldRun: false, shouldContinueRunning: false });
  });

  it("not-ready/unreachable NoExecute and unschedulable are tolerated by every daemon pod", () => {
    const n = node("n", {}, [
      { key: "node.kubernetes.io/unreachable", effect: "NoExecute" },
      { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" },
    ]);
    expect(nodeShouldRunDaemonPod(n, daemonSet()).shouldRun).toBe(true);
  });

  it("nodeSelector, required node affinity and spec.nodeName restrict the nodes", () => {
    expect(nodeShouldRunDaemonPod(node("n", { ssd: "true" }), daemonSet({ nodeSelector: { ssd: "true" } })).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod(node("n"), daemonSet({ nodeSelector: { ssd: "true" } })).shouldContinueRunning).toBe(false);
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "NotIn" as const, values: ["b"] }] }] } } };
    expect(nodeShouldRunDaemonPod(node("n", { zone: "b" }), daemonSet({ affinity })).shouldRun).toBe(false);
    expect(nodeShouldRunDaemonPod(node("n", { zone: "a" }), daemonSet({ affinity })).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod(node("other"), daemonSet({ nodeName: "n" })).shouldRun).toBe(false);
  });
});

describe("Backoff (flowcontrol.NewBackOff(1s, 15m))", () => {
  it("doubles from 1s up to 15m and resets after 2×max without steps", () => {
    const b = new Backoff(1000, 15 * 60_000);
    expect(b.isInBackOffSinceUpdate("k", 0)).toBe(false);
    b.next("k", 0);
    expect(b.get("k")).toBe(1000);
    expect(b.isInBackOffSinceUpdate("k", 999)).toBe(true);
    expect(b.isInBackOffSinceUpdate("k", 1000)).toBe(false);
    let t = 1000;
    for (let i = 0; i < 20; i++) b.next("k", (t += 1000));
    expect(b.get("k")).toBe(15 * 60_000);
    b.next("k", t + 30 * 60_000 + 1);
    expect(b.get("k")).toBe(1000);
    b.gc(t + 100 * 60_000);
    expect(b.size).toBe(0);
  });
});
