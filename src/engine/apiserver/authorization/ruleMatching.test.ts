// Cases from k/k pkg/apis/rbac/v1/evaluation_helpers.go semantics and plugin/pkg/auth/authorizer/rbac
// rbac_test.go (TestRuleMatches): wildcards, "*/subresource", resourceNames, non-resource URL prefixes.
import { describe, expect, it } from "vitest";
import { nonResourceURLMatches, resourceMatches, resourceNameMatches, ruleAllows } from "./ruleMatching";
import { nonResourceAttributes, resourceAttributes, type PolicyRule } from "./types";

const jane = { name: "jane", groups: [] };
const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRule => ({ verbs, apiGroups, resources, ...(resourceNames ? { resourceNames } : {}) });

describe("RuleAllows", () => {
  it("needs verb, group and resource to match", () => {
    const r = rule(["get", "list"], [""], ["pods"]);
    expect(ruleAllows(resourceAttributes(jane, "list", "", "pods", { namespace: "default" }), r)).toBe(true);
    expect(ruleAllows(resourceAttributes(jane, "delete", "", "pods"), r)).toBe(false);
    expect(ruleAllows(resourceAttributes(jane, "list", "apps", "pods"), r)).toBe(false);
    expect(ruleAllows(resourceAttributes(jane, "list", "", "services"), r)).toBe(false);
  });

  it("treats * as every verb, group and resource, but not every subresource unless written */x", () => {
    const all = rule(["*"], ["*"], ["*"]);
    expect(ruleAllows(resourceAttributes(jane, "escalate", "rbac.authorization.k8s.io", "clusterroles"), all)).toBe(true);
    expect(ruleAllows(resourceAttributes(jane, "create", "", "pods", { subresource: "eviction" }), all)).toBe(true);
    expect(resourceMatches(rule(["get"], ["*"], ["*/scale"]), "deployments/scale", "scale")).toBe(true);
    expect(resourceMatches(rule(["get"], ["*"], ["*/scale"]), "deployments", "")).toBe(false);
    expect(resourceMatches(rule(["get"], [""], ["pods"]), "pods/log", "log")).toBe(false);
    expect(resourceMatches(rule(["get"], [""], ["pods/log"]), "pods/log", "log")).toBe(true);
  });

  it("restricts a rule with resourceNames to those names (so never to list or create)", () => {
    const r = rule(["get", "update"], [""], ["configmaps"], ["kube-proxy"]);
    expect(resourceNameMatches(r, "kube-proxy")).toBe(true);
    expect(resourceNameMatches(r, "")).toBe(false);
    expect(ruleAllows(resourceAttributes(jane, "get", "", "configmaps", { name: "other" }), r)).toBe(false);
    expect(ruleAllows(resourceAttributes(jane, "get", "", "configmaps", { name: "kube-proxy" }), r)).toBe(true);
  });

  it("matches non-resource URLs exactly or by a trailing * prefix", () => {
    const r: PolicyRule = { verbs: ["get"], nonResourceURLs: ["/healthz", "/apis/*"] };
    expect(nonResourceURLMatches(r, "/healthz")).toBe(true);
    expect(nonResourceURLMatches(r, "/healthz/etcd")).toBe(false);
    expect(nonResourceURLMatches(r, "/apis/apps/v1")).toBe(true);
    expect(ruleAllows(nonResourceAttributes(jane, "get", "/apis/apps"), r)).toBe(true);
    expect(ruleAllows(nonResourceAttributes(jane, "post", "/healthz"), r)).toBe(false);
    expect(nonResourceURLMatches({ verbs: ["*"], nonResourceURLs: ["*"] }, "/anything")).toBe(true);
  });
});
