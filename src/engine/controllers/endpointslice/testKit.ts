// Test support for the endpoint controllers: a kernel whose API server defaults, validates and allocates
// Services like kube-apiserver, nodes and pods created through it, and the kubelet-side status writes
// (pod IP, Ready condition) the controllers react to. Also the corpus manifests the tests replay.
import { resourceTypeForKind } from "../../api/registry";
import type { KubeObject, Node, Pod, PodCondition } from "../../api/types";
import { applyDefaults } from "../../apiserver/defaults";
import { ServiceAllocator } from "../../apiserver/servicealloc/serviceAllocator";
import { validateCreate, validateUpdate } from "../../apiserver/validation";
import { rfc3339 } from "../../sim/clock";
import { deepCopy } from "../../sim/clone";
import { SeededRandom } from "../../sim/random";
import { newKernel, type Kernel } from "../../testing/kernel";
import type { EndpointSlice } from "./types";

export interface ServiceKernel extends Kernel {
  allocator: ServiceAllocator;
}

/** A kernel whose API server runs defaulting, validation and Service allocation (no admission). */
export function serviceKernel(seed = 1): ServiceKernel {
  const allocator = new ServiceAllocator(new SeededRandom(seed + 1000).fn);
  const k = newKernel({
    seed,
    hooks: {
      defaults: applyDefaults,
      // Allocation right after admission, as the service REST's BeginCreate/BeginUpdate (committed at once:
      // these tests do not exercise a failure after allocation).
      admit: (o, op, old) => {
        if (o.kind !== "Service") return o;
        if (op === "CREATE") return allocator.allocate(o);
        const txn = allocator.allocateUpdate(o, old!);
        txn.commit();
        return txn.service;
      },
      validateCreate: (o) => validateCreate(o)?.error,
      validateUpdate: (o, old) => validateUpdate(o, old)?.error,
    },
  });
  k.store.onEvent((e) => {
    if (e.type === "DELETED" && e.resource === "services") allocator.release(e.object);
  });
  return Object.assign(k, { allocator });
}

const POD = resourceTypeForKind("v1", "Pod")!;

export function addNode(k: Kernel, name: string, zone?: string): Node {
  return k.api.create(`kubelet/${name}`, {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, ...(zone ? { "topology.kubernetes.io/zone": zone } : {}) } },
    spec: {},
    status: { conditions: [{ type: "Ready", status: "True" }] },
  } as unknown as KubeObject) as Node;
}

/** A pod from `template` (labels + spec), already bound to `node`. */
export function createPod(k: Kernel, name: string, template: { metadata?: { labels?: Record<string, string> }; spec: unknown }, node: string, namespace = "default"): Pod {
  const spec = deepCopy(template.spec) as Pod["spec"];
  spec.nodeName = node;
  return k.api.create("kubectl", {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, labels: { ...(template.metadata?.labels ?? {}) } },
    spec,
  } as unknown as KubeObject) as Pod;
}

/** What the kubelet posts once the sandbox has an IP: phase Running, podIP(s) and the Ready condition. */
export function setPodStatus(k: Kernel, name: string, opts: { ip?: string; ready: boolean }, namespace = "default"): Pod {
  const now = rfc3339(k.clock.absolute());
  return k.api.patch(`kubelet`, POD, namespace, name, (p) => {
    const status = p.status ?? {};
    const conds: PodCondition[] = (status.conditions ?? []).filter((c: PodCondition) => c.type !== "Ready");
    const prev = (status.conditions ?? []).find((c: PodCondition) => c.type === "Ready");
    const want = opts.ready ? "True" : "False";
    conds.push({ type: "Ready", status: want, lastProbeTime: null, lastTransitionTime: prev?.status === want ? prev.lastTransitionTime : now });
    p.status = { ...status, phase: "Running", conditions: conds, ...(opts.ip ? { podIP: opts.ip, podIPs: [{ ip: opts.ip }] } : {}) };
  }, "status") as Pod;
}

export function slicesOf(k: Kernel, service: string, namespace = "default"): EndpointSlice[] {
  return k.store.list("endpointslices", namespace).filter((s) => s.metadata.labels?.["kubernetes.io/service-name"] === service) as EndpointSlice[];
}

/** Writes (create/update/patch/delete) a component made, for "no needless updates" checks. */
export function writesBy(k: Kernel, actor: string, resource: string): number {
  return k.audit.since().filter((e) => e.actor === actor && e.resource === resource && e.verb !== "get" && e.verb !== "list").length;
}

// ---- corpus: website service/networking/run-my-nginx.yaml and nginx-svc.yaml ----

export const RUN_MY_NGINX_DEPLOYMENT = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "my-nginx" },
  spec: {
    selector: { matchLabels: { run: "my-nginx" } },
    replicas: 2,
    template: {
      metadata: { labels: { run: "my-nginx" } },
      spec: { containers: [{ name: "my-nginx", image: "nginx", ports: [{ containerPort: 80 }] }] },
    },
  },
} as const;

export const MY_NGINX_SERVICE = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "my-nginx", labels: { run: "my-nginx" } },
  spec: { ports: [{ port: 80, protocol: "TCP" }], selector: { run: "my-nginx" } },
} as const;

// ---- corpus: website application/guestbook/frontend-deployment.yaml and frontend-service.yaml ----

export const GUESTBOOK_FRONTEND_DEPLOYMENT = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "frontend", labels: { "app.kubernetes.io/name": "guestbook", "app.kubernetes.io/component": "frontend" } },
  spec: {
    selector: { matchLabels: { "app.kubernetes.io/name": "guestbook", "app.kubernetes.io/component": "frontend" } },
    replicas: 3,
    template: {
      metadata: { labels: { "app.kubernetes.io/name": "guestbook", "app.kubernetes.io/component": "frontend" } },
      spec: {
        containers: [{
          name: "guestbook",
          image: "paulczar/gb-frontend:v5",
          resources: { requests: { cpu: "100m", memory: "100Mi" } },
          env: [{ name: "GET_HOSTS_FROM", value: "dns" }],
          ports: [{ containerPort: 80 }],
        }],
      },
    },
  },
} as const;

export const GUESTBOOK_FRONTEND_SERVICE = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "frontend", labels: { "app.kubernetes.io/name": "guestbook", tier: "frontend" } },
  spec: { ports: [{ port: 80 }], selector: { "app.kubernetes.io/name": "guestbook", tier: "frontend" } },
} as const;

/** A JSON copy of a fixture, typed for the API server. */
export function obj(fixture: unknown): KubeObject {
  return deepCopy(fixture) as KubeObject;
}
