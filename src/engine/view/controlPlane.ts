// The control-plane boxes: kube-apiserver, etcd, kube-scheduler and kube-controller-manager (with the
// controllers it runs), up or stopped as the simulator has them. They have no API object of their own.
import type { ComponentName, ComponentView } from "../protocol";
import type { Cluster } from "../sim/cluster";

const COMPONENTS: readonly ComponentName[] = ["kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager"];

export function controlPlaneViews(c: Cluster): ComponentView[] {
  const up: Record<ComponentName, boolean> = {
    "kube-apiserver": c.api.available,
    // etcd runs inside the API server's store here; a chaos verb that stops it may set `etcdUp`.
    etcd: (c as { etcdUp?: boolean }).etcdUp ?? true,
    "kube-scheduler": c.scheduler.running,
    "kube-controller-manager": c.controllerManager.running,
  };
  return COMPONENTS.map((name) =>
    name === "kube-controller-manager"
      ? { kind: "Component", id: name, name, up: up[name], controllers: c.controllerManager.names() }
      : { kind: "Component", id: name, name, up: up[name] },
  );
}
