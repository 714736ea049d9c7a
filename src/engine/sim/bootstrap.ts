// The objects a freshly installed kubeadm/kind cluster has before anyone types a command: the four
// system namespaces, the control plane's static pods (mirror pods of kube-apiserver, etcd,
// kube-scheduler and kube-controller-manager on the control-plane node), the kube-proxy DaemonSet and
// the CoreDNS Deployment. Image versions are those of a v1.34.0 kind node.
import type { KubeObject, Pod, PodSpec } from "../api/types";
import { KUBERNETES_VERSION } from "./clusterConfig";

export const SYSTEM_NAMESPACES = ["default", "kube-node-lease", "kube-public", "kube-system"] as const;

export function namespaceObject(name: string): KubeObject {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { "kubernetes.io/metadata.name": name } } } as unknown as KubeObject;
}

interface StaticPodDef {
  component: string;
  image: string;
  cpu: string;
  command: string[];
}

const STATIC_PODS: StaticPodDef[] = [
  { component: "etcd", image: "registry.k8s.io/etcd:3.6.4-0", cpu: "100m", command: ["etcd", "--data-dir=/var/lib/etcd", "--listen-client-urls=https://127.0.0.1:2379"] },
  { component: "kube-apiserver", image: `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`, cpu: "250m", command: ["kube-apiserver", "--service-cluster-ip-range=10.96.0.0/12"] },
  { component: "kube-controller-manager", image: `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`, cpu: "200m", command: ["kube-controller-manager", "--cluster-cidr=10.244.0.0/16"] },
  { component: "kube-scheduler", image: `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`, cpu: "100m", command: ["kube-scheduler", "--leader-elect=true"] },
];

/** Names of the control-plane components as the page and `sim` verbs refer to them. */
export const CONTROL_PLANE_COMPONENTS = STATIC_PODS.map((s) => s.component);

/**
 * Mirror pods the control-plane kubelet posts for its static pods (kubelet/pod/mirror_client.go):
 * named `<component>-<node>`, annotated as mirrors, owned by the Node, already bound to it.
 */
export function staticPods(nodeName: string, nodeUid: string): Pod[] {
  return STATIC_PODS.map((s) => {
    const spec: PodSpec = {
      containers: [
        {
          name: s.component,
          image: s.image,
          command: s.command,
          resources: { requests: { cpu: s.cpu } },
          imagePullPolicy: "IfNotPresent",
        },
      ],
      hostNetwork: true,
      nodeName,
      priorityClassName: "system-node-critical",
      priority: 2000001000,
      restartPolicy: "Always",
      tolerations: [{ operator: "Exists", effect: "NoExecute" }],
    };
    return {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: `${s.component}-${nodeName}`,
        namespace: "kube-system",
        labels: { component: s.component, tier: "control-plane" },
        annotations: {
          "kubernetes.io/config.mirror": "static",
          "kubernetes.io/config.source": "file",
        },
        ownerReferences: [{ apiVersion: "v1", kind: "Node", name: nodeName, uid: nodeUid, controller: true }],
      },
      spec,
    } as unknown as Pod;
  });
}

/** CoreDNS as kubeadm installs it: 2 replicas, tolerating the control-plane taint. */
export function coreDNSDeployment(): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "coredns", namespace: "kube-system", labels: { "k8s-app": "kube-dns" } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { "k8s-app": "kube-dns" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels: { "k8s-app": "kube-dns" } },
        spec: {
          priorityClassName: "system-cluster-critical",
          containers: [
            {
              name: "coredns",
              image: "registry.k8s.io/coredns/coredns:v1.12.1",
              args: ["-conf", "/etc/coredns/Corefile"],
              resources: { limits: { memory: "170Mi" }, requests: { cpu: "100m", memory: "70Mi" } },
              ports: [
                { name: "dns", containerPort: 53, protocol: "UDP" },
                { name: "dns-tcp", containerPort: 53, protocol: "TCP" },
                { name: "metrics", containerPort: 9153, protocol: "TCP" },
              ],
            },
          ],
          tolerations: [
            { key: "CriticalAddonsOnly", operator: "Exists" },
            { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" },
          ],
          nodeSelector: { "kubernetes.io/os": "linux" },
        },
      },
    },
  } as unknown as KubeObject;
}

/** The kube-proxy DaemonSet kubeadm installs: one pod per node, tolerating every taint. */
export function kubeProxyDaemonSet(): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "kube-proxy", namespace: "kube-system", labels: { "k8s-app": "kube-proxy" } },
    spec: {
      selector: { matchLabels: { "k8s-app": "kube-proxy" } },
      template: {
        metadata: { labels: { "k8s-app": "kube-proxy" } },
        spec: kubeProxyPodSpec(),
      },
    },
  } as unknown as KubeObject;
}

export function kubeProxyPodSpec(nodeName?: string): PodSpec {
  return {
    containers: [
      {
        name: "kube-proxy",
        image: `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`,
        command: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"],
      },
    ],
    hostNetwork: true,
    priorityClassName: "system-node-critical",
    tolerations: [{ operator: "Exists" }],
    nodeSelector: { "kubernetes.io/os": "linux" },
    ...(nodeName
      ? {
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [nodeName] }] }],
              },
            },
          },
        }
      : {}),
  };
}

/**
 * kind's default StorageClass (the local-path-storage manifest its installstorage action applies):
 * `standard`, the cluster default, provisioned by rancher.io/local-path on the node the first consumer is
 * scheduled to, deleted with its claim.
 */
export function defaultStorageClass(): KubeObject {
  return {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: "standard", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
    provisioner: "rancher.io/local-path",
    reclaimPolicy: "Delete",
    volumeBindingMode: "WaitForFirstConsumer",
  } as unknown as KubeObject;
}
