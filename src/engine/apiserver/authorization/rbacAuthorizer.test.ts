// RBAC semantics from web reference/access-authn-authz/rbac.md and k/k pkg/registry/rbac/validation
// rule.go (appliesToUser, describeSubject): bindings grant, nothing denies; a RoleBinding to a
// ClusterRole grants only in its namespace; a ServiceAccount subject without namespace means the
// binding's namespace; a binding to a missing role reports it in the reason.
import { describe, expect, it } from "vitest";
import { resolveResource } from "../../api/registry";
import { bindingObject, group, newRbacKernel, roleObject, user } from "./testing/rbacKernel";
import { resourceAttributes } from "./types";

const pods = resolveResource("pods")!;
const secrets = resolveResource("secrets")!;
const jane = { name: "jane", groups: ["system:authenticated"] };

describe("RBACAuthorizer", () => {
  it("allows what a RoleBinding grants, only in its namespace, and names the source", () => {
    const k = newRbacKernel();
    k.api.create("kubectl", roleObject("pod-reader", "default", [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "watch", "list"] }]));
    k.api.create("kubectl", bindingObject("read-pods", "default", { kind: "Role", name: "pod-reader" }, [user("jane")]));
    const inDefault = k.authz.authorize(resourceAttributes(jane, "list", "", "pods", { namespace: "default" }));
    expect(inDefault).toEqual({ decision: "Allow", reason: 'RBAC: allowed by RoleBinding "read-pods/default" of Role "pod-reader" to User "jane"' });
    expect(k.authz.authorize(resourceAttributes(jane, "list", "", "pods", { namespace: "kube-system" })).decision).toBe("NoOpinion");
    expect(k.authz.authorize(resourceAttributes(jane, "list", "", "pods")).decision).toBe("NoOpinion");
    expect(k.authz.authorize(resourceAttributes(jane, "delete", "", "pods", { namespace: "default", name: "x" })).decision).toBe("NoOpinion");
  });

  it("grants a ClusterRole's rules everywhere through a ClusterRoleBinding, and only locally through a RoleBinding", () => {
    const k = newRbacKernel();
    k.api.create("kubectl", roleObject("secret-reader", undefined, [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "watch", "list"] }]));
    k.api.create("kubectl", bindingObject("read-secrets-global", undefined, { kind: "ClusterRole", name: "secret-reader" }, [group("manager")]));
    k.api.create("kubectl", { apiVersion: "v1", kind: "Namespace", metadata: { name: "development" } } as never);
    k.api.create("kubectl", bindingObject("read-secrets", "development", { kind: "ClusterRole", name: "secret-reader" }, [user("dave")]));
    const manager = { name: "ann", groups: ["manager", "system:authenticated"] };
    const dave = { name: "dave", groups: ["system:authenticated"] };
    expect(k.authz.authorize(resourceAttributes(manager, "get", "", "secrets", { namespace: "kube-system", name: "s" })).reason)
      .toBe('RBAC: allowed by ClusterRoleBinding "read-secrets-global" of ClusterRole "secret-reader" to Group "manager"');
    expect(k.authz.authorize(resourceAttributes(dave, "list", "", "secrets", { namespace: "development" })).decision).toBe("Allow");
    expect(k.authz.authorize(resourceAttributes(dave, "list", "", "secrets", { namespace: "default" })).decision).toBe("NoOpinion");
  });

  it("reads a ServiceAccount subject without a namespace as the RoleBinding's namespace", () => {
    const k = newRbacKernel();
    const sa = { name: "system:serviceaccount:default:builder", groups: ["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"] };
    const other = { name: "system:serviceaccount:dev:builder", groups: ["system:serviceaccounts", "system:authenticated"] };
    k.api.create("kubectl", roleObject("pods", "default", [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }]));
    k.api.create("kubectl", bindingObject("sa-pods", "default", { kind: "Role", name: "pods" }, [{ kind: "ServiceAccount", name: "builder" }]));
    expect(k.authz.authorize(resourceAttributes(sa, "get", "", "pods", { namespace: "default", name: "p" })).reason)
      .toBe('RBAC: allowed by RoleBinding "sa-pods/default" of Role "pods" to ServiceAccount "builder/default"');
    expect(k.authz.authorize(resourceAttributes(other, "get", "", "pods", { namespace: "default", name: "p" })).decision).toBe("NoOpinion");
  });

  it("reports a binding whose role does not exist, and forgets cached rules when bindings change", () => {
    const k = newRbacKernel();
    k.api.create("kubectl", bindingObject("dangling", "default", { kind: "Role", name: "missing" }, [user("jane")]));
    expect(k.authz.authorize(resourceAttributes(jane, "get", "", "pods", { namespace: "default", name: "p" }))).toEqual({
      decision: "NoOpinion",
      reason: 'RBAC: role.rbac.authorization.k8s.io "missing" not found',
    });
    k.api.create("kubectl", roleObject("missing", "default", [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }]));
    expect(k.authz.authorize(resourceAttributes(jane, "get", "", "pods", { namespace: "default", name: "p" })).decision).toBe("Allow");
    k.api.delete("kubectl", resolveResource("rolebindings")!, "default", "dangling");
    expect(k.authz.authorize(resourceAttributes(jane, "get", "", "pods", { namespace: "default", name: "p" })).decision).toBe("NoOpinion");
  });

  it("lists the rules that apply to a user (the rule resolver behind SelfSubjectRulesReview)", () => {
    const k = newRbacKernel();
    k.api.create("kubectl", roleObject("pod-reader", "default", [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }]));
    k.api.create("kubectl", bindingObject("read-pods", "default", { kind: "Role", name: "pod-reader" }, [user("jane")]));
    const { rules, errors } = k.authz.rbac.rulesFor(jane, "default");
    expect(errors).toEqual([]);
    // system:basic-user, system:discovery and system:public-info-viewer apply to every authenticated user.
    expect(rules).toContainEqual({ apiGroups: [""], resources: ["pods"], verbs: ["get"] });
    expect(rules).toContainEqual({ verbs: ["create"], apiGroups: ["authorization.k8s.io"], resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"] });
    expect(k.authz.rbac.rulesFor(jane, "kube-system").rules).not.toContainEqual({ apiGroups: [""], resources: ["pods"], verbs: ["get"] });
  });

  it("answers API requests with upstream's 403 wording for each scope", () => {
    const k = newRbacKernel();
    k.authz.setImpersonation("kubectl", jane);
    const err = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return (e as Error).message;
      }
      return "no error";
    };
    expect(err(() => k.api.list("kubectl", pods, "default"))).toBe('pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
    expect(err(() => k.api.list("kubectl", pods, undefined))).toBe('pods is forbidden: User "jane" cannot list resource "pods" in API group "" at the cluster scope');
    expect(err(() => k.api.get("kubectl", secrets, "default", "db"))).toBe('secrets "db" is forbidden: User "jane" cannot get resource "secrets" in API group "" in the namespace "default"');
    expect(err(() => k.api.evict("kubectl", "default", "web-0"))).toBe('pods "web-0" is forbidden: User "jane" cannot create resource "pods/eviction" in API group "" in the namespace "default"');
    expect(err(() => k.api.create("kubectl", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d", namespace: "default" } } as never)))
      .toBe('deployments.apps is forbidden: User "jane" cannot create resource "deployments" in API group "apps" in the namespace "default"');
    expect(k.audit.since(0).at(-1)).toMatchObject({ actor: "kubectl", verb: "create", resource: "deployments", code: 403 });
    k.authz.setImpersonation("kubectl", undefined);
    expect(k.api.list("kubectl", pods, "default")).toEqual([]);
  });
});
