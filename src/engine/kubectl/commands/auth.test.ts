// `kubectl auth whoami` (pkg/cmd/auth/whoami.go) and the --as/--as-group impersonation of every command
// (client-go Impersonate-* headers; server-side checks in apiserver filters/impersonation.go).
import { describe, expect, it } from "vitest";
import { resolveResource } from "../../api/registry";
import { installAuthorization } from "../../apiserver/authorization/install";
import { TestCluster } from "../util/testCluster";

function cluster(): TestCluster {
  const c = new TestCluster({ nodeAgent: false });
  installAuthorization(c.api, c.clock, c.events);
  c.advance(0);
  return c;
}

describe("kubectl auth whoami", () => {
  it("prints kind's admin identity, or the impersonated one", () => {
    const c = cluster();
    expect(c.run("kubectl auth whoami").out).toBe("ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n");
    expect(c.run("kubectl auth whoami --as=jane --as-group=dev").out).toBe("ATTRIBUTE   VALUE\nUsername    jane\nGroups      [dev system:authenticated]\n");
    expect(c.run("kubectl auth whoami --as=system:serviceaccount:default:ci -o yaml").out).toBe(
      "apiVersion: authentication.k8s.io/v1\nkind: SelfSubjectReview\nmetadata:\n  creationTimestamp: null\nstatus:\n  userInfo:\n    groups:\n    - system:serviceaccounts\n    - system:serviceaccounts:default\n    - system:authenticated\n    username: system:serviceaccount:default:ci\n",
    );
  });
});

describe("impersonation flags", () => {
  it("runs every request of the command as the impersonated user, then returns to the real one", () => {
    const c = cluster();
    expect(c.run("kubectl get pods --as=jane")).toEqual({
      out: "",
      err: 'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"\n',
      code: 1,
    });
    expect(c.run("kubectl get pods").err).toBe("No resources found in default namespace.\n");
    expect(c.audit.since(0).filter((e) => e.resource === "pods").map((e) => [e.actor, e.code])).toEqual([["kubectl", 403], ["kubectl", 200]]);
  });

  it("needs a user for groups, and the impersonate permission", () => {
    const c = cluster();
    expect(c.run("kubectl get pods --as-group=system:masters").err).toBe(
      "error: invalid configuration: requesting uid, groups or user-extra for kind-kind without impersonating a user\n",
    );
    // Without the kubeadm:cluster-admins binding the learner is an ordinary user.
    c.api.delete("system:apiserver", resolveResource("clusterrolebindings")!, undefined, "kubeadm:cluster-admins");
    expect(c.run("kubectl get pods --as=jane").err).toBe(
      'Error from server (Forbidden): users "jane" is forbidden: User "kubernetes-admin" cannot impersonate resource "users" in API group "" at the cluster scope\n',
    );
  });
});
