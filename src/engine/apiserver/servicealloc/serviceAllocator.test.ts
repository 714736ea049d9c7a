import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { SeededRandom } from "../../sim/random";
import { newKernel } from "../../testing/kernel";
import { applyDefaults } from "../defaults";
import { ApiError } from "../errors";
import { validateCreate, validateUpdate } from "../validation";
import { parseIPv4 } from "./ipv4";
import { ServiceAllocator } from "./serviceAllocator";
import { DNS_SERVICE_IP, KUBERNETES_SERVICE_IP, kubeDNSService, kubernetesService } from "./systemServices";

function svc(name: string, spec: Record<string, unknown>): KubeObject {
  return applyDefaults({ apiVersion: "v1", kind: "Service", metadata: { name, namespace: "default" }, spec } as unknown as KubeObject);
}

const web = (extra: Record<string, unknown> = {}) => ({ selector: { app: "web" }, ports: [{ port: 80 }], ...extra });

function caught(f: () => unknown): ApiError {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected an ApiError");
}

/** A kernel whose API server allocates on Service create, the way kube-apiserver's service REST does. */
function wiredKernel(seed = 1) {
  const alloc = new ServiceAllocator(new SeededRandom(seed).fn);
  const k = newKernel({
    seed,
    hooks: {
      defaults: applyDefaults,
      admit: (o, op) => (o.kind === "Service" && op === "CREATE" ? alloc.allocate(o) : o),
      validateCreate: (o) => validateCreate(o)?.error,
      validateUpdate: (o, old) => validateUpdate(o, old)?.error,
    },
  });
  return { k, alloc };
}

describe("ServiceAllocator: ClusterIP", () => {
  it("allocates from the dynamic band and keeps clusterIP and clusterIPs in step", () => {
    const a = new ServiceAllocator(() => 0);
    const out = a.allocate(svc("web", web()));
    expect(out.spec.clusterIP).toBe("10.96.1.1");
    expect(out.spec.clusterIPs).toEqual(["10.96.1.1"]);
    expect(out.spec.ipFamilies).toEqual(["IPv4"]);
  });

  it("is deterministic for a seed", () => {
    const ips = (seed: number) => {
      const a = new ServiceAllocator(new SeededRandom(seed).fn);
      return ["a", "b", "c"].map((n) => a.allocate(svc(n, web())).spec.clusterIP);
    };
    expect(ips(9)).toEqual(ips(9));
    expect(ips(9)).not.toEqual(ips(10));
    for (const ip of ips(9)) expect(parseIPv4(ip)!).toBeGreaterThanOrEqual(parseIPv4("10.96.1.1")!);
  });

  it("honours a requested clusterIP, and rejects it when taken, with the upstream message", () => {
    const { k } = wiredKernel();
    const first = k.api.create("kubectl", svc("a", web({ clusterIP: "10.96.0.5" })));
    expect(first.spec.clusterIP).toBe("10.96.0.5");
    const err = caught(() => k.api.create("kubectl", svc("b", web({ clusterIP: "10.96.0.5" }))));
    expect(err.code).toBe(422);
    expect(err.reason).toBe("Invalid");
    expect(err.message).toBe('Service "b" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.5"]: failed to allocate IP 10.96.0.5: provided IP is already allocated');
    expect(err.toKubectl()).toBe('The Service "b" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.5"]: failed to allocate IP 10.96.0.5: provided IP is already allocated');
  });

  it("rejects an address outside the Service CIDR", () => {
    const a = new ServiceAllocator(() => 0);
    expect(caught(() => a.allocate(svc("x", web({ clusterIP: "192.168.1.1" })))).message).toBe(
      'Service "x" is invalid: spec.clusterIPs: Invalid value: ["192.168.1.1"]: failed to allocate IP 192.168.1.1: the provided network does not match the current range',
    );
  });

  it("headless (clusterIP: None) and ExternalName Services get no address", () => {
    const a = new ServiceAllocator(() => 0);
    const headless = a.allocate(svc("h", web({ clusterIP: "None" })));
    expect(headless.spec.clusterIP).toBe("None");
    expect(headless.spec.clusterIPs).toEqual(["None"]);
    const ext = a.allocate(svc("e", { type: "ExternalName", externalName: "example.com" }));
    expect(ext.spec.clusterIP).toBeUndefined();
    expect(a.ips.used).toBe(0);
  });

  it("release frees the address for the next request", () => {
    const a = new ServiceAllocator(() => 0);
    const s = a.allocate(svc("a", web({ clusterIP: "10.96.0.5" })));
    a.release(s);
    expect(a.allocate(svc("b", web({ clusterIP: "10.96.0.5" }))).spec.clusterIP).toBe("10.96.0.5");
  });

  it("the system Services take 10.96.0.1 and 10.96.0.10", () => {
    const { k, alloc } = wiredKernel();
    expect(k.api.create("kube-apiserver", kubernetesService()).spec.clusterIP).toBe(KUBERNETES_SERVICE_IP);
    expect(k.api.create("kubeadm", kubeDNSService()).spec.clusterIP).toBe(DNS_SERVICE_IP);
    expect(KUBERNETES_SERVICE_IP).toBe("10.96.0.1");
    expect(DNS_SERVICE_IP).toBe("10.96.0.10");
    expect(alloc.ips.has(parseIPv4("10.96.0.10")!)).toBe(true);
    expect(caught(() => k.api.create("kubectl", svc("dns2", web({ clusterIP: "10.96.0.10" })))).message).toContain("provided IP is already allocated");
  });

  it("restore marks existing Services' values as taken", () => {
    const a = new ServiceAllocator(() => 0);
    a.restore([kubeDNSService(), { ...svc("np", web({ type: "NodePort" })), spec: { ...svc("np", web({ type: "NodePort" })).spec, ports: [{ port: 80, nodePort: 30500 }] } }]);
    expect(a.ips.has(parseIPv4("10.96.0.10")!)).toBe(true);
    expect(a.nodePorts.has(30500)).toBe(true);
  });
});

describe("ServiceAllocator: NodePorts", () => {
  it("NodePort Services get a port in 30000-32767, above the static band", () => {
    const a = new ServiceAllocator(new SeededRandom(4).fn);
    for (let i = 0; i < 20; i++) {
      const np = a.allocate(svc(`s${i}`, web({ type: "NodePort" }))).spec.ports[0].nodePort;
      expect(np).toBeGreaterThanOrEqual(30086);
      expect(np).toBeLessThanOrEqual(32767);
    }
  });

  it("honours a requested nodePort; a taken one fails and reverts the ClusterIP of the same request", () => {
    const { k, alloc } = wiredKernel();
    const first = k.api.create("kubectl", svc("a", { selector: { app: "a" }, type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] }));
    expect(first.spec.ports[0].nodePort).toBe(30080);
    const used = alloc.ips.used;
    const err = caught(() => k.api.create("kubectl", svc("b", { selector: { app: "b" }, type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] })));
    expect(err.toKubectl()).toBe('The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
    expect(alloc.ips.used).toBe(used);
  });

  it("rejects a nodePort outside the range", () => {
    const a = new ServiceAllocator(() => 0);
    expect(caught(() => a.allocate(svc("b", { selector: { app: "b" }, type: "NodePort", ports: [{ port: 80, nodePort: 80 }] }))).message).toBe(
      'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it("ports sharing a port number (TCP and UDP 53) share one NodePort", () => {
    const a = new ServiceAllocator(() => 0);
    const out = a.allocate(svc("dns", { selector: { app: "dns" }, type: "NodePort", ports: [{ name: "udp", port: 53, protocol: "UDP" }, { name: "tcp", port: 53, protocol: "TCP" }] }));
    expect(out.spec.ports[0].nodePort).toBe(out.spec.ports[1].nodePort);
    expect(a.nodePorts.used).toBe(1);
  });

  it("LoadBalancer: node ports unless allocateLoadBalancerNodePorts is false; a health-check port for Local", () => {
    const a = new ServiceAllocator(() => 0);
    expect(a.allocate(svc("lb", web({ type: "LoadBalancer" }))).spec.ports[0].nodePort).toBe(30086);
    expect(a.allocate(svc("lb2", web({ type: "LoadBalancer", allocateLoadBalancerNodePorts: false }))).spec.ports[0].nodePort).toBeUndefined();
    const local = a.allocate(svc("lb3", web({ type: "LoadBalancer", externalTrafficPolicy: "Local" })));
    expect(local.spec.healthCheckNodePort).toBeGreaterThanOrEqual(30086);
    expect(local.spec.healthCheckNodePort).not.toBe(local.spec.ports[0].nodePort);
  });

  it("ClusterIP Services get no node port; delete releases node ports", () => {
    const a = new ServiceAllocator(() => 0);
    expect(a.allocate(svc("c", web())).spec.ports[0].nodePort).toBeUndefined();
    const np = a.allocate(svc("n", web({ type: "NodePort" })));
    a.release(np);
    expect(a.nodePorts.used).toBe(0);
  });
});

describe("ServiceAllocator: updates", () => {
  it("re-applying the original manifest keeps the allocated clusterIP and nodePort", () => {
    const a = new ServiceAllocator(() => 0);
    const stored = a.allocate(svc("n", web({ type: "NodePort" })));
    const txn = a.allocateUpdate(svc("n", web({ type: "NodePort" })), stored);
    txn.commit();
    expect(txn.service.spec.clusterIP).toBe(stored.spec.clusterIP);
    expect(txn.service.spec.ports[0].nodePort).toBe(stored.spec.ports[0].nodePort);
    expect(a.nodePorts.used).toBe(1);
  });

  it("ClusterIP → NodePort allocates a port; NodePort → ClusterIP drops it and releases it on commit", () => {
    const a = new ServiceAllocator(() => 0);
    const stored = a.allocate(svc("s", web()));
    const up = a.allocateUpdate({ ...stored, spec: { ...stored.spec, type: "NodePort", externalTrafficPolicy: "Cluster" } }, stored);
    up.commit();
    const np = up.service.spec.ports[0].nodePort;
    expect(np).toBe(30086);
    const down = a.allocateUpdate({ ...up.service, spec: { ...up.service.spec, type: "ClusterIP" } }, up.service);
    expect(down.service.spec.ports[0].nodePort).toBeUndefined();
    expect(a.nodePorts.has(np)).toBe(true);
    down.commit();
    expect(a.nodePorts.has(np)).toBe(false);
  });

  it("a reverted update keeps the old values and frees the new ones", () => {
    const a = new ServiceAllocator(() => 0);
    const stored = a.allocate(svc("e", { type: "ExternalName", externalName: "example.com" }));
    const txn = a.allocateUpdate(svc("e", web()), stored);
    expect(txn.service.spec.clusterIP).toBe("10.96.1.1");
    txn.revert();
    expect(a.ips.used).toBe(0);
  });
});
