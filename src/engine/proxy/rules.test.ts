// kube-proxy's rule semantics: REJECT with no endpoints at all, DROP for a Local policy without a local
// endpoint, Ready endpoints first and serving-terminating ones only when none is ready
// (pkg/proxy/topology.go CategorizeEndpoints; pkg/proxy/iptables/proxier.go filter rules).
import { describe, expect, it } from "vitest";
import { endpointsByServicePort, type ProxyEndpoint } from "./endpointsCache";
import { externalVerdict, internalVerdict, PortRules, RulesSnapshot } from "./rules";
import { servicePortInfos, shouldSkipService } from "./serviceInfo";
import { service, slice } from "./testKit";
import { categorizeEndpoints } from "./topology";

const ips = (v: ReturnType<typeof internalVerdict>): string[] | string => (v.kind === "endpoints" ? v.endpoints.map((e) => e.ip) : v.kind);

function rulesFor(spec: Parameters<typeof service>[1], endpoints: Parameters<typeof slice>[3]): PortRules {
  const svc = service("web", spec);
  const info = servicePortInfos(svc)[0]!;
  const eps = endpointsByServicePort("default", "web", [slice("web-abc", "web", [{ port: 8080 }], endpoints)]);
  return new PortRules(info, eps.get(info.key) ?? []);
}

describe("ServicePortInfo", () => {
  it("skips headless and ExternalName Services", () => {
    expect(shouldSkipService(service("h", { clusterIP: "None" }))).toBe(true);
    expect(shouldSkipService(service("x", { type: "ExternalName", clusterIP: undefined, externalName: "example.com" }))).toBe(true);
    expect(servicePortInfos(service("h", { clusterIP: "None" }))).toEqual([]);
  });

  it("keeps externalTrafficPolicy Local only for externally reachable Services, and ClientIP's 10800 s default", () => {
    const [np] = servicePortInfos(service("np", { type: "NodePort", externalTrafficPolicy: "Local", sessionAffinity: "ClientIP", ports: [{ port: 80, nodePort: 30080 }] }));
    expect(np).toMatchObject({ externalPolicyLocal: true, nodePort: 30080, stickyMaxAgeSeconds: 10_800, key: "default/np:" });
    const [cip] = servicePortInfos(service("cip", { externalTrafficPolicy: "Local" }));
    expect(cip!.externalPolicyLocal).toBe(false);
  });
});

describe("internal traffic (cluster IP)", () => {
  it("REJECTs when there is no endpoint", () => {
    expect(ips(internalVerdict(rulesFor({}, []), "node-1"))).toBe("reject");
  });

  it("uses only ready endpoints", () => {
    const r = rulesFor({}, [
      { ip: "10.244.1.2", node: "node-1", ready: true },
      { ip: "10.244.2.2", node: "node-2", ready: false, serving: false },
    ]);
    expect(ips(internalVerdict(r, "node-1"))).toEqual(["10.244.1.2"]);
  });

  it("falls back to serving terminating endpoints when none is ready", () => {
    const r = rulesFor({}, [
      { ip: "10.244.1.2", node: "node-1", ready: false, serving: true, terminating: true },
      { ip: "10.244.2.2", node: "node-2", ready: false, serving: false, terminating: true },
    ]);
    expect(ips(internalVerdict(r, "node-1"))).toEqual(["10.244.1.2"]);
  });

  it("with internalTrafficPolicy Local uses the node's endpoints, DROPping when it has none", () => {
    const r = rulesFor({ internalTrafficPolicy: "Local" }, [{ ip: "10.244.1.2", node: "node-1", ready: true }]);
    expect(ips(internalVerdict(r, "node-1"))).toEqual(["10.244.1.2"]);
    expect(ips(internalVerdict(r, "node-2"))).toBe("drop");
  });
});

describe("external traffic (node port, load balancer)", () => {
  const local = rulesFor({ type: "NodePort", externalTrafficPolicy: "Local", ports: [{ port: 80, nodePort: 30080 }] }, [{ ip: "10.244.1.2", node: "node-1", ready: true }]);

  it("with externalTrafficPolicy Local DROPs on a node without a local endpoint", () => {
    expect(ips(externalVerdict(local, "node-1", false))).toEqual(["10.244.1.2"]);
    expect(ips(externalVerdict(local, "node-2", false))).toBe("drop");
  });

  it("sends traffic from inside the cluster to every endpoint even with Local policy", () => {
    expect(ips(externalVerdict(local, "node-2", true))).toEqual(["10.244.1.2"]);
  });

  it("with Cluster policy any node forwards to any endpoint", () => {
    const r = rulesFor({ type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] }, [{ ip: "10.244.1.2", node: "node-1", ready: true }]);
    expect(ips(externalVerdict(r, "node-3", false))).toEqual(["10.244.1.2"]);
  });
});

describe("categorizeEndpoints", () => {
  it("reports hasAnyEndpoints for Local-only ports with a remote ready endpoint", () => {
    const svc = service("web", { type: "NodePort", externalTrafficPolicy: "Local", internalTrafficPolicy: "Local", ports: [{ port: 80, nodePort: 30080 }] });
    const info = servicePortInfos(svc)[0]!;
    const ep: ProxyEndpoint = { ip: "10.244.2.2", port: 80, ready: true, serving: true, terminating: false, nodeName: "node-2", zone: undefined, podNamespace: undefined, podName: undefined, podKey: undefined, podUid: undefined, hostname: undefined };
    const c = categorizeEndpoints([ep], info, "node-1");
    expect(c).toMatchObject({ hasAnyEndpoints: true, local: [] });
  });
});

describe("endpointsByServicePort", () => {
  it("resolves named target ports per slice and keeps one copy of an address, preferring a ready one", () => {
    const slices = [
      slice("web-a", "web", [{ name: "http", port: 8080 }], [{ ip: "10.244.1.2", ready: false }]),
      slice("web-b", "web", [{ name: "http", port: 9090 }], [{ ip: "10.244.1.3" }]),
      slice("web-c", "web", [{ name: "http", port: 8080 }], [{ ip: "10.244.1.2", ready: true }]),
    ];
    const eps = endpointsByServicePort("default", "web", slices).get("default/web:http")!;
    expect(eps.map((e) => `${e.ip}:${e.port}:${e.ready}`)).toEqual(["10.244.1.2:8080:true", "10.244.1.3:9090:true"]);
  });
});

describe("RulesSnapshot", () => {
  it("indexes cluster IPs, node ports and load-balancer IPs, and forgets a removed Service", () => {
    const svc = service("web", { type: "LoadBalancer", clusterIP: "10.96.5.5", ports: [{ port: 80, nodePort: 31000 }] }, "default", { loadBalancer: { ingress: [{ ip: "172.18.255.200" }] } });
    const port = new PortRules(servicePortInfos(svc)[0]!, []);
    const s1 = RulesSnapshot.empty().next(new Map([["default/web", { key: "default/web", ports: [port] }]]));
    expect(s1.byClusterIP.get("10.96.5.5")?.key).toBe("default/web");
    expect(s1.byNodePort.get(31000)?.port).toBe(port);
    expect(s1.byExternalIP.get("172.18.255.200")?.key).toBe("default/web");
    const s2 = s1.next(new Map([["default/web", undefined]]));
    expect(s2.byClusterIP.size + s2.byNodePort.size + s2.byExternalIP.size).toBe(0);
    // The earlier snapshot is untouched (a node that stopped syncing keeps it).
    expect(s1.services.size).toBe(1);
  });
});
