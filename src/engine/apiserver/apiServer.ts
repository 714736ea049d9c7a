// ApiServer is kube-apiserver's request path for the simulation: defaulting → mutating admission →
// validation → registry strategy → store, plus graceful deletion, finalizers, the pods/binding
// subresource, and an audit entry for every request. Every component (kubectl, scheduler, controllers,
// kubelets) talks to the cluster only through here, as in a real cluster.
import type { KubeObject } from "../api/types";
import { groupVersionOf, resourceTypeForKind, storageKey, type ResourceType } from "../api/registry";
import type { SimClock } from "../sim/clock";
import { rfc3339 } from "../sim/clock";
import type { SeededRandom } from "../sim/random";
import { deepCopy, deepFreeze } from "../sim/clone";
import { ApiError, alreadyExists, badRequest, conflict, notFound, qualifiedResource, serviceUnavailable } from "./errors";
import type { AuditLog, AuditVerb } from "./audit";
import type { Store } from "./store";
import { prepareForCreate, prepareForStatusUpdate, prepareForUpdate } from "./strategy";
import { uuid4, generatedName } from "./ids";
import type { RequestAuthorizer } from "./authorization/authorizer";
import { evictPod } from "./eviction/eviction";

/** The core/v1 Pod type (the binding and eviction subresources). */
const POD_TYPE: ResourceType = resourceTypeForKind("v1", "Pod")!;

/**
 * Actor of the registry's own nested calls (the eviction subresource marking and deleting its pod):
 * they are part of the outer request, so they get no audit entry and no authorization of their own.
 */
export const REGISTRY_INTERNAL = "(registry)";

/** The pluggable stages of the request path (defaults/admission/validation live in their own folders). */
export interface ApiServerHooks {
  /** Called with the server's own copy of the request's object: it may be defaulted in place. */
  defaults(obj: KubeObject): KubeObject;
  admit(obj: KubeObject, operation: "CREATE" | "UPDATE", old?: KubeObject): KubeObject;
  validateCreate(obj: KubeObject): ApiError | undefined;
  validateUpdate(obj: KubeObject, old: KubeObject): ApiError | undefined;
}

export const NO_HOOKS: ApiServerHooks = {
  defaults: (o) => o,
  admit: (o) => o,
  validateCreate: () => undefined,
  validateUpdate: () => undefined,
};

export type PropagationPolicy = "Background" | "Foreground" | "Orphan";

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
  /** Precondition: delete only if the stored uid is this one. */
  uid?: string;
}

/** A resource allocator in the write path (the Service registry's ClusterIP/NodePort allocation). */
export interface Allocator {
  allocateCreate(obj: KubeObject): AllocationTxn;
  allocateUpdate(next: KubeObject, old: KubeObject): AllocationTxn;
  release(obj: KubeObject): void;
}

export interface AllocationTxn {
  service: KubeObject;
  commit(): void;
  revert(): void;
}

/**
 * Chaos hooks (sim/chaos): a request that never reaches the server (the caller is cut off by a network
 * partition: no audit entry), and a request the server cannot serve because etcd lost quorum (answered
 * and audited with the error's code).
 */
export interface RequestFaults {
  unreachable(actor: string): ApiError | undefined;
  storage(actor: string, verb: AuditVerb, rt: ResourceType, namespace: string | undefined, name: string | undefined, subresource: string | undefined): ApiError | undefined;
}

export interface ApiServerOptions {
  /** Freeze every stored object so that a component mutating shared state throws (tests). */
  freezeStored?: boolean;
}

export class ApiServer {
  hooks: ApiServerHooks = NO_HOOKS;
  /** Allocators by kind, run after admission and before validation, committed only once stored. */
  readonly allocators = new Map<string, Allocator>();
  /** False while the kube-apiserver (or its etcd) is down: every request fails. */
  available = true;
  /** --authorization-mode (authorization/install.ts); undefined: AlwaysAllow. */
  authorizer: RequestAuthorizer | undefined;
  /** Installed by the cluster's chaos layer (sim/chaos/controlPlane.ts). */
  faults: RequestFaults | undefined;

  /** The /status strategy; the clock is read only for the kind whose status strategy stamps a time. */
  private readonly prepareStatus = (obj: KubeObject, old: KubeObject): KubeObject =>
    prepareForStatusUpdate(obj, old, obj.kind === "PersistentVolume" ? rfc3339(this.clock.absolute()) : undefined);

  constructor(
    readonly store: Store,
    private readonly clock: SimClock,
    private readonly random: SeededRandom,
    readonly audit: AuditLog,
    private readonly opts: ApiServerOptions = {},
  ) {}

  typeOf(obj: KubeObject): ResourceType {
    const rt = resourceTypeForKind(obj.apiVersion, obj.kind);
    if (!rt) throw new ApiError(404, "NotFound", `no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`);
    return rt;
  }

  get(actor: string, rt: ResourceType, namespace: string | undefined, name: string): KubeObject {
    return this.request(actor, "get", rt, namespace, name, () => {
      const obj = this.store.get(rt.resource, storageKey(rt.resource, ns(rt, namespace), name));
      if (!obj) throw notFound(qr(rt), name);
      return obj;
    });
  }

  /** Lists objects, sorted by namespace/name (etcd key order). `filter` applies label/field selectors. */
  list(actor: string, rt: ResourceType, namespace: string | undefined, filter?: (o: KubeObject) => boolean): KubeObject[] {
    let out: KubeObject[] = [];
    this.request(actor, "list", rt, namespace, undefined, () => {
      out = this.store.list(rt.resource, rt.namespaced ? namespace : undefined);
      if (filter) out = out.filter(filter);
      return undefined;
    });
    return out;
  }

  /**
   * POST: the caller hands over `input`; the stored copy is what comes back. With `owned` the caller gives
   * `input` up (built for this request alone) and it is stored without a copy.
   */
  create(actor: string, input: KubeObject, requestNamespace?: string, owned = false): KubeObject {
    const rt = this.typeOf(input);
    const namespace = rt.namespaced ? (input.metadata?.namespace ?? requestNamespace ?? "default") : undefined;
    const name = input.metadata?.name || input.metadata?.generateName || "";
    // Read before the write path touches the object (an owned input is the object being written).
    const requestedName = input.metadata?.name;
    return this.request(actor, "create", rt, namespace, name, () => {
      if (requestNamespace && rt.namespaced && input.metadata?.namespace && input.metadata.namespace !== requestNamespace) {
        throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
      }
      // RBAC escalation prevention runs in the rbac registries, before admission.
      const escalation = this.authorizer?.checkRbacWrite?.(actor, input, namespace);
      if (escalation) throw escalation;
      let obj = owned ? input : deepCopy(input);
      obj.metadata = { ...(obj.metadata ?? {}) } as KubeObject["metadata"];
      if (namespace) obj.metadata.namespace = namespace;
      else delete obj.metadata.namespace;
      if (!obj.metadata.name && !obj.metadata.generateName) {
        throw new ApiError(422, "Invalid", `${obj.kind} "" is invalid: metadata.name: Required value: name or generateName is required`, ["metadata.name"]);
      }
      obj = this.hooks.defaults(obj);
      obj = this.hooks.admit(obj, "CREATE");
      const meta = obj.metadata;
      let key: string;
      for (let attempt = 0; ; attempt++) {
        // RetryGenerateName (GA in v1.32): a generated name that collides is drawn again, up to 8 times.
        if (!requestedName && meta.generateName) meta.name = generatedName(this.random, meta.generateName);
        key = storageKey(rt.resource, namespace, meta.name);
        if (!this.store.get(rt.resource, key)) break;
        if (requestedName || attempt >= 7) throw alreadyExists(qr(rt), meta.name);
      }
      meta.uid = uuid4(this.random);
      meta.creationTimestamp = rfc3339(this.clock.absolute());
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
      prepareForCreate(obj, meta.creationTimestamp);
      const txn = this.allocators.get(obj.kind)?.allocateCreate(obj);
      if (txn) obj = txn.service;
      try {
        const invalid = this.hooks.validateCreate(obj);
        if (invalid) throw invalid;
        const stored = this.put(rt, namespace, obj, key, meta.name);
        txn?.commit();
        return stored;
      } catch (e) {
        txn?.revert();
        throw e;
      }
    });
  }

  /** PUT on the main resource, with optimistic concurrency on metadata.resourceVersion. */
  update(actor: string, input: KubeObject): KubeObject {
    return this.writeExisting(actor, "update", input, undefined, false, prepareMain);
  }

  /** PUT on /status: only status changes. */
  updateStatus(actor: string, input: KubeObject): KubeObject {
    return this.writeExisting(actor, "update", input, "status", false, this.prepareStatus);
  }

  /**
   * PATCH: applies `mutate` to a copy of the current stored object and runs the update path. Like a
   * merge patch it never conflicts on resourceVersion; the mutation sees the latest state.
   */
  patch(actor: string, rt: ResourceType, namespace: string | undefined, name: string, mutate: (obj: KubeObject) => void, subresource?: "status"): KubeObject {
    return this.patchWith(actor, rt, namespace, name, subresource, (current) => {
      // A status patch changes only status (the status strategy puts the stored spec and labels back), so
      // only status is copied; the rest is shared with the stored object, which is never mutated.
      const copy = subresource === "status"
        ? ({ ...current, metadata: { ...current.metadata }, status: deepCopy(current.status) } as KubeObject)
        : deepCopy(current);
      mutate(copy);
      return copy;
    });
  }

  /**
   * PATCH of /status whose new status is computed from the stored object, which `next` must only read:
   * unlike patch(), nothing of the old status is copied first. The same request, audit entry and stored
   * result as a patch() whose mutation sets `status = next(current)`.
   */
  patchStatus(actor: string, rt: ResourceType, namespace: string | undefined, name: string, next: (current: KubeObject) => KubeObject["status"]): KubeObject {
    return this.patchWith(actor, rt, namespace, name, "status", (current) => {
      // `status` keeps its place among the keys (or comes last), as in patch()'s copy.
      const copy = { ...current, metadata: { ...current.metadata }, status: undefined } as KubeObject;
      copy.status = next(current);
      return copy;
    });
  }

  /** The PATCH path: `change` builds the server's own new version from the stored one. */
  private patchWith(actor: string, rt: ResourceType, namespace: string | undefined, name: string, subresource: "status" | undefined, change: (current: KubeObject) => KubeObject): KubeObject {
    const nsName = ns(rt, namespace);
    const key = storageKey(rt.resource, nsName, name);
    const current = this.store.get(rt.resource, key);
    if (!current || !this.available) {
      return this.request(actor, "patch", rt, nsName, name, () => {
        throw current ? serviceUnavailable("the server is currently unable to handle the request") : notFound(qr(rt), name);
      }, subresource);
    }
    const copy = change(current);
    copy.metadata.resourceVersion = current.metadata.resourceVersion;
    // The write path looks the object up again by the copy's own namespace and name: the key built here
    // serves only when the change left them alone (it nearly always does).
    const sameKey = (copy.metadata?.name ?? "") === name && ns(rt, copy.metadata?.namespace) === nsName;
    // `copy` is the server's own (built for this request): the write path need not copy it again.
    return this.writeExisting(actor, "patch", copy, subresource, true, subresource === "status" ? this.prepareStatus : prepareMain, sameKey ? key : undefined);
  }

  /** POST pods/<name>/eviction (policy/v1 Eviction): a delete that honours PodDisruptionBudgets. */
  evict(actor: string, namespace: string, name: string, opts: DeleteOptions = {}): void {
    const rt = POD_TYPE;
    this.request(actor, "create", rt, namespace, name, () => evictPod(this, this.clock, REGISTRY_INTERNAL, namespace, name, opts), "eviction");
  }

  /** POST pods/binding: what the scheduler's DefaultBinder sends. */
  bind(actor: string, namespace: string, name: string, nodeName: string): KubeObject {
    const rt = POD_TYPE;
    return this.request(actor, "create", rt, namespace, name, () => {
      const key = storageKey("pods", namespace, name);
      const old = this.store.get("pods", key);
      if (!old) throw notFound("pods", name);
      if (old.spec?.nodeName) {
        throw conflict("pods", name); // upstream: "pod x is already assigned to node y" (409)
      }
      if (old.metadata.deletionTimestamp) throw conflict("pods", name);
      // The binding changes spec.nodeName and one condition: the new version shares everything else with
      // the stored one (stored objects are never mutated), instead of copying the whole pod.
      const cond = { type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: rfc3339(this.clock.absolute()) };
      const conditions = (old.status?.conditions ?? []).filter((c: { type: string }) => c.type !== "PodScheduled");
      const obj: KubeObject = {
        ...old,
        metadata: { ...old.metadata },
        spec: { ...old.spec, nodeName },
        status: { ...(old.status ?? {}), conditions: [...conditions, cond] },
      };
      return this.put(rt, namespace, obj, key, name);
    }, "binding");
  }

  /**
   * DELETE. Graceful for pods bound to a node (deletionTimestamp = now + grace, the kubelet finishes the
   * job); objects with finalizers get a deletionTimestamp and stay until the finalizers are removed.
   * Returns the object as it stands after the request (with deletionTimestamp) or the last state if gone.
   */
  delete(actor: string, rt: ResourceType, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KubeObject {
    const nsName = ns(rt, namespace);
    return this.request(actor, "delete", rt, nsName, name, () => {
      const key = storageKey(rt.resource, nsName, name);
      const old = this.store.get(rt.resource, key);
      if (!old) throw notFound(qr(rt), name);
      if (opts.uid && opts.uid !== old.metadata.uid) {
        throw new ApiError(409, "Conflict", `Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${old.metadata.uid}`);
      }
      const obj = deepCopy(old);
      const meta = obj.metadata;
      const finalizers = new Set(meta.finalizers ?? []);
      if (opts.propagationPolicy === "Foreground") finalizers.add("foregroundDeletion");
      if (opts.propagationPolicy === "Orphan") finalizers.add("orphan");
      if (rt.kind === "Namespace") {
        meta.deletionTimestamp ??= rfc3339(this.clock.absolute());
        obj.status = { ...(obj.status ?? {}), phase: "Terminating" };
        if (finalizers.size) meta.finalizers = [...finalizers];
        return this.put(rt, nsName, obj, key, name);
      }
      const grace = this.gracePeriod(obj, opts.gracePeriodSeconds);
      if (grace > 0) {
        const deadline = this.clock.absolute() + grace * 1000;
        const current = meta.deletionTimestamp ? Date.parse(meta.deletionTimestamp) : Infinity;
        // A second DELETE may only shorten the grace period (BeforeDelete in rest/delete.go).
        if (deadline < current) {
          meta.deletionTimestamp = rfc3339(deadline);
          meta.deletionGracePeriodSeconds = grace;
        }
        if (finalizers.size) meta.finalizers = [...finalizers];
        return this.put(rt, nsName, obj, key, name);
      }
      if (finalizers.size > 0) {
        meta.deletionTimestamp ??= rfc3339(this.clock.absolute());
        meta.deletionGracePeriodSeconds = 0;
        meta.finalizers = [...finalizers];
        return this.put(rt, nsName, obj, key, name);
      }
      this.store.remove(rt.resource, key);
      return old;
    });
  }

  /** The pod strategy's CheckGracefulDelete: unbound or finished pods go at once; others get their grace. */
  private gracePeriod(obj: KubeObject, requested: number | undefined): number {
    if (obj.kind !== "Pod") return 0;
    if (!obj.spec?.nodeName) return 0;
    const phase = obj.status?.phase;
    if (phase === "Failed" || phase === "Succeeded") return 0;
    const grace = requested ?? obj.spec?.terminationGracePeriodSeconds ?? 30;
    // An explicit 0 is honoured only with --force; kubectl sends 1 for --grace-period=0 without it.
    return Math.max(0, grace);
  }

  private writeExisting(
    actor: string,
    verb: AuditVerb,
    input: KubeObject,
    subresource: string | undefined,
    owned: boolean,
    prepare: (obj: KubeObject, old: KubeObject) => KubeObject,
    knownKey?: string,
  ): KubeObject {
    const rt = this.typeOf(input);
    const namespace = ns(rt, input.metadata?.namespace);
    const name = input.metadata?.name ?? "";
    return this.request(actor, verb, rt, namespace, name, () => {
      // A PATCH has built the key already (same type, namespace and name).
      const key = knownKey ?? storageKey(rt.resource, namespace, name);
      const old = this.store.get(rt.resource, key);
      if (!old) throw notFound(qr(rt), name);
      const rv = input.metadata.resourceVersion;
      if (rv && rv !== old.metadata.resourceVersion) throw conflict(qr(rt), name);
      const escalation = subresource === undefined ? this.authorizer?.checkRbacWrite?.(actor, input, namespace) : undefined;
      if (escalation) throw escalation;
      let obj = owned ? input : deepCopy(input);
      // Identity fields are the server's: uid, creationTimestamp and deletionTimestamp cannot be changed.
      obj.metadata.uid = old.metadata.uid;
      obj.metadata.creationTimestamp = old.metadata.creationTimestamp;
      if (old.metadata.deletionTimestamp) {
        obj.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
        if (old.metadata.deletionGracePeriodSeconds !== undefined) obj.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
      } else {
        delete obj.metadata.deletionTimestamp;
      }
      if (subresource === undefined) {
        obj = this.hooks.defaults(obj);
        obj = this.hooks.admit(obj, "UPDATE", old);
      }
      obj = prepare(obj, old);
      const txn = subresource === undefined ? this.allocators.get(obj.kind)?.allocateUpdate(obj, old) : undefined;
      if (txn) obj = txn.service;
      try {
        if (subresource === undefined) {
          const invalid = this.hooks.validateUpdate(obj, old);
          if (invalid) throw invalid;
        }
      } catch (e) {
        txn?.revert();
        throw e;
      }
      txn?.commit();
      // An object being deleted whose last finalizer is gone is removed (pods wait for the kubelet).
      if (obj.metadata.deletionTimestamp && !(obj.metadata.finalizers?.length) && obj.kind !== "Pod" && obj.kind !== "Namespace") {
        this.store.remove(rt.resource, key);
        return obj;
      }
      if (obj.kind === "Namespace" && obj.metadata.deletionTimestamp && !(obj.spec?.finalizers?.length) && !(obj.metadata.finalizers?.length)) {
        this.store.remove(rt.resource, key);
        return obj;
      }
      if (obj.kind === "Pod" && obj.metadata.deletionTimestamp && obj.metadata.deletionGracePeriodSeconds === 0 && !(obj.metadata.finalizers?.length)) {
        this.store.remove(rt.resource, key);
        return obj;
      }
      return this.put(rt, namespace, obj, key, name);
    }, subresource);
  }

  /** Stores `obj`; `key` is the storage key the caller already built for the name `keyName`. */
  private put(rt: ResourceType, namespace: string | undefined, obj: KubeObject, key?: string, keyName?: string): KubeObject {
    const name = obj.metadata.name;
    this.store.put(rt.resource, key !== undefined && keyName === name ? key : storageKey(rt.resource, namespace, name), obj);
    if (this.opts.freezeStored) deepFreeze(obj);
    return obj;
  }

  /** Runs a request, records its audit entry with the response code, and rethrows failures. */
  private request<T>(
    actor: string,
    verb: AuditVerb,
    rt: ResourceType,
    namespace: string | undefined,
    name: string | undefined,
    body: () => T,
    subresource?: string,
  ): T {
    if (actor === REGISTRY_INTERNAL) return body();
    const faults = this.faults;
    const cut = faults?.unreachable(actor);
    if (cut) throw cut;
    const t = this.clock.now();
    const audit = this.audit;
    if (!this.available) {
      audit.append(t, actor, verb, rt.resource, subresource, namespace, name, 503);
      throw serviceUnavailable("the server is currently unable to handle the request");
    }
    const denied = this.authorizer?.authorizeRequest(actor, verb, rt, namespace, name, subresource);
    if (denied) {
      audit.append(t, actor, verb, rt.resource, subresource, namespace, name, denied.code);
      throw denied;
    }
    const storageError = faults?.storage(actor, verb, rt, namespace, name, subresource);
    if (storageError) {
      audit.append(t, actor, verb, rt.resource, subresource, namespace, name, storageError.code);
      throw storageError;
    }
    let out: T;
    try {
      out = body();
    } catch (e) {
      const code = e instanceof ApiError ? e.code : 500;
      audit.append(t, actor, verb, rt.resource, subresource, namespace, name, code);
      if (e instanceof ApiError) throw e;
      throw new ApiError(500, "InternalError", `Internal error occurred: ${(e as Error).message}`);
    }
    const meta = (out as KubeObject | undefined)?.metadata;
    audit.append(t, actor, verb, rt.resource, subresource, namespace, meta?.name ?? name, verb === "create" ? 201 : 200, meta?.resourceVersion);
    return out;
  }
}

/** The main resource's update strategy (mutates the server's own copy). */
function prepareMain(obj: KubeObject, old: KubeObject): KubeObject {
  prepareForUpdate(obj, old);
  return obj;
}

function ns(rt: ResourceType, namespace: string | undefined): string | undefined {
  return rt.namespaced ? (namespace ?? "default") : undefined;
}

function qr(rt: ResourceType): string {
  return qualifiedResource(rt.resource, rt.group);
}

export { groupVersionOf };
