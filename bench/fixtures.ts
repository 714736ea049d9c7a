// Objects the benchmarks create: a plain Deployment whose pods request a little CPU and memory.
import type { KubeObject } from "../src/engine/api/types";

export function benchDeployment(name: string, replicas: number): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default" },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "web", image: "nginx:1.27", resources: { requests: { cpu: "10m", memory: "16Mi" } } }] },
      },
    },
  } as unknown as KubeObject;
}
