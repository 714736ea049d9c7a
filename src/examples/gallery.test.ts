// Every gallery example must parse with the engine's manifest parser, pass the API server's strict
// decoding, apply cleanly with `kubectl apply -f` in a real simulated cluster, and — where Kubelab runs a
// control loop for the kind — reach the state its description promises.
import { describe, expect, it } from "vitest";
import { resourceTypeForKind } from "../engine/api/registry";
import type { KubeObject, Pod } from "../engine/api/types";
import { resourceString } from "../engine/kubectl/util/names";
import { parseManifests } from "../engine/manifests/parse";
import { validateAgainstSchema } from "../engine/manifests/validateSchema";
import { Cluster } from "../engine/sim/cluster";
import { defaultClusterConfig } from "../engine/sim/clusterConfig";
import { Session } from "../engine/sim/session";
import { EXAMPLE_CATEGORIES, EXAMPLES, exampleFileName, type Example } from "./index";

type Obj = KubeObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };

function applied(e: Example): { cluster: Cluster; session: Session; out: string; err: string; code: number } {
  const cluster = new Cluster(defaultClusterConfig({ seed: 11, workers: 3, strict: true }));
  const file = exampleFileName(e);
  const session = new Session(cluster, { readFile: (p) => (p === file ? e.yaml : undefined), readDir: () => undefined });
  const r = session.run(`kubectl apply -f ${file}`);
  return { cluster, session, ...r };
}

function get(c: Cluster, kind: string, apiVersion: string, name: string, ns = "default"): Obj | undefined {
  const t = resourceTypeForKind(apiVersion, kind)!;
  return c.list(t.resource, t.namespaced ? ns : undefined).find((o) => o.metadata.name === name) as Obj | undefined;
}

function unsimulatedWarnings(e: Example): string {
  const names: string[] = [];
  for (const k of e.kinds) {
    const doc = parseManifests(exampleFileName(e), e.yaml).documents.find((d) => d.object.kind === k)!;
    const t = resourceTypeForKind(doc.object.apiVersion, k)!;
    const name = resourceString(t);
    if (!t.simulated && !names.includes(name)) names.push(name);
  }
  return names.map((n) => `Warning: kubelab: ${n} are stored but not simulated yet\n`).join("");
}

const podReady = (p: Pod | undefined): boolean => p?.status?.phase === "Running" && (p.status.conditions ?? []).some((x) => x.type === "Ready" && x.status === "True");

/** What each example's description promises, once simulated time has passed. */
const OUTCOMES: Readonly<Record<string, { after: number; check: (c: Cluster) => void }>> = {
  "pod-hello": { after: 60_000, check: (c) => expect(podReady(get(c, "Pod", "v1", "hello") as Pod)).toBe(true) },
  "pod-run-once": { after: 60_000, check: (c) => expect((get(c, "Pod", "v1", "countdown") as Pod).status?.phase).toBe("Succeeded") },
  "deployment-web": { after: 90_000, check: (c) => expect(get(c, "Deployment", "apps/v1", "web")?.status?.readyReplicas).toBe(3) },
  "replicaset-frontend": { after: 90_000, check: (c) => expect(get(c, "ReplicaSet", "apps/v1", "frontend")?.status?.readyReplicas).toBe(2) },
  "statefulset-cache": {
    after: 240_000,
    check: (c) => {
      expect(get(c, "StatefulSet", "apps/v1", "cache")?.status?.readyReplicas).toBe(3);
      expect(c.list("pods", "default").map((p) => p.metadata.name)).toEqual(["cache-0", "cache-1", "cache-2"]);
      expect(get(c, "Service", "v1", "cache")?.spec?.clusterIP).toBe("None");
    },
  },
  "daemonset-node-agent": {
    after: 90_000,
    // Four nodes: the control plane (tolerated) and three workers.
    check: (c) => expect(get(c, "DaemonSet", "apps/v1", "node-agent")?.status).toMatchObject({ desiredNumberScheduled: 4, numberReady: 4 }),
  },
  "job-batch": { after: 180_000, check: (c) => expect(get(c, "Job", "batch/v1", "batch")?.status?.succeeded).toBe(3) },
  "cronjob-report": { after: 180_000, check: (c) => expect(c.list("jobs", "default").length).toBeGreaterThanOrEqual(2) },
  "hpa-web": { after: 90_000, check: (c) => expect(get(c, "Deployment", "apps/v1", "cpu-burner")?.status?.readyReplicas).toBe(1) },
  "service-clusterip": {
    after: 90_000,
    check: (c) => {
      expect(get(c, "Service", "v1", "echo")?.spec?.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./);
      const slices = c.list("endpointslices", "default").filter((s) => s.metadata.labels?.["kubernetes.io/service-name"] === "echo");
      const endpoints = slices.flatMap((s) => (s as unknown as { endpoints?: { conditions?: { ready?: boolean } }[] }).endpoints ?? []);
      expect(endpoints.filter((x) => x.conditions?.ready === true)).toHaveLength(2);
    },
  },
  "service-nodeport": { after: 1_000, check: (c) => expect(get(c, "Service", "v1", "web-nodeport")?.spec?.ports).toMatchObject([{ nodePort: 30080 }]) },
  "configmap-settings": { after: 60_000, check: (c) => expect(podReady(get(c, "Pod", "v1", "settings-reader") as Pod)).toBe(true) },
  "secret-credentials": { after: 60_000, check: (c) => expect(podReady(get(c, "Pod", "v1", "db-client") as Pod)).toBe(true) },
  "priorityclass-critical": {
    after: 60_000,
    check: (c) => {
      const p = get(c, "Pod", "v1", "checkout") as Pod;
      expect(p.spec.priority).toBe(100000);
      expect(podReady(p)).toBe(true);
    },
  },
};

describe("the example gallery", () => {
  it("has unique ids, a known category, a title and a description for each example", () => {
    expect(new Set(EXAMPLES.map((e) => e.id)).size).toBe(EXAMPLES.length);
    for (const e of EXAMPLES) {
      expect(EXAMPLE_CATEGORIES).toContain(e.category);
      expect(e.title.length).toBeGreaterThan(3);
      expect(e.description.length).toBeGreaterThan(20);
      expect(e.yaml, e.id).toMatch(/#/); // commented, as the gallery promises
    }
  });

  it("covers every kind the brief lists, and each Service type", () => {
    const kinds = new Set(EXAMPLES.flatMap((e) => e.kinds));
    for (const k of [
      "Pod", "Deployment", "ReplicaSet", "Service", "Ingress", "ConfigMap", "Secret", "StatefulSet", "DaemonSet", "Job", "CronJob",
      "HorizontalPodAutoscaler", "PersistentVolumeClaim", "PersistentVolume", "StorageClass", "NetworkPolicy", "Role", "RoleBinding",
      "PodDisruptionBudget", "Namespace", "ResourceQuota", "LimitRange", "PriorityClass",
    ]) {
      expect(kinds, k).toContain(k);
    }
    const serviceTypes = EXAMPLES.flatMap((e) => [...e.yaml.matchAll(/^ {2}type: (\w+)$/gm)].map((m) => m[1]));
    expect(serviceTypes).toEqual(expect.arrayContaining(["NodePort", "LoadBalancer"]));
    expect(EXAMPLES.some((e) => e.yaml.includes("clusterIP: None"))).toBe(true);
  });

  for (const e of EXAMPLES) {
    describe(e.id, () => {
      it("parses with the engine's parser and passes strict decoding", () => {
        const r = parseManifests(exampleFileName(e), e.yaml);
        expect(r.errors).toEqual([]);
        expect(r.documents.map((d) => d.object.kind)).toEqual(e.kinds);
        for (const d of r.documents) expect(validateAgainstSchema(d)).toEqual([]);
      });

      it("applies cleanly with kubectl apply -f" + (OUTCOMES[e.id] ? " and does what it says" : ""), () => {
        const { cluster, out, err, code } = applied(e);
        // Kinds no Kubelab control loop acts on are stored, and apply says so once per kind.
        expect(err).toBe(unsimulatedWarnings(e));
        expect(code).toBe(0);
        expect(out.trimEnd().split("\n")).toHaveLength(e.kinds.length);
        for (const line of out.trimEnd().split("\n")) expect(line).toMatch(/^[a-z.0-9]+\/[a-z0-9-]+ created$/);
        const outcome = OUTCOMES[e.id];
        if (outcome) {
          cluster.advance(outcome.after);
          outcome.check(cluster);
        }
        expect(cluster.internalErrors).toEqual([]);
      });
    });
  }
});
