// Lesson 8: the HorizontalPodAutoscaler walkthrough from the Kubernetes docs (php-apache, 200m CPU
// request, 500m limit, target 50 %): load makes it scale out, and after the load stops it waits out the
// 5-minute downscale stabilization window before scaling back in.
import type { KubeEvent, KubeObject } from "../../engine/api/types";
import { deployment, memo, rolledOut } from "../checks";
import { file } from "../manifests";
import type { CheckContext, Lesson } from "../types";

const PHP_APACHE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-apache
spec:
  selector:
    matchLabels:
      run: php-apache
  template:
    metadata:
      labels:
        run: php-apache
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports:
        - containerPort: 80
        resources:
          limits:
            cpu: 500m
          requests:
            cpu: 200m
---
apiVersion: v1
kind: Service
metadata:
  name: php-apache
  labels:
    run: php-apache
spec:
  ports:
  - port: 80
  selector:
    run: php-apache
`;

interface Hpa extends KubeObject {
  spec: { scaleTargetRef: { kind: string; name: string }; minReplicas?: number; maxReplicas: number };
  status?: { currentReplicas?: number; desiredReplicas?: number; currentMetrics?: { type: string; resource?: { name: string; current?: { averageUtilization?: number } } }[] };
}

function hpa(ctx: CheckContext): Hpa | undefined {
  return ctx.list<Hpa>("horizontalpodautoscalers", "default").find((h) => h.spec.scaleTargetRef.kind === "Deployment" && h.spec.scaleTargetRef.name === "php-apache");
}

function cpuUtilization(h: Hpa | undefined): number | undefined {
  return h?.status?.currentMetrics?.find((m) => m.type === "Resource" && m.resource?.name === "cpu")?.resource?.current?.averageUtilization;
}

function replicas(ctx: CheckContext): number {
  return deployment(ctx, "php-apache")?.spec.replicas ?? 1;
}

/** Traffic generators still sending to php-apache. */
function loadOn(ctx: CheckContext): string[] {
  return ctx.cluster.traffic
    .list()
    .filter((g) => g.spec.host === "php-apache" || g.spec.to.startsWith("php-apache"))
    .map((g) => g.spec.name);
}

function progress(ctx: CheckContext): string | undefined {
  const h = hpa(ctx);
  if (!h) return undefined;
  const u = cpuUtilization(h);
  return `CPU ${u === undefined ? "<unknown>" : `${u}%`}/50%, ${replicas(ctx)} replicas`;
}

export const autoscaling: Lesson = {
  id: "autoscaling",
  number: 8,
  title: "Autoscaling",
  goal: "Let a HorizontalPodAutoscaler add Pods under load and remove them when the load is gone.",
  minutes: 12,
  prerequisites: ["scaling", "services"],
  start: {
    seed: 8,
    nodes: 3,
    setup: ["kubectl apply -f php-apache.yaml", "kubectl rollout status deployment/php-apache --timeout=3m"],
    files: [file("php-apache.yaml", PHP_APACHE)],
    speed: 2,
  },
  steps: [
    {
      title: "An autoscaler",
      text: `\`php-apache\` (from the Kubernetes docs' HPA walkthrough) runs one Pod that **requests 200m** of CPU and may use up to **500m**. Each request to it costs real CPU.

A **HorizontalPodAutoscaler** (HPA) compares the Pods' CPU use, as a percentage of their **request**, with a target, and sets the Deployment's \`replicas\`:

\`\`\`
desired = ceil(current replicas × current usage / target)
\`\`\`

It reads usage from **metrics-server** every 15 seconds.`,
      todo: "Create an HPA: `kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10`, then `kubectl get hpa` until TARGETS shows a percentage.",
      check: {
        waitingFor: "an HPA for php-apache that reads its CPU metrics",
        test: (ctx) => cpuUtilization(hpa(ctx)) !== undefined,
        progress,
      },
      hints: ["Right after creation TARGETS shows `<unknown>/50%`: the first metrics arrive within about 30 seconds.", "`kubectl describe hpa php-apache` shows its conditions and events."],
      showMe: { lines: ["kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10"] },
      spotlight: ["kube-controller-manager"],
    },
    {
      title: "Load",
      text: `Send it work. 100 requests a second ask for far more than 500m of CPU, so the Pod is throttled at its limit: 250 % of its request, five times the 50 % target. The HPA scales up, by at most the larger of "double" and "+4 Pods" per 15 seconds, until the average falls near 50 %.

Watch \`kubectl get hpa\`: TARGETS falls as REPLICAS grows.`,
      todo: "Start the load: `sim traffic start load --to php-apache:80 --rate 100`, then watch `kubectl get hpa`.",
      check: {
        waitingFor: "the HPA to scale php-apache out",
        test: (ctx) => replicas(ctx) > 1 && ctx.events().some((e) => e.reason === "SuccessfulRescale"),
        progress,
      },
      hints: ["`sim traffic` shows the generator; `kubectl top pods` the CPU each Pod uses.", "A scale-up comes within a sync or two: 15 to 30 seconds."],
      showMe: { lines: ["sim traffic start load --to php-apache:80 --rate 100"] },
      spotlight: ["Deployment/php-apache"],
      speed: 2,
    },
    {
      title: "Load gone",
      text: `Stop the load. Usage drops at once, but the HPA does not scale in right away: it uses the **highest** recommendation of the last **5 minutes** (the downscale stabilization window), so a short lull does not throw Pods away that the next burst needs.

After that it goes back to \`--min\`, 1 replica. The clock runs 25× faster for this step.`,
      todo: "Stop the generator: `sim traffic stop load`, then watch the replicas fall back to 1.",
      check: {
        waitingFor: "the load to stop and php-apache to be back at 1 replica",
        begin: (ctx) => {
          ctx.memo.peak = replicas(ctx);
        },
        test: (ctx) => loadOn(ctx).length === 0 && replicas(ctx) === 1 && memo(ctx, "peak", 1) > 1 && rolledOut(deployment(ctx, "php-apache")),
        progress,
      },
      hints: ["`sim traffic stop load`", "The scale-in comes 5 minutes after the load stopped."],
      showMe: { lines: ["sim traffic stop load"] },
      speed: 25,
      settleMs: 9 * 60_000,
    },
  ],
  quiz: {
    ask(ctx) {
      let peak = 1;
      for (const e of ctx.list<KubeEvent>("events", "default")) {
        if (e.reason !== "SuccessfulRescale") continue;
        const n = Number(/New size: (\d+)/.exec(e.message)?.[1] ?? 0);
        if (n > peak) peak = n;
      }
      const choices = [...new Set([peak, 1, 10, peak + 2, Math.max(2, peak - 1)])].filter((n) => n >= 1 && n <= 12).slice(0, 4).sort((a, b) => a - b).map(String);
      if (!choices.includes(String(peak))) choices[choices.length - 1] = String(peak);
      return {
        question: "How many replicas did the HPA scale php-apache to at the peak?",
        choices,
        answer: choices.indexOf(String(peak)),
        explanation: `The HPA's SuccessfulRescale events say "New size: ${peak}" at the most: enough Pods to bring average CPU near 50 % of their requests.`,
      };
    },
  },
};
