// Lesson 5: a Service gives ephemeral Pods a stable name and IP; EndpointSlices list the ready Pods
// behind it; kube-proxy spreads connections over them; readiness takes a Pod out without killing it.
import type { KubeObject, Pod } from "../../engine/api/types";
import { isServing, isTerminating, memo, podsOfDeployment, readyCount, uidsOf } from "../checks";
import { file, webDeployment } from "../manifests";
import type { CheckContext, Lesson } from "../types";

const WEB = webDeployment({ replicas: 3, readinessProbe: true });

interface SliceEndpoint {
  addresses?: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  targetRef?: { kind?: string; name?: string; uid?: string };
}

function service(ctx: CheckContext): KubeObject | undefined {
  return ctx.get("services", "default", "web");
}

/** Endpoints of the Service web, from its EndpointSlices (label kubernetes.io/service-name). */
function endpoints(ctx: CheckContext): SliceEndpoint[] {
  const out: SliceEndpoint[] = [];
  for (const s of ctx.list<KubeObject & { endpoints?: SliceEndpoint[] }>("endpointslices", "default")) {
    if (s.metadata.labels?.["kubernetes.io/service-name"] !== "web") continue;
    for (const e of s.endpoints ?? []) out.push(e);
  }
  return out;
}

function readyEndpointUids(ctx: CheckContext): string[] {
  return endpoints(ctx)
    .filter((e) => e.conditions?.ready === true)
    .map((e) => e.targetRef?.uid ?? "");
}

function servingWeb(ctx: CheckContext): Pod[] {
  return podsOfDeployment(ctx, "web").filter(isServing);
}

/** Requests each pod's server answered so far (the traffic model's counters), by pod uid. */
function served(ctx: CheckContext): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of ctx.cluster.network.stats.podList()) out[p.uid] = p.served;
  return out;
}

export const services: Lesson = {
  id: "services",
  number: 5,
  title: "Services and load balancing",
  goal: "Put a stable name and IP in front of Pods that come and go, and see traffic spread and readiness at work.",
  minutes: 12,
  prerequisites: ["self-healing"],
  start: {
    seed: 5,
    nodes: 3,
    setup: ["kubectl apply -f web.yaml", "kubectl rollout status deployment/web --timeout=2m"],
    files: [file("web.yaml", WEB)],
    speed: 1,
  },
  steps: [
    {
      title: "A stable address",
      text: `Pods come and go, and each new Pod gets a new IP. Clients need something that stays put: a **Service**. It has a name (\`web\`, resolvable by DNS), a virtual IP (the **ClusterIP**) and a **selector** that picks its Pods by label.

The **EndpointSlice controller** keeps the list of Pod IPs behind the Service up to date, and **kube-proxy** on every node turns the ClusterIP into rules that lead to one of them.`,
      todo: "Expose web: `kubectl expose deployment web --port=80`, then look at `kubectl get endpointslices`.",
      check: {
        waitingFor: "a Service web with web's 3 Pods as ready endpoints",
        test: (ctx) => {
          if (!service(ctx)) return false;
          const ready = readyEndpointUids(ctx);
          const pods = servingWeb(ctx);
          return pods.length >= 3 && pods.every((p) => ready.includes(p.metadata.uid));
        },
        progress: (ctx) => (service(ctx) ? `${readyEndpointUids(ctx).length} ready endpoints` : undefined),
      },
      hints: ["`kubectl expose deployment web --port=80` makes a Service with the Deployment's selector, app=web.", "`kubectl get svc web` shows the CLUSTER-IP; `kubectl get endpointslices` the Pod IPs behind it."],
      showMe: { lines: ["kubectl expose deployment web --port=80", "kubectl get endpointslices"] },
      spotlight: ["kube-controller-manager"],
    },
    {
      title: "Traffic spreads",
      text: `Send requests to the Service. For each new connection, kube-proxy's rules pick one ready endpoint at random: with three, the first rule matches with probability 1/3, the second 1/2 of the rest, the last takes what is left. Over many requests every Pod gets its share.`,
      todo: "Start a load generator: `sim traffic start load --to web:80`, then `sim traffic pods` to see where requests went.",
      check: {
        waitingFor: "every ready Pod of web to answer requests",
        begin: (ctx) => {
          ctx.memo.served = served(ctx);
        },
        test: (ctx) => {
          const before = memo<Record<string, number>>(ctx, "served", {});
          const now = served(ctx);
          const pods = servingWeb(ctx);
          return pods.length >= 3 && pods.every((p) => (now[p.metadata.uid] ?? 0) > (before[p.metadata.uid] ?? 0));
        },
      },
      hints: ["`sim traffic start load --to web:80` sends 10 requests a second.", "`sim curl http://web` sends a single request, from outside any Pod."],
      showMe: { lines: ["sim traffic start load --to web:80", "sim traffic pods"] },
      spotlight: ["Service/web"],
    },
    {
      title: "Readiness takes a Pod out",
      text: `A Pod only gets traffic while it is **Ready**. web's Pods have a **readiness probe**: every 5 seconds the kubelet asks nginx for \`/\`. After 3 failures in a row (\`failureThreshold\`) it marks the container not ready, the EndpointSlice marks the endpoint \`ready: false\`, and kube-proxy stops sending it new requests.

The Pod keeps running: it is taken out of the rotation, not killed. That is how a busy or starting Pod avoids traffic.`,
      todo: "Make one Pod's probe fail: `sim pod unready <pod name>`. Then watch `kubectl get pods` (READY 0/1) and `sim traffic pods`.",
      check: {
        waitingFor: "a Pod of web that runs but is out of the Service's endpoints",
        test: (ctx) => {
          const ready = readyEndpointUids(ctx);
          return podsOfDeployment(ctx, "web").some((p) => !isTerminating(p) && p.status?.phase === "Running" && !isServing(p) && !ready.includes(p.metadata.uid));
        },
      },
      hints: ["`kubectl get pods` for a name, then `sim pod unready web-…`.", "It takes three failed probes, about 15 seconds, before READY shows 0/1."],
      showMe: { lines: (ctx) => [`sim pod unready ${servingWeb(ctx)[0]?.metadata.name ?? "web"}`] },
      spotlight: ["Service/web"],
    },
    {
      title: "Pods are replaceable, the Service is not",
      text: `Delete the Pod that is not ready. Its replacement gets a new name and a new IP, yet clients change nothing: they keep using the name \`web\` and the same ClusterIP, and the EndpointSlice lists the new Pod as soon as its probe passes.`,
      todo: "Delete a web Pod (`kubectl delete pod <name>`), then compare `kubectl get svc web` and `kubectl get endpointslices` with before.",
      check: {
        waitingFor: "a web Pod to be replaced behind an unchanged Service",
        begin: (ctx) => {
          ctx.memo.pods = uidsOf(podsOfDeployment(ctx, "web"));
          ctx.memo.clusterIP = service(ctx)?.spec?.clusterIP ?? "";
        },
        test: (ctx) => {
          const before = memo<string[]>(ctx, "pods", []);
          const pods = servingWeb(ctx);
          const fresh = pods.filter((p) => !before.includes(p.metadata.uid));
          const ready = readyEndpointUids(ctx);
          const ip = service(ctx)?.spec?.clusterIP;
          return fresh.length > 0 && pods.length >= 3 && fresh.every((p) => ready.includes(p.metadata.uid)) && ip !== undefined && ip === memo(ctx, "clusterIP", "");
        },
        progress: (ctx) => readyCount(podsOfDeployment(ctx, "web")),
      },
      hints: ["The not-ready Pod shows `0/1` in `kubectl get pods`: delete that one.", "`kubectl get svc web` before and after: the CLUSTER-IP does not change."],
      showMe: {
        lines: (ctx) => {
          const pods = podsOfDeployment(ctx, "web").filter((p) => !isTerminating(p));
          const victim = pods.find((p) => !isServing(p)) ?? pods[0];
          return [`kubectl delete pod ${victim?.metadata.name ?? "-l app=web"}`, "kubectl get svc web"];
        },
      },
      spotlight: ["Service/web"],
    },
  ],
  quiz: {
    ask(ctx) {
      const ip = service(ctx)?.spec?.clusterIP ?? "10.96.0.1";
      const podIPs = podsOfDeployment(ctx, "web")
        .map((p) => p.status?.podIP)
        .filter((x): x is string => typeof x === "string" && x !== "")
        .slice(0, 3);
      const choices = [...new Set([ip, ...podIPs, "10.96.0.10"])].slice(0, 4).sort();
      return {
        question: "Which address do clients use to reach web, whatever Pods run behind it?",
        choices,
        answer: choices.indexOf(ip),
        explanation: `${ip} is web's ClusterIP: it stays the same for the Service's whole life. The others are Pod IPs (they change with every new Pod) or CoreDNS's Service, 10.96.0.10.`,
      };
    },
  },
};
