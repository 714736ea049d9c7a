// ResourceQuota, LimitRange and QoS scenarios from the upstream docs (corpus oracles 07, 07b, 11, 12 and
// SCENARIOS.md #15–#18), on the whole simulated cluster. Manifests are copies under fixtures/quota.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Deployment, KubeObject, Pod } from "../api/types";
import { ApiError } from "../apiserver/errors";
import { Session } from "../sim/session";
import { deployment, fixture, newCluster, pods } from "./testCluster";

const NS = { apiVersion: "v1", kind: "Namespace" };

function create(c: ReturnType<typeof newCluster>, file: string, ns: string): KubeObject {
  return c.api.create("kubectl", fixture(`quota/${file}`), ns);
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e.toKubectl();
    throw e;
  }
  return "admitted";
}

function quotaStatus(c: ReturnType<typeof newCluster>, ns: string, name: string) {
  return c.store.get("resourcequotas", `resourcequotas/${ns}/${name}`)?.status;
}

describe("quota-mem-cpu (oracle 07: quota-memory-cpu-namespace.md)", () => {
  it("tracks used requests/limits and refuses the pod that would exceed requests.memory", () => {
    const c = newCluster();
    const ns = "quota-mem-cpu-example";
    c.api.create("kubectl", { ...NS, metadata: { name: ns } } as KubeObject);
    create(c, "quota-mem-cpu.yaml", ns);
    c.advance(1_000);
    expect(quotaStatus(c, ns, "mem-cpu-demo")).toEqual({
      hard: { "limits.cpu": "2", "limits.memory": "2Gi", "requests.cpu": "1", "requests.memory": "1Gi" },
      used: { "limits.cpu": "0", "limits.memory": "0", "requests.cpu": "0", "requests.memory": "0" },
    });
    create(c, "quota-mem-cpu-pod.yaml", ns);
    // Admission charges the quota at once; the oracle's `kubectl get resourcequota -o yaml`.
    expect(quotaStatus(c, ns, "mem-cpu-demo")?.used).toEqual({ "limits.cpu": "800m", "limits.memory": "800Mi", "requests.cpu": "400m", "requests.memory": "600Mi" });
    c.advance(30_000);
    expect(quotaStatus(c, ns, "mem-cpu-demo")?.used).toEqual({ "limits.cpu": "800m", "limits.memory": "800Mi", "requests.cpu": "400m", "requests.memory": "600Mi" });
    expect(refusal(() => create(c, "quota-mem-cpu-pod-2.yaml", ns))).toBe(
      'Error from server (Forbidden): pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi',
    );
    // "with such a quota every container must declare cpu/memory requests and limits"
    expect(refusal(() => c.api.create("kubectl", { apiVersion: "v1", kind: "Pod", metadata: { name: "bare" }, spec: { containers: [{ name: "c", image: "nginx" }] } } as unknown as KubeObject, ns))).toBe(
      'Error from server (Forbidden): pods "bare" is forbidden: failed quota: mem-cpu-demo: must specify limits.cpu for: c; limits.memory for: c; requests.cpu for: c; requests.memory for: c',
    );
    // Deleting the pod gives the usage back (the quota controller's replenishment).
    c.api.delete("kubectl", c.api.typeOf({ apiVersion: "v1", kind: "Pod" } as KubeObject), ns, "quota-mem-cpu-demo", { gracePeriodSeconds: 0 });
    c.advance(5_000);
    expect(quotaStatus(c, ns, "mem-cpu-demo")?.used).toEqual({ "limits.cpu": "0", "limits.memory": "0", "requests.cpu": "0", "requests.memory": "0" });
    expect(c.internalErrors).toEqual([]);
  });

  it("prints the refusal as kubectl does, naming the file", () => {
    const c = newCluster();
    const dir = join(import.meta.dirname, "fixtures", "quota");
    const s = new Session(c, { readFile: (p) => { try { return readFileSync(join(dir, p), "utf8"); } catch { return undefined; } }, readDir: () => undefined });
    s.run("kubectl create namespace quota-mem-cpu-example");
    s.run("kubectl apply -f quota-mem-cpu.yaml --namespace=quota-mem-cpu-example");
    c.advance(1_000);
    expect(s.run("kubectl apply -f quota-mem-cpu-pod.yaml --namespace=quota-mem-cpu-example").out).toBe("pod/quota-mem-cpu-demo created\n");
    const r = s.run("kubectl apply -f quota-mem-cpu-pod-2.yaml --namespace=quota-mem-cpu-example");
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'Error from server (Forbidden): error when creating "quota-mem-cpu-pod-2.yaml": pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi',
    );
    const q = s.run("kubectl get resourcequota mem-cpu-demo --namespace=quota-mem-cpu-example");
    // NAME REQUEST LIMIT AGE (printResourceQuota's column order in v1.34).
    expect(q.out.split("\n")[1]).toMatch(/^mem-cpu-demo\s+requests\.cpu: 400m\/1, requests\.memory: 600Mi\/1Gi\s+limits\.cpu: 800m\/2, limits\.memory: 800Mi\/2Gi\s+\d+s$/);
  });
});

describe("quota-pod (oracle 07b: quota-pod-namespace.md)", () => {
  it("lets the Deployment create only 2 of 3 pods; the ReplicaSet reports the refusal", () => {
    const c = newCluster();
    const ns = "quota-pod-example";
    c.api.create("kubectl", { ...NS, metadata: { name: ns } } as KubeObject);
    create(c, "quota-pod.yaml", ns);
    c.advance(1_000);
    expect(quotaStatus(c, ns, "pod-demo")).toEqual({ hard: { pods: "2" }, used: { pods: "0" } });
    create(c, "quota-pod-deployment.yaml", ns);
    c.advance(60_000);
    expect(pods(c, ns)).toHaveLength(2);
    const d = deployment(c, "pod-quota-demo", ns) as Deployment;
    expect(d.spec.replicas).toBe(3);
    expect(d.status?.availableReplicas).toBe(2);
    const failure = d.status?.conditions?.find((x) => x.type === "ReplicaFailure");
    expect(failure?.message).toMatch(/^pods "pod-quota-demo-[a-z0-9]+-" is forbidden: exceeded quota: pod-demo, requested: pods=1, used: pods=2, limited: pods=2$/);
    expect(quotaStatus(c, ns, "pod-demo")?.used).toEqual({ pods: "2" });
    expect(c.internalErrors).toEqual([]);
  });
});

describe("object counts (quota-objects.yaml)", () => {
  it("counts PVCs and refuses NodePort Services when services.nodeports is 0", () => {
    const c = newCluster();
    const ns = "quota-object-example";
    c.api.create("kubectl", { ...NS, metadata: { name: ns } } as KubeObject);
    create(c, "quota-objects.yaml", ns);
    c.advance(1_000);
    expect(quotaStatus(c, ns, "object-quota-demo")).toEqual({
      hard: { persistentvolumeclaims: "1", "services.loadbalancers": "2", "services.nodeports": "0" },
      used: { persistentvolumeclaims: "0", "services.loadbalancers": "0", "services.nodeports": "0" },
    });
    const svc = { apiVersion: "v1", kind: "Service", metadata: { name: "np" }, spec: { type: "NodePort", selector: { a: "b" }, ports: [{ port: 80 }] } } as unknown as KubeObject;
    expect(refusal(() => c.api.create("kubectl", svc, ns))).toBe(
      'Error from server (Forbidden): services "np" is forbidden: exceeded quota: object-quota-demo, requested: services.nodeports=1, used: services.nodeports=0, limited: services.nodeports=0',
    );
  });
});

describe("LimitRange memory defaults (oracle 12: memory-default-namespace.md)", () => {
  it("injects 256Mi/512Mi; a limit-only container gets request = limit; a request-only one gets the default limit", () => {
    const c = newCluster();
    const ns = "default-mem-example";
    c.api.create("kubectl", { ...NS, metadata: { name: ns } } as KubeObject);
    create(c, "memory-defaults.yaml", ns);
    const res = (p: KubeObject) => (p as Pod).spec.containers[0]!.resources;
    expect(res(create(c, "memory-defaults-pod.yaml", ns))).toEqual({ limits: { memory: "512Mi" }, requests: { memory: "256Mi" } });
    expect(res(create(c, "memory-defaults-pod-2.yaml", ns))).toEqual({ limits: { memory: "1Gi" }, requests: { memory: "1Gi" } });
    expect(res(create(c, "memory-defaults-pod-3.yaml", ns))).toEqual({ limits: { memory: "512Mi" }, requests: { memory: "128Mi" } });
    const p1 = c.store.get("pods", `pods/${ns}/default-mem-demo`)!;
    expect(p1.metadata.annotations?.["kubernetes.io/limit-ranger"]).toBe("LimitRanger plugin set: memory request for container default-mem-demo-ctr; memory limit for container default-mem-demo-ctr");
  });
});

describe("LimitRange min/max (cpu-constraint-namespace.md, memory-constraint-namespace.md)", () => {
  it("refuses limits above max and requests below min; a bare container gets max as its limit and request", () => {
    const c = newCluster();
    const ns = "constraints-cpu-example";
    c.api.create("kubectl", { ...NS, metadata: { name: ns } } as KubeObject);
    create(c, "cpu-constraints.yaml", ns);
    const ok = create(c, "cpu-constraints-pod.yaml", ns) as Pod;
    expect(ok.spec.containers[0]!.resources).toEqual({ limits: { cpu: "800m" }, requests: { cpu: "500m" } });
    expect(refusal(() => create(c, "cpu-constraints-pod-2.yaml", ns))).toBe(
      'Error from server (Forbidden): pods "constraints-cpu-demo-2" is forbidden: maximum cpu usage per Container is 800m, but limit is 1500m',
    );
    expect(refusal(() => create(c, "cpu-constraints-pod-3.yaml", ns))).toBe(
      'Error from server (Forbidden): pods "constraints-cpu-demo-3" is forbidden: minimum cpu usage per Container is 200m, but request is 100m',
    );
    const bare = create(c, "cpu-constraints-pod-4.yaml", ns) as Pod;
    expect(bare.spec.containers[0]!.resources).toEqual({ limits: { cpu: "800m" }, requests: { cpu: "800m" } });
  });

  it("memory: a limit above 1Gi is refused", () => {
    const c = newCluster();
    const ns = "constraints-mem-example";
    c.api.create("kubectl", { ...NS, metadata: { name: ns } } as KubeObject);
    create(c, "memory-constraints.yaml", ns);
    expect(refusal(() => create(c, "memory-constraints-pod-2.yaml", ns))).toBe(
      'Error from server (Forbidden): pods "constraints-mem-demo-2" is forbidden: maximum memory usage per Container is 1Gi, but limit is 1536Mi',
    );
  });

  it("maxLimitRequestRatio per Pod and storage bounds per PVC", () => {
    const c = newCluster();
    const ns = "ratio";
    c.api.create("kubectl", { ...NS, metadata: { name: ns } } as KubeObject);
    create(c, "limit-memory-ratio-pod.yaml", ns);
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "r" }, spec: { containers: [{ name: "c", image: "nginx", resources: { requests: { memory: "100Mi" }, limits: { memory: "300Mi" } } }] } } as unknown as KubeObject;
    expect(refusal(() => c.api.create("kubectl", pod, ns))).toBe(
      'Error from server (Forbidden): pods "r" is forbidden: memory max limit to request ratio per Pod is 2, but provided ratio is 3.000000',
    );
    create(c, "storagelimits.yaml", ns);
    expect(refusal(() => create(c, "pvc-limit-lower.yaml", ns))).toBe(
      'Error from server (Forbidden): persistentvolumeclaims "pvc-limit-lower" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi',
    );
    expect(refusal(() => create(c, "pvc-limit-greater.yaml", ns))).toBe(
      'Error from server (Forbidden): persistentvolumeclaims "pvc-limit-greater" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi',
    );
  });
});

describe("QoS classes (oracle 11: quality-service-pod.md)", () => {
  it("Guaranteed, Burstable, BestEffort, Burstable, Guaranteed", () => {
    const c = newCluster();
    const ns = "qos-example";
    c.api.create("kubectl", { ...NS, metadata: { name: ns } } as KubeObject);
    const qos = (f: string) => (create(c, f, ns) as Pod).status?.qosClass;
    expect(qos("qos-pod.yaml")).toBe("Guaranteed");
    expect(qos("qos-pod-2.yaml")).toBe("Burstable");
    expect(qos("qos-pod-3.yaml")).toBe("BestEffort");
    expect(qos("qos-pod-4.yaml")).toBe("Burstable");
    expect(qos("qos-pod-5.yaml")).toBe("Guaranteed");
    // qos-pod-3 has no resources: `resources: {}` in its YAML.
    expect(c.store.get("pods", `pods/${ns}/qos-demo-3`)!.spec.containers[0].resources ?? {}).toEqual({});
  });
});
