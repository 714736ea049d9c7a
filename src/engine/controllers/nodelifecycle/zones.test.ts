import { describe, expect, it } from "vitest";
import type { Node, NodeCondition } from "../../api/types";
import { computeZoneState, getZoneKey } from "./zones";

function node(labels?: Record<string, string>): Node {
  return { apiVersion: "v1", kind: "Node", metadata: { name: "n", uid: "", resourceVersion: "", creationTimestamp: "", labels }, spec: {}, status: {} };
}
const ready: NodeCondition = { type: "Ready", status: "True" };
const unknown: NodeCondition = { type: "Ready", status: "Unknown" };

describe("getZoneKey", () => {
  it("is empty without region and zone labels", () => {
    expect(getZoneKey(node())).toBe("");
    expect(getZoneKey(node({ "kubernetes.io/hostname": "n" }))).toBe("");
  });
  it("joins region and zone with ':\\x00:'", () => {
    expect(getZoneKey(node({ "topology.kubernetes.io/region": "eu", "topology.kubernetes.io/zone": "eu-1a" }))).toBe("eu:\x00:eu-1a");
    expect(getZoneKey(node({ "topology.kubernetes.io/zone": "z" }))).toBe(":\x00:z");
  });
  it("prefers the deprecated failure-domain beta labels", () => {
    expect(getZoneKey(node({ "failure-domain.beta.kubernetes.io/zone": "old", "topology.kubernetes.io/zone": "new" }))).toBe(":\x00:old");
  });
});

describe("computeZoneState (unhealthyZoneThreshold 0.55)", () => {
  it("FullDisruption when no node is ready", () => {
    expect(computeZoneState([unknown], 0.55)).toEqual([1, "FullDisruption"]);
    expect(computeZoneState([undefined, unknown], 0.55)).toEqual([2, "FullDisruption"]);
  });
  it("PartialDisruption needs more than 2 unhealthy nodes and at least 55%", () => {
    expect(computeZoneState([unknown, unknown, ready], 0.55)).toEqual([2, "Normal"]);
    expect(computeZoneState([unknown, unknown, unknown, ready], 0.55)).toEqual([3, "PartialDisruption"]);
    expect(computeZoneState([unknown, unknown, unknown, ready, ready, ready], 0.55)).toEqual([3, "Normal"]);
    // 11/20 = 0.55 exactly: at the threshold counts (>=).
    const zone = [...Array(11).fill(unknown), ...Array(9).fill(ready)];
    expect(computeZoneState(zone, 0.55)).toEqual([11, "PartialDisruption"]);
  });
  it("Normal for an empty zone", () => {
    expect(computeZoneState([], 0.55)).toEqual([0, "Normal"]);
  });
});
