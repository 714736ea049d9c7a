// The end of a run in numbers: each hypothesis held or broken with the measurement behind it, the
// times to detect, evict, replace and recover, the least ready and serving replicas, the downtime and
// the (estimated) failed requests. Also the text the CLI prints and a side-by-side comparison of runs.
import { formatSimDuration } from "../engine/sim/duration";
import type { Sample } from "./measure";
import type { ExperimentMetrics, ExperimentPlan, ExperimentReport, HypothesisResult, Hypothesis, TimelineMark } from "./types";

const fmt = formatSimDuration;

export function hypothesisText(h: Hypothesis, plan: ExperimentPlan): string {
  const w = `${plan.focus.workload.kind} ${plan.focus.workload.name}`;
  switch (h.kind) {
    case "readyReplicas":
      return `${w} keeps ≥ ${h.min} ready replica${h.min === 1 ? "" : "s"}`;
    case "readyEndpoints":
      return `Service ${plan.focus.service} keeps ≥ ${h.min} ready endpoint${h.min === 1 ? "" : "s"}`;
    case "requestSuccess":
      return `≥ ${h.percent}% of requests to Service ${plan.focus.service} succeed`;
    case "recovers":
      return `${w} is back to ${h.replicas} ready replica${h.replicas === 1 ? "" : "s"} within ${fmt(h.withinMs)}`;
  }
}

/** Intervals [t, next) of each sample within [from, end]. */
function spans(samples: readonly Sample[], from: number, end: number): { s: Sample; start: number; len: number }[] {
  const out: { s: Sample; start: number; len: number }[] = [];
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    const start = Math.max(s.t, from);
    const stop = Math.min(i + 1 < samples.length ? samples[i + 1]!.t : end, end);
    if (stop > start || (stop === start && i === samples.length - 1)) out.push({ s, start, len: Math.max(0, stop - start) });
  }
  return out;
}

/** Lowest value of `f` over the window, when it was first reached, and how long `f < below` lasted. */
function low(samples: readonly Sample[], from: number, end: number, f: (s: Sample) => number, below: number) {
  let min = Infinity;
  let at = from;
  let under = 0;
  let firstUnder: number | undefined;
  for (const { s, start, len } of spans(samples, from, end)) {
    const v = f(s);
    if (v < min) {
      min = v;
      at = start;
    }
    if (v < below) {
      under += len;
      firstUnder ??= start;
    }
  }
  return { min: min === Infinity ? 0 : min, at, under, firstUnder };
}

/** When `ok` became true for good (undefined if it is false at the end). 0 if it never failed. */
function recoveredAt(samples: readonly Sample[], from: number, end: number, ok: (s: Sample) => boolean): number | undefined {
  let since: number | undefined = from;
  for (const { s, start } of spans(samples, from, end)) {
    if (!ok(s)) since = undefined;
    else since ??= start;
  }
  return since;
}

export interface ReportInput {
  readonly name: string;
  readonly title: string;
  readonly knobs: Readonly<Record<string, string>>;
  readonly plan: ExperimentPlan;
  readonly failureAt: number;
  readonly endAt: number;
  readonly samples: readonly Sample[];
  readonly marks: readonly TimelineMark[];
  readonly requests?: { total: number; failed: number };
  readonly error?: string;
}

export function buildReport(r: ReportInput): ExperimentReport {
  const { plan, failureAt: from, endAt: end, samples } = r;
  const want = plan.recoverTo ?? plan.replicas;
  const ready = low(samples, from, end, (s) => s.readyReplicas, want);
  const serving = low(samples, from, end, (s) => s.serving, 1);
  const endpoints = low(samples, from, end, (s) => s.readyEndpoints, want);
  const back = recoveredAt(samples, from, end, (s) => s.readyReplicas >= want && s.serving >= want);
  const first = (kinds: readonly string[]) => r.marks.find((m) => m.t >= from && m.workload !== false && kinds.includes(m.kind))?.t;
  const rel = (t: number | undefined) => (t === undefined ? undefined : t - from);
  const metrics: ExperimentMetrics = {
    ...optional("timeToDetectMs", rel(first(["nodeNotReady", "nodePressure", "podsNotReady", "endpointsRemoved", "podFailed"]))),
    ...optional("timeToEvictMs", rel(first(["eviction", "podFailed"]))),
    ...optional("timeToReplaceMs", rel(first(["replacementCreated"]))),
    ...optional("timeToRecoverMs", rel(back)),
    minReadyReplicas: ready.min,
    minServingReplicas: serving.min,
    ...(plan.focus.service ? { minReadyEndpoints: endpoints.min } : {}),
    downtimeMs: serving.under,
    ...(r.requests ? { requestsTotal: r.requests.total, requestsFailed: r.requests.failed } : {}),
  };
  const hypotheses = plan.hypotheses.map((h): HypothesisResult => {
    const text = hypothesisText(h, plan);
    switch (h.kind) {
      case "readyReplicas": {
        const l = low(samples, from, end, (s) => s.readyReplicas, h.min);
        const held = l.min >= h.min;
        return { text, held, detail: held ? `never fewer than ${l.min} ready` : `dropped to ${l.min} at +${fmt(l.at - from)}; below ${h.min} for ${fmt(l.under)}` };
      }
      case "readyEndpoints": {
        const l = low(samples, from, end, (s) => s.readyEndpoints, h.min);
        const held = l.min >= h.min;
        return { text, held, detail: held ? `never fewer than ${l.min} ready endpoints` : `dropped to ${l.min} at +${fmt(l.at - from)}; below ${h.min} for ${fmt(l.under)}` };
      }
      case "requestSuccess": {
        if (!r.requests || r.requests.total === 0) return { text, held: true, detail: "no traffic was sent (trafficRate 0)" };
        const ok = (100 * (r.requests.total - r.requests.failed)) / r.requests.total;
        const held = ok >= h.percent;
        return { text, held, detail: `${ok.toFixed(2)}% succeeded: ${r.requests.failed} of ${r.requests.total} requests failed` };
      }
      case "recovers": {
        const at = recoveredAt(samples, from, end, (s) => s.readyReplicas >= h.replicas && s.serving >= h.replicas);
        if (at === undefined) return { text, held: false, detail: `not back by the end of the watch (+${fmt(end - from)})` };
        const took = at - from;
        return { text, held: took <= h.withinMs, detail: took === 0 ? "never went below" : `back after ${fmt(took)}` };
      }
    }
  });
  return {
    experiment: r.name,
    title: r.title,
    knobs: r.knobs,
    failureAt: from,
    endAt: end,
    held: r.error === undefined && hypotheses.every((h) => h.held),
    hypotheses,
    metrics,
    ...(r.error !== undefined ? { error: r.error } : {}),
  };
}

function optional<K extends string>(key: K, v: number | undefined): Partial<Record<K, number>> {
  return v === undefined ? {} : ({ [key]: v } as Record<K, number>);
}

// ─── Text ────────────────────────────────────────────────────────────────────────────────────────────

export function formatOffset(ms: number): string {
  const sign = ms < 0 ? "-" : "+";
  const a = Math.abs(ms);
  const m = Math.floor(a / 60_000);
  const s = Math.floor((a % 60_000) / 1000);
  const frac = a % 1000;
  return `${sign}${m}m${String(s).padStart(2, "0")}${frac ? `.${String(frac).padStart(3, "0").replace(/0+$/, "")}` : ""}s`;
}

export function formatTimeline(marks: readonly TimelineMark[]): string {
  let out = "";
  for (const m of marks) {
    out += `${formatOffset(m.dt).padStart(10)}  ${m.actor.padEnd(27)} ${m.text}\n`;
    if (m.why) out += `${"".padStart(40)}↳ ${m.why}\n`;
  }
  return out;
}

/** The metrics as label/value rows (shared by the text report and the comparison). */
export function metricRows(r: ExperimentReport): [string, string][] {
  const m = r.metrics;
  const d = (v: number | undefined) => (v === undefined ? "—" : fmt(v));
  const rows: [string, string][] = [
    ["Time to detect", d(m.timeToDetectMs)],
    ["Time to evict", d(m.timeToEvictMs)],
    ["Time to replace", d(m.timeToReplaceMs)],
    ["Time to recover", m.timeToRecoverMs === undefined ? "not recovered" : d(m.timeToRecoverMs)],
    ["Min ready replicas (API)", String(m.minReadyReplicas)],
    ["Min serving replicas", String(m.minServingReplicas)],
  ];
  if (m.minReadyEndpoints !== undefined) rows.push(["Min ready endpoints", String(m.minReadyEndpoints)]);
  rows.push(["Downtime (no pod serving)", d(m.downtimeMs)]);
  if (m.requestsTotal !== undefined) rows.push(["Requests failed", `${m.requestsFailed} of ${m.requestsTotal}`]);
  return rows;
}

export function formatReport(r: ExperimentReport): string {
  let out = `Report: ${r.title}\n`;
  const knobs = Object.entries(r.knobs).map(([k, v]) => `${k}=${v}`).join(" ");
  if (knobs) out += `  knobs: ${knobs}\n`;
  if (r.error) out += `  ERROR: ${r.error}\n`;
  out += `  hypothesis ${r.held ? "HELD" : "BROKEN"}\n`;
  for (const h of r.hypotheses) out += `    [${h.held ? "held" : "BROKEN"}] ${h.text}: ${h.detail}\n`;
  for (const [k, v] of metricRows(r)) out += `  ${k.padEnd(27)} ${v}\n`;
  return out;
}

/**
 * Runs side by side (e.g. tolerationSeconds 300 vs 30): one column per run, headed by the knobs that
 * differ between the runs (or the title), one row per metric.
 */
export function comparisonTable(reports: readonly ExperimentReport[]): { heads: string[]; rows: string[][] } {
  const heads = reports.map((r) => Object.entries(r.knobs).filter(([k, v]) => reports.some((o) => o.knobs[k] !== v)).map(([k, v]) => `${k}=${v}`).join(" ") || r.title);
  const rows: string[][] = [["Hypothesis", ...reports.map((r) => (r.held ? "held" : "BROKEN"))]];
  const table = reports.map(metricRows);
  const labels = table[0] ?? [];
  for (let i = 0; i < labels.length; i++) rows.push([labels[i]![0], ...table.map((t) => t[i]?.[1] ?? "")]);
  return { heads, rows };
}

export function formatComparison(reports: readonly ExperimentReport[]): string {
  const { heads, rows: body } = comparisonTable(reports);
  const rows: string[][] = [["", ...heads], ...body];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join("   ").trimEnd() + "\n").join("");
}
