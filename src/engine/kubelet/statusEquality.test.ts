import { describe, expect, it } from "vitest";
import type { PodStatus } from "../api/types";
import { jsonEqual } from "../apiserver/strategy";
import { statusEqualIgnoringTimes } from "./statusEquality";

/** The definition: JSON equality after dropping condition timestamps and messages. */
function reference(a: PodStatus, b: PodStatus): boolean {
  const strip = (s: PodStatus) => ({ ...s, conditions: (s.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason })) });
  return jsonEqual(strip(a), strip(b));
}

const T0 = "2025-01-01T00:00:00Z";
const T1 = "2025-01-01T00:00:07Z";

function status(over: Partial<PodStatus> = {}, ready = "True", at = T0): PodStatus {
  return {
    phase: "Running",
    conditions: [
      { type: "PodReadyToStartContainers", status: "True", lastProbeTime: null, lastTransitionTime: at },
      { type: "Ready", status: ready as "True", lastProbeTime: null, lastTransitionTime: at, ...(ready === "True" ? {} : { reason: "ContainersNotReady", message: "containers with unready status: [web]" }) },
    ],
    hostIP: "172.18.0.3",
    hostIPs: [{ ip: "172.18.0.3" }],
    podIP: "10.244.1.2",
    containerStatuses: [{ name: "web", ready: ready === "True", restartCount: 0, image: "nginx", imageID: "", state: { running: { startedAt: T0 } }, lastState: {} }],
    ...over,
  } as PodStatus;
}

describe("statusEqualIgnoringTimes", () => {
  it("agrees with JSON equality of the statuses without condition times and messages", () => {
    const cases: [PodStatus, PodStatus][] = [
      [status(), status({}, "True", T1)],
      [status(), status({}, "False")],
      [status(), status({ podIP: "10.244.1.3" })],
      [status(), status({ podIP: undefined })],
      [status(), status({ qosClass: "BestEffort" })],
      [status(), { ...status(), conditions: status().conditions!.slice(0, 1) }],
      [status({}, "False"), { ...status({}, "False"), conditions: status({}, "False").conditions!.map((c) => ({ ...c, message: "other" })) }],
      [{ phase: "Pending" }, { phase: "Pending", conditions: [] }],
      [{ phase: "Pending" }, { phase: "Running" }],
    ];
    for (const [a, b] of cases) {
      expect(statusEqualIgnoringTimes(a, b)).toBe(reference(a, b));
      expect(statusEqualIgnoringTimes(b, a)).toBe(reference(b, a));
    }
    expect(statusEqualIgnoringTimes(status(), status({}, "True", T1))).toBe(true);
    expect(statusEqualIgnoringTimes(status(), status({}, "False"))).toBe(false);
  });
});
