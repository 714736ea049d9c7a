import { describe, expect, it } from "vitest";
import { resourceTypeForKind } from "../../api/registry";
import type { KubeObject } from "../../api/types";
import { endpointsPrinter, formatEndpoints } from "../../kubectl/printers/columns/networking";
import {
  GUESTBOOK_FRONTEND_DEPLOYMENT, GUESTBOOK_FRONTEND_SERVICE, MY_NGINX_SERVICE, RUN_MY_NGINX_DEPLOYMENT, addNode, createPod, obj,
  serviceKernel, setPodStatus, writesBy, type ServiceKernel,
} from "../endpointslice/testKit";
import { EndpointsController } from "./endpointsController";
import type { Endpoints } from "./repackSubsets";

const POD = resourceTypeForKind("v1", "Pod")!;
const SVC = resourceTypeForKind("v1", "Service")!;
const EP = resourceTypeForKind("v1", "Endpoints")!;

function start(k: ServiceKernel): EndpointsController {
  const c = new EndpointsController(k.ctx);
  c.start();
  k.informers.startAll();
  return c;
}

const endpoints = (k: ServiceKernel, name: string, ns = "default") => k.store.get("endpoints", `endpoints/${ns}/${name}`) as Endpoints | undefined;

function nginx(k: ServiceKernel): void {
  addNode(k, "node-1");
  addNode(k, "node-2");
  createPod(k, "my-nginx-a", RUN_MY_NGINX_DEPLOYMENT.spec.template, "node-1");
  createPod(k, "my-nginx-b", RUN_MY_NGINX_DEPLOYMENT.spec.template, "node-2");
  k.api.create("kubectl", obj(MY_NGINX_SERVICE));
}

describe("EndpointsController", () => {
  it("run-my-nginx: one subset with both pods on port 80, as `kubectl get ep my-nginx` shows", () => {
    const k = serviceKernel();
    nginx(k);
    setPodStatus(k, "my-nginx-a", { ip: "10.244.2.5", ready: true });
    setPodStatus(k, "my-nginx-b", { ip: "10.244.3.4", ready: true });
    start(k);
    k.advance(100);
    const ep = endpoints(k, "my-nginx")!;
    const a = k.store.get("pods", "pods/default/my-nginx-a")!;
    expect(ep.metadata.labels).toEqual({ run: "my-nginx" });
    expect(ep.metadata.ownerReferences).toBeUndefined();
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets![0]!.ports).toEqual([{ port: 80, protocol: "TCP" }]);
    expect(ep.subsets![0]!.addresses![0]).toEqual({
      ip: "10.244.2.5",
      nodeName: "node-1",
      targetRef: { kind: "Pod", namespace: "default", name: "my-nginx-a", uid: a.metadata.uid },
    });
    expect(ep.subsets![0]!.notReadyAddresses).toBeUndefined();
    expect(formatEndpoints(ep.subsets!)).toBe("10.244.2.5:80,10.244.3.4:80");
    const svc = k.store.get("services", "services/default/my-nginx")!;
    expect(ep.metadata.annotations).toEqual({ "endpoints.kubernetes.io/last-change-trigger-time": svc.metadata.creationTimestamp });
    expect(k.errors).toEqual([]);
  });

  it("a NotReady pod moves to notReadyAddresses and drops out of the ENDPOINTS column", () => {
    const k = serviceKernel();
    nginx(k);
    setPodStatus(k, "my-nginx-a", { ip: "10.244.2.5", ready: true });
    setPodStatus(k, "my-nginx-b", { ip: "10.244.3.4", ready: true });
    start(k);
    k.advance(100);
    setPodStatus(k, "my-nginx-b", { ready: false });
    k.advance(100);
    const ep = endpoints(k, "my-nginx")!;
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets![0]!.addresses!.map((x) => x.ip)).toEqual(["10.244.2.5"]);
    expect(ep.subsets![0]!.notReadyAddresses!.map((x) => x.ip)).toEqual(["10.244.3.4"]);
    expect(formatEndpoints(ep.subsets!)).toBe("10.244.2.5:80");
  });

  it("a terminating pod leaves the Endpoints at once (no publishNotReadyAddresses)", () => {
    const k = serviceKernel();
    nginx(k);
    setPodStatus(k, "my-nginx-a", { ip: "10.244.2.5", ready: true });
    setPodStatus(k, "my-nginx-b", { ip: "10.244.3.4", ready: true });
    start(k);
    k.advance(100);
    k.api.delete("kubectl", POD, "default", "my-nginx-a");
    k.advance(100);
    expect(formatEndpoints(endpoints(k, "my-nginx")!.subsets!)).toBe("10.244.3.4:80");
  });

  it("publishNotReadyAddresses lists not-ready pods as ready addresses", () => {
    const k = serviceKernel();
    addNode(k, "node-1");
    createPod(k, "p", RUN_MY_NGINX_DEPLOYMENT.spec.template, "node-1");
    const svc = obj(MY_NGINX_SERVICE);
    svc.spec.publishNotReadyAddresses = true;
    k.api.create("kubectl", svc);
    setPodStatus(k, "p", { ip: "10.244.1.2", ready: false });
    start(k);
    k.advance(100);
    expect(endpoints(k, "my-nginx")!.subsets).toEqual([
      { addresses: [expect.objectContaining({ ip: "10.244.1.2" })], ports: [{ port: 80, protocol: "TCP" }] },
    ]);
  });

  it("guestbook: the selector matches nothing → Endpoints with no subsets, printed <none>", () => {
    const k = serviceKernel();
    addNode(k, "node-1");
    createPod(k, "frontend-a", GUESTBOOK_FRONTEND_DEPLOYMENT.spec.template, "node-1");
    setPodStatus(k, "frontend-a", { ip: "10.244.1.2", ready: true });
    k.api.create("kubectl", obj(GUESTBOOK_FRONTEND_SERVICE));
    start(k);
    k.advance(10_000);
    const ep = endpoints(k, "frontend")!;
    expect(ep.subsets).toBeUndefined();
    expect(endpointsPrinter.row(ep as KubeObject, k.clock.absolute())[1]).toBe("<none>");
    expect(writesBy(k, "endpoints-controller", "endpoints")).toBe(1);
  });

  it("named targetPorts resolving differently give one subset per port", () => {
    const k = serviceKernel();
    addNode(k, "node-1");
    const tpl = (port: number) => ({ metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx", ports: [{ name: "http", containerPort: port }] }] } });
    createPod(k, "old", tpl(8080), "node-1");
    createPod(k, "new", tpl(9090), "node-1");
    k.api.create("kubectl", obj({ apiVersion: "v1", kind: "Service", metadata: { name: "web" }, spec: { selector: { app: "web" }, ports: [{ name: "web", port: 80, targetPort: "http" }] } }));
    setPodStatus(k, "old", { ip: "10.244.1.2", ready: true });
    setPodStatus(k, "new", { ip: "10.244.1.3", ready: true });
    start(k);
    k.advance(100);
    expect(endpoints(k, "web")!.subsets).toEqual([
      { addresses: [expect.objectContaining({ ip: "10.244.1.2" })], ports: [{ name: "web", port: 8080, protocol: "TCP" }] },
      { addresses: [expect.objectContaining({ ip: "10.244.1.3" })], ports: [{ name: "web", port: 9090, protocol: "TCP" }] },
    ]);
  });

  it("headless without ports: addresses only, and the headless label", () => {
    const k = serviceKernel();
    addNode(k, "node-1");
    createPod(k, "p", RUN_MY_NGINX_DEPLOYMENT.spec.template, "node-1");
    setPodStatus(k, "p", { ip: "10.244.1.2", ready: true });
    k.api.create("kubectl", obj({ apiVersion: "v1", kind: "Service", metadata: { name: "db" }, spec: { clusterIP: "None", selector: { run: "my-nginx" } } }));
    start(k);
    k.advance(100);
    const ep = endpoints(k, "db")!;
    expect(ep.metadata.labels).toEqual({ "service.kubernetes.io/headless": "" });
    expect(ep.subsets).toEqual([{ addresses: [expect.objectContaining({ ip: "10.244.1.2" })] }]);
    expect(formatEndpoints(ep.subsets!)).toBe("10.244.1.2");
  });

  it("no write while nothing changes; deleting the Service deletes its Endpoints", () => {
    const k = serviceKernel();
    nginx(k);
    setPodStatus(k, "my-nginx-a", { ip: "10.244.2.5", ready: true });
    start(k);
    k.advance(100);
    const writes = writesBy(k, "endpoints-controller", "endpoints");
    k.api.patch("kubectl", SVC, "default", "my-nginx", (s) => (s.metadata.annotations = { note: "x" }));
    k.api.patch("kubelet", POD, "default", "my-nginx-a", (p) => (p.status = { ...p.status, message: "noise" }), "status");
    k.advance(30_000);
    expect(writesBy(k, "endpoints-controller", "endpoints")).toBe(writes);
    k.api.delete("kubectl", SVC, "default", "my-nginx");
    k.advance(100);
    expect(endpoints(k, "my-nginx")).toBeUndefined();
  });

  it("an Endpoints object deleted by hand comes back; leftovers without a Service go at startup", () => {
    const k = serviceKernel();
    nginx(k);
    setPodStatus(k, "my-nginx-a", { ip: "10.244.2.5", ready: true });
    k.api.create("kubectl", { apiVersion: "v1", kind: "Endpoints", metadata: { name: "orphan", namespace: "default" } } as unknown as KubeObject);
    start(k);
    k.advance(100);
    expect(endpoints(k, "orphan")).toBeUndefined();
    k.api.delete("kubectl", EP, "default", "my-nginx");
    k.advance(100);
    expect(formatEndpoints(endpoints(k, "my-nginx")!.subsets!)).toBe("10.244.2.5:80");
  });

  it("Services without a selector are left to their owners", () => {
    const k = serviceKernel();
    k.api.create("kubectl", obj({ apiVersion: "v1", kind: "Service", metadata: { name: "external" }, spec: { ports: [{ port: 5432 }] } }));
    k.api.create("kubectl", { apiVersion: "v1", kind: "Endpoints", metadata: { name: "external", namespace: "default" }, subsets: [{ addresses: [{ ip: "192.0.2.42" }], ports: [{ port: 5432 }] }] } as unknown as KubeObject);
    start(k);
    k.advance(100);
    expect(endpoints(k, "external")!.subsets![0]!.addresses![0]!.ip).toBe("192.0.2.42");
    expect(writesBy(k, "endpoints-controller", "endpoints")).toBe(0);
  });
});
