// Normalisation of a metric-derived replica count: stabilisation windows, scale-rate limits and the
// min/max bounds, with the AbleToScale and ScalingLimited conditions that explain the outcome.
// mirrors stabilizeRecommendation, normalizeDesiredReplicas, normalizeDesiredReplicasWithBehaviors,
// stabilizeRecommendationWithBehaviors, convertDesiredReplicasWithBehaviorRate,
// convertDesiredReplicasWithRules, calculateScaleUpLimit, calculateScaleUpLimitWithScalingRules,
// calculateScaleDownLimitWithBehaviors, storeScaleEvent and markScaleEventsOutdated
// (k/k pkg/controller/podautoscaler/horizontal.go, v1.34).
//
// Times are simulated ms. Go compares time.Time with Before/After, both strict: a sample exactly one
// stabilization period old still counts.
import type { ConditionStatus } from "../../api/types";
import type { HPAScalingRules } from "./types";

export const SCALE_UP_LIMIT_FACTOR = 2.0;
export const SCALE_UP_LIMIT_MINIMUM = 4.0;
const MAX_INT32 = 2147483647;
const MIN_INT32 = -2147483648;

interface TimestampedRecommendation {
  recommendation: number;
  timestamp: number;
}

interface TimestampedScaleEvent {
  /** Absolute value, non-negative. */
  replicaChange: number;
  timestamp: number;
  outdated: boolean;
}

/** A condition the caller writes onto the HPA. */
export interface ConditionUpdate {
  type: "AbleToScale" | "ScalingLimited";
  status: ConditionStatus;
  reason: string;
  message: string;
}

export interface NormalizationArg {
  key: string;
  scaleUp: HPAScalingRules;
  scaleDown: HPAScalingRules;
  minReplicas: number;
  maxReplicas: number;
  currentReplicas: number;
  desiredReplicas: number;
}

/** The controller's memory between syncs: recent recommendations and scale events per HPA key. */
export class NormalizationState {
  private readonly recommendations = new Map<string, TimestampedRecommendation[]>();
  private readonly scaleUpEvents = new Map<string, TimestampedScaleEvent[]>();
  private readonly scaleDownEvents = new Map<string, TimestampedScaleEvent[]>();

  constructor(private readonly downscaleStabilisationWindowMs: number) {}

  forget(key: string): void {
    this.recommendations.delete(key);
    this.scaleUpEvents.delete(key);
    this.scaleDownEvents.delete(key);
  }

  // mirrors recordInitialRecommendation
  recordInitialRecommendation(currentReplicas: number, key: string, now: number): void {
    if (!this.recommendations.has(key)) this.recommendations.set(key, [{ recommendation: currentReplicas, timestamp: now }]);
  }

  // mirrors stabilizeRecommendation: the highest recommendation of the last window (default 5m).
  stabilizeRecommendation(key: string, prenormalized: number, now: number): number {
    let max = prenormalized;
    let oldIndex = -1;
    const cutoff = now - this.downscaleStabilisationWindowMs;
    const recs = this.recommendations.get(key) ?? [];
    recs.forEach((rec, i) => {
      if (rec.timestamp < cutoff) oldIndex = i;
      else if (rec.recommendation > max) max = rec.recommendation;
    });
    const entry = { recommendation: prenormalized, timestamp: now };
    if (oldIndex >= 0) recs[oldIndex] = entry;
    else recs.push(entry);
    this.recommendations.set(key, recs);
    return max;
  }

  /** normalizeDesiredReplicas: the path for an HPA without spec.behavior. */
  normalizeDesiredReplicas(key: string, currentReplicas: number, prenormalized: number, minReplicas: number, maxReplicas: number, now: number): { desired: number; conditions: ConditionUpdate[] } {
    const stabilized = this.stabilizeRecommendation(key, prenormalized, now);
    const conditions: ConditionUpdate[] = [];
    if (stabilized !== prenormalized) {
      conditions.push({ type: "AbleToScale", status: "True", reason: "ScaleDownStabilized", message: "recent recommendations were higher than current one, applying the highest recent recommendation" });
    } else {
      conditions.push({ type: "AbleToScale", status: "True", reason: "ReadyForNewScale", message: "recommended size matches current size" });
    }
    const r = convertDesiredReplicasWithRules(currentReplicas, stabilized, minReplicas, maxReplicas);
    conditions.push({ type: "ScalingLimited", status: r.desired === stabilized ? "False" : "True", reason: r.reason, message: r.message });
    return { desired: r.desired, conditions };
  }

  /** normalizeDesiredReplicasWithBehaviors: stabilise within the windows, then apply the rate policies. */
  normalizeDesiredReplicasWithBehaviors(args: NormalizationArg, now: number): { desired: number; conditions: ConditionUpdate[] } {
    const conditions: ConditionUpdate[] = [];
    const s = this.stabilizeRecommendationWithBehaviors(args, now);
    if (s.recommendation !== args.desiredReplicas) {
      conditions.push({ type: "AbleToScale", status: "True", reason: s.reason, message: s.message });
    } else {
      conditions.push({ type: "AbleToScale", status: "True", reason: "ReadyForNewScale", message: "recommended size matches current size" });
    }
    const r = this.convertDesiredReplicasWithBehaviorRate({ ...args, desiredReplicas: s.recommendation }, now);
    conditions.push({ type: "ScalingLimited", status: r.desired === s.recommendation ? "False" : "True", reason: r.reason, message: r.message });
    return { desired: r.desired, conditions };
  }

  // mirrors stabilizeRecommendationWithBehaviors
  private stabilizeRecommendationWithBehaviors(args: NormalizationArg, now: number): { recommendation: number; reason: string; message: string } {
    let oldIndex = -1;
    let up = args.desiredReplicas;
    const upCutoff = now - (args.scaleUp.stabilizationWindowSeconds ?? 0) * 1000;
    let down = args.desiredReplicas;
    const downCutoff = now - (args.scaleDown.stabilizationWindowSeconds ?? 0) * 1000;
    const recs = this.recommendations.get(args.key) ?? [];
    recs.forEach((rec, i) => {
      if (rec.timestamp > upCutoff) up = Math.min(rec.recommendation, up);
      if (rec.timestamp > downCutoff) down = Math.max(rec.recommendation, down);
      if (rec.timestamp < upCutoff && rec.timestamp < downCutoff) oldIndex = i;
    });
    let recommendation = args.currentReplicas;
    if (recommendation < up) recommendation = up;
    if (recommendation > down) recommendation = down;
    const entry = { recommendation: args.desiredReplicas, timestamp: now };
    if (oldIndex >= 0) recs[oldIndex] = entry;
    else recs.push(entry);
    this.recommendations.set(args.key, recs);
    return args.desiredReplicas >= args.currentReplicas
      ? { recommendation, reason: "ScaleUpStabilized", message: "recent recommendations were lower than current one, applying the lowest recent recommendation" }
      : { recommendation, reason: "ScaleDownStabilized", message: "recent recommendations were higher than current one, applying the highest recent recommendation" };
  }

  // mirrors convertDesiredReplicasWithBehaviorRate
  private convertDesiredReplicasWithBehaviorRate(args: NormalizationArg, now: number): { desired: number; reason: string; message: string } {
    const ups = this.scaleUpEvents.get(args.key) ?? [];
    const downs = this.scaleDownEvents.get(args.key) ?? [];
    if (args.desiredReplicas > args.currentReplicas) {
      let limit = calculateScaleUpLimitWithScalingRules(args.currentReplicas, ups, downs, args.scaleUp, now);
      // No further scale-up until the scale-up events age out.
      if (limit < args.currentReplicas) limit = args.currentReplicas;
      let maxAllowed = args.maxReplicas;
      let reason: string;
      let message: string;
      if (maxAllowed > limit) {
        maxAllowed = limit;
        reason = "ScaleUpLimit";
        message = "the desired replica count is increasing faster than the maximum scale rate";
      } else {
        reason = "TooManyReplicas";
        message = "the desired replica count is more than the maximum replica count";
      }
      if (args.desiredReplicas > maxAllowed) return { desired: maxAllowed, reason, message };
    } else if (args.desiredReplicas < args.currentReplicas) {
      let limit = calculateScaleDownLimitWithBehaviors(args.currentReplicas, ups, downs, args.scaleDown, now);
      if (limit > args.currentReplicas) limit = args.currentReplicas;
      let minAllowed = args.minReplicas;
      let reason: string;
      let message: string;
      if (minAllowed < limit) {
        minAllowed = limit;
        reason = "ScaleDownLimit";
        message = "the desired replica count is decreasing faster than the maximum scale rate";
      } else {
        reason = "TooFewReplicas";
        message = "the desired replica count is less than the minimum replica count";
      }
      if (args.desiredReplicas < minAllowed) return { desired: minAllowed, reason, message };
    }
    return { desired: args.desiredReplicas, reason: "DesiredWithinRange", message: "the desired count is within the acceptable range" };
  }

  /** storeScaleEvent: only HPAs with a behavior keep scale events (nothing else reads them). */
  storeScaleEvent(hasBehavior: boolean, scaleUp: HPAScalingRules | undefined, scaleDown: HPAScalingRules | undefined, key: string, prev: number, next: number, now: number): void {
    if (!hasBehavior) return;
    const upward = next > prev;
    const map = upward ? this.scaleUpEvents : this.scaleDownEvents;
    const events = map.get(key) ?? [];
    markScaleEventsOutdated(events, getLongestPolicyPeriod(upward ? scaleUp : scaleDown), now);
    let oldIndex = -1;
    events.forEach((e, i) => {
      if (e.outdated) oldIndex = i;
    });
    const entry = { replicaChange: Math.abs(next - prev), timestamp: now, outdated: false };
    if (oldIndex >= 0) events[oldIndex] = entry;
    else events.push(entry);
    map.set(key, events);
  }
}

// mirrors convertDesiredReplicasWithRules: min/max and the 2×-or-4 scale-up cap of HPAs without behavior.
export function convertDesiredReplicasWithRules(currentReplicas: number, desiredReplicas: number, hpaMin: number, hpaMax: number): { desired: number; reason: string; message: string } {
  const scaleUpLimit = calculateScaleUpLimit(currentReplicas);
  let maxAllowed: number;
  let reason: string;
  let message: string;
  if (hpaMax > scaleUpLimit) {
    maxAllowed = scaleUpLimit;
    reason = "ScaleUpLimit";
    message = "the desired replica count is increasing faster than the maximum scale rate";
  } else {
    maxAllowed = hpaMax;
    reason = "TooManyReplicas";
    message = "the desired replica count is more than the maximum replica count";
  }
  if (desiredReplicas < hpaMin) {
    return { desired: hpaMin, reason: "TooFewReplicas", message: "the desired replica count is less than the minimum replica count" };
  }
  if (desiredReplicas > maxAllowed) return { desired: maxAllowed, reason, message };
  return { desired: desiredReplicas, reason: "DesiredWithinRange", message: "the desired count is within the acceptable range" };
}

// mirrors calculateScaleUpLimit: max(2 × current, 4).
export function calculateScaleUpLimit(currentReplicas: number): number {
  return Math.trunc(Math.max(SCALE_UP_LIMIT_FACTOR * currentReplicas, SCALE_UP_LIMIT_MINIMUM));
}

function markScaleEventsOutdated(events: TimestampedScaleEvent[], longestPolicyPeriodSeconds: number, now: number): void {
  const cutoff = now - longestPolicyPeriodSeconds * 1000;
  for (const e of events) if (e.timestamp < cutoff) e.outdated = true;
}

function getLongestPolicyPeriod(rules: HPAScalingRules | undefined): number {
  let longest = 0;
  for (const p of rules?.policies ?? []) if (p.periodSeconds > longest) longest = p.periodSeconds;
  return longest;
}

// mirrors getReplicasChangePerPeriod: replicas changed by events strictly newer than the period start.
function getReplicasChangePerPeriod(periodSeconds: number, events: readonly TimestampedScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds * 1000;
  let replicas = 0;
  for (const e of events) if (e.timestamp > cutoff) replicas += e.replicaChange;
  return replicas;
}

// mirrors calculateScaleUpLimitWithScalingRules
export function calculateScaleUpLimitWithScalingRules(current: number, ups: readonly TimestampedScaleEvent[], downs: readonly TimestampedScaleEvent[], rules: HPAScalingRules, now: number): number {
  const select = rules.selectPolicy ?? "Max";
  if (select === "Disabled") return current;
  const pick = select === "Min" ? Math.min : Math.max;
  let result = select === "Min" ? MAX_INT32 : MIN_INT32;
  for (const p of rules.policies ?? []) {
    const periodStart = current - getReplicasChangePerPeriod(p.periodSeconds, ups, now) + getReplicasChangePerPeriod(p.periodSeconds, downs, now);
    // Percent rounds up so that a small replica count can still grow.
    const proposed = p.type === "Pods" ? periodStart + p.value : Math.ceil(periodStart * (1 + p.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

// mirrors calculateScaleDownLimitWithBehaviors
export function calculateScaleDownLimitWithBehaviors(current: number, ups: readonly TimestampedScaleEvent[], downs: readonly TimestampedScaleEvent[], rules: HPAScalingRules, now: number): number {
  const select = rules.selectPolicy ?? "Max";
  if (select === "Disabled") return current;
  const pick = select === "Min" ? Math.max : Math.min;
  let result = select === "Min" ? MIN_INT32 : MAX_INT32;
  for (const p of rules.policies ?? []) {
    const periodStart = current - getReplicasChangePerPeriod(p.periodSeconds, ups, now) + getReplicasChangePerPeriod(p.periodSeconds, downs, now);
    const proposed = p.type === "Pods" ? periodStart - p.value : Math.trunc(periodStart * (1 - p.value / 100));
    result = pick(result, proposed);
  }
  return result;
}
