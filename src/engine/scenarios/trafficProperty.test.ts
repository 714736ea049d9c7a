// Property (issue 3, "Done means"): under random pod churn — pods created, deleted and relabelled,
// Services created and deleted — once the controllers settle, every Service's EndpointSlices list exactly
// its selected, ready, non-terminating pods as ready endpoints, and the kube-proxy rules route to exactly
// those (web concepts/services-networking/endpoint-slices.md: ready = serving && !terminating).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isPodReady } from "../api/podutil";
import type { KubeObject, Pod } from "../api/types";
import { resolveResource } from "../api/registry";
import type { EndpointSlice, Service } from "../controllers/endpointslice/types";
import { newSession } from "../proxy/testing/scenario";

const APPS = ["a", "b", "c"] as const;
const TIERS = ["x", "y"] as const;
const SELECTORS: Record<string, string>[] = [{ app: "a" }, { app: "b" }, { app: "a", tier: "x" }, { tier: "y" }];

type Action =
  | { kind: "createPod"; app: string; tier: string }
  | { kind: "deletePod"; index: number }
  | { kind: "relabel"; index: number; app: string }
  | { kind: "createService"; selector: number }
  | { kind: "deleteService"; selector: number }
  | { kind: "advance"; ms: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant("createPod" as const), app: fc.constantFrom(...APPS), tier: fc.constantFrom(...TIERS) }),
  fc.record({ kind: fc.constant("deletePod" as const), index: fc.nat(20) }),
  fc.record({ kind: fc.constant("relabel" as const), index: fc.nat(20), app: fc.constantFrom(...APPS) }),
  fc.record({ kind: fc.constant("createService" as const), selector: fc.nat(SELECTORS.length - 1) }),
  fc.record({ kind: fc.constant("deleteService" as const), selector: fc.nat(SELECTORS.length - 1) }),
  fc.record({ kind: fc.constant("advance" as const), ms: fc.integer({ min: 0, max: 8_000 }) }),
);

const PODS = resolveResource("pods")!;
const SERVICES = resolveResource("services")!;

function pod(n: number, app: string, tier: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `p${n}`, labels: { app, tier } },
    spec: { containers: [{ name: "web", image: "nginx", ports: [{ containerPort: 80 }] }], terminationGracePeriodSeconds: 5 },
  } as unknown as KubeObject;
}

function service(i: number): KubeObject {
  return { apiVersion: "v1", kind: "Service", metadata: { name: `s${i}` }, spec: { selector: SELECTORS[i], ports: [{ port: 80, targetPort: 80 }] } } as unknown as KubeObject;
}

function matches(sel: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(sel).every(([k, v]) => labels?.[k] === v);
}

function run(actions: Action[]): void {
  const { cluster } = newSession({ seed: 3 });
  let created = 0;
  const ignore = (fn: () => void): void => {
    try {
      fn();
    } catch {
      // 404/409 races are part of the churn.
    }
  };
  for (const a of actions) {
    const pods = cluster.list<Pod>("pods", "default");
    switch (a.kind) {
      case "createPod":
        cluster.api.create("kubectl", pod(created++, a.app, a.tier), "default");
        break;
      case "deletePod":
        if (pods.length > 0) ignore(() => cluster.api.delete("kubectl", PODS, "default", pods[a.index % pods.length]!.metadata.name));
        break;
      case "relabel":
        if (pods.length > 0) {
          ignore(() =>
            cluster.api.patch("kubectl", PODS, "default", pods[a.index % pods.length]!.metadata.name, (p) => {
              p.metadata.labels = { ...p.metadata.labels, app: a.app };
            }),
          );
        }
        break;
      case "createService":
        ignore(() => cluster.api.create("kubectl", service(a.selector), "default"));
        break;
      case "deleteService":
        ignore(() => cluster.api.delete("kubectl", SERVICES, "default", `s${a.selector}`));
        break;
      case "advance":
        cluster.advance(a.ms);
        break;
    }
  }
  cluster.advance(60_000);
  const pods = cluster.list<Pod>("pods", "default");
  for (const svc of cluster.list<Service>("services", "default")) {
    if (svc.metadata.name === "kubernetes") continue;
    const want = pods
      .filter((p) => matches(svc.spec.selector as Record<string, string>, p.metadata.labels) && isPodReady(p) && !p.metadata.deletionTimestamp && p.status?.podIP)
      .map((p) => p.status!.podIP!)
      .sort();
    const slices = cluster.list<EndpointSlice>("endpointslices", "default").filter((s) => s.metadata.labels?.["kubernetes.io/service-name"] === svc.metadata.name);
    const ready = slices.flatMap((s) => (s.endpoints ?? []).filter((e) => e.conditions.ready === true).map((e) => e.addresses[0]!)).sort();
    expect(ready).toEqual(want);
    const rules = cluster.network.proxy.latest.services.get(`default/${svc.metadata.name}`);
    const routed = (rules?.ports[0]?.categorized(undefined).cluster ?? []).filter((e) => e.ready).map((e) => e.ip).sort();
    expect(routed).toEqual(want);
  }
  expect(cluster.internalErrors).toEqual([]);
}

describe("endpoints under pod churn (property)", () => {
  it("every Service's ready endpoints and kube-proxy rules are exactly its selected, ready, non-terminating pods", () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 14 }), (actions) => run(actions)),
      { numRuns: 12, seed: 20250101 },
    );
  }, 120_000);
});
