// RBAC escalation prevention (web reference/access-authn-authz/rbac.md "Privilege escalation prevention
// and bootstrapping"; k/k pkg/registry/rbac/validation ConfirmNoEscalation, Covers): a user may create a
// role only with permissions it holds, or with the escalate verb; may bind a role only if it holds the
// role's permissions, or has the bind verb on it.
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { ApiError } from "../errors";
import { compactString, ruleCovers } from "./escalation";
import { bindingObject, newRbacKernel, roleObject, user } from "./testing/rbacKernel";

function setup() {
  const k = newRbacKernel();
  // jane administers pods in default (and may manage roles and bindings there), nothing else.
  k.api.create("kubectl", roleObject("pod-admin", "default", [
    { apiGroups: [""], resources: ["pods"], verbs: ["*"] },
    { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles", "rolebindings"], verbs: ["create", "update", "get"] },
  ]));
  k.api.create("kubectl", bindingObject("jane-pod-admin", "default", { kind: "Role", name: "pod-admin" }, [user("jane")]));
  const asJane = (obj: KubeObject): string => {
    k.authz.setImpersonation("kubectl", { name: "jane", groups: ["system:authenticated"] });
    try {
      k.api.create("kubectl", obj);
      return "created";
    } catch (e) {
      return (e as ApiError).toKubectl();
    } finally {
      k.authz.setImpersonation("kubectl", undefined);
    }
  };
  return { k, asJane };
}

describe("escalation prevention", () => {
  it("lets a user create a role within its own permissions, and refuses one beyond them", () => {
    const { asJane } = setup();
    expect(asJane(roleObject("pod-reader", "default", [{ apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list"] }]))).toBe(
      'Error from server (Forbidden): roles.rbac.authorization.k8s.io "pod-reader" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods/log"], Verbs:["get" "list"]}',
    );
    expect(asJane(roleObject("pod-reader", "default", [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }]))).toBe("created");
  });

  it("lets a user bind a role it could have written itself, but not a stronger one", () => {
    const { asJane } = setup();
    expect(asJane(bindingObject("bob-pods", "default", { kind: "Role", name: "pod-admin" }, [user("bob")]))).toBe("created");
    expect(asJane(bindingObject("bob-admin", "default", { kind: "ClusterRole", name: "cluster-admin" }, [user("bob")]))).toMatch(
      /^Error from server \(Forbidden\): rolebindings.rbac.authorization.k8s.io "bob-admin" is forbidden: user "jane" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n/,
    );
    expect(asJane(bindingObject("dangling", "default", { kind: "Role", name: "nope" }, [user("bob")]))).toBe('Error from server (BadRequest): role.rbac.authorization.k8s.io "nope" not found');
  });

  it("exempts holders of escalate/bind and cluster-admin", () => {
    const { k, asJane } = setup();
    k.api.create("kubectl", roleObject("escalator", "default", [{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["escalate"] }]));
    k.api.create("kubectl", bindingObject("jane-escalates", "default", { kind: "Role", name: "escalator" }, [user("jane")]));
    expect(asJane(roleObject("secrets", "default", [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }]))).toBe("created");
    // kubernetes-admin holds everything through cluster-admin.
    expect(k.api.create("kubectl", roleObject("anything", "kube-system", [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }])).metadata.name).toBe("anything");
  });

  it("covers subresources with */x rules and names only with the same or no names", () => {
    expect(ruleCovers({ verbs: ["get"], apiGroups: ["*"], resources: ["*/scale"] }, { verbs: ["get"], apiGroups: ["apps"], resources: ["deployments/scale"] })).toBe(true);
    expect(ruleCovers({ verbs: ["get"], apiGroups: [""], resources: ["pods"], resourceNames: ["a"] }, { verbs: ["get"], apiGroups: [""], resources: ["pods"] })).toBe(false);
    expect(ruleCovers({ verbs: ["get"], nonResourceURLs: ["/apis/*"] }, { verbs: ["get"], nonResourceURLs: ["/apis/apps"] })).toBe(true);
    expect(compactString({ verbs: ["get"], nonResourceURLs: ["/healthz"] })).toBe('{NonResourceURLs:["/healthz"], Verbs:["get"]}');
  });
});
