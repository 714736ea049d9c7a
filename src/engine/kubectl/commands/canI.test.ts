// `kubectl auth can-i` as kubectl pkg/cmd/auth/cani.go prints it: "yes", or "no" with exit code 1;
// warnings for unknown verbs and resources and cluster-scoped resources; --list as the rules table.
import { describe, expect, it } from "vitest";
import { installAuthorization } from "../../apiserver/authorization/install";
import { TestCluster } from "../util/testCluster";
import { breakdownRule, compactRules, policyRuleString } from "../printers/describe/rbacRules";

function cluster(): TestCluster {
  const c = new TestCluster({ nodeAgent: false });
  installAuthorization(c.api, c.clock, c.events);
  c.advance(0);
  c.create({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "pod-reader", namespace: "default" }, rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "watch", "list"] }] } as never, "kubectl");
  c.create({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: { name: "read-pods", namespace: "default" }, subjects: [{ kind: "User", name: "jane", apiGroup: "rbac.authorization.k8s.io" }], roleRef: { kind: "Role", name: "pod-reader", apiGroup: "rbac.authorization.k8s.io" } } as never, "kubectl");
  return c;
}

describe("kubectl auth can-i", () => {
  it("answers yes (exit 0) or no (exit 1) for the current or impersonated user", () => {
    const c = cluster();
    expect(c.run("kubectl auth can-i create deployments.apps")).toEqual({ out: "yes\n", err: "", code: 0 });
    expect(c.run("kubectl auth can-i list pods --as=jane")).toEqual({ out: "yes\n", err: "", code: 0 });
    expect(c.run("kubectl auth can-i list pods --as=jane -n kube-system")).toEqual({ out: "no\n", err: "", code: 1 });
    expect(c.run("kubectl auth can-i delete pods/web --as=jane")).toEqual({ out: "no\n", err: "", code: 1 });
    expect(c.run("kubectl auth can-i list pods --as=jane -A")).toEqual({ out: "no\n", err: "", code: 1 });
    expect(c.run("kubectl auth can-i get pods --subresource=log --as=jane")).toEqual({ out: "no\n", err: "", code: 1 });
    expect(c.run("kubectl auth can-i list pods --as=jane -q")).toEqual({ out: "", err: "", code: 0 });
    expect(c.run("kubectl auth can-i get /healthz --as=jane")).toEqual({ out: "yes\n", err: "", code: 0 });
  });

  it("warns about unknown verbs and resources and cluster-scoped resources", () => {
    const c = cluster();
    expect(c.run("kubectl auth can-i frob pods")).toEqual({ out: "yes\n", err: "Warning: verb 'frob' is not a known verb\n", code: 0 });
    expect(c.run("kubectl auth can-i get foo --as=jane")).toEqual({ out: "no\n", err: "Warning: the server doesn't have a resource type 'foo'\n", code: 1 });
    expect(c.run("kubectl auth can-i list nodes --as=jane")).toEqual({ out: "no\n", err: "Warning: resource 'nodes' is not namespace scoped\n", code: 1 });
    expect(c.run("kubectl auth can-i impersonate users").err).toBe("");
  });

  it("refuses bad argument combinations with kubectl's messages", () => {
    const c = cluster();
    expect(c.run("kubectl auth can-i get").err).toBe("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n");
    expect(c.run("kubectl auth can-i --list pods").err).toBe("error: list option must be specified with no arguments\n");
    expect(c.run("kubectl auth can-i --list -A").err).toBe("error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n");
    expect(c.run("kubectl auth can-i get /logs --subresource=x").err).toBe("error: --subresource can not be used with NonResourceURL\n");
    expect(c.run("kubectl auth can-i get pods --no-headers").err).toBe("error: --no-headers cannot be set without --list specified\n");
  });

  it("lists a user's rules as kubectl's table, sorted by the rules' Go strings", () => {
    const c = cluster();
    const lines = c.run("kubectl auth can-i --list --as=jane").out.split("\n");
    expect(lines.slice(0, 6)).toEqual([
      "Resources                                       Non-Resource URLs   Resource Names   Verbs",
      "selfsubjectreviews.authentication.k8s.io        []                  []               [create]",
      "selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]",
      "selfsubjectrulesreviews.authorization.k8s.io    []                  []               [create]",
      "pods                                            []                  []               [get watch list]",
      "                                                [/api/*]            []               [get]",
    ]);
    const admin = c.run("kubectl auth can-i --list --no-headers").out.split("\n");
    // cluster-admin: everything, first (the "[*]" verbs sort before "[create]" and "[get]").
    expect(admin[0]!.split(/\s+/)).toEqual(["*.*", "[]", "[]", "[*]"]);
    expect(admin[1]!.trim().split(/\s+/)).toEqual(["[*]", "[]", "[*]"]);
  });
});

describe("rule breakdown and compaction (kubectl pkg/util/rbac)", () => {
  it("breaks a rule into one verb/resource/name each and merges verbs back per resource", () => {
    const rules = breakdownRule({ verbs: ["get", "list"], apiGroups: [""], resources: ["pods", "services"] });
    expect(rules).toHaveLength(4);
    expect(compactRules(rules)).toEqual([
      { apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] },
      { apiGroups: [""], resources: ["services"], verbs: ["get", "list"] },
    ]);
    expect(policyRuleString({ verbs: ["get"], nonResourceURLs: ["/api"] })).toBe("&PolicyRule{Verbs:[get],APIGroups:[],Resources:[],ResourceNames:[],NonResourceURLs:[/api],}");
  });
});
