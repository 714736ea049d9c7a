// Impersonation as k8s.io/apiserver pkg/endpoints/filters/impersonation.go does it: each requested
// identity needs the "impersonate" verb on users / groups / serviceaccounts; a service account brings its
// groups unless groups are given; system:authenticated is added; groups without a user are refused.
import { describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import { impersonate, impersonatedUser } from "./impersonation";
import { bindingObject, newRbacKernel, roleObject, user } from "./testing/rbacKernel";
import { KUBERNETES_ADMIN } from "./identities";

describe("impersonation", () => {
  it("lets cluster-admin act as a user, a service account (with its groups) or a user with groups", () => {
    const k = newRbacKernel();
    expect(impersonatedUser(k.authz, KUBERNETES_ADMIN, { user: "jane", groups: [] })).toEqual({ name: "jane", groups: ["system:authenticated"] });
    expect(impersonatedUser(k.authz, KUBERNETES_ADMIN, { user: "system:serviceaccount:dev:ci", groups: [] })).toEqual({
      name: "system:serviceaccount:dev:ci",
      groups: ["system:serviceaccounts", "system:serviceaccounts:dev", "system:authenticated"],
    });
    expect(impersonatedUser(k.authz, KUBERNETES_ADMIN, { user: "system:serviceaccount:dev:ci", groups: ["qa"] })).toEqual({
      name: "system:serviceaccount:dev:ci",
      groups: ["qa", "system:authenticated"],
    });
    expect(impersonatedUser(k.authz, KUBERNETES_ADMIN, { user: "bob", groups: ["system:authenticated", "qa"] })).toEqual({ name: "bob", groups: ["system:authenticated", "qa"] });
    expect(impersonatedUser(k.authz, KUBERNETES_ADMIN, { user: "system:anonymous", groups: [] })).toEqual({ name: "system:anonymous", groups: ["system:unauthenticated"] });
  });

  it("refuses a requester without the impersonate verb, naming what it tried to become", () => {
    const k = newRbacKernel();
    const jane = { name: "jane", groups: ["system:authenticated"] };
    const r = impersonatedUser(k.authz, jane, { user: "bob", groups: [] });
    expect(r).toBeInstanceOf(ApiError);
    expect((r as ApiError).toKubectl()).toBe('Error from server (Forbidden): users "bob" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope');
    const sa = impersonatedUser(k.authz, jane, { user: "system:serviceaccount:default:ci", groups: [] }) as ApiError;
    expect(sa.message).toBe('serviceaccounts "ci" is forbidden: User "jane" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "default"');
    // The edit role lets a user impersonate the service accounts of its namespace.
    k.api.create("kubectl", roleObject("impersonate-sa", "default", [{ apiGroups: [""], resources: ["serviceaccounts"], verbs: ["impersonate"] }]));
    k.api.create("kubectl", bindingObject("jane-impersonates", "default", { kind: "Role", name: "impersonate-sa" }, [user("jane")]));
    expect(impersonatedUser(k.authz, jane, { user: "system:serviceaccount:default:ci", groups: [] })).toMatchObject({ name: "system:serviceaccount:default:ci" });
  });

  it("answers groups without a user with the server's 500, and ends the impersonation when told", () => {
    const k = newRbacKernel();
    const r = impersonatedUser(k.authz, KUBERNETES_ADMIN, { groups: ["manager"] }) as ApiError;
    expect(r.code).toBe(500);
    expect(r.message).toBe("Internal error occurred: requested [{Group  manager    }] without impersonating a user");
    const stop = impersonate(k.api, "kubectl", { user: "jane", groups: [] });
    expect(typeof stop).toBe("function");
    expect(k.authz.userFor("kubectl").name).toBe("jane");
    (stop as () => void)();
    expect(k.authz.userFor("kubectl")).toBe(KUBERNETES_ADMIN);
  });
});
