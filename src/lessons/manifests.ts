// Manifests the lessons open in the editor. Written as a learner would find them in the Kubernetes docs
// (same field order, same images), kept small so they fit the editor at 1280×720.
import type { EditorFile } from "../engine/protocol";

export function file(name: string, text: string): EditorFile {
  return { name, text };
}

export interface WebOptions {
  readonly replicas?: number;
  readonly image?: string;
  /** resources.requests.cpu of the container. */
  readonly cpu?: string;
  readonly readinessProbe?: boolean;
  /** Extra lines under `spec:` of the Deployment (strategy), indented by two spaces already. */
  readonly strategy?: string;
  /** Extra lines under the Pod template's `spec:`, indented by six spaces already. */
  readonly podSpec?: string;
}

/** The Deployment most lessons use: `web`, nginx, labels app=web. */
export function webDeployment(o: WebOptions = {}): string {
  const probe = o.readinessProbe
    ? `        readinessProbe:
          httpGet:
            path: /
            port: 80
          periodSeconds: 5
`
    : "";
  const resources = o.cpu
    ? `        resources:
          requests:
            cpu: "${o.cpu}"
`
    : "";
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: ${o.replicas ?? 3}
${o.strategy ?? ""}  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
${o.podSpec ?? ""}      containers:
      - name: nginx
        image: ${o.image ?? "nginx:1.27"}
        ports:
        - containerPort: 80
${probe}${resources}`;
}

export const HELLO_POD = `apiVersion: v1
kind: Pod
metadata:
  name: hello
  labels:
    app: hello
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
`;
