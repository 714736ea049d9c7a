// ExperimentRun runs one experiment on a cluster: setup (manifests + script, then wait for the steady
// state), the failure at a recorded instant, scripted steps at their offsets, and the watch. It records
// what the API server did (ChangeRecorder) and samples the steady-state measures (Meter); the timeline
// and the report are derived from those. Pure and deterministic like the engine: the clock only moves
// when the host (the Web Worker's loop, the CLI, a test) advances it.
//
// Live use (the worker): `start()`, then after each clock advance `poll()`, never advancing past
// `nextDeadline()` without polling; `view()` for the page. Headless: `runToEnd()`.
import type { FileSystem } from "../engine/kubectl/env";
import { Cluster } from "../engine/sim/cluster";
import { defaultClusterConfig } from "../engine/sim/clusterConfig";
import { Session } from "../engine/sim/session";
import { resolveKnobs } from "./knobs";
import { focusPods, Meter } from "./measure";
import { ChangeRecorder } from "./recorder";
import { buildReport } from "./report";
import { buildTimeline, type ExecutedLine } from "./timeline";
import type { Experiment, ExperimentPlan, ExperimentReport, ExperimentRunView, KnobValues, RunPhase, TimelineMark } from "./types";

/** The `sim traffic` generator an experiment's clients run as. */
export const TRAFFIC_GENERATOR = "clients";

/** How long the setup may take to reach the steady state. */
export const STEADY_STATE_TIMEOUT_MS = 5 * 60_000;

export interface RunOptions {
  readonly seed?: number;
  /** A fresh cluster built by the host with `experimentCluster` (the worker's own); default: built here. */
  readonly cluster?: Cluster;
}

/** The cluster an experiment needs (its size, HA control plane, node-monitor-grace-period). */
export function experimentCluster(exp: Experiment, knobs: KnobValues, seed = 1): Cluster {
  const shape = exp.cluster(knobs);
  return new Cluster(
    defaultClusterConfig({ seed, workers: shape.workers ?? 3, controlPlanes: shape.controlPlanes ?? 1 }),
    shape.nodeMonitorGracePeriodMs !== undefined ? { nodeMonitorGracePeriodMs: shape.nodeMonitorGracePeriodMs } : {},
  );
}

function filesOf(files: Readonly<Record<string, string>>): FileSystem {
  return { readFile: (p) => files[p.replace(/^\.\//, "")], readDir: () => undefined };
}

export class ExperimentRun {
  readonly cluster: Cluster;
  readonly session: Session;
  readonly plan: ExperimentPlan;
  readonly knobs: Readonly<Record<string, string>>;
  phase: RunPhase = "setup";
  failureAt: number | undefined;
  endAt: number | undefined;
  private transcript = "";
  private readonly recorder: ChangeRecorder;
  private readonly meter: Meter;
  private readonly lines: ExecutedLine[] = [];
  private readonly steps: { at: number; script: string; note: string }[] = [];
  private vars: Record<string, string> = {};
  private affected: string[] = [];
  private baselineEndpoints = 0;
  private chaosFrom = 0;
  private error: string | undefined;
  private report: ExperimentReport | undefined;
  private marksCache: { key: number; marks: TimelineMark[] } | undefined;
  private trafficAtFailure: { sent: number; errors: number } | undefined;

  constructor(
    readonly experiment: Experiment,
    set: Readonly<Record<string, string>> = {},
    opts: RunOptions = {},
  ) {
    const { values, text } = resolveKnobs(experiment, set);
    this.knobs = text;
    this.plan = experiment.plan(values);
    this.cluster = opts.cluster ?? experimentCluster(experiment, values, opts.seed ?? 1);
    this.session = new Session(this.cluster, filesOf(this.plan.files));
    this.meter = new Meter(this.cluster, this.plan.focus);
    this.recorder = new ChangeRecorder(this.cluster, this.plan.focus.namespace, () => {
      if (this.phase === "running") this.meter.sample();
    });
  }

  /** Runs one line; returns the first line of stderr when it failed. */
  private run(line: string): { ok: boolean; error?: string } {
    const r = this.session.run(line);
    this.transcript += `$ ${line}\n${r.out}${r.err}`;
    this.recorder.flush("etcd");
    if (r.code === 0) return { ok: true };
    const first = r.err.split("\n").find((l) => l.trim() !== "");
    return { ok: false, ...(first ? { error: first } : {}) };
  }

  private fail(message: string): void {
    this.error = message;
    this.phase = "failed";
    this.finish(this.cluster.now());
  }

  /** Setup, steady state, failure. Afterwards the run is "running" (or "failed"). */
  start(): void {
    if (this.phase !== "setup") return;
    for (const raw of this.plan.setup.split("\n")) {
      const line = raw.trim();
      if (line === "" || line.startsWith("#")) continue;
      const r = this.run(line);
      if (!r.ok) return this.fail(`setup command failed: ${line}${r.error ? `: ${r.error}` : ""}`);
    }
    const want = this.plan.replicas;
    const steady = () => {
      const s = this.meter.measure();
      return s.readyReplicas >= want && s.serving >= want && (!this.plan.focus.service || s.readyEndpoints >= want);
    };
    if (!this.cluster.runUntil(steady, STEADY_STATE_TIMEOUT_MS)) {
      return this.fail(`the steady state was not reached within ${STEADY_STATE_TIMEOUT_MS / 60_000} minutes (${want} ready replicas)`);
    }
    this.baselineEndpoints = this.meter.measure().readyEndpoints;
    if (this.plan.trafficRate > 0 && this.plan.focus.service) {
      // Clients for the whole watch: the traffic model routes them through kube-proxy's rules.
      const line = `sim traffic start ${TRAFFIC_GENERATOR} --to ${this.plan.focus.service} --rate ${this.plan.trafficRate} -n ${this.plan.focus.namespace}`;
      const r = this.run(line);
      if (!r.ok) return this.fail(`setup command failed: ${line}${r.error ? `: ${r.error}` : ""}`);
      // One traffic tick, so that the counters start from a running generator.
      this.cluster.advance(1_000);
    }
    this.inject();
  }

  private generator(): { sent: number; errors: number } | undefined {
    return this.plan.trafficRate > 0 ? this.cluster.network.traffic.generator(TRAFFIC_GENERATOR) : undefined;
  }

  private inject(): void {
    this.vars = this.resolveTargets();
    const before = this.nodeHealth();
    this.failureAt = this.cluster.now();
    this.endAt = this.failureAt + this.plan.watchMs;
    this.chaosFrom = this.cluster.controlPlane.log.length;
    this.phase = "running";
    const g = this.generator();
    this.trafficAtFailure = g ? { sent: g.sent, errors: g.errors } : undefined;
    this.meter.sample();
    for (const s of this.plan.steps) this.steps.push({ at: this.failureAt + s.afterMs, script: s.script, note: this.substitute(s.note) });
    this.steps.sort((a, b) => a.at - b.at);
    this.runScript(this.plan.failure, "failure");
    const after = this.nodeHealth();
    this.affected = [...before.keys()].filter((n) => before.get(n) && !after.get(n)).sort();
    this.meter.sample();
  }

  private nodeHealth(): Map<string, boolean> {
    const m = new Map<string, boolean>();
    for (const [name, k] of this.cluster.kubelets) m.set(name, k.alive && k.connected && !k.shuttingDown);
    return m;
  }

  private runScript(script: string, kind: "failure" | "step", note?: string): void {
    for (const raw of script.split("\n")) {
      const line = this.substitute(raw.trim());
      if (line === "" || line.startsWith("#")) continue;
      const t = this.cluster.now();
      const r = this.run(line);
      this.lines.push({ t, line, kind, ...(note ? { note } : {}), failed: !r.ok, ...(r.error ? { error: r.error } : {}) });
      this.meter.sample();
    }
  }

  private substitute(line: string): string {
    return line.replace(/\$(NODE|ZONE|POD)\b/g, (m, v: string) => this.vars[v] ?? m);
  }

  /** $NODE, $ZONE, $POD from the cluster as it is just before the failure. */
  private resolveTargets(): Record<string, string> {
    const t = this.plan.target;
    const pods = focusPods(this.cluster, this.plan.focus).filter((p) => !p.metadata.deletionTimestamp && p.spec.nodeName);
    const out: Record<string, string> = {};
    const zoneOf = (node: string) => this.cluster.kubelets.get(node)?.config.labels?.["topology.kubernetes.io/zone"] ?? "";
    if (t.kind === "nodeWithMostPods" || t.kind === "zoneWithMostPods") {
      const count = new Map<string, number>();
      const key = (p: (typeof pods)[number]) => (t.kind === "zoneWithMostPods" ? zoneOf(p.spec.nodeName!) : p.spec.nodeName!);
      for (const p of pods) count.set(key(p), (count.get(key(p)) ?? 0) + 1);
      const best = [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
      if (best) {
        if (t.kind === "zoneWithMostPods") out.ZONE = best[0];
        else {
          out.NODE = best[0];
          out.ZONE = zoneOf(best[0]);
        }
      }
    } else if (t.kind === "nodeOfPod") {
      const p = pods.find((x) => x.metadata.name === t.pod);
      if (p) {
        out.NODE = p.spec.nodeName!;
        out.ZONE = zoneOf(p.spec.nodeName!);
        out.POD = p.metadata.name;
      }
    }
    if (!out.POD && pods[0]) out.POD = pods[0].metadata.name;
    return out;
  }

  /** When the host must stop its clock next so a step runs on time. */
  nextDeadline(): number | undefined {
    if (this.phase !== "running") return undefined;
    return Math.min(this.steps[0]?.at ?? Infinity, this.endAt!);
  }

  /** Runs the steps that are due and ends the run at the end of the watch. Call after the clock moved. */
  poll(): void {
    if (this.phase !== "running") return;
    while (this.steps.length > 0 && this.steps[0]!.at <= this.cluster.now()) {
      const s = this.steps.shift()!;
      this.runScript(s.script, "step", s.note);
    }
    if (this.cluster.now() >= this.endAt!) this.finish(this.endAt!);
  }

  /** Headless: the whole run, start to report. */
  runToEnd(): ExperimentReport {
    this.start();
    while (this.phase === "running") {
      const next = this.nextDeadline()!;
      if (next > this.cluster.now()) this.cluster.advance(next - this.cluster.now());
      this.poll();
    }
    return this.report!;
  }

  private finish(end: number): void {
    if (this.report) return;
    const failureAt = this.failureAt ?? end;
    this.endAt = end;
    const g = this.generator();
    const from = this.trafficAtFailure;
    const requests = g && from ? { total: g.sent - from.sent, failed: g.errors - from.errors } : undefined;
    if (g) this.run(`sim traffic stop ${TRAFFIC_GENERATOR}`);
    const marks = this.marks();
    this.report = buildReport({
      name: this.experiment.name,
      title: this.experiment.title,
      knobs: this.knobs,
      plan: this.plan,
      failureAt,
      endAt: end,
      samples: this.meter.since(failureAt),
      marks,
      ...(requests ? { requests } : {}),
      ...(this.error !== undefined ? { error: this.error } : {}),
    });
    if (this.phase !== "failed") this.phase = "done";
    this.recorder.detach();
  }

  /** The timeline so far (recomputed when something new was recorded). */
  marks(): TimelineMark[] {
    if (this.failureAt === undefined) return [];
    const key = this.recorder.changes.length * 1_000_003 + this.lines.length * 1009 + this.cluster.controlPlane.log.length;
    if (this.marksCache?.key === key) return this.marksCache.marks;
    const marks = buildTimeline({
      failureAt: this.failureAt,
      focus: this.plan.focus,
      changes: this.recorder.changes,
      heartbeats: this.recorder.heartbeats,
      lines: this.lines,
      chaos: this.cluster.controlPlane.log.slice(this.chaosFrom),
      affectedNodes: this.affected,
      baselineEndpoints: this.baselineEndpoints,
      nodeMonitorGracePeriodMs: this.cluster.timings.nodeMonitorGracePeriodMs,
      nodeMonitorPeriodMs: this.cluster.timings.nodeMonitorPeriodMs,
    });
    this.marksCache = { key, marks };
    return marks;
  }

  getReport(): ExperimentReport | undefined {
    return this.report;
  }

  view(): ExperimentRunView {
    return {
      name: this.experiment.name,
      title: this.experiment.title,
      knobs: this.knobs,
      phase: this.phase,
      now: this.cluster.now(),
      ...(this.failureAt !== undefined ? { failureAt: this.failureAt } : {}),
      ...(this.endAt !== undefined ? { endAt: this.endAt } : {}),
      marks: this.marks(),
      ...(this.report ? { report: this.report } : {}),
      transcript: this.transcript,
    };
  }
}
