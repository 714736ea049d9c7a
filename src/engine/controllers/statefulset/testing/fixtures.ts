// Test fixtures. corpus: website/application/web/web.yaml (the headless Service nginx and StatefulSet web)
// and web-parallel.yaml (the same with podManagementPolicy: Parallel), from the StatefulSet basics tutorial.
import type { KubeObject } from "../../../api/types";

export function nginxHeadlessService(): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "nginx", labels: { app: "nginx" } },
    spec: { ports: [{ port: 80, name: "web" }], clusterIP: "None", selector: { app: "nginx" } },
  } as unknown as KubeObject;
}

export function webStatefulSet(opts: { replicas?: number; parallel?: boolean } = {}): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "web" },
    spec: {
      serviceName: "nginx",
      replicas: opts.replicas ?? 2,
      ...(opts.parallel ? { podManagementPolicy: "Parallel" } : {}),
      selector: { matchLabels: { app: "nginx" } },
      template: {
        metadata: { labels: { app: "nginx" } },
        spec: {
          containers: [
            {
              name: "nginx",
              image: "registry.k8s.io/nginx-slim:0.8",
              ports: [{ containerPort: 80, name: "web" }],
              volumeMounts: [{ name: "www", mountPath: "/usr/share/nginx/html" }],
            },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: "www" },
          spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
        },
      ],
    },
  } as unknown as KubeObject;
}
