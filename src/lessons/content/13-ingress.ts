// Lesson 13: Ingress. HTTP from outside the cluster reaches Services through an Ingress controller
// (ingress-nginx, installed by `sim ingress enable` as on kind) that follows the Ingress rules: host and
// path → Service.
import type { Deployment, KubeObject, Pod } from "../../engine/api/types";
import { isServing, memo, pods, rolledOut } from "../checks";
import { file, webDeployment } from "../manifests";
import type { CheckContext, Lesson } from "../types";

const API = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: echo
        image: hashicorp/http-echo:1.0
        args: ["-text=hello from api", "-listen=:5678"]
        ports:
        - containerPort: 5678
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
  - port: 80
    targetPort: 5678
`;

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: api
            port:
              number: 80
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
`;

interface Ingress extends KubeObject {
  spec: { ingressClassName?: string; rules?: { host?: string; http?: { paths: { backend: { service?: { name: string } } }[] } }[] };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

function ingresses(ctx: CheckContext): Ingress[] {
  return ctx.list<Ingress>("ingresses", "default");
}

function backends(i: Ingress): string[] {
  const out: string[] = [];
  for (const r of i.spec.rules ?? []) for (const p of r.http?.paths ?? []) if (p.backend.service) out.push(p.backend.service.name);
  return out;
}

/** Requests served so far by the Pods with label app=<app>. */
function servedBy(ctx: CheckContext, app: string): number {
  const uids = new Set(pods(ctx).filter((p: Pod) => p.metadata.labels?.app === app).map((p) => p.metadata.uid));
  let n = 0;
  for (const p of ctx.cluster.network.stats.podList()) if (uids.has(p.uid)) n += p.served;
  return n;
}

export const ingress: Lesson = {
  id: "ingress",
  number: 13,
  title: "Ingress: HTTP from outside",
  goal: "Route external HTTP requests to Services by host and path with an Ingress and its controller.",
  minutes: 12,
  prerequisites: ["services"],
  start: {
    seed: 13,
    nodes: 3,
    setup: [
      "kubectl apply -f web.yaml",
      "kubectl expose deployment web --port=80",
      "kubectl apply -f api.yaml",
      "kubectl rollout status deployment/web --timeout=2m",
      "kubectl rollout status deployment/api --timeout=2m",
    ],
    files: [file("web.yaml", webDeployment({ replicas: 2 })), file("api.yaml", API), file("ingress.yaml", INGRESS)],
    speed: 1,
  },
  steps: [
    {
      title: "An Ingress controller",
      text: `Two Services run here: \`web\` (nginx) and \`api\` (an echo server). Their ClusterIPs only work inside the cluster. To serve the outside world over HTTP you want one entry point that routes by **host name** and **path**.

An **Ingress** object holds such rules, but it does nothing by itself: an **Ingress controller** must run to act on them. kind ships none; \`sim ingress enable\` installs **ingress-nginx**, as kind's guide does, with an IngressClass named \`nginx\`.`,
      todo: "`sim ingress enable`, then wait for `kubectl get pods -n ingress-nginx` to show the controller ready.",
      check: {
        waitingFor: "the ingress-nginx controller to run",
        test: (ctx) => ctx.get("ingressclasses", undefined, "nginx") !== undefined && rolledOut(ctx.get<Deployment>("deployments", "ingress-nginx", "ingress-nginx-controller")),
      },
      hints: ["`kubectl get ingressclass` lists `nginx` once it is installed."],
      showMe: { lines: ["sim ingress enable"] },
    },
    {
      title: "Rules",
      text: `\`ingress.yaml\` sends \`http://shop.example.com/api…\` to the Service \`api\` and everything else on that host to \`web\`. \`pathType: Prefix\` matches whole path segments, and the longest matching path wins.

The controller watches Ingress objects of its class, configures its nginx, and writes its address into the Ingress's status: the ADDRESS column of \`kubectl get ingress\`.`,
      todo: "Apply `ingress.yaml`, then `kubectl get ingress` until it shows an ADDRESS.",
      check: {
        waitingFor: "an Ingress of class nginx routing to api and web, with an address",
        test: (ctx) =>
          ingresses(ctx).some((i) => i.spec.ingressClassName === "nginx" && backends(i).includes("api") && backends(i).includes("web") && (i.status?.loadBalancer?.ingress ?? []).length > 0),
      },
      hints: ["Apply the `ingress.yaml` tab, or `kubectl apply -f ingress.yaml`."],
      showMe: { files: [file("ingress.yaml", INGRESS)], lines: ["kubectl apply -f ingress.yaml"] },
    },
    {
      title: "Send requests",
      text: `Now request both paths from outside. Each request goes to the ingress controller's Service, to an ingress-nginx Pod, which picks the rule, and forwards it to a Pod of the matching Service.`,
      todo: "`sim curl http://shop.example.com/api` and `sim curl http://shop.example.com/`",
      check: {
        waitingFor: "both api and web to answer requests through the Ingress",
        begin: (ctx) => {
          ctx.memo.api = servedBy(ctx, "api");
          ctx.memo.web = servedBy(ctx, "web");
        },
        test: (ctx) =>
          servedBy(ctx, "api") > memo(ctx, "api", 0) && servedBy(ctx, "web") > memo(ctx, "web", 0) && pods(ctx, "ingress-nginx").some(isServing),
      },
      hints: ["`sim curl -v http://shop.example.com/api` shows the address it connected to.", "The echo server answers `hello from api`; nginx its welcome page."],
      showMe: { lines: ["sim curl http://shop.example.com/api", "sim curl http://shop.example.com/"] },
    },
  ],
  quiz: {
    ask() {
      return {
        question: "Which Service answered http://shop.example.com/api/orders?",
        choices: ["api", "web", "ingress-nginx-controller", "kubernetes"],
        answer: 0,
        explanation: "Both paths match the host; /api is the longest matching Prefix path, so the controller forwards the request to a Pod of the Service api.",
      };
    },
  },
};
