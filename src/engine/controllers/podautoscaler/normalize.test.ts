// Expected values follow k/k pkg/controller/podautoscaler/horizontal.go: without spec.behavior a
// scale-up is capped at max(2×current, 4) and a scale-down waits for the highest recommendation of the
// last 5 minutes; with the default behavior (api autoscaling/v2 defaults.go) scale-up is max(4 pods,
// 100%) per 15 s and scale-down 100% per 15 s after a 300 s window.
import { describe, expect, it } from "vitest";
import { calculateScaleUpLimit, convertDesiredReplicasWithRules, NormalizationState, type NormalizationArg } from "./normalize";
import type { HPAScalingRules } from "./types";

const DEFAULT_UP: HPAScalingRules = { stabilizationWindowSeconds: 0, selectPolicy: "Max", policies: [{ type: "Pods", value: 4, periodSeconds: 15 }, { type: "Percent", value: 100, periodSeconds: 15 }] };
const DEFAULT_DOWN: HPAScalingRules = { stabilizationWindowSeconds: 300, selectPolicy: "Max", policies: [{ type: "Percent", value: 100, periodSeconds: 15 }] };

function args(current: number, desired: number, min = 1, max = 100): NormalizationArg {
  return { key: "default/h", scaleUp: DEFAULT_UP, scaleDown: DEFAULT_DOWN, minReplicas: min, maxReplicas: max, currentReplicas: current, desiredReplicas: desired };
}

describe("convertDesiredReplicasWithRules (no behavior)", () => {
  it("caps a scale-up at max(2×current, 4)", () => {
    expect(calculateScaleUpLimit(1)).toBe(4);
    expect(calculateScaleUpLimit(3)).toBe(6);
    expect(convertDesiredReplicasWithRules(1, 10, 1, 10)).toEqual({ desired: 4, reason: "ScaleUpLimit", message: "the desired replica count is increasing faster than the maximum scale rate" });
    expect(convertDesiredReplicasWithRules(6, 20, 1, 10)).toEqual({ desired: 10, reason: "TooManyReplicas", message: "the desired replica count is more than the maximum replica count" });
    expect(convertDesiredReplicasWithRules(3, 0, 1, 10)).toEqual({ desired: 1, reason: "TooFewReplicas", message: "the desired replica count is less than the minimum replica count" });
    expect(convertDesiredReplicasWithRules(3, 5, 1, 10)).toEqual({ desired: 5, reason: "DesiredWithinRange", message: "the desired count is within the acceptable range" });
  });
});

describe("NormalizationState without behavior: the 5-minute scale-down stabilization", () => {
  it("keeps the highest recommendation of the window, then follows the metric", () => {
    const s = new NormalizationState(300_000);
    s.recordInitialRecommendation(7, "k", 0);
    let t = 0;
    const step = (desired: number) => {
      t += 15_001;
      return s.normalizeDesiredReplicas("k", 7, desired, 1, 10, t);
    };
    const first = step(1);
    expect(first.desired).toBe(7);
    expect(first.conditions[0]).toMatchObject({ type: "AbleToScale", reason: "ScaleDownStabilized" });
    // The initial 7 (t=0) leaves the window once 300 s have passed.
    let r = first;
    while (t <= 300_000) r = step(1);
    expect(r.desired).toBe(1);
    expect(r.conditions).toEqual([
      { type: "AbleToScale", status: "True", reason: "ReadyForNewScale", message: "recommended size matches current size" },
      { type: "ScalingLimited", status: "False", reason: "DesiredWithinRange", message: "the desired count is within the acceptable range" },
    ]);
  });
});

describe("NormalizationState with the default behavior", () => {
  it("scales up by max(4 pods, 100%) per 15 s: 1 → 5 → 10 → 20", () => {
    const s = new NormalizationState(300_000);
    s.recordInitialRecommendation(1, "default/h", 0);
    let current = 1;
    const seen: number[] = [];
    for (let i = 1; i <= 3; i++) {
      const t = i * 15_001;
      const r = s.normalizeDesiredReplicasWithBehaviors(args(current, 50), t);
      s.storeScaleEvent(true, DEFAULT_UP, DEFAULT_DOWN, "default/h", current, r.desired, t);
      expect(r.conditions[1]).toMatchObject({ type: "ScalingLimited", status: "True", reason: "ScaleUpLimit" });
      current = r.desired;
      seen.push(current);
    }
    expect(seen).toEqual([5, 10, 20]);
  });

  it("does not add more within the same 15 s period", () => {
    const s = new NormalizationState(300_000);
    s.recordInitialRecommendation(1, "default/h", 0);
    const r1 = s.normalizeDesiredReplicasWithBehaviors(args(1, 50), 1000);
    s.storeScaleEvent(true, DEFAULT_UP, DEFAULT_DOWN, "default/h", 1, r1.desired, 1000);
    // 5 s later: the period started at 1 replica, so the limit is still 5.
    expect(s.normalizeDesiredReplicasWithBehaviors(args(5, 50), 6000).desired).toBe(5);
  });

  it("scales down only after the 300 s window, then by at most 100% per period", () => {
    const s = new NormalizationState(300_000);
    s.recordInitialRecommendation(8, "default/h", 0);
    const early = s.normalizeDesiredReplicasWithBehaviors(args(8, 2), 150_000);
    expect(early.desired).toBe(8);
    expect(early.conditions[0]).toMatchObject({ reason: "ScaleDownStabilized", message: "recent recommendations were higher than current one, applying the highest recent recommendation" });
    expect(s.normalizeDesiredReplicasWithBehaviors(args(8, 2), 300_001).desired).toBe(2);
  });

  it("scale-up stabilization: a window makes it take the lowest recent recommendation", () => {
    const s = new NormalizationState(300_000);
    s.recordInitialRecommendation(2, "default/h", 0);
    const up: HPAScalingRules = { ...DEFAULT_UP, stabilizationWindowSeconds: 60 };
    const r = s.normalizeDesiredReplicasWithBehaviors({ ...args(2, 6), scaleUp: up }, 30_000);
    expect(r.desired).toBe(2);
    expect(r.conditions[0]).toMatchObject({ reason: "ScaleUpStabilized", message: "recent recommendations were lower than current one, applying the lowest recent recommendation" });
  });

  it("selectPolicy Disabled freezes the direction", () => {
    const s = new NormalizationState(300_000);
    s.recordInitialRecommendation(3, "default/h", 0);
    const r = s.normalizeDesiredReplicasWithBehaviors({ ...args(3, 9), scaleUp: { ...DEFAULT_UP, selectPolicy: "Disabled" } }, 20_000);
    expect(r.desired).toBe(3);
  });
});
