// ExperimentSession is what the worker's EngineHost needs to serve the experiment requests of
// protocol.ts (experiment, experimentStatus, experimentFinish, experimentStop) on its live cluster:
//   - start: builds the experiment's cluster, runs setup and failure, and hands the cluster to the host
//     (`adopt`), which makes it the cluster the page draws;
//   - while it runs, the host clamps each clock advance to `clamp(target)` and calls `poll()` after it,
//     so scripted steps (heal at +8m) run at their exact simulated instant;
//   - finish: the rest of the watch at headless speed.
import type { Cluster } from "../engine/sim/cluster";
import { findExperiment, EXPERIMENTS } from "./catalogue";
import { KnobError, resolveKnobs } from "./knobs";
import { experimentCluster, ExperimentRun } from "./runner";
import type { ExperimentRunView, ObjectRef, TimelineMark } from "./types";

export class ExperimentSession {
  private run: ExperimentRun | undefined;

  /** Starts `name`; `adopt` makes the new cluster the host's live one. Throws KnobError on bad input. */
  start(name: string, set: Readonly<Record<string, string>>, seed: number, adopt: (cluster: Cluster) => void): ExperimentRunView {
    const exp = findExperiment(name);
    if (!exp) throw new KnobError(`unknown experiment "${name}"; one of: ${EXPERIMENTS.map((e) => e.name).join(", ")}`);
    const { values } = resolveKnobs(exp, set);
    const cluster = experimentCluster(exp, values, seed);
    const run = new ExperimentRun(exp, set, { cluster });
    run.start();
    this.run = run;
    adopt(cluster);
    return this.view()!;
  }

  get active(): ExperimentRun | undefined {
    return this.run;
  }

  /**
   * The latest instant the host may advance `live` to before it must call poll(). A run on another
   * cluster (the host was reset since) never holds the clock back.
   */
  clamp(live: Cluster, target: number): number {
    const run = this.run;
    if (!run || run.cluster !== live) return target;
    const d = run.nextDeadline();
    return d === undefined ? target : Math.max(live.now(), Math.min(target, d));
  }

  /** After the host advanced `live`: run due steps, close the run at its end. */
  poll(live: Cluster): void {
    if (this.run?.cluster === live) this.run.poll();
  }

  /** The rest of the watch at once. */
  finish(): ExperimentRunView | null {
    const run = this.run;
    if (!run) return null;
    while (run.phase === "running") {
      const next = run.nextDeadline()!;
      if (next > run.cluster.now()) run.cluster.advance(next - run.cluster.now());
      run.poll();
    }
    return this.view();
  }

  stop(): void {
    this.run = undefined;
  }

  view(): ExperimentRunView | null {
    const run = this.run;
    if (!run) return null;
    const v = run.view();
    return { ...v, marks: withUids(run.cluster, v.marks) };
  }
}

/** Marks name objects; the page selects graph items by uid: fill in the uids the store still knows. */
function withUids(cluster: Cluster, marks: readonly TimelineMark[]): TimelineMark[] {
  const uidOf = (o: ObjectRef): string | undefined => {
    if (o.uid) return o.uid;
    const resource = o.kind === "Node" ? "nodes" : o.kind === "Service" ? "services" : o.kind === "Pod" ? "pods" : undefined;
    if (!resource) return undefined;
    const key = o.namespace ? `${resource}/${o.namespace}/${o.name}` : `${resource}/${o.name}`;
    return cluster.store.get(resource, key)?.metadata.uid;
  };
  return marks.map((m) => {
    if (m.objects.every((o) => o.uid)) return m;
    return { ...m, objects: m.objects.map((o) => {
      const uid = uidOf(o);
      return uid ? { ...o, uid } : o;
    }) };
  });
}
