// ClusterRole aggregation (web reference/access-authn-authz/rbac.md "Aggregated ClusterRoles"; k/k
// pkg/controller/clusterroleaggregation): admin ⊇ edit ⊇ view, each the union of the roles carrying its
// aggregate-to-* label, sorted by name, without duplicate rules; a newly labelled role joins all three.
import { describe, expect, it } from "vitest";
import { CLUSTER_ROLES } from "./bootstrap/clusterRoles";
import { aggregatedRules, ClusterRoleAggregationController } from "./clusterRoleAggregation";
import { newRbacKernel } from "./testing/rbacKernel";
import type { PolicyRule } from "./types";

const rulesOf = (name: string): PolicyRule[] => CLUSTER_ROLES.find((r) => r.name === name)!.rules ?? [];

function started() {
  const k = newRbacKernel();
  new ClusterRoleAggregationController(k.ctx).start();
  k.informers.startAll();
  k.advance(1000);
  const rules = (name: string) => k.store.get("clusterroles", `clusterroles/${name}`)!.rules as PolicyRule[];
  return { k, rules };
}

describe("ClusterRoleAggregationController", () => {
  it("fills view, edit and admin from the system:aggregate-to-* roles", () => {
    const { k, rules } = started();
    expect(rules("view")).toEqual(rulesOf("system:aggregate-to-view"));
    // edit = system:aggregate-to-edit then view (sorted by role name).
    expect(rules("edit")).toEqual([...rulesOf("system:aggregate-to-edit"), ...rulesOf("system:aggregate-to-view")]);
    expect(rules("admin")).toEqual([...rules("edit"), ...rulesOf("system:aggregate-to-admin")]);
    expect(k.audit.since(0).filter((e) => e.actor === "clusterrole-aggregation-controller" && e.code === 200).map((e) => e.verb)).toContain("patch");
  });

  it("adds a role labelled aggregate-to-view to view, edit and admin", () => {
    const { k, rules } = started();
    const crontabs: PolicyRule = { apiGroups: ["stable.example.com"], resources: ["crontabs"], verbs: ["get", "list", "watch"] };
    k.api.create("kubectl", {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: "aggregate-cron-tabs-view", labels: { "rbac.authorization.k8s.io/aggregate-to-view": "true" } },
      rules: [crontabs],
    } as never);
    k.advance(1000);
    expect(rules("view")[0]).toEqual(crontabs);
    expect(rules("edit")).toContainEqual(crontabs);
    expect(rules("admin")).toContainEqual(crontabs);
  });

  it("drops duplicate rules and never aggregates a role into itself", () => {
    const r = { apiGroups: [""], resources: ["pods"], verbs: ["get"] };
    const role = (name: string, labels: Record<string, string>, rules: PolicyRule[]) => ({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name, labels }, rules }) as never;
    const agg = { ...(role("agg", { x: "y" }, [{ apiGroups: ["apps"], resources: ["*"], verbs: ["*"] }]) as object), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: "y" } }] } } as never;
    expect(aggregatedRules(agg, [agg, role("b", { x: "y" }, [r]), role("a", { x: "y" }, [r]), role("c", {}, [{ ...r, verbs: ["list"] }])])).toEqual([r]);
  });
});
