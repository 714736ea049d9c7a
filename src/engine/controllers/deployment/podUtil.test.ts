import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/types";
import { isPodAvailable, isPodReady, podAvailableAt } from "./podUtil";

const T0 = Date.UTC(2025, 0, 1, 0, 0, 0);

function pod(ready: "True" | "False" | undefined, since = T0): Pod {
  const lastTransitionTime = new Date(since).toISOString().replace(".000Z", "Z");
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "default", uid: "u", resourceVersion: "1", creationTimestamp: lastTransitionTime },
    spec: { containers: [] },
    status: { phase: "Running", conditions: ready ? [{ type: "Ready", status: ready, lastTransitionTime }] : [] },
  };
}

describe("podUtil", () => {
  it("isPodReady reads the Ready condition", () => {
    expect(isPodReady(pod("True"))).toBe(true);
    expect(isPodReady(pod("False"))).toBe(false);
    expect(isPodReady(pod(undefined))).toBe(false);
  });

  it("isPodAvailable: ready for at least minReadySeconds (v1.34: <=, kubernetes#132122)", () => {
    expect(isPodAvailable(pod("True"), 0, T0)).toBe(true);
    expect(isPodAvailable(pod("False"), 0, T0)).toBe(false);
    expect(isPodAvailable(pod("True"), 10, T0 + 9_999)).toBe(false);
    expect(isPodAvailable(pod("True"), 10, T0 + 10_000)).toBe(true);
  });

  it("podAvailableAt is the first instant isPodAvailable holds", () => {
    const p = pod("True");
    const at = podAvailableAt(p, 10)!;
    expect(isPodAvailable(p, 10, at)).toBe(true);
    expect(isPodAvailable(p, 10, at - 1)).toBe(false);
    expect(podAvailableAt(pod("False"), 10)).toBeUndefined();
  });
});
