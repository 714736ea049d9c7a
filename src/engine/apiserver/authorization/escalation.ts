// RBAC escalation prevention: you cannot grant permissions you do not hold. Writing a Role or
// ClusterRole needs every rule in it to be covered by the writer's own rules (or the "escalate" verb on
// roles/clusterroles); writing a binding needs the bound role's rules covered (or the "bind" verb on that
// role). system:masters is exempt; an aggregationRule needs escalate.
// mirrors ConfirmNoEscalation, Covers, ruleCovers, resourceCoversAll, nonResourceURLCovers, CompactString
// (k/k pkg/registry/rbac/validation/{rule.go,policy_comparator.go}, pkg/apis/rbac/v1/evaluation_helpers.go)
// and the policybased storages of pkg/registry/rbac/{role,clusterrole,rolebinding,clusterrolebinding}.
import type { KubeObject } from "../../api/types";
import { ApiError } from "../errors";
import type { ApiAuthorizer } from "./authorizer";
import { breakdownRule, compactRules } from "./ruleLayout";
import { resourceAttributes, SystemPrivilegedGroup, type PolicyRule, type RoleRef, type UserInfo } from "./types";

const RBAC_GROUP = "rbac.authorization.k8s.io";
const RBAC_KINDS: Readonly<Record<string, string>> = { Role: "roles", ClusterRole: "clusterroles", RoleBinding: "rolebindings", ClusterRoleBinding: "clusterrolebindings" };

/** Whether writes of this kind go through the escalation check. */
export function isRbacKind(kind: string): boolean {
  return RBAC_KINDS[kind] !== undefined;
}

const hasAll = (set: readonly string[] | undefined, want: readonly string[] | undefined): boolean => (want ?? []).every((w) => (set ?? []).includes(w));
const has = (set: readonly string[] | undefined, v: string): boolean => (set ?? []).includes(v);

// mirrors resourceCoversAll
function resourceCoversAll(set: readonly string[] | undefined, covers: readonly string[] | undefined): boolean {
  if (has(set, "*") || hasAll(set, covers)) return true;
  for (const path of covers ?? []) {
    if (has(set, path)) continue;
    const slash = path.indexOf("/");
    if (slash < 0 || !has(set, `*/${path.slice(slash + 1)}`)) return false;
  }
  return true;
}

function nonResourceURLCovers(owner: string, sub: string): boolean {
  return owner === sub || (owner.endsWith("*") && sub.startsWith(owner.replace(/\*+$/, "")));
}

// mirrors ruleCovers
export function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = has(owner.verbs, "*") || hasAll(owner.verbs, sub.verbs);
  const groups = has(owner.apiGroups, "*") || hasAll(owner.apiGroups, sub.apiGroups);
  const resources = resourceCoversAll(owner.resources, sub.resources);
  const urls = (sub.nonResourceURLs ?? []).every((p) => (owner.nonResourceURLs ?? []).some((o) => nonResourceURLCovers(o, p)));
  const subNames = sub.resourceNames ?? [];
  const ownerNames = owner.resourceNames ?? [];
  const names = subNames.length === 0 ? ownerNames.length === 0 : ownerNames.length === 0 || hasAll(ownerNames, subNames);
  return verbs && groups && resources && names && urls;
}

/** Covers: the broken-down servant rules no owner rule covers. */
export function uncovered(owner: readonly PolicyRule[], servant: readonly PolicyRule[]): PolicyRule[] {
  return servant.flatMap(breakdownRule).filter((sub) => !owner.some((o) => ruleCovers(o, sub)));
}

const goQuoted = (xs: readonly string[]): string => `[${xs.map((x) => JSON.stringify(x)).join(" ")}]`;

// mirrors CompactString
export function compactString(r: PolicyRule): string {
  const parts: string[] = [];
  if ((r.apiGroups ?? []).length > 0) parts.push(`APIGroups:${goQuoted(r.apiGroups!)}`);
  if ((r.resources ?? []).length > 0) parts.push(`Resources:${goQuoted(r.resources!)}`);
  if ((r.nonResourceURLs ?? []).length > 0) parts.push(`NonResourceURLs:${goQuoted(r.nonResourceURLs!)}`);
  if ((r.resourceNames ?? []).length > 0) parts.push(`ResourceNames:${goQuoted(r.resourceNames!)}`);
  if (r.verbs.length > 0) parts.push(`Verbs:${goQuoted(r.verbs)}`);
  return `{${parts.join(", ")}}`;
}

function forbidden(resource: string, name: string, message: string): ApiError {
  return new ApiError(403, "Forbidden", `${resource}.${RBAC_GROUP} ${JSON.stringify(name)} is forbidden: ${message}`);
}

// mirrors ConfirmNoEscalation
function confirmNoEscalation(authz: ApiAuthorizer, user: UserInfo, namespace: string, rules: readonly PolicyRule[]): string | undefined {
  const { rules: owner, errors } = authz.rbac.rulesFor(user, namespace);
  const missing = uncovered(owner, rules);
  if (missing.length === 0) return undefined;
  const descriptions = [...new Set(compactRules(missing).map(compactString))].sort();
  let msg = `user ${JSON.stringify(user.name)} (groups=${goQuoted(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${descriptions.join("\n")}`;
  if (errors.length > 0) msg += `; resolution errors: [${errors.join(" ")}]`;
  return msg;
}

/**
 * The refusal for `user` writing the RBAC object `obj` (create or update) in `requestNamespace`, or
 * undefined when allowed. Objects of other kinds are not checked.
 */
export function checkEscalation(authz: ApiAuthorizer, user: UserInfo, obj: KubeObject, requestNamespace: string | undefined): ApiError | undefined {
  const resource = RBAC_KINDS[obj.kind];
  if (!resource || authz.mode === "AlwaysAllow" || user.groups.includes(SystemPrivilegedGroup)) return undefined;
  const namespace = obj.kind === "Role" || obj.kind === "RoleBinding" ? (requestNamespace ?? obj.metadata.namespace ?? "default") : "";
  const name = obj.metadata.name ?? "";
  const allowed = (verb: string, res: string, objName = ""): boolean =>
    authz.authorize(resourceAttributes(user, verb, RBAC_GROUP, res, { namespace, name: objName })).decision === "Allow";
  if (obj.kind === "Role" || obj.kind === "ClusterRole") {
    // RoleEscalationAuthorized: the escalate verb on roles (clusterroles) of this scope.
    if (allowed("escalate", resource)) return undefined;
    if (obj.kind === "ClusterRole" && obj.aggregationRule) return forbidden(resource, name, "must have cluster-admin privileges to use the aggregationRule");
    const msg = confirmNoEscalation(authz, user, namespace, ((obj as { rules?: PolicyRule[] | null }).rules ?? []) as PolicyRule[]);
    return msg ? forbidden(resource, name, msg) : undefined;
  }
  const ref = (obj as { roleRef?: RoleRef }).roleRef;
  if (!ref) return undefined; // validation answers for a binding without roleRef
  // BindingAuthorized: the bind verb on the referenced role.
  if (allowed("bind", ref.kind === "Role" ? "roles" : "clusterroles", ref.name)) return undefined;
  const { rules, error } = authz.rbac.roleReferenceRulesOf(ref, namespace);
  if (error) return new ApiError(400, "BadRequest", error);
  const msg = confirmNoEscalation(authz, user, namespace, rules);
  return msg ? forbidden(resource, name, msg) : undefined;
}

