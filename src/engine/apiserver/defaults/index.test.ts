import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { applyDefaults } from "./index";

function obj(apiVersion: string, kind: string, rest: Record<string, unknown>): KubeObject {
  return { apiVersion, kind, metadata: { name: "x" } as KubeObject["metadata"], ...rest } as KubeObject;
}

// The container defaults every PodSpec gets (k/k pkg/apis/core/v1/defaults_test.go TestPodDefaults).
const CONTAINER_DEFAULTS = {
  imagePullPolicy: "IfNotPresent",
  terminationMessagePath: "/dev/termination-log",
  terminationMessagePolicy: "File",
  resources: {},
};
// SetDefaults_PodSpec (TestWorkloadDefaults): the PodSpec-level defaults shared by pods and templates.
const POD_SPEC_DEFAULTS = {
  dnsPolicy: "ClusterFirst",
  restartPolicy: "Always",
  securityContext: {},
  terminationGracePeriodSeconds: 30,
  schedulerName: "default-scheduler",
};

describe("applyDefaults: Pod", () => {
  it("fills the PodSpec, Pod and container defaults and never mutates its input", () => {
    const input = obj("v1", "Pod", { spec: { containers: [{ name: "nginx", image: "nginx:1.14.2", ports: [{ containerPort: 80 }] }] } });
    const frozen = JSON.stringify(input);
    const out = applyDefaults(input);
    expect(JSON.stringify(input)).toBe(frozen);
    expect(out.spec).toEqual({
      ...POD_SPEC_DEFAULTS,
      enableServiceLinks: true,
      containers: [{ name: "nginx", image: "nginx:1.14.2", ports: [{ containerPort: 80, protocol: "TCP" }], ...CONTAINER_DEFAULTS }],
    });
  });

  it("defaults probes (timeout 1, period 10, success 1, failure 3) and httpGet path/scheme", () => {
    const out = applyDefaults(obj("v1", "Pod", {
      spec: { containers: [{ name: "c", image: "busybox", livenessProbe: { httpGet: { port: 8080 } }, readinessProbe: { grpc: { port: 2379 } } }] },
    }));
    const c = out.spec.containers[0];
    expect(c.livenessProbe).toEqual({ httpGet: { port: 8080, path: "/", scheme: "HTTP" }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.readinessProbe.grpc).toEqual({ port: 2379, service: "" });
    expect(c.imagePullPolicy).toBe("Always");
  });

  it("copies limits into missing requests (SetDefaults_Pod) and keeps explicit requests", () => {
    // qos-pod-2.yaml: memory limit 200Mi, request 100Mi; cpu only as a limit.
    const out = applyDefaults(obj("v1", "Pod", {
      spec: { containers: [{ name: "c", image: "nginx", resources: { limits: { memory: "200Mi", cpu: "1" }, requests: { memory: "100Mi" } } }] },
    }));
    expect(out.spec.containers[0].resources).toEqual({ limits: { memory: "200Mi", cpu: "1" }, requests: { memory: "100Mi", cpu: "1" } });
  });

  it("stores quantities rounded up to milli precision in canonical form", () => {
    const out = applyDefaults(obj("v1", "Pod", {
      spec: { containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "0.5", memory: "1.5Gi", "ephemeral-storage": "0.1m" } } }] },
    }));
    expect(out.spec.containers[0].resources.requests).toEqual({ cpu: "500m", memory: "1536Mi", "ephemeral-storage": "1m" });
  });

  it("gives volumes their defaults (TestWorkloadDefaults values)", () => {
    const out = applyDefaults(obj("v1", "Pod", {
      spec: {
        containers: [{ name: "c", image: "nginx" }],
        volumes: [
          { name: "a" },
          { name: "b", configMap: { name: "cm" } },
          { name: "c", secret: { secretName: "s" } },
          { name: "d", hostPath: { path: "/data" } },
          { name: "e", projected: { sources: [{ serviceAccountToken: { path: "token" } }, { downwardAPI: { items: [{ path: "ns", fieldRef: { fieldPath: "metadata.namespace" } }] } }] } },
        ],
      },
    }));
    expect(out.spec.volumes).toEqual([
      { name: "a", emptyDir: {} },
      { name: "b", configMap: { name: "cm", defaultMode: 420 } },
      { name: "c", secret: { secretName: "s", defaultMode: 420 } },
      { name: "d", hostPath: { path: "/data", type: "" } },
      {
        name: "e",
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { path: "token", expirationSeconds: 3600 } },
            { downwardAPI: { items: [{ path: "ns", fieldRef: { fieldPath: "metadata.namespace", apiVersion: "v1" } }] } },
          ],
        },
      },
    ]);
  });

  it("turns container ports into host ports under hostNetwork", () => {
    const out = applyDefaults(obj("v1", "Pod", { spec: { hostNetwork: true, containers: [{ name: "c", image: "nginx", ports: [{ containerPort: 80 }] }] } }));
    expect(out.spec.containers[0].ports[0]).toEqual({ containerPort: 80, hostPort: 80, protocol: "TCP" });
  });

  it("reads the deprecated serviceAccount as serviceAccountName and mirrors it back", () => {
    const out = applyDefaults(obj("v1", "Pod", { spec: { serviceAccount: "build-robot", containers: [{ name: "c", image: "nginx" }] } }));
    expect(out.spec.serviceAccountName).toBe("build-robot");
    expect(out.spec.serviceAccount).toBe("build-robot");
  });
});

describe("applyDefaults: workloads", () => {
  const template = { metadata: { labels: { app: "nginx" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.14.2" }] } };

  it("Deployment: replicas 1, RollingUpdate 25%/25%, history 10, deadline 600, template defaults only", () => {
    const out = applyDefaults(obj("apps/v1", "Deployment", { spec: { selector: { matchLabels: { app: "nginx" } }, template } }));
    expect(out.spec.replicas).toBe(1);
    expect(out.spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } });
    expect(out.spec.revisionHistoryLimit).toBe(10);
    expect(out.spec.progressDeadlineSeconds).toBe(600);
    expect(out.spec.template.spec).toEqual({ ...POD_SPEC_DEFAULTS, containers: [{ name: "nginx", image: "nginx:1.14.2", ...CONTAINER_DEFAULTS }] });
    expect(out.spec.template.spec.enableServiceLinks).toBeUndefined(); // SetDefaults_Pod never runs on templates
  });

  it("Deployment with Recreate gets no rollingUpdate block", () => {
    const out = applyDefaults(obj("apps/v1", "Deployment", { spec: { strategy: { type: "Recreate" }, template } }));
    expect(out.spec.strategy).toEqual({ type: "Recreate" });
  });

  it("ReplicaSet: replicas 1", () => {
    expect(applyDefaults(obj("apps/v1", "ReplicaSet", { spec: { template } })).spec.replicas).toBe(1);
  });

  it("ReplicationController: selector and labels come from the template labels", () => {
    const out = applyDefaults(obj("v1", "ReplicationController", { spec: { template } }));
    expect(out.spec.selector).toEqual({ app: "nginx" });
    expect(out.metadata.labels).toEqual({ app: "nginx" });
    expect(out.spec.replicas).toBe(1);
  });

  it("StatefulSet: OrderedReady, RollingUpdate partition 0, Retain/Retain, replicas 1, history 10, claim templates Pending", () => {
    const out = applyDefaults(obj("apps/v1", "StatefulSet", {
      spec: { template, volumeClaimTemplates: [{ metadata: { name: "www" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }] },
    }));
    expect(out.spec.podManagementPolicy).toBe("OrderedReady");
    expect(out.spec.updateStrategy).toEqual({ type: "RollingUpdate", rollingUpdate: { partition: 0 } });
    expect(out.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: "Retain", whenScaled: "Retain" });
    expect(out.spec.replicas).toBe(1);
    expect(out.spec.revisionHistoryLimit).toBe(10);
    expect(out.spec.volumeClaimTemplates[0].spec.volumeMode).toBe("Filesystem");
    expect(out.spec.volumeClaimTemplates[0].status).toEqual({ phase: "Pending" });
  });

  it("DaemonSet: RollingUpdate maxUnavailable 1 maxSurge 0, history 10", () => {
    const out = applyDefaults(obj("apps/v1", "DaemonSet", { spec: { template } }));
    expect(out.spec.updateStrategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(out.spec.revisionHistoryLimit).toBe(10);
  });
});

describe("applyDefaults: batch", () => {
  const podTemplate = { spec: { containers: [{ name: "pi", image: "perl:5.34.0" }], restartPolicy: "Never" } };

  it("Job: both counts unset → 1/1; backoffLimit 6; NonIndexed; not suspended; TerminatingOrFailed; manualSelector false", () => {
    const out = applyDefaults(obj("batch/v1", "Job", { spec: { template: podTemplate } }));
    expect(out.spec).toMatchObject({
      completions: 1, parallelism: 1, backoffLimit: 6, completionMode: "NonIndexed", suspend: false,
      podReplacementPolicy: "TerminatingOrFailed", manualSelector: false,
    });
    expect(out.spec.template.spec.restartPolicy).toBe("Never");
  });

  it("Job: completions alone leaves completions and defaults parallelism to 1", () => {
    const out = applyDefaults(obj("batch/v1", "Job", { spec: { completions: 5, template: podTemplate } }));
    expect(out.spec.completions).toBe(5);
    expect(out.spec.parallelism).toBe(1);
  });

  it("Job: parallelism alone leaves completions unset", () => {
    const out = applyDefaults(obj("batch/v1", "Job", { spec: { parallelism: 3, template: podTemplate } }));
    expect(out.spec.completions).toBeUndefined();
  });

  it("Job: backoffLimitPerIndex makes backoffLimit MaxInt32; a podFailurePolicy makes replacement Failed", () => {
    const out = applyDefaults(obj("batch/v1", "Job", {
      spec: { backoffLimitPerIndex: 1, podFailurePolicy: { rules: [{ action: "Ignore", onPodConditions: [{ type: "DisruptionTarget" }] }] }, template: podTemplate },
    }));
    expect(out.spec.backoffLimit).toBe(2147483647);
    expect(out.spec.podReplacementPolicy).toBe("Failed");
    expect(out.spec.podFailurePolicy.rules[0].onPodConditions[0].status).toBe("True");
  });

  it("CronJob: Allow, not suspended, history 3/1", () => {
    const out = applyDefaults(obj("batch/v1", "CronJob", { spec: { schedule: "* * * * *", jobTemplate: { spec: { template: podTemplate } } } }));
    expect(out.spec).toMatchObject({ concurrencyPolicy: "Allow", suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(out.spec.jobTemplate.spec.backoffLimit).toBeUndefined();
    expect(out.spec.jobTemplate.spec.template.spec.dnsPolicy).toBe("ClusterFirst");
  });
});

describe("applyDefaults: core kinds", () => {
  it("Service: ClusterIP, None affinity, TCP, targetPort = port, Cluster internal policy, SingleStack IPv4", () => {
    const out = applyDefaults(obj("v1", "Service", { spec: { selector: { app: "web" }, ports: [{ port: 80 }] } }));
    expect(out.spec).toEqual({
      selector: { app: "web" },
      ports: [{ port: 80, protocol: "TCP", targetPort: 80 }],
      type: "ClusterIP",
      sessionAffinity: "None",
      internalTrafficPolicy: "Cluster",
      ipFamilyPolicy: "SingleStack",
      ipFamilies: ["IPv4"],
    });
  });

  it("Service: NodePort gets externalTrafficPolicy Cluster; ClientIP affinity gets the 10800s timeout", () => {
    const out = applyDefaults(obj("v1", "Service", { spec: { type: "NodePort", sessionAffinity: "ClientIP", ports: [{ port: 80, targetPort: "http" }] } }));
    expect(out.spec.externalTrafficPolicy).toBe("Cluster");
    expect(out.spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    expect(out.spec.ports[0].targetPort).toBe("http");
  });

  it("Service: LoadBalancer allocates node ports by default; ExternalName gets no IP families", () => {
    expect(applyDefaults(obj("v1", "Service", { spec: { type: "LoadBalancer", ports: [{ port: 80 }] } })).spec.allocateLoadBalancerNodePorts).toBe(true);
    const en = applyDefaults(obj("v1", "Service", { spec: { type: "ExternalName", externalName: "example.com" } }));
    expect(en.spec.ipFamilyPolicy).toBeUndefined();
    expect(en.spec.internalTrafficPolicy).toBeUndefined();
  });

  it("Namespace: kubernetes.io/metadata.name label and phase Active", () => {
    const out = applyDefaults(obj("v1", "Namespace", { metadata: { name: "qos-example" } }));
    expect(out.metadata.labels).toEqual({ "kubernetes.io/metadata.name": "qos-example" });
    expect(out.status).toEqual({ phase: "Active" });
  });

  it("Secret: type Opaque; Node: allocatable copies capacity", () => {
    expect(applyDefaults(obj("v1", "Secret", { data: {} })).type).toBe("Opaque");
    const node = applyDefaults(obj("v1", "Node", { status: { capacity: { cpu: "4", memory: "8Gi", pods: "110" } } }));
    expect(node.status.allocatable).toEqual({ cpu: "4", memory: "8Gi", pods: "110" });
  });

  it("HPA v2: minReplicas 1 and a CPU 80% utilization metric", () => {
    const out = applyDefaults(obj("autoscaling/v2", "HorizontalPodAutoscaler", { spec: { maxReplicas: 10, scaleTargetRef: { kind: "Deployment", name: "php-apache" } } }));
    expect(out.spec.minReplicas).toBe(1);
    expect(out.spec.metrics).toEqual([{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }]);
    expect(out.spec.behavior).toBeUndefined();
  });

  it("HPA v2: a partial behavior is completed with the scale-up/scale-down defaults", () => {
    const out = applyDefaults(obj("autoscaling/v2", "HorizontalPodAutoscaler", { spec: { maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } }));
    expect(out.spec.behavior.scaleUp).toEqual({
      stabilizationWindowSeconds: 0, selectPolicy: "Max",
      policies: [{ type: "Pods", value: 4, periodSeconds: 15 }, { type: "Percent", value: 100, periodSeconds: 15 }],
    });
    expect(out.spec.behavior.scaleDown).toEqual({ selectPolicy: "Max", stabilizationWindowSeconds: 60, policies: [{ type: "Percent", value: 100, periodSeconds: 15 }] });
  });

  it("kinds without a defaulter come back unchanged (as a copy)", () => {
    const cm = obj("v1", "ConfigMap", { data: { a: "1" } });
    const out = applyDefaults(cm);
    expect(out).toEqual(cm);
    expect(out).not.toBe(cm);
  });
});
