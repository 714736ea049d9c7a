import { describe, expect, it } from "vitest";
import { buildReport, formatComparison, formatOffset } from "./report";
import type { Sample } from "./measure";
import type { ExperimentPlan } from "./types";

const plan: ExperimentPlan = {
  files: {},
  setup: "",
  focus: { namespace: "default", selector: { app: "web" }, workload: { kind: "Deployment", name: "web" }, service: "web" },
  replicas: 3,
  hypotheses: [
    { kind: "readyReplicas", min: 2 },
    { kind: "requestSuccess", percent: 99 },
    { kind: "recovers", replicas: 3, withinMs: 60_000 },
  ],
  target: { kind: "none" },
  failure: "",
  steps: [],
  watchMs: 100_000,
  trafficRate: 10,
};

const s = (t: number, readyReplicas: number, serving: number): Sample => ({ t, readyReplicas, serving, readyEndpoints: readyReplicas });

describe("buildReport", () => {
  it("measures the lowest point, the time below it and the recovery", () => {
    const samples = [s(1_000, 3, 3), s(1_000, 3, 2), s(51_000, 2, 2), s(81_000, 3, 3)];
    const r = buildReport({ name: "x", title: "X", knobs: {}, plan, failureAt: 1_000, endAt: 101_000, samples, marks: [], requests: { total: 1000, failed: 167 } });
    expect(r.metrics).toMatchObject({ minReadyReplicas: 2, minServingReplicas: 2, downtimeMs: 0, timeToRecoverMs: 80_000, requestsFailed: 167 });
    expect(r.hypotheses).toEqual([
      { text: "Deployment web keeps ≥ 2 ready replicas", held: true, detail: "never fewer than 2 ready" },
      { text: "≥ 99% of requests to Service web succeed", held: false, detail: "83.30% succeeded: 167 of 1000 requests failed" },
      { text: "Deployment web is back to 3 ready replicas within 1m0s", held: false, detail: "back after 1m20s" },
    ]);
    expect(r.held).toBe(false);
  });

  it("counts downtime while nothing serves", () => {
    const samples = [s(0, 1, 1), s(10_000, 1, 0), s(40_000, 0, 0), s(70_000, 1, 1)];
    const r = buildReport({ name: "x", title: "X", knobs: {}, plan: { ...plan, replicas: 1 }, failureAt: 0, endAt: 100_000, samples, marks: [] });
    expect(r.metrics.downtimeMs).toBe(60_000);
    expect(r.hypotheses[0]).toMatchObject({ held: false, detail: "dropped to 0 at +40s; below 2 for 1m40s" });
  });
});

describe("formatting", () => {
  it("prints offsets from the failure", () => {
    expect(formatOffset(0)).toBe("+0m00s");
    expect(formatOffset(353_108)).toBe("+5m53.108s");
    expect(formatOffset(-6_996)).toBe("-0m06.996s");
  });

  it("puts two reports side by side, headed by the knobs that differ", () => {
    const base = buildReport({ name: "x", title: "X", knobs: { replicas: "3", tolerationSeconds: "300" }, plan, failureAt: 0, endAt: 1_000, samples: [s(0, 3, 3)], marks: [] });
    const other = { ...base, knobs: { replicas: "3", tolerationSeconds: "30" } };
    const text = formatComparison([base, other]);
    expect(text.split("\n")[0]).toBe("                            tolerationSeconds=300   tolerationSeconds=30");
    expect(text).toContain("Min ready replicas (API)    3                       3");
  });
});
