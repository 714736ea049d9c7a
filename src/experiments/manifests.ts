// The manifests experiments apply, built from knob values: an nginx Deployment or StatefulSet "web"
// with a readiness probe, its Service, and optionally a PodDisruptionBudget. Plain YAML text, the same a
// learner would paste into the editor.

export interface WebOptions {
  replicas: number;
  /** Seconds for explicit not-ready/unreachable NoExecute tolerations; undefined = admission's 300s. */
  tolerationSeconds?: number;
  /** A hard topology spread across this key (kubernetes.io/hostname or topology.kubernetes.io/zone). */
  spreadKey?: string;
  antiAffinity?: boolean;
  /** topologySpreadConstraints nodeTaintsPolicy (the API default is Ignore). */
  nodeTaintsPolicy?: "Honor" | "Ignore";
  /** A preferred node affinity (weight 100) for this zone. */
  preferZone?: string;
}

const LABELS = "app: web";

function podSpec(o: WebOptions, indent: string): string {
  const lines: string[] = [];
  if (o.spreadKey) {
    lines.push(
      "topologySpreadConstraints:",
      "- maxSkew: 1",
      `  topologyKey: ${o.spreadKey}`,
      "  whenUnsatisfiable: DoNotSchedule",
      ...(o.nodeTaintsPolicy ? [`  nodeTaintsPolicy: ${o.nodeTaintsPolicy}`] : []),
      "  labelSelector:",
      "    matchLabels:",
      `      ${LABELS}`,
    );
  }
  if (o.antiAffinity || o.preferZone) lines.push("affinity:");
  if (o.preferZone) {
    lines.push(
      "  nodeAffinity:",
      "    preferredDuringSchedulingIgnoredDuringExecution:",
      "    - weight: 100",
      "      preference:",
      "        matchExpressions:",
      "        - key: topology.kubernetes.io/zone",
      "          operator: In",
      `          values: [${o.preferZone}]`,
    );
  }
  if (o.antiAffinity) {
    lines.push(
      "    requiredDuringSchedulingIgnoredDuringExecution:",
      "    - topologyKey: kubernetes.io/hostname",
      "      labelSelector:",
      "        matchLabels:",
      `          ${LABELS}`,
    );
  }
  if (o.tolerationSeconds !== undefined) {
    lines.push("tolerations:");
    for (const key of ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]) {
      lines.push(`- key: ${key}`, "  operator: Exists", "  effect: NoExecute", `  tolerationSeconds: ${o.tolerationSeconds}`);
    }
  }
  lines.push(
    "containers:",
    "- name: nginx",
    "  image: nginx:1.27",
    "  ports:",
    "  - containerPort: 80",
    "  readinessProbe:",
    "    httpGet:",
    "      path: /",
    "      port: 80",
    "    periodSeconds: 5",
  );
  return lines.map((l) => indent + l).join("\n");
}

export function webDeployment(o: WebOptions): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    ${LABELS}
spec:
  replicas: ${o.replicas}
  selector:
    matchLabels:
      ${LABELS}
  template:
    metadata:
      labels:
        ${LABELS}
    spec:
${podSpec(o, "      ")}
`;
}

export function webStatefulSet(o: WebOptions): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
  labels:
    ${LABELS}
spec:
  serviceName: web
  replicas: ${o.replicas}
  selector:
    matchLabels:
      ${LABELS}
  template:
    metadata:
      labels:
        ${LABELS}
    spec:
${podSpec(o, "      ")}
`;
}

/** The Service in front of web (headless for a StatefulSet's stable names). */
export function webService(headless = false): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: web
  labels:
    ${LABELS}
spec:
${headless ? "  clusterIP: None\n" : ""}  selector:
    ${LABELS}
  ports:
  - port: 80
    targetPort: 80
`;
}

export function webPDB(minAvailable: number): string {
  return `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: ${minAvailable}
  selector:
    matchLabels:
      ${LABELS}
`;
}
