import { describe, expect, it } from "vitest";
import { resourceTypeForKind } from "../../api/registry";
import type { KubeObject } from "../../api/types";
import { obj, serviceKernel, type ServiceKernel } from "../endpointslice/testKit";
import { LOAD_BALANCER_CLEANUP_FINALIZER, LOAD_BALANCER_PROVISION_DELAY_MS, ServiceLoadBalancerController } from "./serviceLoadBalancerController";

const SVC = resourceTypeForKind("v1", "Service")!;

function lb(name: string, extra: Record<string, unknown> = {}): KubeObject {
  return obj({ apiVersion: "v1", kind: "Service", metadata: { name }, spec: { type: "LoadBalancer", selector: { app: name }, ports: [{ port: 80 }], ...extra } });
}

function start(k: ServiceKernel): ServiceLoadBalancerController {
  const c = new ServiceLoadBalancerController(k.ctx);
  c.start();
  k.informers.startAll();
  return c;
}

const svc = (k: ServiceKernel, name: string) => k.store.get("services", `services/default/${name}`);
const events = (k: ServiceKernel, name: string) =>
  k.store.list("events", "default").filter((e) => (e.involvedObject as { name: string }).name === name)
    .map((e) => [e.type, e.reason, e.message, (e.source as { component: string }).component]);

describe("ServiceLoadBalancerController", () => {
  it("EXTERNAL-IP is pending until the load balancer is ensured, then the first pool address", () => {
    const k = serviceKernel();
    start(k);
    k.api.create("kubectl", lb("frontend"));
    k.advance(100);
    expect(svc(k, "frontend")!.metadata.finalizers).toEqual([LOAD_BALANCER_CLEANUP_FINALIZER]);
    expect(svc(k, "frontend")!.status?.loadBalancer?.ingress).toBeUndefined();
    k.advance(LOAD_BALANCER_PROVISION_DELAY_MS);
    expect(svc(k, "frontend")!.status.loadBalancer).toEqual({ ingress: [{ ip: "172.18.255.200", ipMode: "VIP" }] });
    expect(events(k, "frontend")).toEqual([
      ["Normal", "EnsuringLoadBalancer", "Ensuring load balancer", "service-controller"],
      ["Normal", "EnsuredLoadBalancer", "Ensured load balancer", "service-controller"],
    ]);
    k.api.create("kubectl", lb("backend"));
    k.advance(LOAD_BALANCER_PROVISION_DELAY_MS + 10);
    expect(svc(k, "backend")!.status.loadBalancer.ingress[0].ip).toBe("172.18.255.201");
  });

  it("LoadBalancer → ClusterIP: Type event, load balancer deleted, finalizer and status cleared, address reused", () => {
    const k = serviceKernel();
    start(k);
    k.api.create("kubectl", lb("web"));
    k.advance(LOAD_BALANCER_PROVISION_DELAY_MS + 10);
    // The registry drops what ClusterIP does not use (nodePorts, externalTrafficPolicy, ...).
    k.api.patch("kubectl", SVC, "default", "web", (s) => (s.spec.type = "ClusterIP"));
    k.advance(100);
    const s = svc(k, "web")!;
    expect(s.metadata.finalizers).toBeUndefined();
    expect(s.status.loadBalancer).toEqual({});
    expect(s.spec.ports[0].nodePort).toBeUndefined();
    expect(k.allocator.nodePorts.used).toBe(0);
    expect(events(k, "web").map((e) => e[1])).toEqual(["EnsuringLoadBalancer", "EnsuredLoadBalancer", "Type", "DeletingLoadBalancer", "DeletedLoadBalancer"]);
    expect(events(k, "web")[2]![2]).toBe("LoadBalancer -> ClusterIP");
    k.api.create("kubectl", lb("again"));
    k.advance(LOAD_BALANCER_PROVISION_DELAY_MS + 10);
    expect(svc(k, "again")!.status.loadBalancer.ingress[0].ip).toBe("172.18.255.200");
  });

  it("deleting the Service waits for the finalizer; with the controller down it stays, Terminating", () => {
    const k = serviceKernel();
    const c = start(k);
    k.api.create("kubectl", lb("web"));
    k.advance(LOAD_BALANCER_PROVISION_DELAY_MS + 10);
    c.stop();
    k.api.delete("kubectl", SVC, "default", "web");
    k.advance(60_000);
    expect(svc(k, "web")!.metadata.deletionTimestamp).toBeDefined();
    c.resume();
    k.advance(100);
    expect(svc(k, "web")).toBeUndefined();
    // The ClusterIP and NodePort were released with the object.
    expect(k.allocator.ips.used).toBe(0);
    expect(k.allocator.nodePorts.used).toBe(0);
  });

  it("leaves ClusterIP Services and Services with a loadBalancerClass alone", () => {
    const k = serviceKernel();
    start(k);
    k.api.create("kubectl", obj({ apiVersion: "v1", kind: "Service", metadata: { name: "plain" }, spec: { selector: { app: "x" }, ports: [{ port: 80 }] } }));
    k.api.create("kubectl", lb("other", { loadBalancerClass: "example.com/lb" }));
    k.advance(LOAD_BALANCER_PROVISION_DELAY_MS * 3);
    expect(svc(k, "plain")!.metadata.finalizers).toBeUndefined();
    expect(svc(k, "other")!.metadata.finalizers).toBeUndefined();
    expect(svc(k, "other")!.status?.loadBalancer?.ingress).toBeUndefined();
    expect(k.store.list("events", "default")).toEqual([]);
  });

  it("honours spec.loadBalancerIP inside the pool", () => {
    const k = serviceKernel();
    start(k);
    k.api.create("kubectl", lb("pinned", { loadBalancerIP: "172.18.255.240" }));
    k.advance(LOAD_BALANCER_PROVISION_DELAY_MS + 10);
    expect(svc(k, "pinned")!.status.loadBalancer.ingress[0].ip).toBe("172.18.255.240");
  });
});
