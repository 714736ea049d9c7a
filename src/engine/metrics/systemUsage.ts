// Usage of what the behaviour model does not know: the control plane and add-on images of a kind node,
// and each node's own processes (kubelet, containerd, systemd inside the kind node container). Documented
// approximations of an idle v1.34 kind cluster's `kubectl top`, not measurements: they only need to be
// plausible and stable.
import type { ResourceUsage } from "../kubelet/behaviour/resources";

const Mi = 1024 * 1024;

/** Idle usage by image repository (tag ignored). */
export const SYSTEM_IMAGE_USAGE: Readonly<Record<string, ResourceUsage>> = {
  "registry.k8s.io/kube-apiserver": { cpuMilli: 38, memoryBytes: 215 * Mi },
  "registry.k8s.io/etcd": { cpuMilli: 17, memoryBytes: 36 * Mi },
  "registry.k8s.io/kube-controller-manager": { cpuMilli: 12, memoryBytes: 48 * Mi },
  "registry.k8s.io/kube-scheduler": { cpuMilli: 3, memoryBytes: 21 * Mi },
  "registry.k8s.io/kube-proxy": { cpuMilli: 1, memoryBytes: 16 * Mi },
  "registry.k8s.io/coredns/coredns": { cpuMilli: 2, memoryBytes: 14 * Mi },
  "registry.k8s.io/ingress-nginx/controller": { cpuMilli: 2, memoryBytes: 95 * Mi },
};

/** What a node's machine uses outside any pod (kubelet, container runtime, OS). */
export const NODE_SYSTEM_USAGE: ResourceUsage = { cpuMilli: 25, memoryBytes: 180 * Mi };

/** The override for `image`, matching its repository without tag or digest. */
export function systemImageUsage(image: string | undefined): ResourceUsage | undefined {
  if (!image) return undefined;
  const at = image.indexOf("@");
  let repo = at >= 0 ? image.slice(0, at) : image;
  const colon = repo.lastIndexOf(":");
  if (colon > repo.lastIndexOf("/")) repo = repo.slice(0, colon);
  return SYSTEM_IMAGE_USAGE[repo];
}
