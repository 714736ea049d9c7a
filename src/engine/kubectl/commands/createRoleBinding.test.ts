// kubectl create rolebinding / clusterrolebinding / serviceaccount (kubectl pkg/cmd/create/
// create_rolebinding.go, create_clusterrolebinding.go, create_serviceaccount.go).
import { describe, expect, it } from "vitest";
import { TestCluster } from "../util/testCluster";

const get = (c: TestCluster, resource: string, ns: string | undefined, name: string) => c.get(resource, ns, name) as Record<string, any>;

describe("kubectl create rolebinding / clusterrolebinding / serviceaccount", () => {
  it("binds users, groups and service accounts in that order", () => {
    const c = new TestCluster();
    expect(c.run("kubectl create rolebinding admin --clusterrole=admin --serviceaccount=default:ci --user=user1 --group=group1 --user=user2").out).toBe(
      "rolebinding.rbac.authorization.k8s.io/admin created\n",
    );
    const rb = get(c, "rolebindings", "default", "admin");
    expect(rb.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "admin" });
    expect(rb.subjects).toEqual([
      { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "user1" },
      { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "user2" },
      { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "group1" },
      { kind: "ServiceAccount", name: "ci", namespace: "default" },
    ]);
    expect(c.run("kubectl create rolebinding admin --clusterrole=admin --user=u").err).toBe('error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io "admin" already exists\n');
    expect(c.run("kubectl create rolebinding x --role=a --clusterrole=b").err).toBe("error: exactly one of clusterrole or role must be specified\n");
    expect(c.run("kubectl create rolebinding x --role=a --serviceaccount=ci").err).toBe("error: serviceaccount must be <namespace>:<name>\n");
  });

  it("creates cluster role bindings (requiring --clusterrole) and service accounts", () => {
    const c = new TestCluster();
    expect(c.run("kubectl create clusterrolebinding root --clusterrole=cluster-admin --user=root").out).toBe("clusterrolebinding.rbac.authorization.k8s.io/root created\n");
    expect(get(c, "clusterrolebindings", undefined, "root").subjects).toEqual([{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "root" }]);
    expect(c.run("kubectl create clusterrolebinding x --user=root").err).toBe('error: required flag(s) "clusterrole" not set\n');
    expect(c.run("kubectl create serviceaccount ci -n kube-system").out).toBe("serviceaccount/ci created\n");
    expect(get(c, "serviceaccounts", "kube-system", "ci").metadata.name).toBe("ci");
    expect(c.run("kubectl create sa ci -n kube-system").err).toBe('error: failed to create serviceaccount: serviceaccounts "ci" already exists\n');
  });
});
