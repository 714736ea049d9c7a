// Expectations from web concepts/services-networking/dns-pod-service.md: Service A records, search-path
// short names, headless Services answering with pod IPs, hostname.subdomain records (StatefulSet pods),
// ExternalName CNAMEs, pod A records a-b-c-d.<ns>.pod.cluster.local.
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types";
import { Store } from "../apiserver/store";
import { WatchHub } from "../apiserver/watch";
import { SharedInformers } from "../client/sharedInformers";
import { SimClock } from "../sim/clock";
import { EventQueue } from "../sim/eventQueue";
import { service, slice } from "../proxy/testKit";
import { ClusterDns, publicAddress } from "./clusterDns";
import { candidates, clusterFirstSearches } from "./dnsNames";

function dnsWith(objects: KubeObject[], up = true): ClusterDns {
  const clock = new SimClock();
  const events = new EventQueue(clock);
  const store = new Store();
  const informers = new SharedInformers(store, new WatchHub(store), events, 1);
  const dns = new ClusterDns(informers, () => up);
  for (const o of objects) {
    const resource = o.kind === "Service" ? "services" : "endpointslices";
    store.put(resource, `${resource}/${o.metadata.namespace}/${o.metadata.name}`, o);
  }
  informers.startAll();
  return dns;
}

const objects = (): KubeObject[] => [
  service("web", { clusterIP: "10.96.12.34" }),
  service("nginx", { clusterIP: "None" }),
  slice("nginx-x1", "nginx", [{ name: "web", port: 80 }], [
    { ip: "10.244.1.5", hostname: "web-0", ready: true },
    { ip: "10.244.2.6", hostname: "web-1", ready: true },
    { ip: "10.244.3.7", hostname: "web-2", ready: false },
  ]),
  service("db", { type: "ExternalName", clusterIP: undefined, externalName: "my.database.example.com" }),
  service("ext", { type: "ExternalName", clusterIP: undefined, externalName: "example.com" }),
  service("other", { clusterIP: "10.96.1.1" }, "prod"),
];

const addrs = (dns: ClusterDns, name: string, ns = "default"): readonly string[] | string => {
  const a = dns.resolve(name, { searches: clusterFirstSearches(ns) });
  return a.rcode === "NOERROR" ? a.addresses : a.rcode;
};

describe("ClusterDns", () => {
  const dns = dnsWith(objects());

  it("answers <svc>.<ns>.svc.cluster.local with the cluster IP, and short names through the search path", () => {
    expect(addrs(dns, "web.default.svc.cluster.local")).toEqual(["10.96.12.34"]);
    expect(addrs(dns, "web")).toEqual(["10.96.12.34"]);
    expect(addrs(dns, "web.default")).toEqual(["10.96.12.34"]);
    expect(addrs(dns, "web.default.svc")).toEqual(["10.96.12.34"]);
    expect(dns.resolve("web", { searches: clusterFirstSearches("default") })).toMatchObject({ name: "web.default.svc.cluster.local" });
  });

  it("resolves a short name only in the client's own namespace", () => {
    expect(addrs(dns, "other")).toBe("NXDOMAIN");
    expect(addrs(dns, "other.prod")).toEqual(["10.96.1.1"]);
    expect(addrs(dns, "other", "prod")).toEqual(["10.96.1.1"]);
  });

  it("answers a headless Service with its ready endpoints' addresses", () => {
    expect(addrs(dns, "nginx")).toEqual(["10.244.1.5", "10.244.2.6"]);
  });

  it("answers <pod-hostname>.<headless-svc>.<ns>.svc.cluster.local (StatefulSet pods)", () => {
    expect(addrs(dns, "web-0.nginx.default.svc.cluster.local")).toEqual(["10.244.1.5"]);
    expect(addrs(dns, "web-1.nginx")).toEqual(["10.244.2.6"]);
    // Not ready: not published.
    expect(addrs(dns, "web-2.nginx")).toBe("NXDOMAIN");
  });

  it("answers ExternalName with a CNAME to the external name", () => {
    const a = dns.resolve("ext", { searches: clusterFirstSearches("default") });
    expect(a).toEqual({ rcode: "NOERROR", name: "ext.default.svc.cluster.local", cname: "example.com", addresses: [publicAddress("example.com")] });
    // The simulated internet answers any name under a real top-level domain.
    expect(addrs(dns, "db")).toEqual([publicAddress("my.database.example.com")]);
  });

  it("answers pod A records a-b-c-d.<ns>.pod.cluster.local", () => {
    expect(addrs(dns, "10-244-1-5.default.pod.cluster.local")).toEqual(["10.244.1.5"]);
    expect(addrs(dns, "not-an-ip.default.pod.cluster.local")).toBe("NXDOMAIN");
  });

  it("returns NXDOMAIN for unknown names and times out when CoreDNS is unreachable", () => {
    expect(addrs(dns, "nosuch")).toBe("NXDOMAIN");
    expect(dnsWith(objects(), false).resolve("web", { searches: clusterFirstSearches("default") }).rcode).toBe("TIMEOUT");
  });
});

describe("candidates (ndots:5)", () => {
  const s = clusterFirstSearches("default");

  it("tries the search domains first for names with fewer than 5 dots", () => {
    expect(candidates("web", s)).toEqual(["web.default.svc.cluster.local", "web.svc.cluster.local", "web.cluster.local", "web"]);
  });

  it("tries the name as typed first with 5 dots or more, and only it with a trailing dot", () => {
    expect(candidates("a.b.c.d.e.f", s)[0]).toBe("a.b.c.d.e.f");
    expect(candidates("web.default.svc.cluster.local.", s)).toEqual(["web.default.svc.cluster.local"]);
  });
});
