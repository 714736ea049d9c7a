// ApiAuthorizer: kube-apiserver's authorization chain as the API server consults it before every request.
// kubeadm starts kube-apiserver with --authorization-mode=Node,RBAC; in front of those sits the
// privileged-group authorizer that lets system:masters do anything. The first authorizer to Allow wins;
// when none does, the request gets 403 with the reasons joined.
// mirrors BuildAuthorizer (pkg/kubeapiserver/authorizer/config.go), authorizerfactory.NewPrivilegedGroups
// and the union authorizer (k8s.io/apiserver/pkg/authorization/union/union.go).
import type { ResourceType } from "../../api/registry";
import type { KubeObject } from "../../api/types";
import type { ApiError } from "../errors";
import type { Store } from "../store";
import { checkEscalation, isRbacKind } from "./escalation";
import { forbiddenError } from "./forbidden";
import { identityOf } from "./identities";
import { NodeAuthorizer } from "./nodeAuthorizer";
import { RBACAuthorizer } from "./rbacAuthorizer";
import { upstreamRequest } from "./simulationDeltas";
import { resourceAttributes, SystemPrivilegedGroup, type Attributes, type AuthorizationResult, type UserInfo } from "./types";

/** AlwaysAllow: a bare API server (unit tests). Node,RBAC: the kubeadm cluster. */
export type AuthorizationMode = "AlwaysAllow" | "Node,RBAC";

/** What the API server asks before running a request. */
export interface RequestAuthorizer {
  /** The 403 to answer with, or undefined when the request may proceed. */
  authorizeRequest(actor: string, verb: string, rt: ResourceType, namespace: string | undefined, name: string | undefined, subresource: string | undefined): ApiError | undefined;
  /** The RBAC registry's escalation check on a Role/ClusterRole/binding create or update. */
  checkRbacWrite?(actor: string, obj: KubeObject, namespace: string | undefined): ApiError | undefined;
}

/** A leaf of the allowed-request cache: every object name is allowed. */
const ANY_NAME = true;
type AllowedNames = typeof ANY_NAME | Set<string>;
/** resource type → verb → subresource ("" for none) → namespace ("" for none) → allowed names. */
type AllowedByResource = Map<ResourceType, Map<string, Map<string, Map<string, AllowedNames>>>>;

function leafMap(byResource: AllowedByResource, rt: ResourceType, verb: string, subresource: string): Map<string, AllowedNames> {
  let byVerb = byResource.get(rt);
  if (byVerb === undefined) byResource.set(rt, (byVerb = new Map()));
  let bySub = byVerb.get(verb);
  if (bySub === undefined) byVerb.set(verb, (bySub = new Map()));
  let byNs = bySub.get(subresource);
  if (byNs === undefined) bySub.set(subresource, (byNs = new Map()));
  return byNs;
}

export class ApiAuthorizer implements RequestAuthorizer {
  readonly rbac: RBACAuthorizer;
  private readonly node = new NodeAuthorizer();
  /** Identities assumed with --as/--as-group, per actor, for the duration of one command. */
  private readonly impersonated = new Map<string, UserInfo>();
  /**
   * Allowed requests per identity, valid while no RBAC object changes (the Node rules are static). Every
   * component repeats the same few requests thousands of times (a kubelet's event creates, its pod status
   * patches); resolving the rules again for each was a measurable share of every write. Nested maps keyed
   * by the request's own strings (no key string built per request); a leaf is ANY_NAME when a name-free
   * rule allows the request (any object name), else the set of names found allowed.
   */
  private allowed = new WeakMap<UserInfo, AllowedByResource>();
  private allowedGeneration = -1;

  constructor(
    store: Store,
    public mode: AuthorizationMode = "Node,RBAC",
  ) {
    this.rbac = new RBACAuthorizer(store);
  }

  /** The identity `actor`'s requests run as now (an impersonated one while a command impersonates). */
  userFor(actor: string): UserInfo {
    return this.impersonated.get(actor) ?? identityOf(actor);
  }

  setImpersonation(actor: string, user: UserInfo | undefined): void {
    if (user) this.impersonated.set(actor, user);
    else this.impersonated.delete(actor);
  }

  // mirrors unionAuthzHandler.Authorize over [privilegedGroups, Node, RBAC]
  authorize(a: Attributes): AuthorizationResult {
    if (this.mode === "AlwaysAllow") return { decision: "Allow", reason: "" };
    if (a.user.groups.includes(SystemPrivilegedGroup)) return { decision: "Allow", reason: "" };
    const node = this.node.authorize(a);
    if (node.decision !== "NoOpinion") return node;
    const rbac = this.rbac.authorize(a);
    if (rbac.decision !== "NoOpinion") return rbac;
    return { decision: "NoOpinion", reason: [node.reason, rbac.reason].filter((r) => r !== "").join("\n") };
  }

  checkRbacWrite(actor: string, obj: KubeObject, namespace: string | undefined): ApiError | undefined {
    if (this.mode === "AlwaysAllow" || !isRbacKind(obj.kind)) return undefined;
    return checkEscalation(this, this.userFor(actor), obj, namespace);
  }

  authorizeRequest(actor: string, verb: string, rt: ResourceType, namespace: string | undefined, name: string | undefined, subresource: string | undefined): ApiError | undefined {
    if (this.mode === "AlwaysAllow") return undefined;
    const user = this.userFor(actor);
    // Fast path: the privileged group needs no attributes at all (the loopback client, kubeadm).
    if (user.groups.includes(SystemPrivilegedGroup)) return undefined;
    // A create names no object unless it posts to a subresource (pods/x/binding, pods/x/eviction).
    const objectName = verb === "create" && !subresource ? "" : (name ?? "");
    if (this.allowedGeneration !== this.rbac.generation) {
      this.allowed = new WeakMap();
      this.allowedGeneration = this.rbac.generation;
    }
    let byResource = this.allowed.get(user);
    if (byResource === undefined) this.allowed.set(user, (byResource = new Map()));
    const names = leafMap(byResource, rt, verb, subresource ?? "");
    const nsKey = namespace ?? "";
    const leaf = names.get(nsKey);
    if (leaf === ANY_NAME || (leaf !== undefined && leaf.has(objectName))) return undefined;
    const delta = upstreamRequest(actor, verb, rt.resource, subresource ?? "");
    const a = resourceAttributes(user, delta?.verb ?? verb, rt.group, rt.resource, {
      subresource: delta?.subresource ?? subresource ?? "",
      namespace: rt.namespaced ? (namespace ?? "") : "",
      name: objectName,
    });
    const r = this.authorize(a);
    if (r.decision !== "Allow") return forbiddenError(a, r.reason);
    if (this.node.allowsAnyName(a) || this.rbac.allowsAnyName(a)) {
      names.set(nsKey, ANY_NAME);
      return undefined;
    }
    let set = leaf;
    if (set === undefined) names.set(nsKey, (set = new Set()));
    // Named requests allowed only by resourceNames rules would grow the set without bound.
    if (set.size >= 4096) set.clear();
    set.add(objectName);
    return undefined;
  }
}
