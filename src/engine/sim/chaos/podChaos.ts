// Workload failures: kill a pod (as chaoskube and Chaos Mesh's pod-kill do: a DELETE with grace period
// 0), crash one of its containers with an exit code (or as the kernel's OOM killer: 137, OOMKilled), and
// make a container's readiness probe fail. The kubelet, the controllers and the EndpointSlice react
// through their ordinary code paths.
import type { Pod } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import { ApiClient } from "../../client/apiClient";
import type { ContainerExit } from "../../kubelet/containerModel";
import type { Cluster } from "../cluster";
import { ChaosError } from "./nodeChaos";

function podOf(cluster: Cluster, namespace: string, name: string): Pod {
  const p = cluster.store.get("pods", `pods/${namespace}/${name}`) as Pod | undefined;
  if (!p) throw new ChaosError(`pods "${name}" not found in namespace "${namespace}"`);
  return p;
}

function containerName(pod: Pod, container: string | undefined): string {
  const names = pod.spec.containers.map((c) => c.name);
  if (container === undefined) return names[0]!;
  if (!names.includes(container)) throw new ChaosError(`container ${container} is not valid for pod ${pod.metadata.name}`);
  return container;
}

export function killPod(cluster: Cluster, namespace: string, name: string): string {
  podOf(cluster, namespace, name);
  try {
    new ApiClient(cluster.api, "kubectl").delete("Pod", namespace, name, { gracePeriodSeconds: 0 });
  } catch (e) {
    if (e instanceof ApiError) throw new ChaosError(e.toKubectl());
    throw e;
  }
  cluster.controlPlane.record("pod-kill", `pod/${namespace}/${name}`, `pod ${namespace}/${name} killed (deleted with grace period 0)`);
  return `pod "${name}" killed\n`;
}

/** Exit codes a crash may use; 137 = SIGKILL, the OOM killer's. */
export function crashContainer(cluster: Cluster, namespace: string, name: string, container: string | undefined, exitCode: number, oom: boolean): string {
  const pod = podOf(cluster, namespace, name);
  const c = containerName(pod, container);
  const node = pod.spec.nodeName;
  const k = node ? cluster.kubelets.get(node) : undefined;
  const w = k?.alive ? k.worker(namespace, name) : undefined;
  // containerd reports an OOM kill as exit 137 with reason OOMKilled; any other non-zero exit is Error.
  const exit: ContainerExit = oom ? { exitCode: 137, reason: "OOMKilled", signal: 9 } : { exitCode, reason: exitCode === 0 ? "Completed" : "Error" };
  if (!w || !w.crash(c, exit)) throw new ChaosError(`container ${c} of pod ${name} is not running`);
  const what = oom ? "was OOM-killed (exit code 137)" : `exited with code ${exitCode}`;
  cluster.controlPlane.record(oom ? "oom" : "crash", `pod/${namespace}/${name}`, `container ${c} of ${namespace}/${name} ${what}`);
  return `container ${c} of pod ${name} ${what}\n`;
}

export function setUnready(cluster: Cluster, namespace: string, name: string, container: string | undefined, unready: boolean): string {
  const pod = podOf(cluster, namespace, name);
  const c = containerName(pod, container);
  const spec = pod.spec.containers.find((x) => x.name === c)!;
  if (!spec.readinessProbe) throw new ChaosError(`container ${c} of pod ${name} has no readiness probe: without one the kubelet counts it as always ready`);
  cluster.containerChaos.setUnready(pod.metadata.uid, c, unready);
  cluster.controlPlane.record(unready ? "unready" : "ready", `pod/${namespace}/${name}`, `readiness probe of ${namespace}/${name} (${c}) ${unready ? "now fails" : "passes again"}`);
  return unready
    ? `readiness probe of container ${c} in pod ${name} now fails (Ready turns False after failureThreshold probes)\n`
    : `readiness probe of container ${c} in pod ${name} passes again\n`;
}
