// ControllerRevision history for StatefulSets: revisions named `<set>-<hash of the data>`, equality by
// data, ordering by revision number, and the API operations (create with collision avoidance, renumber,
// delete, adopt).
// mirrors k/k pkg/controller/history/controller_history.go (ControllerRevisionName, HashControllerRevision,
// NewControllerRevision, EqualRevision, FindEqualRevisions, SortControllerRevisions, realHistory).
import type { KubeObject } from "../../api/types";
import { controllerRefOf } from "../../api/podutil";
import { canonicalJson, safeEncodeString } from "../../apimachinery/hash";
import type { Selector } from "../../apimachinery/labels";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { Informer } from "../../client/informer";
import { deepCopy } from "../../sim/clone";
import { CLAIMABLE_INDEX, newControllerRef, type OwnerKind } from "../daemonset/controllerRefManager";
import { revisionDataString } from "../daemonset/history";
import type { ControllerRevision } from "../daemonset/types";

/** ControllerRevisionHashLabel: the hash of a revision's data. */
export const CONTROLLER_REVISION_DATA_HASH_LABEL = "controller.kubernetes.io/hash";

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

const utf8 = new TextEncoder();

/** hash/fnv New32 (FNV-1, not 1a: multiply, then xor) over the UTF-8 bytes of `s`, continuing from `h`. */
export function fnv32(s: string, h = FNV32_OFFSET): number {
  const bytes = utf8.encode(s);
  for (let i = 0; i < bytes.length; i++) h = (Math.imul(h, FNV32_PRIME) ^ bytes[i]!) >>> 0;
  return h;
}

/**
 * The bytes upstream stores in Data.Raw: Go's json.Marshal of a map — compact, keys sorted, and with
 * `<`, `>`, `&`, U+2028 and U+2029 escaped as \u003c etc. (Go's HTML-safe encoding).
 */
export function goJsonRaw(data: unknown): string {
  return canonicalJson(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// mirrors HashControllerRevision: FNV-1 of the data, then (if set) the decimal collision count.
export function hashControllerRevision(revision: ControllerRevision, probe: number | undefined): string {
  let h = fnv32(goJsonRaw(revision.data ?? null));
  if (probe !== undefined) h = fnv32(String(probe), h);
  return safeEncodeString(String(h));
}

// mirrors ControllerRevisionName: prefix-hash, with the prefix cut to 223 characters.
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

/** mirrors NewControllerRevision: labels = template labels + controller.kubernetes.io/hash, controller ref set. */
export function newControllerRevision(
  parent: KubeObject,
  parentKind: OwnerKind,
  templateLabels: Record<string, string> | undefined,
  data: Record<string, unknown>,
  revision: number,
  collisionCount: number | undefined,
): ControllerRevision {
  const cr: ControllerRevision = {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: {
      name: "",
      namespace: parent.metadata.namespace,
      labels: { ...(templateLabels ?? {}) },
      ownerReferences: [newControllerRef(parent, parentKind)],
    } as unknown as ControllerRevision["metadata"],
    data,
    revision,
  };
  const hash = hashControllerRevision(cr, collisionCount);
  cr.metadata.name = controllerRevisionName(parent.metadata.name, hash);
  cr.metadata.labels![CONTROLLER_REVISION_DATA_HASH_LABEL] = hash;
  return cr;
}

/**
 * mirrors EqualRevision: revisions with different numeric hash labels differ; otherwise equal data means
 * equal. (The labels are safe-encoded strings, which never parse as integers, so the data decides.)
 */
export function equalRevision(lhs: ControllerRevision | undefined, rhs: ControllerRevision | undefined): boolean {
  if (!lhs || !rhs) return lhs === rhs;
  const lh = parseHash(lhs.metadata.labels?.[CONTROLLER_REVISION_DATA_HASH_LABEL]);
  const rh = parseHash(rhs.metadata.labels?.[CONTROLLER_REVISION_DATA_HASH_LABEL]);
  if (lh !== undefined && rh !== undefined && lh !== rh) return false;
  return revisionDataString(lhs) === revisionDataString(rhs);
}

/** strconv.ParseInt(hs, 10, 32) then uint32. */
function parseHash(s: string | undefined): number | undefined {
  if (s === undefined || !/^[+-]?\d+$/.test(s)) return undefined;
  const n = Number(s);
  if (n < -2147483648 || n > 2147483647) return undefined;
  return n >>> 0;
}

// mirrors FindEqualRevisions
export function findEqualRevisions(revisions: readonly ControllerRevision[], needle: ControllerRevision): ControllerRevision[] {
  return revisions.filter((r) => equalRevision(r, needle));
}

/** mirrors SortControllerRevisions (sort.Stable by byRevision: revision, then creation time, then name). */
export function sortControllerRevisions(revisions: ControllerRevision[]): void {
  revisions.sort((a, b) => {
    if (a.revision !== b.revision) return a.revision - b.revision;
    const ta = Date.parse(a.metadata.creationTimestamp);
    const tb = Date.parse(b.metadata.creationTimestamp);
    if (ta !== tb) return ta - tb;
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  });
}

/** A mutable int32 the caller shares with CreateControllerRevision (upstream's *int32). */
export interface CollisionCount {
  value: number;
}

/** mirrors realHistory: reads from the revision informer, writes through the API. */
export class RealHistory {
  constructor(
    private readonly client: ApiClient,
    private readonly lister: Informer<ControllerRevision>,
  ) {}

  /** ListControllerRevisions: revisions matching `selector` that `parent` controls or nobody does. */
  listControllerRevisions(parent: KubeObject, selector: Selector): ControllerRevision[] {
    const ns = parent.metadata.namespace ?? "";
    const out: ControllerRevision[] = [];
    for (const bucket of [parent.metadata.uid, `orphan/${ns}`]) {
      for (const r of this.lister.byIndex(CLAIMABLE_INDEX, bucket)) {
        if (r.metadata.namespace === parent.metadata.namespace && selector.matches(r.metadata.labels)) out.push(r);
      }
    }
    return out;
  }

  /** CreateControllerRevision: on a name taken by different data, bump the collision count and retry. */
  createControllerRevision(parent: KubeObject, revision: ControllerRevision, collisionCount: CollisionCount): ControllerRevision {
    const clone = deepCopy(revision);
    for (;;) {
      const hash = hashControllerRevision(revision, collisionCount.value);
      clone.metadata.name = controllerRevisionName(parent.metadata.name, hash);
      clone.metadata.namespace = parent.metadata.namespace;
      try {
        return this.client.create(clone);
      } catch (e) {
        if (!(e instanceof ApiError && e.reason === "AlreadyExists")) throw e;
        const exists = this.client.get<ControllerRevision>("ControllerRevision", parent.metadata.namespace, clone.metadata.name);
        if (goJsonRaw(exists.data ?? null) === goJsonRaw(clone.data ?? null)) return exists;
        collisionCount.value++;
      }
    }
  }

  /** UpdateControllerRevision: renumbers a revision (a rollback), retrying on conflict with a fresh read. */
  updateControllerRevision(revision: ControllerRevision, newRevision: number): ControllerRevision {
    let clone = deepCopy(revision);
    for (let attempt = 0; ; attempt++) {
      if (clone.revision === newRevision) return clone;
      clone.revision = newRevision;
      try {
        return this.client.update(clone);
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 409) || attempt >= 4) throw e;
        clone = deepCopy(this.client.get<ControllerRevision>("ControllerRevision", revision.metadata.namespace, revision.metadata.name));
      }
    }
  }

  deleteControllerRevision(revision: ControllerRevision): void {
    this.client.delete("ControllerRevision", revision.metadata.namespace, revision.metadata.name);
  }

  /** AdoptControllerRevision: adds the parent's controller ref; an owned revision cannot be adopted. */
  adoptControllerRevision(parent: KubeObject, parentKind: OwnerKind, revision: ControllerRevision): ControllerRevision {
    const owner = controllerRefOf(revision);
    if (owner) throw new Error(`attempt to adopt revision owned by ${JSON.stringify(owner)}`);
    return this.client.patch<ControllerRevision>("ControllerRevision", revision.metadata.namespace, revision.metadata.name, (r) => {
      if (r.metadata.uid !== revision.metadata.uid) {
        throw new ApiError(409, "Conflict", `Precondition failed: UID in precondition: ${revision.metadata.uid}, UID in object meta: ${r.metadata.uid}`);
      }
      r.metadata.ownerReferences = [...(r.metadata.ownerReferences ?? []), newControllerRef(parent, parentKind)];
    });
  }
}
