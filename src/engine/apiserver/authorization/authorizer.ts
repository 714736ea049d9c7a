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

export class ApiAuthorizer implements RequestAuthorizer {
  readonly rbac: RBACAuthorizer;
  private readonly node = new NodeAuthorizer();
  /** Identities assumed with --as/--as-group, per actor, for the duration of one command. */
  private readonly impersonated = new Map<string, UserInfo>();
  /**
   * Allowed requests per identity and attributes, valid while no RBAC object changes (the Node rules are
   * static). Every component repeats the same few requests thousands of times (a kubelet's event creates,
   * its pod status patches); resolving the rules again for each was a measurable share of every write.
   */
  private allowed = new WeakMap<UserInfo, Set<string>>();
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
    const cacheKey = `${verb}\u0000${rt.group}\u0000${rt.resource}\u0000${subresource ?? ""}\u0000${namespace ?? ""}\u0000${objectName}`;
    let allowed = this.allowed.get(user);
    if (allowed?.has(cacheKey)) return undefined;
    const delta = upstreamRequest(actor, verb, rt.resource, subresource ?? "");
    const a = resourceAttributes(user, delta?.verb ?? verb, rt.group, rt.resource, {
      subresource: delta?.subresource ?? subresource ?? "",
      namespace: rt.namespaced ? (namespace ?? "") : "",
      name: objectName,
    });
    const r = this.authorize(a);
    if (r.decision !== "Allow") return forbiddenError(a, r.reason);
    if (!allowed) this.allowed.set(user, (allowed = new Set()));
    // Named requests (a kubelet's status patches of each pod) would grow the set without bound.
    if (allowed.size >= 4096) allowed.clear();
    allowed.add(cacheKey);
    return undefined;
  }
}
