// The self-review APIs kubectl auth uses: SelfSubjectAccessReview ("can I do this?"),
// SelfSubjectRulesReview ("what can I do in this namespace?") and SelfSubjectReview ("who am I?").
// Each is a create that everyone authenticated may make (system:basic-user), audited like any request.
// mirrors the REST handlers in k/k pkg/registry/authorization/selfsubjectaccessreview/rest.go,
// selfsubjectrulesreview/rest.go and pkg/registry/authentication/selfsubjectreview/rest.go.
import type { SimClock } from "../../sim/clock";
import type { ApiServer } from "../apiServer";
import { serviceUnavailable, type ApiError } from "../errors";
import { authorizerOf } from "./install";
import { forbiddenError } from "./forbidden";
import { nodeIdentity } from "./nodeAuthorizer";
import { aggregate } from "./rbacAuthorizer";
import { nonResourceAttributes, resourceAttributes, type Attributes, type PolicyRule, type UserInfo } from "./types";

export interface ResourceAttributesSpec {
  namespace: string;
  verb: string;
  group: string;
  resource: string;
  subresource: string;
  name: string;
}

export interface AccessReviewStatus {
  allowed: boolean;
  reason: string;
  evaluationError: string;
}

export interface RulesReviewStatus {
  resourceRules: PolicyRule[];
  nonResourceRules: PolicyRule[];
  incomplete: boolean;
  evaluationError: string;
}

/** POSTs a review: the caller must be allowed to create it; the audit log records it. */
function review<T>(api: ApiServer, clock: SimClock, actor: string, group: string, resource: string, run: (user: UserInfo) => T): T {
  const base = { t: clock.now(), actor, verb: "create" as const, resource };
  if (!api.available) {
    api.audit.record({ ...base, code: 503 });
    throw serviceUnavailable("the server is currently unable to handle the request");
  }
  const authz = authorizerOf(api);
  const user = authz.userFor(actor);
  const a = resourceAttributes(user, "create", group, resource);
  const r = authz.authorize(a);
  if (r.decision !== "Allow") {
    const err: ApiError = forbiddenError(a, r.reason);
    api.audit.record({ ...base, code: err.code });
    throw err;
  }
  const out = run(user);
  api.audit.record({ ...base, code: 201 });
  return out;
}

export function selfSubjectAccessReview(api: ApiServer, clock: SimClock, actor: string, spec: ResourceAttributesSpec | { nonResourcePath: string; verb: string }): AccessReviewStatus {
  return review(api, clock, actor, "authorization.k8s.io", "selfsubjectaccessreviews", (user) => {
    const a: Attributes = "nonResourcePath" in spec
      ? nonResourceAttributes(user, spec.verb, spec.nonResourcePath)
      : resourceAttributes(user, spec.verb, spec.group, spec.resource, { subresource: spec.subresource, namespace: spec.namespace, name: spec.name });
    const r = authorizerOf(api).authorize(a);
    return { allowed: r.decision === "Allow", reason: r.reason, evaluationError: "" };
  });
}

export function selfSubjectRulesReview(api: ApiServer, clock: SimClock, actor: string, namespace: string): RulesReviewStatus {
  return review(api, clock, actor, "authorization.k8s.io", "selfsubjectrulesreviews", (user) => {
    const authz = authorizerOf(api);
    const errors: string[] = [];
    let incomplete = false;
    // The Node authorizer cannot enumerate what a node may do.
    if (authz.mode !== "AlwaysAllow" && nodeIdentity(user) !== undefined) {
      incomplete = true;
      errors.push("node authorizer does not support user rule resolution");
    }
    const { rules, errors: rbacErrors } = authz.mode === "AlwaysAllow"
      ? { rules: [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }, { verbs: ["*"], nonResourceURLs: ["*"] }] as PolicyRule[], errors: [] }
      : authz.rbac.rulesFor(user, namespace);
    errors.push(...rbacErrors);
    return {
      resourceRules: rules.filter((r) => (r.resources ?? []).length > 0).map((r) => ({ verbs: r.verbs, apiGroups: r.apiGroups ?? [], resources: r.resources ?? [], resourceNames: r.resourceNames ?? [] })),
      nonResourceRules: rules.filter((r) => (r.nonResourceURLs ?? []).length > 0).map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs ?? [] })),
      incomplete,
      evaluationError: errors.length > 0 ? aggregate(errors) : "",
    };
  });
}

export function selfSubjectReview(api: ApiServer, clock: SimClock, actor: string): UserInfo {
  return review(api, clock, actor, "authentication.k8s.io", "selfsubjectreviews", (user) => user);
}
