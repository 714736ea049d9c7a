// Test fixtures: the DaemonSets of the Kubernetes docs.
// corpus: website/controllers/daemonset.yaml (fluentd-elasticsearch in kube-system) and
// website/controllers/daemonset-label-selector.yaml (ssd-driver, nodeSelector ssd=true).
import type { KubeObject } from "../../../api/types";
import { deepCopy } from "../../../sim/clone";

const FLUENTD: KubeObject = {
  apiVersion: "apps/v1",
  kind: "DaemonSet",
  metadata: { name: "fluentd-elasticsearch", namespace: "kube-system", labels: { "k8s-app": "fluentd-logging" } },
  spec: {
    selector: { matchLabels: { name: "fluentd-elasticsearch" } },
    template: {
      metadata: { labels: { name: "fluentd-elasticsearch" } },
      spec: {
        tolerations: [{ key: "node-role.kubernetes.io/master", effect: "NoSchedule" }],
        containers: [
          {
            name: "fluentd-elasticsearch",
            image: "k8s.gcr.io/fluentd-elasticsearch:1.20",
            resources: { limits: { memory: "200Mi" }, requests: { cpu: "100m", memory: "200Mi" } },
            volumeMounts: [
              { name: "varlog", mountPath: "/var/log" },
              { name: "varlibdockercontainers", mountPath: "/var/lib/docker/containers", readOnly: true },
            ],
          },
        ],
        terminationGracePeriodSeconds: 30,
        volumes: [
          { name: "varlog", hostPath: { path: "/var/log" } },
          { name: "varlibdockercontainers", hostPath: { path: "/var/lib/docker/containers" } },
        ],
      },
    },
  },
} as unknown as KubeObject;

/** The corpus copy: it tolerates only the legacy node-role.kubernetes.io/master taint. */
export function fluentdDaemonSet(): KubeObject {
  return deepCopy(FLUENTD);
}

/** The docs' current version: it also tolerates node-role.kubernetes.io/control-plane:NoSchedule. */
export function fluentdDaemonSetControlPlane(): KubeObject {
  const ds = deepCopy(FLUENTD);
  ds.spec.template.spec.tolerations = [
    { key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" },
    { key: "node-role.kubernetes.io/master", operator: "Exists", effect: "NoSchedule" },
  ];
  return ds;
}

export function ssdDriverDaemonSet(): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "ssd-driver", labels: { "app.kubernetes.io/name": "nginx" } },
    spec: {
      selector: { matchLabels: { "app.kubernetes.io/name": "ssd-driver-pod" } },
      template: {
        metadata: { labels: { "app.kubernetes.io/name": "ssd-driver-pod" } },
        spec: { nodeSelector: { ssd: "true" }, containers: [{ name: "example-container", image: "example-image" }] },
      },
    },
  } as unknown as KubeObject;
}

/** kubeadm's control-plane taint. */
export const CONTROL_PLANE_TAINT = { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" } as const;
