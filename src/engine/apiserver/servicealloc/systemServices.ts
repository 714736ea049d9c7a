// The two Services every kubeadm/kind cluster has before anyone types a command, with the fixed
// ClusterIPs their creators request from the static band (so dynamic allocation never takes them):
// - default/kubernetes: the apiserver's own Service, first address of the range (10.96.0.1), created by
//   the kubernetesservice controller (k/k pkg/controlplane/controller/kubernetesservice/controller.go,
//   createOrUpdateMasterServiceIfNeeded; ServiceIP = GetIndexedIP(range, 1)); no selector: the apiserver
//   maintains its endpoints itself.
// - kube-system/kube-dns: CoreDNS, tenth address (10.96.0.10), from kubeadm's CoreDNSService manifest
//   (cmd/kubeadm/app/phases/addons/dns/manifests.go; DNS IP = GetIndexedIP(serviceSubnet, 10)).
// Create them through the API server (so the ServiceAllocator records their addresses) at boot.
import type { KubeObject } from "../../api/types";
import { formatIPv4, parseCIDR } from "./ipv4";
import { DEFAULT_SERVICE_CLUSTER_IP_RANGE } from "./serviceAllocator";

/** netutils.GetIndexedIP: the index-th address of a CIDR. */
export function indexedIP(cidr: string, index: number): string {
  const c = parseCIDR(cidr);
  if (index < 0 || index >= c.size) throw new Error(`can't generate IP with index ${index} from subnet ${c.text}`);
  return formatIPv4(c.network + index);
}

/** 10.96.0.1 with the default range. */
export const KUBERNETES_SERVICE_IP = indexedIP(DEFAULT_SERVICE_CLUSTER_IP_RANGE, 1);
/** 10.96.0.10 with the default range: what every pod's /etc/resolv.conf names as nameserver. */
export const DNS_SERVICE_IP = indexedIP(DEFAULT_SERVICE_CLUSTER_IP_RANGE, 10);

/** kube-apiserver's --secure-port on a kind node (the kubernetes Service's targetPort). */
export const APISERVER_SECURE_PORT = 6443;

export function kubernetesService(range: string = DEFAULT_SERVICE_CLUSTER_IP_RANGE): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "kubernetes", namespace: "default", labels: { component: "apiserver", provider: "kubernetes" } },
    spec: {
      ports: [{ name: "https", protocol: "TCP", port: 443, targetPort: APISERVER_SECURE_PORT }],
      clusterIP: indexedIP(range, 1),
      sessionAffinity: "None",
      type: "ClusterIP",
    },
  } as unknown as KubeObject;
}

export function kubeDNSService(range: string = DEFAULT_SERVICE_CLUSTER_IP_RANGE): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: "kube-dns",
      namespace: "kube-system",
      labels: { "k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS" },
      annotations: { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" },
    },
    spec: {
      clusterIP: indexedIP(range, 10),
      selector: { "k8s-app": "kube-dns" },
      ports: [
        { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
        { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
        { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
      ],
    },
  } as unknown as KubeObject;
}
