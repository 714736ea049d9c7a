import { describe, expect, it } from "vitest";
import { newKernel, type Kernel } from "../../testing/kernel";
import type { KubeObject, Pod } from "../../api/types";
import { ReplicaSetController, slowStartBatch } from "./replicaSetController";
import { ApiError } from "../../apiserver/errors";

function frontendRS(replicas = 3): KubeObject {
  // corpus: website/controllers/frontend.yaml (selector tier=frontend)
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "frontend", labels: { app: "guestbook", tier: "frontend" } },
    spec: {
      replicas,
      selector: { matchLabels: { tier: "frontend" } },
      template: { metadata: { labels: { tier: "frontend" } }, spec: { containers: [{ name: "php-redis", image: "us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5" }] } },
    },
  } as unknown as KubeObject;
}

function barePod(name: string): KubeObject {
  // corpus: website/pods/pod-rs.yaml (pod1/pod2 with tier=frontend)
  return { apiVersion: "v1", kind: "Pod", metadata: { name, labels: { tier: "frontend" } }, spec: { containers: [{ name: "hello1", image: "gcr.io/google-samples/hello-app:2.0" }] } } as unknown as KubeObject;
}

function start(k: Kernel): void {
  new ReplicaSetController(k.ctx).start();
  k.informers.startAll();
}

const pods = (k: Kernel) => k.store.list("pods") as Pod[];
const live = (k: Kernel) => pods(k).filter((p) => !p.metadata.deletionTimestamp);

describe("ReplicaSetController (replica_set.go)", () => {
  it("creates replicas with generateName <rs>-, controller ownerReferences and SuccessfulCreate events", () => {
    const k = newKernel();
    start(k);
    k.api.create("kubectl", frontendRS());
    k.advance(1000);
    const ps = pods(k);
    expect(ps).toHaveLength(3);
    for (const p of ps) {
      expect(p.metadata.name).toMatch(/^frontend-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.ownerReferences).toEqual([
        expect.objectContaining({ apiVersion: "apps/v1", kind: "ReplicaSet", name: "frontend", controller: true, blockOwnerDeletion: true }),
      ]);
    }
    const events = k.store.list("events").map((e) => `${(e as any).reason} ${(e as any).message}`);
    expect(events.filter((e) => e.startsWith("SuccessfulCreate Created pod: frontend-"))).toHaveLength(3);
    const rs = k.store.get("replicasets", "replicasets/default/frontend")!;
    expect(rs.status).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
    expect(k.errors).toEqual([]);
  });

  it("adopts matching bare pods and creates only the missing one (oracle 02, pod-rs.yaml first)", () => {
    const k = newKernel();
    start(k);
    k.api.create("kubectl", barePod("pod1"));
    k.api.create("kubectl", barePod("pod2"));
    k.advance(100);
    k.api.create("kubectl", frontendRS());
    k.advance(1000);
    const ps = live(k);
    expect(ps.map((p) => p.metadata.name).filter((n) => n.startsWith("pod"))).toEqual(["pod1", "pod2"]);
    expect(ps).toHaveLength(3);
    for (const p of ps) expect(p.metadata.ownerReferences?.[0]?.name).toBe("frontend");
  });

  it("acquires bare pods created after it and deletes them, being over count (oracle 02, pod-rs.yaml after)", () => {
    const k = newKernel();
    start(k);
    k.api.create("kubectl", frontendRS());
    k.advance(1000);
    const original = live(k).map((p) => p.metadata.name);
    k.api.create("kubectl", barePod("pod1"));
    k.api.create("kubectl", barePod("pod2"));
    k.advance(1000);
    // Unbound pods are deleted at once; the three original pods stay (newer pods go first).
    expect(live(k).map((p) => p.metadata.name)).toEqual(original);
  });

  it("releases a pod whose labels stop matching and replaces it", () => {
    const k = newKernel();
    start(k);
    k.api.create("kubectl", frontendRS(1));
    k.advance(1000);
    const [p] = pods(k);
    k.api.patch("kubectl", { ...k.api.typeOf(p!), resource: "pods" }, "default", p!.metadata.name, (o) => {
      o.metadata.labels = { tier: "debug" };
    });
    k.advance(1000);
    const released = k.store.get("pods", `pods/default/${p!.metadata.name}`)!;
    expect(released.metadata.ownerReferences).toBeUndefined();
    expect(live(k)).toHaveLength(2);
  });

  it("scales down by upstream's ranking: a higher pod-deletion-cost survives", () => {
    const k = newKernel();
    start(k);
    k.api.create("kubectl", frontendRS(2));
    k.advance(1000);
    const [a, b] = pods(k);
    for (const p of [a!, b!]) k.api.bind("kube-scheduler", "default", p.metadata.name, "node-1");
    k.api.patch("kubectl", k.api.typeOf(a!), "default", a!.metadata.name, (o) => {
      o.metadata.annotations = { "controller.kubernetes.io/pod-deletion-cost": "100" };
    });
    const rs = k.store.get("replicasets", "replicasets/default/frontend")!;
    k.api.update("kubectl", { ...rs, metadata: { ...rs.metadata }, spec: { ...rs.spec, replicas: 1 } });
    k.advance(1000);
    const left = live(k).map((p) => p.metadata.name);
    expect(left).toEqual([a!.metadata.name]);
  });

  it("slowStartBatch sends 1, 2, 4, ... and stops after the first failing batch", () => {
    let calls = 0;
    const ok = slowStartBatch(10, 1, () => void calls++);
    expect(ok).toEqual({ created: 10 });
    calls = 0;
    const failing = slowStartBatch(10, 1, () => {
      calls++;
      if (calls === 3) throw new ApiError(403, "Forbidden", "exceeded quota");
    });
    // batches: 1 (ok), 2 (second call of this batch ok, ... third call fails) → stops after the batch of 2
    expect(calls).toBe(3);
    expect(failing.created).toBe(2);
    expect(failing.error?.message).toBe("exceeded quota");
  });
});
