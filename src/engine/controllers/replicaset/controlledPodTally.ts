// ControlledPodTally keeps, per controller uid, how many of the pods it controls are active and ready,
// grouped by their exact label set. It is fed by the same pod informer events as the controller's cache,
// so at every sync it agrees with a fresh walk of that cache.
//
// Why: upstream's syncReplicaSet lists the owner's pods (FilterPodsByOwner), runs ClaimPods over them and
// counts them for the status on every sync. That is O(pods) per sync, and a ReplicaSet of 150,000 pods is
// synced hundreds of times while they start: quadratic. The pods of one owner nearly always share one
// label set (its template's), so "does the selector still match?" and "fully labeled?" are asked once
// per label set instead of once per pod, and the counts come from here.
import type { Pod } from "../../api/types";
import { controllerRefOf, isPodActive, isPodReady } from "../../api/podutil";

/** Active pods controlled by one owner that carry exactly `labels`. */
export interface LabelGroup {
  readonly labels: Readonly<Record<string, string>>;
  active: number;
  ready: number;
}

export class ControlledPodTally {
  private readonly byOwner = new Map<string, Map<string, LabelGroup>>();
  /** The group each counted pod object sits in: an update that keeps owner and labels skips the label key. */
  private readonly groupOf = new WeakMap<Pod, { uid: string; key: string; group: LabelGroup }>();

  /** The label groups of `uid`'s active controlled pods (empty map: none). */
  groups(uid: string): ReadonlyMap<string, LabelGroup> {
    return this.byOwner.get(uid) ?? EMPTY;
  }

  /** Active controlled pods of `uid`. */
  active(uid: string): number {
    let n = 0;
    for (const g of this.groups(uid).values()) n += g.active;
    return n;
  }

  observe(old: Pod | undefined, pod: Pod | undefined): void {
    // A DELETED event carries a fresh copy of the last state (with the deletion's resourceVersion), not
    // the object counted: find its group from its owner and labels then.
    const was = old ? (this.groupOf.get(old) ?? this.lookup(old)) : undefined;
    const uid = pod && isPodActive(pod) ? controllerRefOf(pod)?.uid : undefined;
    if (was && uid === was.uid && sameLabels(old!.metadata.labels, pod!.metadata.labels)) {
      // The common update (a status write): same owner, same labels; only readiness may move.
      const r0 = isPodReady(old!);
      const r1 = isPodReady(pod!);
      if (r0 !== r1) was.group.ready += r1 ? 1 : -1;
      this.groupOf.set(pod!, was);
      return;
    }
    if (was) this.remove(was, isPodReady(old!));
    if (uid !== undefined) this.add(uid, pod!);
  }

  private lookup(pod: Pod): { uid: string; key: string; group: LabelGroup } | undefined {
    if (!isPodActive(pod)) return undefined;
    const uid = controllerRefOf(pod)?.uid;
    if (uid === undefined) return undefined;
    const key = labelsKey(pod.metadata.labels);
    const group = this.byOwner.get(uid)?.get(key);
    return group ? { uid, key, group } : undefined;
  }

  private add(uid: string, pod: Pod): void {
    let groups = this.byOwner.get(uid);
    if (!groups) this.byOwner.set(uid, (groups = new Map()));
    const key = labelsKey(pod.metadata.labels);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { labels: { ...(pod.metadata.labels ?? {}) }, active: 0, ready: 0 }));
    group.active++;
    if (isPodReady(pod)) group.ready++;
    this.groupOf.set(pod, { uid, key, group });
  }

  private remove(entry: { uid: string; key: string; group: LabelGroup }, ready: boolean): void {
    const g = entry.group;
    g.active--;
    if (ready) g.ready--;
    if (g.active > 0) return;
    const groups = this.byOwner.get(entry.uid);
    if (groups?.get(entry.key) !== g) return;
    groups.delete(entry.key);
    if (groups.size === 0) this.byOwner.delete(entry.uid);
  }
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  for (const _ in b) n--;
  return n === 0;
}

const EMPTY: ReadonlyMap<string, LabelGroup> = new Map();

/** A canonical string for a label set: sorted `k=v` pairs (label keys and values cannot contain NUL). */
export function labelsKey(labels: Record<string, string> | undefined): string {
  if (!labels) return "";
  const keys = Object.keys(labels);
  if (keys.length > 1) keys.sort();
  let s = "";
  for (const k of keys) s += `${k}=${labels[k]}\u0000`;
  return s;
}
