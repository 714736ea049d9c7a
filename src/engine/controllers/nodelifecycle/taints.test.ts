import { describe, expect, it } from "vitest";
import type { Taint } from "../../api/types";
import { addOrUpdateTaint, removeTaint, taintExists, taintKeyExists, taintSetDiff } from "./taints";

const unreachable: Taint = { key: "node.kubernetes.io/unreachable", effect: "NoExecute" };
const unreachableNS: Taint = { key: "node.kubernetes.io/unreachable", effect: "NoSchedule" };

describe("taints (pkg/util/taints)", () => {
  it("matches by key and effect only", () => {
    expect(taintExists([{ ...unreachable, value: "x", timeAdded: "2025-01-01T00:00:00Z" }], unreachable)).toBe(true);
    expect(taintExists([unreachableNS], unreachable)).toBe(false);
    expect(taintKeyExists([unreachableNS], "node.kubernetes.io/unreachable")).toBe(true);
  });

  it("addOrUpdateTaint replaces a taint whose value or timeAdded differs, keeps an equal one", () => {
    const t1 = { ...unreachable, timeAdded: "2025-01-01T00:00:00Z" };
    expect(addOrUpdateTaint([t1], t1)).toEqual({ taints: [t1], updated: false });
    const t2 = { ...unreachable, timeAdded: "2025-01-01T00:01:00Z" };
    expect(addOrUpdateTaint([unreachableNS, t1], t2)).toEqual({ taints: [unreachableNS, t2], updated: true });
    expect(addOrUpdateTaint(undefined, t2)).toEqual({ taints: [t2], updated: true });
  });

  it("removeTaint removes every taint with the same key and effect", () => {
    expect(removeTaint([unreachableNS, unreachable], unreachable)).toEqual({ taints: [unreachableNS], updated: true });
    expect(removeTaint([unreachableNS], unreachable).updated).toBe(false);
  });

  it("taintSetDiff", () => {
    expect(taintSetDiff([unreachableNS], [unreachable])).toEqual({ toAdd: [unreachableNS], toRemove: [unreachable] });
    expect(taintSetDiff([unreachable], [{ ...unreachable, timeAdded: "x" }])).toEqual({ toAdd: [], toRemove: [] });
  });
});
