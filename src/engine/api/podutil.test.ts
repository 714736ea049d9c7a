import { describe, expect, it } from "vitest";
import type { Pod } from "./types";
import { isPodAvailable, isPodReady } from "./podutil";

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

describe("api/podutil", () => {
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

});
