import { describe, expect, it } from "vitest";
import type { NodeCondition } from "../api/types";
import { conditionsChanged, nodeConditions, reportedConditionsChanged, type ConditionOverride } from "./nodeStatus";

const T0 = "2025-01-01T00:00:00Z";
const T1 = "2025-01-01T00:00:10Z";

/** The kubelet's reported conditions with overrides applied (kubelet.ts syncNodeStatus). */
function reported(ready: boolean, overrides: ReadonlyMap<string, ConditionOverride>, prev: NodeCondition[], now: string): NodeCondition[] {
  return nodeConditions(ready, prev, now).map((c) => {
    const o = overrides.get(c.type);
    return o ? { ...c, ...o } : c;
  });
}

describe("nodeConditions (nodestatus setters)", () => {
  it("reports the four conditions with upstream reasons, keeping transition times while the status holds", () => {
    const first = nodeConditions(false, [], T0);
    expect(first.map((c) => [c.type, c.status, c.reason])).toEqual([
      ["MemoryPressure", "False", "KubeletHasSufficientMemory"],
      ["DiskPressure", "False", "KubeletHasNoDiskPressure"],
      ["PIDPressure", "False", "KubeletHasSufficientPID"],
      ["Ready", "False", "KubeletNotReady"],
    ]);
    const next = nodeConditions(true, first, T1);
    expect(next.find((c) => c.type === "MemoryPressure")).toMatchObject({ lastHeartbeatTime: T1, lastTransitionTime: T0 });
    expect(next.find((c) => c.type === "Ready")).toMatchObject({ status: "True", reason: "KubeletReady", message: "kubelet is posting ready status", lastTransitionTime: T1 });
  });
});

describe("reportedConditionsChanged", () => {
  it("answers what conditionsChanged says about the conditions the kubelet would build", () => {
    const pressure: ConditionOverride = { status: "True", reason: "KubeletHasInsufficientMemory", message: "kubelet has insufficient memory available" };
    const shutdown: ConditionOverride = { status: "False", reason: "KubeletNotReady", message: "node is shutting down" };
    const overrideSets = [new Map<string, ConditionOverride>(), new Map([["MemoryPressure", pressure]]), new Map([["Ready", shutdown]])];
    const prevs: NodeCondition[][] = [[], nodeConditions(false, [], T0), nodeConditions(true, [], T0), nodeConditions(true, [], T0).slice(0, 3)];
    for (const o of overrideSets) prevs.push(reported(true, o, [], T0));
    for (const ready of [false, true]) {
      for (const overrides of overrideSets) {
        for (const prev of prevs) {
          expect(reportedConditionsChanged(ready, overrides, prev)).toBe(conditionsChanged(reported(ready, overrides, prev, T1), prev));
        }
      }
    }
  });
});
