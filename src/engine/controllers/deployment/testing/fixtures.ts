// Deployments as the API server stores them after defaulting (api apps/v1 defaults): RollingUpdate
// 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600.
import type { Deployment, DeploymentStrategy } from "../../../api/types";

export interface DeploymentFixture {
  name?: string;
  namespace?: string;
  replicas?: number;
  image?: string;
  strategy?: DeploymentStrategy;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  minReadySeconds?: number;
  paused?: boolean;
  annotations?: Record<string, string>;
}

export function newDeployment(f: DeploymentFixture = {}): Deployment {
  const name = f.name ?? "nginx-deployment";
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name,
      namespace: f.namespace ?? "default",
      labels: { app: "nginx" },
      ...(f.annotations ? { annotations: { ...f.annotations } } : {}),
    } as unknown as Deployment["metadata"],
    spec: {
      replicas: f.replicas ?? 3,
      selector: { matchLabels: { app: "nginx" } },
      template: {
        metadata: { labels: { app: "nginx" } },
        spec: {
          containers: [{ name: "nginx", image: f.image ?? "nginx:1.14.2", ports: [{ containerPort: 80, protocol: "TCP" }] }],
          restartPolicy: "Always",
          terminationGracePeriodSeconds: 30,
          dnsPolicy: "ClusterFirst",
        },
      } as Deployment["spec"]["template"],
      strategy: f.strategy ?? { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } },
      ...(f.minReadySeconds ? { minReadySeconds: f.minReadySeconds } : {}),
      revisionHistoryLimit: f.revisionHistoryLimit ?? 10,
      progressDeadlineSeconds: f.progressDeadlineSeconds ?? 600,
      ...(f.paused ? { paused: true } : {}),
    },
  };
}

/** Sets the first container's image (`kubectl set image`). */
export function setImage(d: Deployment, image: string): void {
  d.spec.template.spec.containers[0]!.image = image;
}
