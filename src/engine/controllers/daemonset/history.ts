// DaemonSet revision history: one ControllerRevision `<ds>-<hash>` per distinct pod template, holding the
// template as a strategic-merge patch; the current one is found by comparing patches, created when missing,
// renumbered on rollback, deduplicated, and old ones pruned down to revisionHistoryLimit.
// mirrors constructHistory, cleanupHistory, dedupCurHistories, controlledHistories, Match, getPatch and
// snapshot (k/k pkg/controller/daemon/update.go).
import type { Pod } from "../../api/types";
import { computeHash, canonicalJson } from "../../apimachinery/hash";
import { labelSelectorAsSelector } from "../../apimachinery/labels";
import { ApiError } from "../../apiserver/errors";
import { deepCopy } from "../../sim/clone";
import { CLAIMABLE_INDEX, claimObjects, newControllerRef, recheckDeletionTimestamp } from "./controllerRefManager";
import type { DaemonSetController } from "./daemonSetController";
import { CONTROLLER_REVISION_HASH_LABEL, type ControllerRevision, type DaemonSet } from "./types";

export const controllerKind = { apiVersion: "apps/v1", kind: "DaemonSet" } as const;

/** Returns a copy of a JSON value with object keys sorted at every level: what Go's json.Marshal of a map emits. */
export function sortKeysDeep(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(sortKeysDeep);
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) if (o[k] !== undefined) out[k] = sortKeysDeep(o[k]);
  return out;
}

/**
 * mirrors getPatch: `{"spec":{"template":{...,"$patch":"replace"}}}`. Upstream marshals the typed object, so
 * the template's zero creationTimestamp appears as null, and re-marshals a map, so keys come out sorted.
 */
export function templatePatch(template: unknown): Record<string, unknown> {
  const tpl = (template ?? {}) as { metadata?: Record<string, unknown> };
  const withMeta = { ...tpl, metadata: { creationTimestamp: null, ...(tpl.metadata ?? {}) }, $patch: "replace" };
  return { spec: { template: sortKeysDeep(withMeta) } };
}

const patchStrings = new WeakMap<object, string>();

/** The canonical bytes of an object's patch, cached per (immutable) cached object. */
function patchString(owner: object, build: () => unknown): string {
  let s = patchStrings.get(owner);
  if (s === undefined) {
    s = canonicalJson(build());
    patchStrings.set(owner, s);
  }
  return s;
}

export function dsPatchString(ds: DaemonSet): string {
  return patchString(ds, () => templatePatch(ds.spec.template));
}

export function revisionDataString(cr: ControllerRevision): string {
  return patchString(cr, () => cr.data ?? null);
}

// mirrors Match: the DaemonSet's current template equals the one stored in the revision.
export function match(ds: DaemonSet, history: ControllerRevision): boolean {
  return dsPatchString(ds) === revisionDataString(history);
}

// mirrors maxRevision
export function maxRevision(histories: readonly ControllerRevision[]): number {
  let max = 0;
  for (const h of histories) if (h.revision > max) max = h.revision;
  return max;
}

/** historiesByRevision, with the name as an explicit tie-break (upstream's sort is unstable). */
function byRevision(a: ControllerRevision, b: ControllerRevision): number {
  return a.revision - b.revision || (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);
}

// mirrors controlledHistories: the revisions this DaemonSet controls, adopting matching orphans.
export function controlledHistories(dsc: DaemonSetController, ds: DaemonSet): ControllerRevision[] {
  const selector = labelSelectorAsSelector(ds.spec.selector);
  const ns = ds.metadata.namespace ?? "";
  const candidates = [...dsc.historyLister.byIndex(CLAIMABLE_INDEX, ds.metadata.uid), ...dsc.historyLister.byIndex(CLAIMABLE_INDEX, `orphan/${ns}`)];
  candidates.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  return claimObjects(candidates, {
    client: dsc.client,
    owner: ds,
    ownerKind: controllerKind,
    kind: "ControllerRevision",
    match: (h) => selector.matches(h.metadata.labels),
    canAdopt: recheckDeletionTimestamp(dsc.client, ds),
  });
}

// mirrors constructHistory: returns the current revision (created or renumbered if needed) and the old ones.
export function constructHistory(dsc: DaemonSetController, ds: DaemonSet): { cur: ControllerRevision; old: ControllerRevision[] } {
  const histories = controlledHistories(dsc, ds);
  const current: ControllerRevision[] = [];
  const old: ControllerRevision[] = [];
  for (let history of histories) {
    // Add the unique label if missing; the history's name is used instead of a hash (no collision worries).
    if (history.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === undefined) {
      const toUpdate = deepCopy(history);
      toUpdate.metadata.labels = { ...(toUpdate.metadata.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: toUpdate.metadata.name };
      history = dsc.client.update(toUpdate);
    }
    if (match(ds, history)) current.push(history);
    else old.push(history);
  }
  const currRevision = maxRevision(old) + 1;
  if (current.length === 0) return { cur: snapshot(dsc, ds, currRevision), old };
  const cur = dedupCurHistories(dsc, ds, current);
  if (cur.revision < currRevision) {
    // A rollback to an earlier template: the revision becomes the newest again.
    const toUpdate = deepCopy(cur);
    toUpdate.revision = currRevision;
    dsc.client.update(toUpdate);
  }
  return { cur, old };
}

// mirrors dedupCurHistories: keeps the highest-numbered equal revision, relabels pods to it, deletes the rest.
function dedupCurHistories(dsc: DaemonSetController, ds: DaemonSet, curHistories: ControllerRevision[]): ControllerRevision {
  if (curHistories.length === 1) return curHistories[0]!;
  let maxRev = 0;
  let keepCur = curHistories[0]!;
  for (const cur of curHistories) {
    if (cur.revision >= maxRev) {
      keepCur = cur;
      maxRev = cur.revision;
    }
  }
  const keepHash = keepCur.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? "";
  for (const pod of dsc.getDaemonPods(ds)) {
    if (pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] !== keepHash) {
      dsc.client.patch<Pod>("Pod", pod.metadata.namespace, pod.metadata.name, (p) => {
        p.metadata.labels = { ...(p.metadata.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: keepHash };
      });
    }
  }
  for (const cur of curHistories) {
    if (cur.metadata.name === keepCur.metadata.name) continue;
    dsc.client.delete("ControllerRevision", cur.metadata.namespace, cur.metadata.name);
  }
  return keepCur;
}

/**
 * mirrors snapshot: creates `<ds>-<ComputeHash(template, collisionCount)>`. A name taken by a different
 * template is a hash collision: status.collisionCount is bumped (changing the next hash) and the sync fails.
 */
export function snapshot(dsc: DaemonSetController, ds: DaemonSet, revision: number): ControllerRevision {
  const hash = computeHash(ds.spec.template, ds.status?.collisionCount);
  const name = `${ds.metadata.name}-${hash}`;
  const history: ControllerRevision = {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: {
      name,
      namespace: ds.metadata.namespace,
      labels: { ...(ds.spec.template.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ...(ds.metadata.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
      ownerReferences: [newControllerRef(ds, controllerKind)],
    } as unknown as ControllerRevision["metadata"],
    data: templatePatch(ds.spec.template),
    revision,
  };
  try {
    return dsc.client.create(history);
  } catch (outerErr) {
    if (!(outerErr instanceof ApiError && outerErr.reason === "AlreadyExists")) throw outerErr;
    const existing = dsc.client.get<ControllerRevision>("ControllerRevision", ds.metadata.namespace, name);
    if (match(ds, existing)) return existing;
    // Handle the collision with the latest DaemonSet, so the count is only raised when really needed.
    const currDS = dsc.client.get<DaemonSet>("DaemonSet", ds.metadata.namespace, ds.metadata.name);
    if ((currDS.status?.collisionCount ?? undefined) !== (ds.status?.collisionCount ?? undefined)) {
      throw new Error(
        `found a stale collision count (${ds.status?.collisionCount ?? "nil"}, expected ${currDS.status?.collisionCount ?? "nil"}) of DaemonSet "${ds.metadata.name}" while processing; will retry until it is updated`,
      );
    }
    const toUpdate = deepCopy(currDS);
    toUpdate.status = { ...(toUpdate.status ?? emptyStatus()), collisionCount: (toUpdate.status?.collisionCount ?? 0) + 1 };
    dsc.client.updateStatus(toUpdate);
    throw outerErr;
  }
}

function emptyStatus(): NonNullable<DaemonSet["status"]> {
  return { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
}

// mirrors cleanupHistory: deletes the oldest revisions no live pod uses, down to revisionHistoryLimit.
export function cleanupHistory(dsc: DaemonSetController, ds: DaemonSet, old: ControllerRevision[]): void {
  const toKeep = ds.spec.revisionHistoryLimit ?? 10;
  let toKill = old.length - toKeep;
  if (toKill <= 0) return;
  // Include deleted terminal pods when maintaining history. (Upstream lists them before the early return;
  // the claim already ran in this sync, so listing after it changes nothing.)
  const nodesToDaemonPods = dsc.getNodesToDaemonPods(ds, true);
  const liveHashes = new Set<string>();
  for (const pods of nodesToDaemonPods.values()) {
    for (const pod of pods) {
      const hash = pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
      if (hash) liveHashes.add(hash);
    }
  }
  for (const history of [...old].sort(byRevision)) {
    if (toKill <= 0) break;
    if (liveHashes.has(history.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? "")) continue;
    dsc.client.delete("ControllerRevision", history.metadata.namespace, history.metadata.name);
    toKill--;
  }
}
