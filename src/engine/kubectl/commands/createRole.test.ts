// kubectl create role / clusterrole (kubectl pkg/cmd/create/create_role.go, create_clusterrole.go):
// generated rules, "created" lines and the validation messages.
import { describe, expect, it } from "vitest";
import { TestCluster } from "../util/testCluster";

const get = (c: TestCluster, resource: string, ns: string | undefined, name: string) => c.get(resource, ns, name) as Record<string, any>;

describe("kubectl create role / clusterrole", () => {
  it("creates one rule per API group, resolving short names and subresources", () => {
    const c = new TestCluster();
    expect(c.run("kubectl create role foo --verb=get,list,watch --resource=rs.apps,pods,pods/status --resource-name=a").out).toBe("role.rbac.authorization.k8s.io/foo created\n");
    expect(get(c, "roles", "default", "foo").rules).toEqual([
      { verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["pods", "pods/status"], resourceNames: ["a"] },
      { verbs: ["get", "list", "watch"], apiGroups: ["apps"], resources: ["replicasets"], resourceNames: ["a"] },
    ]);
    expect(c.run("kubectl create role all --verb=* --verb=get --resource=*").out).toBe("role.rbac.authorization.k8s.io/all created\n");
    expect(get(c, "roles", "default", "all").rules).toEqual([{ verbs: ["*"], apiGroups: [""], resources: ["*"] }]);
  });

  it("refuses incomplete or impossible roles", () => {
    const c = new TestCluster();
    expect(c.run("kubectl create role foo --resource=pods").err).toBe("error: at least one verb must be specified\n");
    expect(c.run("kubectl create role foo --verb=get").err).toBe("error: at least one resource must be specified\n");
    expect(c.run("kubectl create role foo --verb=get --resource=invalid-resource").err).toBe('error: the server doesn\'t have a resource type "invalid-resource"\n');
    expect(c.run("kubectl create role foo --verb=impersonate --resource=pods").err).toBe("error: can not perform 'impersonate' on 'pods' in group ''\n");
    expect(c.run("kubectl create role foo --verb=frob --resource=pods")).toEqual({ out: "role.rbac.authorization.k8s.io/foo created\n", err: "Warning: 'frob' is not a standard resource verb\n", code: 0 });
    expect(c.run("kubectl create role foo --verb=get --resource=pods").err).toBe('Error from server (AlreadyExists): roles.rbac.authorization.k8s.io "foo" already exists\n');
  });

  it("creates cluster roles with URLs, or aggregated ones", () => {
    const c = new TestCluster();
    expect(c.run("kubectl create clusterrole health --verb=get --non-resource-url=/healthz,/logs/*").out).toBe("clusterrole.rbac.authorization.k8s.io/health created\n");
    expect(get(c, "clusterroles", undefined, "health").rules).toEqual([{ verbs: ["get"], nonResourceURLs: ["/healthz", "/logs/*"] }]);
    expect(c.run("kubectl create clusterrole monitoring --aggregation-rule=rbac.example.com/aggregate-to-monitoring=true").out).toBe("clusterrole.rbac.authorization.k8s.io/monitoring created\n");
    expect(get(c, "clusterroles", undefined, "monitoring").aggregationRule).toEqual({ clusterRoleSelectors: [{ matchLabels: { "rbac.example.com/aggregate-to-monitoring": "true" } }] });
    expect(c.run("kubectl create clusterrole x --verb=get").err).toBe("error: one of resource or nonResourceURL must be specified\n");
    expect(c.run("kubectl create clusterrole x --verb=list --non-resource-url=/healthz").err).toBe("error: invalid verb: 'list' for nonResourceURL\n");
    expect(c.run("kubectl create clusterrole x --verb=get --non-resource-url=healthz").err).toBe("error: nonResourceURL should start with /\n");
    expect(c.run("kubectl create clusterrole x --verb=get --aggregation-rule=a=b").err).toBe("error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames\n");
  });
});
