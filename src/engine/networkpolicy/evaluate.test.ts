// NetworkPolicy semantics from web concepts/services-networking/network-policies.md and the
// networking/v1 API docs: isolation per direction only when selected, union of rules, both ends must
// allow, peer forms (podSelector alone = own namespace; with namespaceSelector = AND), ipBlock except,
// ports with endPort and named ports, policyTypes defaulting.
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types";
import { policyAllows, policyTypes, type PolicyInput } from "./evaluate";

const ns = (name: string, labels: Record<string, string> = {}): KubeObject =>
  ({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { "kubernetes.io/metadata.name": name, ...labels } } }) as unknown as KubeObject;

const pod = (name: string, labels: Record<string, string>, ip: string, namespace = "default", ports: { name: string; containerPort: number; protocol?: string }[] = []): KubeObject =>
  ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace, labels }, spec: { containers: [{ name: "c", image: "x", ports }] }, status: { podIP: ip } }) as unknown as KubeObject;

const policy = (name: string, spec: Record<string, unknown>, namespace = "default"): KubeObject =>
  ({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace }, spec }) as unknown as KubeObject;

const NAMESPACES = [ns("default"), ns("myproject", { project: "myproject" }), ns("other")];
const db = pod("db", { role: "db" }, "10.244.1.5", "default", [{ name: "redis", containerPort: 6379 }]);
const frontend = pod("frontend", { role: "frontend" }, "10.244.2.7");
const stranger = pod("stranger", { role: "frontend" }, "10.244.3.9", "other");
const inProject = pod("worker", { app: "w" }, "10.244.2.8", "myproject");

function check(from: PolicyInput["from"], to: KubeObject, port: number, policies: KubeObject[], protocol: PolicyInput["protocol"] = "TCP") {
  return policyAllows({ from, to, port, protocol, policies, namespaces: NAMESPACES });
}

// content/en/examples/service/networking/networkpolicy.yaml
const TEST_POLICY = policy("test-network-policy", {
  podSelector: { matchLabels: { role: "db" } },
  policyTypes: ["Ingress", "Egress"],
  ingress: [{
    from: [
      { ipBlock: { cidr: "172.17.0.0/16", except: ["172.17.1.0/24"] } },
      { namespaceSelector: { matchLabels: { project: "myproject" } } },
      { podSelector: { matchLabels: { role: "frontend" } } },
    ],
    ports: [{ protocol: "TCP", port: 6379 }],
  }],
  egress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/24" } }], ports: [{ protocol: "TCP", port: 5978 }] }],
});

describe("policyAllows", () => {
  it("allows everything when no policy selects either end", () => {
    expect(check({ pod: frontend }, db, 80, [])).toEqual({
      allowed: true,
      reason: "no NetworkPolicy selects pod default/db for ingress; no NetworkPolicy selects pod default/frontend for egress",
    });
  });

  it("applies the documentation's test-network-policy to ingress of role=db", () => {
    const p = [TEST_POLICY];
    expect(check({ pod: frontend }, db, 6379, p)).toEqual({
      allowed: true,
      reason: "ingress to default/db allowed by NetworkPolicy default/test-network-policy; no NetworkPolicy selects pod default/frontend for egress",
    });
    expect(check({ pod: frontend }, db, 80, p)).toEqual({
      allowed: false,
      reason: "ingress to default/db denied: isolated by NetworkPolicy default/test-network-policy, and no ingress rule allows pod default/frontend on TCP port 80",
    });
    // podSelector without namespaceSelector: only the policy's own namespace.
    expect(check({ pod: stranger }, db, 6379, p).allowed).toBe(false);
    // namespaceSelector: every pod of a matching namespace.
    expect(check({ pod: inProject }, db, 6379, p).allowed).toBe(true);
    expect(check({ ip: "172.17.0.4" }, db, 6379, p).allowed).toBe(true);
    expect(check({ ip: "172.17.1.4" }, db, 6379, p).allowed).toBe(false);
    expect(check({ ip: "172.17.0.4" }, db, 6379, p, "UDP").allowed).toBe(false);
  });

  it("checks egress of the client as well: both ends must allow", () => {
    const denyEgress = policy("default-deny-egress", { podSelector: {}, policyTypes: ["Egress"] });
    expect(check({ pod: frontend }, db, 6379, [denyEgress])).toEqual({
      allowed: false,
      reason: "egress from default/frontend denied: isolated by NetworkPolicy default/default-deny-egress, and no egress rule allows pod default/db on TCP port 6379",
    });
    const allowAllEgress = policy("allow-all-egress", { podSelector: {}, egress: [{}], policyTypes: ["Egress"] });
    expect(check({ pod: frontend }, db, 6379, [denyEgress, allowAllEgress]).allowed).toBe(true);
    // Egress of the db pod (10.0.0.0/24 on 5978 only) does not restrict traffic *to* it.
    expect(check({ pod: frontend }, db, 6379, [TEST_POLICY]).allowed).toBe(true);
  });

  it("isolates with an empty podSelector and no rules (default deny), and unions rules across policies", () => {
    const denyIngress = policy("default-deny-ingress", { podSelector: {}, policyTypes: ["Ingress"] });
    const allowFrontend = policy("access-db", { podSelector: { matchLabels: { role: "db" } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: "frontend" } } }] }] });
    expect(check({ pod: frontend }, db, 6379, [denyIngress]).allowed).toBe(false);
    expect(check({ pod: frontend }, db, 6379, [denyIngress, allowFrontend]).reason).toBe(
      "ingress to default/db allowed by NetworkPolicy default/access-db; no NetworkPolicy selects pod default/frontend for egress",
    );
    // A policy in another namespace never selects this pod.
    expect(check({ pod: frontend }, db, 6379, [policy("deny", { podSelector: {} }, "other")]).allowed).toBe(true);
  });

  it("ANDs namespaceSelector and podSelector in one peer", () => {
    const p = policy("both", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { project: "myproject" } }, podSelector: { matchLabels: { app: "w" } } }] }] });
    expect(check({ pod: inProject }, db, 1, [p]).allowed).toBe(true);
    expect(check({ pod: pod("x", { app: "other" }, "10.244.2.9", "myproject") }, db, 1, [p]).allowed).toBe(false);
    expect(check({ pod: frontend }, db, 1, [p]).allowed).toBe(false);
  });

  it("matches port ranges (endPort) and named ports on the destination", () => {
    const range = policy("range", { podSelector: {}, ingress: [{ ports: [{ protocol: "TCP", port: 32000, endPort: 32768 }] }] });
    expect(check({ pod: frontend }, db, 32000, [range]).allowed).toBe(true);
    expect(check({ pod: frontend }, db, 32768, [range]).allowed).toBe(true);
    expect(check({ pod: frontend }, db, 32769, [range]).allowed).toBe(false);
    const named = policy("named", { podSelector: {}, ingress: [{ ports: [{ port: "redis" }] }] });
    expect(check({ pod: frontend }, db, 6379, [named]).allowed).toBe(true);
    expect(check({ pod: frontend }, db, 6380, [named]).allowed).toBe(false);
  });

  it("defaults policyTypes to Ingress, plus Egress when there are egress rules", () => {
    expect(policyTypes({})).toEqual(["Ingress"]);
    expect(policyTypes({ egress: [{}] })).toEqual(["Ingress", "Egress"]);
    expect(policyTypes({ egress: [] })).toEqual(["Ingress"]);
    expect(policyTypes({ policyTypes: ["Egress"] })).toEqual(["Egress"]);
    // nginx-policy.yaml (no policyTypes, ingress only) isolates for ingress and leaves egress open.
    const nginx = pod("nginx", { "app.kubernetes.io/name": "nginx" }, "10.244.1.9");
    const access = policy("access-nginx", { podSelector: { matchLabels: { "app.kubernetes.io/name": "nginx" } }, ingress: [{ from: [{ podSelector: { matchLabels: { access: "true" } } }] }] });
    expect(check({ pod: frontend }, nginx, 80, [access]).allowed).toBe(false);
    expect(check({ pod: pod("busybox", { access: "true" }, "10.244.2.3") }, nginx, 80, [access]).allowed).toBe(true);
    expect(check({ pod: nginx }, frontend, 80, [access]).allowed).toBe(true);
  });
});
