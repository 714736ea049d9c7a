import { describe, expect, it } from "vitest";
import type { Cluster } from "../engine/sim/cluster";
import { ExperimentSession } from "./hostAdapter";

describe("ExperimentSession (the worker's side)", () => {
  it("hands the host a fresh cluster, runs steps on time while the host advances in slices, and reports", () => {
    const s = new ExperimentSession();
    let live: Cluster | undefined;
    const v = s.start("partition-node", { healAfter: "2m" }, 1, (c) => (live = c));
    expect(live).toBe(s.active!.cluster);
    expect(v.phase).toBe("running");
    expect(v.marks[0]).toMatchObject({ kind: "heartbeat" });
    const failureAt = v.failureAt!;
    // A host advancing 7s at a time, clamped to the run's deadlines.
    while (s.view()!.phase === "running") {
      const target = s.clamp(live!, live!.now() + 7_000);
      live!.advance(target - live!.now());
      s.poll(live!);
    }
    const done = s.view()!;
    const heal = done.marks.find((m) => m.kind === "step")!;
    expect(heal.t).toBe(failureAt + 120_000);
    expect(done.report).toBeDefined();
    // Node marks carry the node's uid so the page can select it in the graph.
    const node = done.marks.find((m) => m.kind === "heartbeat")!.objects[0]!;
    expect(node.uid).toBe(live!.store.get("nodes", `nodes/${node.name}`)!.metadata.uid);
  });

  it("never holds back the clock of another cluster (the host was reset)", () => {
    const s = new ExperimentSession();
    let live: Cluster | undefined;
    s.start("stop-scheduler", {}, 1, (c) => (live = c));
    const other = { now: () => 5 } as unknown as Cluster;
    expect(s.clamp(other, 1_000_000)).toBe(1_000_000);
    expect(s.clamp(live!, live!.now() + 10 * 60_000)).toBe(s.active!.nextDeadline());
  });

  it("finishes a run at once and rejects unknown experiments and knobs", () => {
    const s = new ExperimentSession();
    expect(s.view()).toBeNull();
    s.start("stop-scheduler", {}, 1, () => {});
    expect(s.finish()!.phase).toBe("done");
    expect(() => s.start("nope", {}, 1, () => {})).toThrow('unknown experiment "nope"');
    expect(() => s.start("kill-node", { replicas: "-1" }, 1, () => {})).toThrow('invalid value "-1" for replicas');
    s.stop();
    expect(s.view()).toBeNull();
  });
});
