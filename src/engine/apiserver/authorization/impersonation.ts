// Impersonation (kubectl --as, --as-group, --as-uid): the requester must be allowed the "impersonate"
// verb on each thing it asks to become (users, groups, serviceaccounts, uids); the request then runs as
// that identity. A service account username brings its groups with it unless groups are given; every
// non-anonymous identity gets system:authenticated unless system:(un)authenticated was asked for.
// mirrors WithImpersonation and buildImpersonationRequests
// (k8s.io/apiserver/pkg/endpoints/filters/impersonation.go).
import type { ApiServer } from "../apiServer";
import { ApiError } from "../errors";
import type { ApiAuthorizer } from "./authorizer";
import { identityOf } from "./identities";
import { authorizerOf } from "./install";
import { forbiddenError } from "./forbidden";
import { makeGroupNames, makeUsername, splitUsername } from "./serviceAccounts";
import { AllAuthenticated, AllUnauthenticated, Anonymous, resourceAttributes, type UserInfo } from "./types";

export interface ImpersonationRequest {
  user?: string;
  groups: readonly string[];
  uid?: string;
}

interface Target {
  kind: "ServiceAccount" | "User" | "Group" | "UID";
  namespace?: string;
  name: string;
}

// Go's %v of a v1.ObjectReference: {Kind Namespace Name UID APIVersion ResourceVersion FieldPath}.
function goObjectReference(t: Target): string {
  const apiVersion = t.kind === "UID" ? "authentication.k8s.io/v1" : "";
  return `{${[t.kind, t.namespace ?? "", t.name, "", apiVersion, "", ""].join(" ")}}`;
}

function targets(req: ImpersonationRequest): Target[] {
  const out: Target[] = [];
  if (req.user) {
    const sa = splitUsername(req.user);
    out.push(sa ? { kind: "ServiceAccount", namespace: sa[0], name: sa[1] } : { kind: "User", name: req.user });
  }
  for (const g of req.groups) out.push({ kind: "Group", name: g });
  if (req.uid) out.push({ kind: "UID", name: req.uid });
  return out;
}

/**
 * The identity `requestor` becomes, or the error the API server answers: 500 when groups or a uid come
 * without a user, 403 when an impersonation is not allowed.
 */
export function impersonatedUser(authz: ApiAuthorizer, requestor: UserInfo, req: ImpersonationRequest): UserInfo | ApiError {
  const list = targets(req);
  if (!req.user && list.length > 0) {
    return new ApiError(500, "InternalError", `Internal error occurred: requested [${list.map(goObjectReference).join(" ")}] without impersonating a user`);
  }
  const groupsSpecified = req.groups.length > 0;
  let username = "";
  let uid: string | undefined;
  let groups: string[] = [];
  for (const t of list) {
    let resource: string;
    let apiGroup = "";
    switch (t.kind) {
      case "ServiceAccount":
        resource = "serviceaccounts";
        username = makeUsername(t.namespace ?? "", t.name);
        if (!groupsSpecified) groups = makeGroupNames(t.namespace ?? "");
        break;
      case "User":
        resource = "users";
        username = t.name;
        break;
      case "Group":
        resource = "groups";
        groups.push(t.name);
        break;
      case "UID":
        resource = "uids";
        apiGroup = "authentication.k8s.io";
        uid = t.name;
        break;
    }
    const a = resourceAttributes(requestor, "impersonate", apiGroup, resource, { namespace: t.namespace, name: t.name });
    const r = authz.authorize(a);
    if (r.decision !== "Allow") return forbiddenError(a, r.reason);
  }
  if (username !== Anonymous) {
    if (!groups.includes(AllAuthenticated) && !groups.includes(AllUnauthenticated)) groups.push(AllAuthenticated);
  } else if (!groups.includes(AllUnauthenticated)) {
    groups.push(AllUnauthenticated);
  }
  return { name: username, groups, ...(uid !== undefined ? { uid } : {}) };
}

/**
 * Makes `actor`'s requests run as the impersonated identity (kubectl --as for one command). Returns the
 * function that ends the impersonation, or the API server's refusal.
 */
export function impersonate(api: ApiServer, actor: string, req: ImpersonationRequest): (() => void) | ApiError {
  const authz = authorizerOf(api);
  const user = impersonatedUser(authz, identityOf(actor), req);
  if (user instanceof ApiError) return user;
  authz.setImpersonation(actor, user);
  return () => authz.setImpersonation(actor, undefined);
}
