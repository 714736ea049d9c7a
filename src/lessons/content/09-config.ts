// Lesson 9: configuration outside the image. A Pod that reads a ConfigMap (as an env var and as a file)
// and a Secret (as an env var) waits until both exist; a Secret's data is base64, which anyone who may
// read it can decode.
import type { KubeObject, Pod } from "../../engine/api/types";
import { isRunning, learnerRead, waitingReasons } from "../checks";
import { file } from "../manifests";
import type { CheckContext, Lesson } from "../types";

const APP = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo color=$COLOR; cat /etc/config/color; sleep 3600"]
    env:
    - name: COLOR
      valueFrom:
        configMapKeyRef:
          name: app-config
          key: color
    - name: PASSWORD
      valueFrom:
        secretKeyRef:
          name: app-secret
          key: password
    volumeMounts:
    - name: config
      mountPath: /etc/config
      readOnly: true
  volumes:
  - name: config
    configMap:
      name: app-config
`;

/** ConfigMaps and Secrets keep their keys in `data`. */
interface WithData extends KubeObject {
  data?: Record<string, string>;
}

function app(ctx: CheckContext): Pod | undefined {
  const p = ctx.get<Pod>("pods", "default", "app");
  return p && !p.metadata.deletionTimestamp ? p : undefined;
}

/** Base64 decoding for the quiz (the Secret's own value, as `base64 -d` prints it). */
export function decodeBase64(s: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const ch of s.replace(/=+$/, "")) {
    const v = alphabet.indexOf(ch);
    if (v < 0) continue;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >> bits) & 0xff);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

export const config: Lesson = {
  id: "config",
  number: 9,
  title: "Configuration and Secrets",
  goal: "Feed configuration and credentials to a Pod with a ConfigMap and a Secret, and see why base64 is not encryption.",
  minutes: 10,
  prerequisites: ["first-pod"],
  start: { seed: 9, nodes: 3, setup: [], files: [file("app.yaml", APP)], speed: 1 },
  steps: [
    {
      title: "A Pod that needs configuration",
      text: `Images should not hard-code settings or passwords: the same image runs in test and in production. Kubernetes keeps them in two kinds of objects:

- a **ConfigMap** for ordinary settings,
- a **Secret** for credentials.

\`app.yaml\` reads \`color\` from the ConfigMap \`app-config\`, as an environment variable and as a file under \`/etc/config\`, and \`password\` from the Secret \`app-secret\`. Neither exists yet. Apply it anyway and see what the kubelet says.`,
      todo: "Apply `app.yaml`, then `kubectl describe pod app` and read its Events.",
      check: {
        waitingFor: "the app Pod to be created and stuck waiting for its configuration",
        test: (ctx) => {
          const p = app(ctx);
          if (!p || isRunning(p)) return false;
          return ctx.events().some((e) => e.involvedObject.name === "app" && (e.reason === "FailedMount" || e.reason === "Failed")) || waitingReasons(p).includes("CreateContainerConfigError");
        },
      },
      hints: ["Apply in the editor, or `kubectl apply -f app.yaml`.", "The kubelet cannot mount the ConfigMap volume: `FailedMount ... configmap \"app-config\" not found`."],
      showMe: { files: [file("app.yaml", APP)], lines: ["kubectl apply -f app.yaml"] },
    },
    {
      title: "A ConfigMap",
      text: `Create the ConfigMap. \`--from-literal\` adds one key; \`--from-file\` would take a file's content. The kubelet retries the mount, finds it, and writes each key as a file in the volume: \`/etc/config/color\` contains \`blue\`.

The Pod still does not start: the Secret is missing too (\`CreateContainerConfigError\`).`,
      todo: "`kubectl create configmap app-config --from-literal=color=blue`",
      check: {
        waitingFor: "a ConfigMap app-config with a key color",
        test: (ctx) => typeof ctx.get<WithData>("configmaps", "default", "app-config")?.data?.color === "string",
      },
      hints: ["`kubectl get configmap app-config -o yaml` shows its data."],
      showMe: { lines: ["kubectl create configmap app-config --from-literal=color=blue"] },
    },
    {
      title: "A Secret",
      text: `Create the Secret. As soon as both exist, the kubelet builds the container's environment (\`COLOR=blue\`, \`PASSWORD=…\`) and starts it.

Environment variables are read once, when the container starts: change the ConfigMap later and a running container keeps the old value, while the mounted file is updated after a minute or so.`,
      todo: "`kubectl create secret generic app-secret --from-literal=password=s3cr3t`, then wait for app to run.",
      check: {
        waitingFor: "the app Pod to run with its ConfigMap and Secret",
        test: (ctx) => {
          const p = app(ctx);
          return p !== undefined && isRunning(p) && ctx.get("secrets", "default", "app-secret") !== undefined;
        },
      },
      hints: ["`generic` is the Secret type for arbitrary keys (Opaque)."],
      showMe: { lines: ["kubectl create secret generic app-secret --from-literal=password=s3cr3t"] },
    },
    {
      title: "base64 is not encryption",
      text: `Look at the Secret as the API returns it. Its \`data\` is **base64-encoded**: an encoding for bytes, not a lock. \`echo czNjcjN0 | base64 -d\` prints \`s3cr3t\`.

What protects a Secret is who may read it (**RBAC**: lesson 15), **encryption at rest** in etcd (an API server setting, off by default), and mounting it only into the Pods that need it.`,
      todo: "`kubectl get secret app-secret -o yaml`",
      check: { waitingFor: "you to read the Secret", test: (ctx) => learnerRead(ctx, "secrets", { namespace: "default", name: "app-secret" }) },
      hints: ["`-o yaml` prints the whole object, data included."],
      showMe: { lines: ["kubectl get secret app-secret -o yaml"] },
    },
  ],
  quiz: {
    ask(ctx) {
      const raw = ctx.get<WithData>("secrets", "default", "app-secret")?.data?.password ?? "czNjcjN0";
      const plain = decodeBase64(raw);
      const choices = [plain, raw, "It cannot be read without the cluster's encryption key"];
      return {
        question: "What password does the Secret app-secret hold?",
        choices,
        answer: 0,
        explanation: `Its data says ${raw}, which is just base64 for "${plain}". Anyone allowed to get the Secret can read it.`,
      };
    },
  },
};
