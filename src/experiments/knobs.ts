// Knobs: parsing and checking `--set key=value` against an experiment's knob specs. Values are strings
// on the wire (CLI, page form) and typed here: ints, durations (Go syntax, in ms) and booleans.
import { parseDuration } from "../engine/sim/duration";
import type { Experiment, KnobSpec, KnobValues } from "./types";

export class KnobError extends Error {}

/** The knobs most experiments share, with upstream defaults. */
export const KNOBS = {
  replicas: (dflt: number, max = 20): KnobSpec => ({ key: "replicas", label: "Replicas", kind: "int", default: String(dflt), min: 1, max, help: "How many pods the workload runs." }),
  tolerationSeconds: (): KnobSpec => ({
    key: "tolerationSeconds",
    label: "tolerationSeconds",
    kind: "int",
    default: "300",
    min: 0,
    max: 3600,
    help: "How long the pods tolerate the not-ready / unreachable NoExecute taints. 300 is what the DefaultTolerationSeconds admission plugin adds.",
  }),
  spread: (dflt: boolean): KnobSpec => ({ key: "spread", label: "Topology spread", kind: "bool", default: String(dflt), help: "A topologySpreadConstraint (maxSkew 1, DoNotSchedule) across the topology domain." }),
  antiAffinity: (): KnobSpec => ({ key: "antiAffinity", label: "Pod anti-affinity", kind: "bool", default: "false", help: "Required pod anti-affinity on kubernetes.io/hostname: at most one pod per node." }),
  nodeMonitorGracePeriod: (): KnobSpec => ({
    key: "nodeMonitorGracePeriod",
    label: "node-monitor-grace-period",
    kind: "duration",
    default: "50s",
    min: 15_000,
    max: 600_000,
    help: "How long kube-controller-manager waits for a heartbeat before marking a node Unknown (50s since v1.32).",
  }),
  trafficRate: (): KnobSpec => ({ key: "trafficRate", label: "Traffic (req/s)", kind: "int", default: "100", min: 0, max: 100_000, help: "Requests per second sent to the Service, spread over its ready endpoints." }),
} as const;

function parseValue(spec: KnobSpec, raw: string): number | boolean {
  const v = raw.trim();
  if (spec.kind === "bool") {
    if (["true", "on", "yes", "1"].includes(v)) return true;
    if (["false", "off", "no", "0"].includes(v)) return false;
    throw new KnobError(`invalid value "${raw}" for ${spec.key}: use true or false`);
  }
  let n: number | undefined;
  if (spec.kind === "int") n = /^\d+$/.test(v) ? Number(v) : undefined;
  else n = /^\d+$/.test(v) ? Number(v) * 1000 : parseDuration(v);
  if (n === undefined) throw new KnobError(`invalid value "${raw}" for ${spec.key}: ${spec.kind === "int" ? "a whole number" : "a duration such as 50s"} is needed`);
  const show = (x: number) => (spec.kind === "duration" ? `${x / 1000}s` : String(x));
  if (spec.min !== undefined && n < spec.min) throw new KnobError(`${spec.key} must be at least ${show(spec.min)}`);
  if (spec.max !== undefined && n > spec.max) throw new KnobError(`${spec.key} must be at most ${show(spec.max)}`);
  return n;
}

/** Parses `key=value` settings (CLI `--set`) into a record; throws KnobError on bad syntax. */
export function parseSettings(items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    for (const part of item.split(",")) {
      const eq = part.indexOf("=");
      if (eq <= 0) throw new KnobError(`invalid setting "${part}": use key=value`);
      out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
  }
  return out;
}

/** Defaults overlaid with `set`; unknown keys are an error listing the known ones. */
export function resolveKnobs(exp: Experiment, set: Readonly<Record<string, string>> = {}): { values: KnobValues; text: Record<string, string> } {
  const values: Record<string, number | boolean> = {};
  const text: Record<string, string> = {};
  for (const key of Object.keys(set)) {
    if (!exp.knobs.some((k) => k.key === key)) {
      throw new KnobError(`unknown knob "${key}" for experiment ${exp.name}: use ${exp.knobs.map((k) => k.key).join(", ") || "none"}`);
    }
  }
  for (const spec of exp.knobs) {
    const raw = set[spec.key] ?? spec.default;
    values[spec.key] = parseValue(spec, raw);
    text[spec.key] = raw;
  }
  return { values, text };
}

export function int(k: KnobValues, key: string): number {
  const v = k[key];
  if (typeof v !== "number") throw new KnobError(`knob ${key} is not set`);
  return v;
}

export function bool(k: KnobValues, key: string): boolean {
  return k[key] === true;
}
