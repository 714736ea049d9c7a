// kube-proxy's cadence and per-node state: syncs at most once per minSyncPeriod (1 s, KubeProxyConfiguration
// defaults), a node whose machine is down keeps the rules it last applied and loses its affinity table.
import { describe, expect, it } from "vitest";
import { Store } from "../apiserver/store";
import { WatchHub } from "../apiserver/watch";
import { SharedInformers } from "../client/sharedInformers";
import { SimClock } from "../sim/clock";
import { EventQueue } from "../sim/eventQueue";
import { KubeProxyModel, KUBE_PROXY_TIMINGS } from "./kubeProxy";
import { service, slice } from "./testKit";

function setup() {
  const clock = new SimClock();
  const events = new EventQueue(clock);
  const store = new Store();
  const informers = new SharedInformers(store, new WatchHub(store), events, 1);
  const up = new Map([
    ["node-1", true],
    ["node-2", true],
  ]);
  const proxy = new KubeProxyModel({ informers, events, nodeUp: (n) => up.get(n) === true });
  proxy.start();
  informers.startAll();
  const put = (o: ReturnType<typeof slice> | ReturnType<typeof service>) => {
    const resource = o.kind === "Service" ? "services" : "endpointslices";
    store.put(resource, `${resource}/${o.metadata.namespace}/${o.metadata.name}`, o);
  };
  return { clock, events, proxy, up, put };
}

const endpointIPs = (proxy: KubeProxyModel, node?: string) =>
  (node ? proxy.nodeProxy(node).snapshot : proxy.latest).services.get("default/web")?.ports[0]?.endpoints.map((e) => e.ip) ?? [];

describe("KubeProxyModel", () => {
  it("syncs a change at once, then at most once per minSyncPeriod", () => {
    const { events, proxy, put } = setup();
    put(service("web", {}));
    put(slice("web-a", "web", [{ port: 80 }], [{ ip: "10.244.1.2" }]));
    events.runUntil(10);
    expect(endpointIPs(proxy)).toEqual(["10.244.1.2"]);
    const syncs = proxy.syncs;
    put(slice("web-a", "web", [{ port: 80 }], [{ ip: "10.244.1.2" }, { ip: "10.244.1.3" }]));
    events.runUntil(500);
    // The first sync ran at ~1 ms: the next may not run before 1 s after it.
    expect(endpointIPs(proxy)).toEqual(["10.244.1.2"]);
    events.runUntil(KUBE_PROXY_TIMINGS.minSyncPeriodMs + 10);
    expect(endpointIPs(proxy)).toEqual(["10.244.1.2", "10.244.1.3"]);
    expect(proxy.syncs).toBe(syncs + 1);
  });

  it("keeps a dead node's rules as they were until its machine is back", () => {
    const { events, proxy, up, put } = setup();
    put(service("web", {}));
    put(slice("web-a", "web", [{ port: 80 }], [{ ip: "10.244.1.2" }]));
    events.runUntil(10);
    expect(endpointIPs(proxy, "node-2")).toEqual(["10.244.1.2"]);
    up.set("node-2", false);
    put(slice("web-a", "web", [{ port: 80 }], [{ ip: "10.244.1.9" }]));
    events.runUntil(3_000);
    expect(endpointIPs(proxy, "node-1")).toEqual(["10.244.1.9"]);
    expect(endpointIPs(proxy, "node-2")).toEqual(["10.244.1.2"]);
    up.set("node-2", true);
    expect(endpointIPs(proxy, "node-2")).toEqual(["10.244.1.9"]);
  });

  it("has no rules for a headless Service", () => {
    const { events, proxy, put } = setup();
    put(service("web", { clusterIP: "None" }));
    put(slice("web-a", "web", [{ port: 80 }], [{ ip: "10.244.1.2" }]));
    events.runUntil(10);
    expect(proxy.latest.services.has("default/web")).toBe(false);
  });
});
