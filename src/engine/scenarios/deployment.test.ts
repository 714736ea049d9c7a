// Deployment scenarios from the upstream docs (corpus oracle 01 and SCENARIOS.md #1–#3), run on the
// whole simulated cluster: API server, controllers, scheduler and kubelets.
import { describe, expect, it } from "vitest";
import type { Deployment } from "../api/types";
import { ApiError } from "../apiserver/errors";
import { deployment, edit, events, fixture, newCluster, pods, replicaSets, rolledOut } from "./testCluster";

describe("nginx-deployment.yaml (oracle 01: concepts/workloads/controllers/deployment.md)", () => {
  it("reaches 3/3 with one ReplicaSet nginx-deployment-<pod-template-hash> and labelled pods", () => {
    const c = newCluster();
    const start = c.now();
    c.api.create("kubectl", fixture("nginx-deployment.yaml"));
    // "Immediately after apply": READY 0/3.
    expect(deployment(c, "nginx-deployment").status?.availableReplicas ?? 0).toBe(0);
    expect(c.runUntil(() => rolledOut(deployment(c, "nginx-deployment")), 60_000)).toBe(true);
    // The docs show 3/3 after "a few seconds" (18s in their capture): image pull dominates.
    expect(c.now() - start).toBeLessThan(18_000);

    const rss = replicaSets(c);
    expect(rss).toHaveLength(1);
    const rs = rss[0]!;
    const hash = rs.metadata.labels!["pod-template-hash"]!;
    // ReplicaSet name format: [DEPLOYMENT-NAME]-[pod-template-hash]; hashes use util/rand's alphabet.
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(rs.metadata.name).toBe(`nginx-deployment-${hash}`);
    expect(rs.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(rs.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("1");

    const ps = pods(c);
    expect(ps).toHaveLength(3);
    for (const p of ps) {
      expect(p.metadata.name.startsWith(`nginx-deployment-${hash}-`)).toBe(true);
      expect(p.metadata.labels).toEqual({ "app.kubernetes.io/name": "nginx", "pod-template-hash": hash });
      expect(p.status?.phase).toBe("Running");
      expect(p.spec.containers[0]!.image).toBe("nginx:1.14.2");
    }
    const d = deployment(c, "nginx-deployment");
    expect(d.status?.conditions?.map((x) => [x.type, x.status, x.reason])).toEqual([
      ["Available", "True", "MinimumReplicasAvailable"],
      ["Progressing", "True", "NewReplicaSetAvailable"],
    ]);
    // deployment-controller's event (v1.34 wording) and the kubelet's lifecycle events per pod.
    const reasons = events(c).map((e) => `${e.reason}: ${e.message}`);
    expect(reasons).toContain(`ScalingReplicaSet: Scaled up replica set ${rs.metadata.name} from 0 to 3`);
    for (const p of ps) {
      const mine = events(c).filter((e) => e.involvedObject.name === p.metadata.name).map((e) => e.reason);
      expect(mine).toEqual(expect.arrayContaining(["Scheduled", "Pulling", "Pulled", "Created", "Started"]));
    }
    expect(c.internalErrors).toEqual([]);
  });

  it("rolls out nginx:1.16.1 keeping at least 2 available and at most 4 pods (oracle 01, 25%/25%)", () => {
    const c = newCluster();
    c.api.create("kubectl", fixture("nginx-deployment.yaml"));
    c.runUntil(() => rolledOut(deployment(c, "nginx-deployment")), 60_000);
    let maxTotal = 0;
    let minAvailable = Infinity;
    c.store.onEvent(() => {
      const rss = replicaSets(c);
      maxTotal = Math.max(maxTotal, rss.reduce((n, r) => n + (r.spec.replicas ?? 0), 0));
      minAvailable = Math.min(minAvailable, rss.reduce((n, r) => n + (r.status?.availableReplicas ?? 0), 0));
    });
    edit(c, deployment(c, "nginx-deployment"), (d: Deployment) => {
      d.spec.template.spec.containers[0]!.image = "nginx:1.16.1";
    });
    expect(c.runUntil(() => rolledOut(deployment(c, "nginx-deployment")), 120_000)).toBe(true);
    // The docs: "at least 2 pods available, at most 4 pods total during rollout". For 3 replicas upstream
    // resolves maxSurge = ceil(25% × 3) = 1 and maxUnavailable = floor(25% × 3) = 0.
    expect(maxTotal).toBeLessThanOrEqual(4);
    expect(minAvailable).toBeGreaterThanOrEqual(2);
    const rss = replicaSets(c);
    expect(rss).toHaveLength(2);
    const [newRS] = rss.filter((r) => r.spec.template.spec.containers[0]!.image === "nginx:1.16.1");
    const [oldRS] = rss.filter((r) => r.spec.template.spec.containers[0]!.image === "nginx:1.14.2");
    expect(newRS!.spec.replicas).toBe(3);
    expect(oldRS!.spec.replicas).toBe(0);
    expect(newRS!.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");
    // The docs' event sequence: new RS scaled up 1 → 2 → 3 while the old one goes 3 → 2 → 1 → 0.
    const scaling = events(c)
      .filter((e) => e.reason === "ScalingReplicaSet")
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
      .map((e) => e.message.replace(newRS!.metadata.name, "NEW").replace(oldRS!.metadata.name, "OLD"));
    expect(scaling).toEqual([
      "Scaled up replica set OLD from 0 to 3",
      "Scaled up replica set NEW from 0 to 1",
      "Scaled down replica set OLD from 3 to 2",
      "Scaled up replica set NEW from 1 to 2",
      "Scaled down replica set OLD from 2 to 1",
      "Scaled up replica set NEW from 2 to 3",
      "Scaled down replica set OLD from 1 to 0",
    ]);
    expect(c.internalErrors).toEqual([]);
  });

  it("refuses deployment-update.yaml over deployment.yaml: the stored copies change the immutable selector", () => {
    const c = newCluster();
    c.api.create("kubectl", fixture("deployment.yaml"));
    c.runUntil(() => rolledOut(deployment(c, "nginx-deployment")), 60_000);
    const update = fixture("deployment-update.yaml");
    const live = deployment(c, "nginx-deployment");
    try {
      c.api.update("kubectl", { ...update, metadata: { ...live.metadata } });
      expect.unreachable("the update must be refused");
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      const err = e as ApiError;
      expect(err.code).toBe(422);
      // apps validation ValidateDeploymentUpdate: spec.selector is immutable in apps/v1.
      // kubectl prints the Invalid status as `The Deployment "x" is invalid: <field errors>`.
      expect(err.toKubectl()).toContain('The Deployment "nginx-deployment" is invalid');
      expect(err.toKubectl()).toContain("spec.selector: Invalid value:");
      expect(err.toKubectl()).toContain("field is immutable");
    }
    expect(deployment(c, "nginx-deployment").spec.template.spec.containers[0]!.image).toBe("nginx:1.14.2");
  });

  it("scales 2 → 4 without a new ReplicaSet (deployment-scale.yaml: scaling is not a rollout)", () => {
    const c = newCluster();
    c.api.create("kubectl", fixture("deployment.yaml"));
    c.runUntil(() => rolledOut(deployment(c, "nginx-deployment")), 60_000);
    const scale = fixture("deployment-scale.yaml");
    edit(c, deployment(c, "nginx-deployment"), (d: Deployment) => {
      d.spec.replicas = (scale.spec as Deployment["spec"]).replicas;
    });
    expect(c.runUntil(() => rolledOut(deployment(c, "nginx-deployment")), 60_000)).toBe(true);
    expect(replicaSets(c)).toHaveLength(1);
    expect(replicaSets(c)[0]!.spec.replicas).toBe(4);
    expect(pods(c).filter((p) => p.status?.phase === "Running")).toHaveLength(4);
    expect(deployment(c, "nginx-deployment").metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("1");
  });
});
