import { describe, expect, it } from "vitest";
import type { KubeObject, Node } from "../../../api/types";
import { buildTable, printTable } from "../table";
import { columnsFor } from "./index";

const NOW = Date.parse("2024-05-01T12:00:00Z");
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const FUTURE = new Date(NOW + 1900).toISOString(); // upstream tests use time.Now().Add(1.9e9) => "0s"

function obj(kind: string, name: string, rest: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: "v1", kind, metadata: { name, uid: name, resourceVersion: "1", creationTimestamp: "", ...meta }, ...rest } as KubeObject;
}
const row = (resource: string, o: KubeObject) => columnsFor(resource).row(o, NOW);
const head = (resource: string, o: KubeObject, n: number) => row(resource, o).slice(0, n);

describe("nodes (TestPrintNodeStatus, TestPrintNodeRole, TestPrintNodeInternalIP)", () => {
  const node = (name: string, spec: Record<string, unknown>, status: Record<string, unknown>, labels?: Record<string, string>) =>
    obj("Node", name, { spec, status }, labels ? { labels } : {}) as Node;
  it.each([
    [node("foo1", {}, { conditions: [{ type: "Ready", status: "True" }] }), ["foo1", "Ready", "<none>", "<unknown>", ""]],
    [node("foo2", { unschedulable: true }, { conditions: [{ type: "Ready", status: "True" }] }), ["foo2", "Ready,SchedulingDisabled", "<none>", "<unknown>", ""]],
    [node("foo3", {}, { conditions: [{ type: "Ready", status: "True" }, { type: "Ready", status: "True" }] }), ["foo3", "Ready", "<none>", "<unknown>", ""]],
    [node("foo4", {}, { conditions: [{ type: "Ready", status: "False" }] }), ["foo4", "NotReady", "<none>", "<unknown>", ""]],
    [node("foo5", { unschedulable: true }, { conditions: [{ type: "Ready", status: "False" }] }), ["foo5", "NotReady,SchedulingDisabled", "<none>", "<unknown>", ""]],
    [node("foo6", {}, { conditions: [{ type: "InvalidValue", status: "True" }] }), ["foo6", "Unknown", "<none>", "<unknown>", ""]],
    [node("foo7", {}, { conditions: [{}] }), ["foo7", "Unknown", "<none>", "<unknown>", ""]],
    [node("foo8", { unschedulable: true }, { conditions: [{ type: "InvalidValue", status: "True" }] }), ["foo8", "Unknown,SchedulingDisabled", "<none>", "<unknown>", ""]],
    [node("foo10", {}, {}, { "node-role.kubernetes.io/master": "", "node-role.kubernetes.io/control-plane": "", "node-role.kubernetes.io/proxy": "", "kubernetes.io/role": "node" }), ["foo10", "Unknown", "control-plane,master,node,proxy", "<unknown>", ""]],
    [node("foo11", {}, {}, { "kubernetes.io/role": "node" }), ["foo11", "Unknown", "node", "<unknown>", ""]],
  ])("%#", (n, want) => {
    expect(head("nodes", n, 5)).toEqual(want);
  });
  it("wide cells", () => {
    const n = node("foo3", {}, { addresses: [{ type: "InternalIP", address: "2.2.2.2" }, { type: "ExternalIP", address: "3.3.3.3" }, { type: "InternalIP", address: "4.4.4.4" }] });
    expect(row("nodes", n)).toEqual(["foo3", "Unknown", "<none>", "<unknown>", "", "2.2.2.2", "3.3.3.3", "<unknown>", "<unknown>", "<unknown>"]);
    const m = node("foo1", {}, { nodeInfo: { containerRuntimeVersion: "foo://1.2.3" }, addresses: [{ type: "ExternalIP", address: "1.1.1.1" }] });
    expect(row("nodes", m)).toEqual(["foo1", "Unknown", "<none>", "<unknown>", "", "<none>", "1.1.1.1", "<unknown>", "<unknown>", "foo://1.2.3"]);
  });
});

describe("simple kinds (TestPrintNamespace, TestPrintSecret, TestPrintServiceAccount, TestPrintPodTemplate)", () => {
  it("namespace", () => {
    expect(row("namespaces", obj("Namespace", "namespace1", { status: { phase: "FooStatus" } }, { creationTimestamp: FUTURE }))).toEqual(["namespace1", "FooStatus", "0s"]);
    expect(row("namespaces", obj("Namespace", "namespace2"))).toEqual(["namespace2", "", "<unknown>"]);
  });
  it("secret", () => {
    expect(row("secrets", obj("Secret", "secret1", { type: "kubernetes.io/service-account-token", data: { token: "c2VjcmV0" } }, { creationTimestamp: FUTURE }))).toEqual(["secret1", "kubernetes.io/service-account-token", 1, "0s"]);
    expect(row("secrets", obj("Secret", "secret1", { type: "kubernetes.io/service-account-token" }, { creationTimestamp: FUTURE }))).toEqual(["secret1", "kubernetes.io/service-account-token", 0, "0s"]);
  });
  it("serviceaccount", () => {
    expect(row("serviceaccounts", obj("ServiceAccount", "sa1", { secrets: [{ name: "Secret1" }, { name: "Secret2" }] }, { creationTimestamp: FUTURE }))).toEqual(["sa1", 2, "0s"]);
  });
  it("podtemplate", () => {
    expect(row("podtemplates", obj("PodTemplate", "pod-template-3", { template: { metadata: { labels: { foo: "bar" } }, spec: { containers: [] } } }))).toEqual(["pod-template-3", "", "", "foo=bar"]);
  });
});

describe("services (TestPrintServiceLoadBalancer)", () => {
  const svc = (name: string, spec: Record<string, unknown>, ingress?: unknown[]) => obj("Service", name, { spec, status: ingress ? { loadBalancer: { ingress } } : {} });
  it("LoadBalancer with several external IPs, pending, elided only when not wide", () => {
    expect(row("services", svc("service1", { clusterIPs: ["1.2.3.4"], type: "LoadBalancer", ports: [{ port: 80, protocol: "TCP" }] }, [{ ip: "2.3.4.5" }, { ip: "3.4.5.6" }])).slice(0, 6)).toEqual(["service1", "LoadBalancer", "1.2.3.4", "2.3.4.5,3.4.5.6", "80/TCP", "<unknown>"]);
    expect(row("services", svc("service2", { clusterIPs: ["1.3.4.5"], type: "LoadBalancer", ports: [{ port: 80, protocol: "TCP" }, { port: 8090, protocol: "UDP" }, { port: 8000, protocol: "TCP" }, { port: 7777, protocol: "SCTP" }] })).slice(0, 6)).toEqual(["service2", "LoadBalancer", "1.3.4.5", "<pending>", "80/TCP,8090/UDP,8000/TCP,7777/SCTP", "<unknown>"]);
    // The API server renders tables with Wide: true, so the EXTERNAL-IP is never clipped in `kubectl get`.
    expect(row("services", svc("service4", { clusterIPs: ["1.5.6.7"], type: "LoadBalancer", ports: [{ port: 80, protocol: "TCP" }], selector: { foo: "bar" } }, [{ ip: "2.3.4.5" }, { ip: "3.4.5.6" }, { ip: "5.6.7.8", hostname: "host5678" }]))).toEqual(["service4", "LoadBalancer", "1.5.6.7", "2.3.4.5,3.4.5.6,5.6.7.8", "80/TCP", "<unknown>", "foo=bar"]);
  });
  it("ClusterIP, NodePort and headless", () => {
    expect(row("services", svc("nginx", { clusterIPs: ["None"], type: "ClusterIP", ports: [{ port: 80, protocol: "TCP" }] }))).toEqual(["nginx", "ClusterIP", "None", "<none>", "80/TCP", "<unknown>", "<none>"]);
    expect(row("services", svc("np", { clusterIPs: ["10.96.0.5"], type: "NodePort", ports: [{ port: 80, nodePort: 30080, protocol: "TCP" }] }))[4]).toBe("80:30080/TCP");
  });
});

describe("apps (TestPrintDeployment, TestPrintDaemonSet)", () => {
  const template = { spec: { containers: [{ name: "fake-container1", image: "fake-image1" }, { name: "fake-container2", image: "fake-image2" }] } };
  it("deployment", () => {
    const d = obj("Deployment", "test1", { spec: { replicas: 5, template, selector: { matchLabels: { foo: "bar" } } }, status: { replicas: 10, updatedReplicas: 2, availableReplicas: 1, unavailableReplicas: 4 } }, { creationTimestamp: FUTURE });
    expect(row("deployments", d)).toEqual(["test1", "0/5", 2, 1, "0s", "fake-container1,fake-container2", "fake-image1,fake-image2", "foo=bar"]);
  });
  it("daemonset", () => {
    const ds = obj("DaemonSet", "test1", { spec: { template, selector: { matchLabels: { foo: "bar" } } }, status: { currentNumberScheduled: 2, desiredNumberScheduled: 3, numberReady: 1, updatedNumberScheduled: 2, numberAvailable: 0 } }, { creationTimestamp: FUTURE });
    expect(row("daemonsets", ds)).toEqual(["test1", 3, 2, 1, 2, 0, "<none>", "0s", "fake-container1,fake-container2", "fake-image1,fake-image2", "foo=bar"]);
  });
});

describe("jobs (TestPrintJob)", () => {
  it.each([
    [obj("Job", "job1", { spec: { completions: 2 }, status: { succeeded: 1 } }, { creationTimestamp: FUTURE }), ["job1", "Running", "1/2", "", "0s"]],
    [obj("Job", "job3", { spec: {}, status: { startTime: new Date(NOW + 60_000).toISOString(), completionTime: new Date(NOW + 31 * 60_000).toISOString() } }, { creationTimestamp: ago(10 * 365 * 24 * 3600_000) }), ["job3", "Running", "0/1", "30m", "10y"]],
    [obj("Job", "job4", { spec: {}, status: { startTime: ago(20 * 60_000) } }, { creationTimestamp: ago(10 * 365 * 24 * 3600_000) }), ["job4", "Running", "0/1", "20m", "10y"]],
    [obj("Job", "job5", { spec: {}, status: { conditions: [{ type: "Complete", status: "True" }] } }, { creationTimestamp: FUTURE }), ["job5", "Complete", "0/1", "", "0s"]],
  ])("%#", (j, want) => {
    expect(head("jobs", j, 5)).toEqual(want);
  });
});

describe("networking (TestPrintIngress, TestPrintIngressClass)", () => {
  const TEN_YEARS = 10 * 365 * 24 * 3600_000;
  it("ingress", () => {
    const ing = obj("Ingress", "test1", { spec: { ingressClassName: "foo", defaultBackend: { service: { name: "default-backend", port: { number: 80 } } } }, status: { loadBalancer: { ingress: [{ ip: "2.3.4.5", hostname: "localhost.localdomain" }] } } }, { creationTimestamp: ago(TEN_YEARS) });
    expect(row("ingresses", ing)).toEqual(["test1", "foo", "*", "2.3.4.5", "80", "10y"]);
  });
  it("ingressclass", () => {
    expect(row("ingressclasses", obj("IngressClass", "test1", { spec: { controller: "example.com/controller", parameters: { kind: "customgroup", name: "example" } } }, { creationTimestamp: ago(TEN_YEARS) }))).toEqual(["test1", "example.com/controller", "customgroup/example", "10y"]);
    expect(row("ingressclasses", obj("IngressClass", "test1", { spec: { controller: "example.com/controller", parameters: { apiGroup: "example.com", kind: "customgroup", name: "example" } } }, { creationTimestamp: ago(TEN_YEARS) }))[2]).toBe("customgroup.example.com/example");
    expect(row("ingressclasses", obj("IngressClass", "test2", { spec: { controller: "example.com/controller2" } }, { creationTimestamp: ago(11 * 365 * 24 * 3600_000) }))).toEqual(["test2", "example.com/controller2", "<none>", "11y"]);
  });
  it("endpoints list at most three addresses", () => {
    const ep = obj("Endpoints", "svc", { subsets: [{ addresses: [{ ip: "10.0.0.1" }, { ip: "10.0.0.2" }, { ip: "10.0.0.3" }, { ip: "10.0.0.4" }], ports: [{ port: 80 }] }] });
    expect(row("endpoints", ep)[1]).toBe("10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...");
    expect(row("endpoints", obj("Endpoints", "none"))[1]).toBe("<none>");
  });
});

describe("other kinds", () => {
  it("resourcequota splits requests and limits (oracle 7's quota)", () => {
    const rq = obj("ResourceQuota", "mem-cpu-demo", { status: { hard: { "limits.cpu": "2", "limits.memory": "2Gi", "requests.cpu": "1", "requests.memory": "1Gi" }, used: { "limits.cpu": "800m", "limits.memory": "800Mi", "requests.cpu": "400m", "requests.memory": "600Mi" } } });
    expect(row("resourcequotas", rq).slice(0, 3)).toEqual(["mem-cpu-demo", "requests.cpu: 400m/1, requests.memory: 600Mi/1Gi", "limits.cpu: 800m/2, limits.memory: 800Mi/2Gi"]);
  });
  it("pvc shows the bound volume's capacity (oracle 10)", () => {
    const pvc = obj("PersistentVolumeClaim", "task-pv-claim", { spec: { volumeName: "task-pv-volume", storageClassName: "manual", resources: { requests: { storage: "3Gi" } } }, status: { phase: "Bound", capacity: { storage: "10Gi" }, accessModes: ["ReadWriteOnce"] } });
    expect(row("persistentvolumeclaims", pvc).slice(0, 7)).toEqual(["task-pv-claim", "Bound", "task-pv-volume", "10Gi", "RWO", "manual", "<unset>"]);
  });
  it("pv (oracle 10)", () => {
    const pv = obj("PersistentVolume", "task-pv-volume", { spec: { capacity: { storage: "10Gi" }, accessModes: ["ReadWriteOnce"], persistentVolumeReclaimPolicy: "Retain", storageClassName: "manual", claimRef: { namespace: "default", name: "task-pv-claim" } }, status: { phase: "Bound" } });
    expect(row("persistentvolumes", pv).slice(0, 9)).toEqual(["task-pv-volume", "10Gi", "RWO", "Retain", "Bound", "default/task-pv-claim", "manual", "<unset>", ""]);
  });
  it("hpa targets in the v1.34 form", () => {
    const hpa = obj("HorizontalPodAutoscaler", "php-apache", { spec: { scaleTargetRef: { kind: "Deployment", name: "php-apache" }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } } }] }, status: { currentReplicas: 1, currentMetrics: [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: 0 } } }] } });
    expect(row("horizontalpodautoscalers", hpa).slice(0, 6)).toEqual(["php-apache", "Deployment/php-apache", "cpu: 0%/50%", "1", 10, 1]);
  });
  it("cronjob (oracle 6 + TIMEZONE)", () => {
    const cj = obj("CronJob", "hello", { spec: { schedule: "*/1 * * * *", suspend: false, jobTemplate: { spec: { template: { spec: { containers: [] } } } } }, status: {} });
    expect(row("cronjobs", cj).slice(0, 6)).toEqual(["hello", "*/1 * * * *", "<none>", "False", 0, "<none>"]);
  });
  it("events: LAST SEEN TYPE REASON OBJECT MESSAGE", () => {
    const ev = obj("Event", "nginx.17", { involvedObject: { kind: "Pod", name: "nginx" }, reason: "Scheduled", message: "Successfully assigned default/nginx to node-1\n", source: { component: "default-scheduler" }, firstTimestamp: ago(30_000), lastTimestamp: ago(10_000), count: 1, type: "Normal" });
    const out = printTable(buildTable(columnsFor("events"), [ev], NOW));
    expect(out).toBe(
      "LAST SEEN   TYPE     REASON      OBJECT      MESSAGE\n" + "10s         Normal   Scheduled   pod/nginx   Successfully assigned default/nginx to node-1\n",
    );
  });
  it("kinds without a printer get NAME / CREATED AT", () => {
    expect(row("roles", obj("Role", "pod-reader", {}, { creationTimestamp: "2024-04-30T10:11:12Z" }))).toEqual(["pod-reader", "2024-04-30T10:11:12Z"]);
    expect(columnsFor("limitranges").columns.map((c) => c.name)).toEqual(["Name", "Created At"]);
  });
  it("priorityclass shows PREEMPTIONPOLICY without -o wide", () => {
    const pc = obj("PriorityClass", "system-cluster-critical", { value: 2000000000, globalDefault: false, preemptionPolicy: "PreemptLowerPriority" });
    expect(printTable(buildTable(columnsFor("priorityclasses"), [pc], NOW))).toBe(
      "NAME                      VALUE        GLOBAL-DEFAULT   AGE         PREEMPTIONPOLICY\n" +
        "system-cluster-critical   2000000000   false            <unknown>   PreemptLowerPriority\n",
    );
  });
});
