// RBACAuthorizer: the "RBAC" authorization mode. A request is allowed when some rule of a Role or
// ClusterRole, bound to the user (directly, through a group, or as a service account) by a
// ClusterRoleBinding — or by a RoleBinding in the request's namespace — covers it. Deny by default:
// there are no deny rules. A binding that points at a missing role contributes an error that ends up in
// the denial's reason ("RBAC: role.rbac.authorization.k8s.io \"x\" not found").
// mirrors RBACAuthorizer.Authorize / RulesFor (plugin/pkg/auth/authorizer/rbac/rbac.go) and
// DefaultRuleResolver.VisitRulesFor, GetRoleReferenceRules, appliesTo, describeSubject
// (pkg/registry/rbac/validation/rule.go).
//
// Performance: the rules that apply to one identity in one namespace are resolved once and cached; any
// write to a Role, ClusterRole or binding drops the caches (a few hundred objects, rebuilt lazily).
import type { KubeObject } from "../../api/types";
import type { Store } from "../store";
import { ruleAllows, ruleAllowsAnyName } from "./ruleMatching";
import { matchesServiceAccountUsername } from "./serviceAccounts";
import type { Attributes, AuthorizationResult, PolicyRule, RoleRef, Subject, UserInfo } from "./types";

const RBAC_RESOURCES = new Set(["roles", "clusterroles", "rolebindings", "clusterrolebindings"]);

/** The rules one binding grants, with the sentence upstream uses to name their source. */
interface BoundRules {
  readonly source: string;
  readonly rules: readonly PolicyRule[];
}

interface ResolvedRules {
  readonly bound: readonly BoundRules[];
  /** Role-resolution errors, in visiting order. */
  readonly errors: readonly string[];
}

interface Binding extends KubeObject {
  subjects?: Subject[];
  roleRef?: RoleRef;
}

interface Role extends KubeObject {
  rules?: PolicyRule[] | null;
}

export class RBACAuthorizer {
  private dirty = true;
  /** Bumped whenever a Role, ClusterRole or binding changes: decisions cached by callers are stale. */
  generation = 0;
  private clusterRoleBindings: Binding[] = [];
  private roleBindings = new Map<string, Binding[]>();
  private readonly resolved = new Map<string, ResolvedRules>();
  /** Identities are long-lived objects (one per actor): their cache-key prefix is computed once. */
  private readonly userKeys = new WeakMap<UserInfo, string>();

  constructor(private readonly store: Store) {
    store.onEvent((e) => {
      if (RBAC_RESOURCES.has(e.resource)) {
        this.dirty = true;
        this.generation++;
      }
    });
  }

  authorize(a: Attributes): AuthorizationResult {
    const r = this.resolve(a.user, a.namespace);
    for (const b of r.bound) {
      for (const rule of b.rules) if (ruleAllows(a, rule)) return { decision: "Allow", reason: `RBAC: allowed by ${b.source}` };
    }
    return { decision: "NoOpinion", reason: r.errors.length > 0 ? `RBAC: ${aggregate(r.errors)}` : "" };
  }

  /** Whether a bound rule without resourceNames allows `a`: then any object name is allowed. */
  allowsAnyName(a: Attributes): boolean {
    const r = this.resolve(a.user, a.namespace);
    for (const b of r.bound) for (const rule of b.rules) if (ruleAllowsAnyName(a, rule)) return true;
    return false;
  }

  /** Every rule that applies to `user` in `namespace` ("" = cluster bindings only), and the errors met. */
  rulesFor(user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
    const r = this.resolve(user, namespace);
    return { rules: r.bound.flatMap((b) => b.rules), errors: [...r.errors] };
  }

  /** The rules of the role a binding in `namespace` refers to, or the lister's error. */
  roleReferenceRulesOf(ref: RoleRef, namespace: string): { rules: readonly PolicyRule[]; error?: string } {
    const errors: string[] = [];
    const rules = this.roleReferenceRules(ref, namespace, errors);
    return rules ? { rules } : { rules: [], error: errors[0] };
  }

  private resolve(user: UserInfo, namespace: string): ResolvedRules {
    if (this.dirty) this.rebuild();
    let userKey = this.userKeys.get(user);
    if (userKey === undefined) {
      userKey = `${user.name}\u0000${user.groups.join("\u0001")}\u0000`;
      this.userKeys.set(user, userKey);
    }
    const key = userKey + namespace;
    let r = this.resolved.get(key);
    if (!r) {
      r = this.visit(user, namespace);
      this.resolved.set(key, r);
    }
    return r;
  }

  // mirrors DefaultRuleResolver.VisitRulesFor: ClusterRoleBindings first, then the namespace's RoleBindings.
  private visit(user: UserInfo, namespace: string): ResolvedRules {
    const bound: BoundRules[] = [];
    const errors: string[] = [];
    for (const b of this.clusterRoleBindings) {
      const subject = appliesTo(user, b.subjects ?? [], "");
      if (!subject) continue;
      const rules = this.roleReferenceRules(b.roleRef, "", errors);
      if (rules) bound.push({ source: `ClusterRoleBinding ${JSON.stringify(b.metadata.name)} of ${b.roleRef?.kind} ${JSON.stringify(b.roleRef?.name)} to ${describeSubject(subject, "")}`, rules });
    }
    if (namespace !== "") {
      for (const b of this.roleBindings.get(namespace) ?? []) {
        const subject = appliesTo(user, b.subjects ?? [], namespace);
        if (!subject) continue;
        const rules = this.roleReferenceRules(b.roleRef, namespace, errors);
        const name = `${b.metadata.name}/${namespace}`;
        if (rules) bound.push({ source: `RoleBinding ${JSON.stringify(name)} of ${b.roleRef?.kind} ${JSON.stringify(b.roleRef?.name)} to ${describeSubject(subject, namespace)}`, rules });
      }
    }
    return { bound, errors };
  }

  // mirrors GetRoleReferenceRules; the lister's NotFound reads `role.rbac.authorization.k8s.io "x" not found`.
  private roleReferenceRules(ref: RoleRef | undefined, namespace: string, errors: string[]): readonly PolicyRule[] | undefined {
    const kind = ref?.kind ?? "";
    const name = ref?.name ?? "";
    let role: Role | undefined;
    if (kind === "Role") role = this.store.get("roles", `roles/${namespace}/${name}`) as Role | undefined;
    else if (kind === "ClusterRole") role = this.store.get("clusterroles", `clusterroles/${name}`) as Role | undefined;
    else {
      errors.push(`unsupported role reference kind: ${JSON.stringify(kind)}`);
      return undefined;
    }
    if (!role) {
      errors.push(`${kind.toLowerCase()}.rbac.authorization.k8s.io ${JSON.stringify(name)} not found`);
      return undefined;
    }
    return role.rules ?? [];
  }

  private rebuild(): void {
    this.dirty = false;
    this.resolved.clear();
    this.clusterRoleBindings = this.store.list("clusterrolebindings") as Binding[];
    this.roleBindings = new Map();
    for (const b of this.store.list("rolebindings") as Binding[]) {
      const ns = b.metadata.namespace ?? "";
      let list = this.roleBindings.get(ns);
      if (!list) this.roleBindings.set(ns, (list = []));
      list.push(b);
    }
  }
}

// mirrors appliesTo / appliesToUser: the first subject of the binding that names this user.
export function appliesTo(user: UserInfo, subjects: readonly Subject[], namespace: string): Subject | undefined {
  for (const s of subjects) if (appliesToUser(user, s, namespace)) return s;
  return undefined;
}

export function appliesToUser(user: UserInfo, s: Subject, namespace: string): boolean {
  switch (s.kind) {
    case "User":
      return user.name === s.name;
    case "Group":
      return user.groups.includes(s.name);
    case "ServiceAccount": {
      // A service account subject without a namespace means the binding's own namespace.
      const ns = s.namespace ? s.namespace : namespace;
      if (ns === "") return false;
      return matchesServiceAccountUsername(ns, s.name, user.name);
    }
    default:
      return false;
  }
}

// mirrors describeSubject
function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === "ServiceAccount") return `${s.kind} ${JSON.stringify(`${s.name}/${s.namespace ? s.namespace : bindingNamespace}`)}`;
  return `${s.kind} ${JSON.stringify(s.name)}`;
}

/** utilerrors.NewAggregate(errs).Error(): one message as it is, several in brackets. */
export function aggregate(errors: readonly string[]): string {
  return errors.length === 1 ? (errors[0] as string) : `[${errors.join(", ")}]`;
}
