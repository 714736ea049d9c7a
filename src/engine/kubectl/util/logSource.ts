// Adapts the simulated kubelets to the pods/log subresource (ContainerLogSource), so a host can pass
// `logs: kubeletLogSource(cluster.kubelets)` in its KubectlEnv.
import type { ContainerLogSource } from "../env";

/** The part of a pod worker `kubectl logs` reads: the running (or last) instance's lines, and optionally the previous one's. */
interface LogWorker {
  logs(container: string): readonly string[] | undefined;
  previousLogs?(container: string): readonly string[] | undefined;
}

interface LogKubelet {
  worker(namespace: string, name: string): LogWorker | undefined;
}

export function kubeletLogSource(kubelets: ReadonlyMap<string, LogKubelet>): ContainerLogSource {
  return {
    containerLogs(node, namespace, pod, container, previous) {
      const w = kubelets.get(node)?.worker(namespace, pod);
      if (!w) return undefined;
      return previous ? w.previousLogs?.(container) : w.logs(container);
    },
  };
}
