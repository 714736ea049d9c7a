import { describe, expect, it } from "vitest";
import type { ReplicaSet } from "../../api/types";
import { computeHash } from "../../apimachinery/hash";
import { FakeReplicaSetController } from "./testing/fakeReplicaSetController";
import { newDeployment, setImage } from "./testing/fixtures";
import { TestHarness } from "./testing/testHarness";

const REV = "deployment.kubernetes.io/revision";

function sum(rss: ReplicaSet[], f: (rs: ReplicaSet) => number): number {
  return rss.reduce((n, rs) => n + f(rs), 0);
}

describe("rolloutRolling", () => {
  it("rolls 10 replicas from image A to B in upstream's steps within maxSurge 3 / maxUnavailable 2", () => {
    const h = new TestHarness();
    new FakeReplicaSetController(h, { readyDelayMs: 3_000 });
    h.create(newDeployment({ replicas: 10, image: "nginx:1.14.2" }));
    h.run(20_000);
    const oldName = h.replicaSets()[0]!.metadata.name;

    // From here on, after every write: Σ spec.replicas ≤ 10 + 3 and Σ available ≥ 10 − 2.
    let maxTotal = 0;
    let minAvailable = Infinity;
    h.onStoreEvent((e) => {
      if (e.resource !== "replicasets") return;
      const rss = h.replicaSets();
      maxTotal = Math.max(maxTotal, sum(rss, (rs) => rs.spec.replicas ?? 0));
      minAvailable = Math.min(minAvailable, sum(rss, (rs) => rs.status?.availableReplicas ?? 0));
    });
    const before = h.eventMessages("ScalingReplicaSet").length;
    h.editDeployment("nginx-deployment", (d) => setImage(d, "nginx:1.16.1"));
    h.run(60_000);

    const template = newDeployment().spec.template;
    template.spec.containers[0]!.image = "nginx:1.16.1";
    const newName = `nginx-deployment-${computeHash(template)}`;
    const steps = h.eventMessages("ScalingReplicaSet").slice(before);
    // 25% of 10: surge rounds up to 3, unavailable rounds down to 2. New 3 → old 8 → new 5 → ...
    expect(steps.slice(0, 3)).toEqual([
      `Scaled up replica set ${newName} from 0 to 3`,
      `Scaled down replica set ${oldName} from 10 to 8`,
      `Scaled up replica set ${newName} from 3 to 5`,
    ]);
    expect(steps.at(-1)).toMatch(new RegExp(`^Scaled (up replica set ${newName} from \\d+ to 10|down replica set ${oldName} from \\d+ to 0)$`));
    expect(maxTotal).toBe(13);
    expect(minAvailable).toBe(8);

    const byName = new Map(h.replicaSets().map((rs) => [rs.metadata.name, rs]));
    expect([...byName.keys()].sort()).toEqual([newName, oldName].sort());
    expect(byName.get(newName)!.spec.replicas).toBe(10);
    expect(byName.get(oldName)!.spec.replicas).toBe(0);
    expect(byName.get(oldName)!.metadata.annotations?.[REV]).toBe("1");
    expect(byName.get(newName)!.metadata.annotations?.[REV]).toBe("2");
    expect(byName.get(newName)!.metadata.annotations?.["deployment.kubernetes.io/max-replicas"]).toBe("13");
    const d = h.deployment("nginx-deployment");
    expect(d.metadata.annotations?.[REV]).toBe("2");
    expect(d.status).toMatchObject({ observedGeneration: 2, replicas: 10, updatedReplicas: 10, availableReplicas: 10 });
    expect(d.status?.conditions?.find((c) => c.type === "Progressing")?.reason).toBe("NewReplicaSetAvailable");
    expect(h.bugs()).toEqual([]);
  });

  it("rolls nginx-deployment (3 replicas) one pod at a time, as the Deployment docs show", () => {
    // corpus/oracles/01-deployment.md: new RS up 1 → 2 → 3 while the old one goes 3 → 2 → 1 → 0
    // (25% of 3: surge 1, unavailable 0 — at least 3 available, at most 4 pods).
    const h = new TestHarness();
    new FakeReplicaSetController(h);
    h.create(newDeployment({ replicas: 3, image: "nginx:1.14.2" }));
    h.run(20_000);
    const oldName = h.replicaSets()[0]!.metadata.name;
    const before = h.eventMessages("ScalingReplicaSet").length;
    h.editDeployment("nginx-deployment", (d) => setImage(d, "nginx:1.16.1"));
    h.run(60_000);
    const newName = h.replicaSets().find((rs) => rs.metadata.name !== oldName)!.metadata.name;
    expect(h.eventMessages("ScalingReplicaSet").slice(before)).toEqual([
      `Scaled up replica set ${newName} from 0 to 1`,
      `Scaled down replica set ${oldName} from 3 to 2`,
      `Scaled up replica set ${newName} from 1 to 2`,
      `Scaled down replica set ${oldName} from 2 to 1`,
      `Scaled up replica set ${newName} from 2 to 3`,
      `Scaled down replica set ${oldName} from 1 to 0`,
    ]);
    expect(h.bugs()).toEqual([]);
  });

  it("a rollback reuses the old ReplicaSet, renumbers it and records its old revision", () => {
    const h = new TestHarness();
    new FakeReplicaSetController(h);
    h.create(newDeployment({ replicas: 3, image: "nginx:1.14.2" }));
    h.run(20_000);
    const first = h.replicaSets()[0]!.metadata.name;
    h.editDeployment("nginx-deployment", (d) => setImage(d, "nginx:1.16.1"));
    h.run(60_000);
    // `kubectl rollout undo` puts the old template back into the Deployment.
    h.editDeployment("nginx-deployment", (d) => setImage(d, "nginx:1.14.2"));
    h.run(60_000);

    const rss = h.replicaSets();
    expect(rss).toHaveLength(2); // no third ReplicaSet
    const reused = h.replicaSet(first)!;
    expect(reused.spec.replicas).toBe(3);
    expect(reused.metadata.annotations?.[REV]).toBe("3");
    expect(reused.metadata.annotations?.["deployment.kubernetes.io/revision-history"]).toBe("1");
    expect(h.deployment("nginx-deployment").metadata.annotations?.[REV]).toBe("3");
    expect(rss.find((r) => r.metadata.name !== first)!.spec.replicas).toBe(0);
    expect(h.bugs()).toEqual([]);
  });

  it("keeps revisionHistoryLimit old ReplicaSets and deletes older ones, oldest revision first", () => {
    const h = new TestHarness();
    new FakeReplicaSetController(h);
    h.create(newDeployment({ replicas: 2, revisionHistoryLimit: 2, image: "app:1" }));
    h.run(20_000);
    for (const v of [2, 3, 4, 5]) {
      h.editDeployment("nginx-deployment", (d) => setImage(d, `app:${v}`));
      h.run(60_000);
    }
    const revs = h
      .replicaSets()
      .map((rs) => [rs.metadata.annotations?.[REV], rs.spec.template.spec.containers[0]!.image, rs.spec.replicas])
      .sort();
    expect(revs).toEqual([
      ["3", "app:3", 0],
      ["4", "app:4", 0],
      ["5", "app:5", 2],
    ]);
    expect(h.bugs()).toEqual([]);
  });

  it("reports ProgressDeadlineExceeded progressDeadlineSeconds after the last progress", () => {
    const h = new TestHarness();
    new FakeReplicaSetController(h, { neverReady: (rs) => rs.spec.template.spec.containers[0]!.image === "nginx:broken" });
    h.create(newDeployment({ replicas: 3 }));
    h.run(20_000);
    h.editDeployment("nginx-deployment", (d) => setImage(d, "nginx:broken"));
    h.run(10_000);

    const progressing = () => h.deployment("nginx-deployment").status?.conditions?.find((c) => c.type === "Progressing");
    const stuck = progressing()!;
    expect(stuck).toMatchObject({ status: "True", reason: "ReplicaSetUpdated" });
    const lastProgress = Date.parse(stuck.lastUpdateTime!) - h.clock.absolute(0);
    const newName = h.replicaSets().find((rs) => rs.spec.template.spec.containers[0]!.image === "nginx:broken")!.metadata.name;

    // Nothing happens in the cluster any more; only the controller's own requeue can fire the deadline.
    expect(h.runUntil(() => progressing()?.reason === "ProgressDeadlineExceeded", 700_000)).toBe(true);
    const at = h.clock.now();
    expect(at).toBeGreaterThan(lastProgress + 600_000);
    expect(at).toBeLessThanOrEqual(lastProgress + 603_000);
    expect(progressing()).toMatchObject({ status: "False", reason: "ProgressDeadlineExceeded", message: `ReplicaSet "${newName}" has timed out progressing.` });
    // 3 replicas: surge 1, unavailable 0, so the 3 old pods stay and the Deployment stays Available.
    expect(h.deployment("nginx-deployment").status?.conditions?.find((c) => c.type === "Available")?.status).toBe("True");
    expect(h.bugs()).toEqual([]);
  });

  it("scales proportionally when replicas change mid-rollout (10 → 15: +3 old, +2 new)", () => {
    // The example of the Deployment docs ("Proportional scaling"): maxSurge 3, maxUnavailable 2, a broken
    // new image stalls the rollout at old 8 / new 5, then the Deployment is scaled to 15.
    const h = new TestHarness();
    new FakeReplicaSetController(h, { neverReady: (rs) => rs.spec.template.spec.containers[0]!.image === "nginx:sometag" });
    h.create(newDeployment({ replicas: 10, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }));
    h.run(20_000);
    h.editDeployment("nginx-deployment", (d) => setImage(d, "nginx:sometag"));
    h.run(30_000);
    const isNew = (rs: ReplicaSet) => rs.spec.template.spec.containers[0]!.image === "nginx:sometag";
    const sizes = () => {
      const rss = h.replicaSets();
      return { old: rss.find((r) => !isNew(r))!.spec.replicas, new: rss.find(isNew)!.spec.replicas };
    };
    expect(sizes()).toEqual({ old: 8, new: 5 });

    h.editDeployment("nginx-deployment", (d) => (d.spec.replicas = 15));
    h.run(30_000);
    expect(sizes()).toEqual({ old: 11, new: 7 });
    expect(h.replicaSets().every((rs) => rs.metadata.annotations?.["deployment.kubernetes.io/desired-replicas"] === "15")).toBe(true);
    expect(h.bugs()).toEqual([]);
  });
});
