import { describe, expect, it } from "vitest";
import { newKernel } from "../testing/kernel";
import { resolveResource } from "../api/registry";
import type { KubeObject } from "../api/types";
import { ApiError } from "./errors";

const pods = resolveResource("pods")!;
const deployments = resolveResource("deployments")!;

function pod(name: string, extra: Partial<KubeObject> = {}): KubeObject {
  return { apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { containers: [{ name: "c", image: "nginx" }] }, ...extra } as unknown as KubeObject;
}

describe("ApiServer with etcd semantics", () => {
  it("stamps uid, creationTimestamp and a global, monotonically increasing resourceVersion", () => {
    const k = newKernel();
    const a = k.api.create("kubectl", pod("a"));
    const b = k.api.create("kubectl", pod("b"));
    expect(a.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.metadata.namespace).toBe("default");
    expect(a.metadata.creationTimestamp).toBe("2025-01-01T00:00:00Z");
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    expect(a.metadata.generation).toBe(1);
  });

  it("refuses a duplicate name with kubectl's AlreadyExists wording", () => {
    const k = newKernel();
    k.api.create("kubectl", pod("web"));
    expect(() => k.api.create("kubectl", pod("web"))).toThrowError('pods "web" already exists');
  });

  it("fails an update with a stale resourceVersion with 409 Conflict in the registry's wording", () => {
    const k = newKernel();
    const d = k.api.create("kubectl", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "nginx" }, spec: { replicas: 1 } } as unknown as KubeObject);
    k.api.update("kubectl", { ...d, metadata: { ...d.metadata }, spec: { replicas: 2 } });
    try {
      k.api.update("kubectl", { ...d, metadata: { ...d.metadata }, spec: { replicas: 3 } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      // k8s.io/apiserver/pkg/registry/generic/registry: OptimisticLockErrorMsg
      expect((e as ApiError).toKubectl()).toBe(
        'Error from server (Conflict): Operation cannot be fulfilled on deployments.apps "nginx": the object has been modified; please apply your changes to the latest version and try again',
      );
    }
  });

  it("bumps generation only when the spec changes", () => {
    const k = newKernel();
    const d = k.api.create("kubectl", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" }, spec: { replicas: 1 } } as unknown as KubeObject);
    const same = k.api.update("kubectl", { ...d, metadata: { ...d.metadata, labels: { a: "b" } } });
    expect(same.metadata.generation).toBe(1);
    const changed = k.api.update("kubectl", { ...same, metadata: { ...same.metadata }, spec: { replicas: 5 } });
    expect(changed.metadata.generation).toBe(2);
  });

  it("generates names from generateName with 5 characters of upstream's alphabet", () => {
    const k = newKernel();
    const p = k.api.create("kubectl", { ...pod(""), metadata: { generateName: "web-" } } as unknown as KubeObject);
    expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it("says NotFound in kubectl's words", () => {
    const k = newKernel();
    expect(() => k.api.get("kubectl", pods, "default", "x")).toThrowError('pods "x" not found');
    try {
      k.api.get("kubectl", deployments, "default", "x");
    } catch (e) {
      expect((e as ApiError).toKubectl()).toBe('Error from server (NotFound): deployments.apps "x" not found');
    }
  });

  it("deletes a bound pod gracefully (deletionTimestamp = now + 30s) and an unbound one at once", () => {
    const k = newKernel();
    k.api.create("kubectl", pod("unbound"));
    k.api.delete("kubectl", pods, "default", "unbound");
    expect(k.store.get("pods", "pods/default/unbound")).toBeUndefined();

    k.api.create("kubectl", pod("bound"));
    k.api.bind("kube-scheduler", "default", "bound", "node-1");
    k.advance(5000);
    const after = k.api.delete("kubectl", pods, "default", "bound");
    expect(after.metadata.deletionTimestamp).toBe("2025-01-01T00:00:35Z");
    expect(after.metadata.deletionGracePeriodSeconds).toBe(30);
    // The kubelet confirms with grace 0 once the containers are gone.
    k.api.delete("kubelet/node-1", pods, "default", "bound", { gracePeriodSeconds: 0 });
    expect(k.store.get("pods", "pods/default/bound")).toBeUndefined();
  });

  it("keeps an object with finalizers until the last one is removed", () => {
    const k = newKernel();
    const cm = k.api.create("kubectl", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", finalizers: ["example.com/hold"] } } as unknown as KubeObject);
    const marked = k.api.delete("kubectl", resolveResource("cm")!, "default", "c");
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    expect(k.store.get("configmaps", "configmaps/default/c")).toBeDefined();
    k.api.update("kubectl", { ...marked, metadata: { ...marked.metadata, finalizers: [] } });
    expect(k.store.get("configmaps", "configmaps/default/c")).toBeUndefined();
    expect(cm.metadata.uid).toBeDefined();
  });

  it("records an audit entry with actor, verb, resource and code for every request, failures included", () => {
    const k = newKernel();
    k.api.create("kubectl", pod("a"));
    try {
      k.api.get("kubectl", pods, "default", "missing");
    } catch {
      /* expected */
    }
    const entries = k.audit.since(0).map((e) => [e.actor, e.verb, e.resource, e.namespace, e.name, e.code]);
    expect(entries).toEqual([
      ["kubectl", "create", "pods", "default", "a", 201],
      ["kubectl", "get", "pods", "default", "missing", 404],
    ]);
  });

  it("lets a watch resume from a revision and answers 410 Gone after compaction", () => {
    const k = newKernel();
    const a = k.api.create("kubectl", pod("a"));
    k.api.create("kubectl", pod("b"));
    const since = k.store.changesSince(Number(a.metadata.resourceVersion));
    expect(since.map((e) => [e.type, e.object.metadata.name])).toEqual([["ADDED", "b"]]);
    expect(k.store.history("pods", "pods/default/a").length).toBe(1);
  });
});

describe("ApiServer.patchStatus", () => {
  it("stores and audits exactly what a status patch that replaces status does, keeping spec and labels", () => {
    const run = (how: "patch" | "patchStatus") => {
      const k = newKernel();
      k.api.create("kubectl", pod("web", { metadata: { name: "web", labels: { app: "web" } } } as unknown as Partial<KubeObject>));
      k.api.bind("kube-scheduler", "default", "web", "node-1");
      const next = (cur: KubeObject) => ({ ...cur.status, phase: "Running", conditions: [...(cur.status?.conditions ?? []), { type: "Ready", status: "True" }] });
      const out = how === "patch"
        ? k.api.patch("kubelet/node-1", pods, "default", "web", (p) => {
            p.status = next(p);
            p.spec = { containers: [] }; // ignored: the status strategy keeps the stored spec
          }, "status")
        : k.api.patchStatus("kubelet/node-1", pods, "default", "web", next);
      return { json: JSON.stringify(out), keys: Object.keys(out), audit: JSON.stringify(k.audit.since(0)) };
    };
    const a = run("patch");
    const b = run("patchStatus");
    expect(b).toEqual(a);
    expect(JSON.parse(b.json).status.phase).toBe("Running");
    expect(JSON.parse(b.json).spec.nodeName).toBe("node-1");
  });

  it("answers 404 NotFound for a missing object, as patch does", () => {
    const k = newKernel();
    expect(() => k.api.patchStatus("kubelet/node-1", pods, "default", "gone", (c) => c.status)).toThrowError('pods "gone" not found');
  });
});
