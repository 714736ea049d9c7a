// The objects `sim ingress enable` creates: the core of ingress-nginx's "cloud" deploy manifest
// (kubernetes/ingress-nginx deploy/static/provider/cloud/deploy.yaml, controller v1.13): its namespace,
// the IngressClass "nginx", the controller Deployment and its LoadBalancer Service. The admission webhook,
// RBAC objects and certificate jobs are left out: nothing in the simulation needs them.
import type { KubeObject } from "../../api/types";
import { INGRESS_NGINX } from "./ingressController";

export const INGRESS_NGINX_IMAGE = "registry.k8s.io/ingress-nginx/controller:v1.13.2";

const LABELS = {
  "app.kubernetes.io/component": "controller",
  "app.kubernetes.io/instance": "ingress-nginx",
  "app.kubernetes.io/name": "ingress-nginx",
} as const;

const obj = (o: unknown): KubeObject => o as KubeObject;

export function ingressNginxObjects(): KubeObject[] {
  const ns = INGRESS_NGINX.namespace;
  return [
    obj({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: ns, labels: { "app.kubernetes.io/instance": "ingress-nginx", "app.kubernetes.io/name": "ingress-nginx" } },
    }),
    obj({
      apiVersion: "networking.k8s.io/v1",
      kind: "IngressClass",
      metadata: { name: INGRESS_NGINX.className, labels: { ...LABELS } },
      spec: { controller: INGRESS_NGINX.controllerClass },
    }),
    obj({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: INGRESS_NGINX.service, namespace: ns, labels: { ...LABELS } },
      spec: {
        type: "LoadBalancer",
        externalTrafficPolicy: "Local",
        ipFamilyPolicy: "SingleStack",
        ipFamilies: ["IPv4"],
        ports: [
          { name: "http", port: 80, protocol: "TCP", targetPort: "http", appProtocol: "http" },
          { name: "https", port: 443, protocol: "TCP", targetPort: "https", appProtocol: "https" },
        ],
        selector: { ...LABELS },
      },
    }),
    obj({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: INGRESS_NGINX.service, namespace: ns, labels: { ...LABELS } },
      spec: {
        replicas: 1,
        revisionHistoryLimit: 10,
        minReadySeconds: 0,
        selector: { matchLabels: { ...LABELS } },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels: { ...LABELS } },
          spec: {
            containers: [
              {
                name: "controller",
                image: INGRESS_NGINX_IMAGE,
                args: [
                  "/nginx-ingress-controller",
                  `--publish-service=$(POD_NAMESPACE)/${INGRESS_NGINX.service}`,
                  "--election-id=ingress-nginx-leader",
                  `--controller-class=${INGRESS_NGINX.controllerClass}`,
                  `--ingress-class=${INGRESS_NGINX.className}`,
                ],
                env: [
                  { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                  { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
                ],
                ports: [
                  { name: "http", containerPort: 80, protocol: "TCP" },
                  { name: "https", containerPort: 443, protocol: "TCP" },
                ],
                resources: { requests: { cpu: "100m", memory: "90Mi" } },
              },
            ],
            nodeSelector: { "kubernetes.io/os": "linux" },
            terminationGracePeriodSeconds: 300,
          },
        },
      },
    }),
  ];
}
