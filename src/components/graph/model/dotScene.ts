// DotScene is the dot view's live picture, kept outside React: the latest pod list of every node (and of
// the Pending area) and the selected pod. A batch that changes pods on forty nodes tells the painter
// (DotPainter) which forty areas to repaint, and re-renders no component.
//
// It also publishes each list for the accessible pod buttons (one per pod, named `Pod <name> <status>`,
// keyboard-selectable) and the node's count, but at most once per `publishMs` per list and a few lists
// per tick: a screen reader or a keyboard user does not need 60 updates a second, and restyling 3,000
// buttons that often is exactly the main-thread cost the canvas avoids. Invariant: a list not changed
// for `publishMs` is published as it is drawn.
import type { PodView } from "../../../engine/protocol";

/** The Pending area's key (a node name cannot contain a colon). */
export const PENDING_KEY = "area:pending";

export interface DotSceneOptions {
  /** Real ms (performance.now). */
  now(): number;
  /** Calls `fn` after `ms` real ms; returns a cancel function. */
  schedule(fn: () => void, ms: number): () => void;
  /** Least real time between two publications of one list. */
  publishMs?: number;
  /** Most pods (buttons to render) published per tick; a list counts at least one. */
  podsPerTick?: number;
  /** Real ms between ticks while lists wait. */
  tickMs?: number;
}

const EMPTY: readonly PodView[] = [];

/** Publication pace: a list at most every `ms`; per tick (one every `tickMs` while lists wait) lists
 *  holding at most `podsPerTick` pods, i.e. a few boxes' buttons to render. A hundred churning nodes of
 *  thirty pods are all current within about two seconds; a hundred empty ones at once. */
export const PUBLISH = { ms: 2000, podsPerTick: 150, tickMs: 60 } as const;

export class DotScene {
  private readonly lists = new Map<string, readonly PodView[]>();
  private selectedId?: string;
  private selectedKey?: string;
  private focus?: { key: string; id: string };
  /** Told which areas must be repainted. */
  private onDirty?: (key: string) => void;
  private readonly published = new Map<string, readonly PodView[]>();
  private readonly publishedAt = new Map<string, number>();
  /** Lists changed since they were last published, oldest change first. */
  private readonly waiting = new Set<string>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private cancelTick?: () => void;
  private readonly publishMs: number;
  private readonly podsPerTick: number;
  private readonly tickMs: number;

  constructor(private readonly opts: DotSceneOptions) {
    this.publishMs = opts.publishMs ?? PUBLISH.ms;
    this.podsPerTick = opts.podsPerTick ?? PUBLISH.podsPerTick;
    this.tickMs = opts.tickMs ?? PUBLISH.tickMs;
  }

  /** Takes the lists of a new frame (by identity: an unchanged list costs nothing). Lists not given are
   *  gone (a removed node). */
  setLists(byNode: ReadonlyMap<string, readonly PodView[]>, pending: readonly PodView[]): void {
    let changed = this.update(PENDING_KEY, pending);
    for (const [key, list] of byNode) changed = this.update(key, list) || changed;
    for (const key of this.lists.keys()) {
      if (key === PENDING_KEY || byNode.has(key)) continue;
      // Deleting the current key while iterating a Map is safe (the iterator skips it).
      this.lists.delete(key);
      if (this.selectedKey === key) this.selectedKey = undefined;
      this.waiting.add(key);
      this.onDirty?.(key);
      changed = true;
    }
    if (changed && !this.cancelTick) this.cancelTick = this.opts.schedule(() => this.tick(), 0);
  }

  /** Empties the scene (the view left dot mode). */
  clear(): void {
    this.setLists(new Map(), EMPTY);
  }

  private update(key: string, list: readonly PodView[]): boolean {
    const before = this.lists.get(key);
    if (before === list || (before === undefined && list.length === 0)) return false;
    this.lists.set(key, list);
    // Follow the selected pod between lists (Pending → its node) looking only at the list that changed.
    const id = this.selectedId;
    if (id !== undefined) {
      if (this.selectedKey === key && !list.some((p) => p.id === id)) this.selectedKey = undefined;
      if (this.selectedKey === undefined && list.some((p) => p.id === id)) this.selectedKey = key;
    }
    this.waiting.add(key);
    this.onDirty?.(key);
    return true;
  }

  /** The latest list (what the canvas shows). */
  pods(key: string): readonly PodView[] {
    return this.lists.get(key) ?? EMPTY;
  }

  get selected(): string | undefined {
    return this.selectedId;
  }

  /** The pod whose (hidden) button has keyboard focus. */
  get focused(): string | undefined {
    return this.focus?.id;
  }

  /** A pod button got (id) or lost (undefined) keyboard focus: ring it on the dot layer. */
  setFocused(key: string, id: string | undefined): void {
    const before = this.focus;
    if (id === undefined) {
      if (before?.key !== key) return;
      this.focus = undefined;
    } else this.focus = { key, id };
    if (before && before.key !== key) this.onDirty?.(before.key);
    this.onDirty?.(key);
  }

  /** The painter's hook: called with each area whose pods (or selection ring) changed. */
  setDirtyListener(fn: ((key: string) => void) | undefined): void {
    this.onDirty = fn;
  }

  /** Rings the selected pod (repainting only the areas it leaves and enters). */
  setSelected(id: string | undefined): void {
    if (id === this.selectedId) return;
    const before = this.selectedKey;
    this.selectedId = id;
    this.selectedKey = undefined;
    if (id !== undefined)
      for (const [key, list] of this.lists)
        if (list.some((p) => p.id === id)) {
          this.selectedKey = key;
          break;
        }
    for (const key of new Set([before, this.selectedKey])) if (key !== undefined) this.onDirty?.(key);
  }

  // ─── publication for the accessible buttons ───────────────────────────────────────────────────

  /** The list as last published (what the pod buttons and the node's count show). */
  publishedPods(key: string): readonly PodView[] {
    return this.published.get(key) ?? EMPTY;
  }

  subscribe(key: string, listener: () => void): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  /** Publishes the waiting lists that are due, a few at a time, and comes back for the rest. */
  private tick(): void {
    this.cancelTick = undefined;
    const now = this.opts.now();
    let budget = this.podsPerTick;
    let nextDue = Infinity;
    for (const key of this.waiting) {
      const due = (this.publishedAt.get(key) ?? -Infinity) + this.publishMs;
      if (due > now) {
        nextDue = Math.min(nextDue, due);
        continue;
      }
      const cost = Math.max(1, this.lists.get(key)?.length ?? 0);
      // Always one list per tick, however long (a node may hold hundreds of pods).
      if (budget < cost && budget < this.podsPerTick) {
        nextDue = now;
        break;
      }
      budget -= cost;
      this.waiting.delete(key);
      this.publish(key, now);
    }
    if (nextDue < Infinity) this.cancelTick = this.opts.schedule(() => this.tick(), Math.max(this.tickMs, nextDue - now));
  }

  private publish(key: string, now: number): void {
    const list = this.lists.get(key);
    if (list === undefined) {
      this.published.delete(key);
      this.publishedAt.delete(key);
    } else {
      this.published.set(key, list);
      this.publishedAt.set(key, now);
    }
    for (const l of this.listeners.get(key) ?? []) l();
  }

  dispose(): void {
    this.cancelTick?.();
    this.cancelTick = undefined;
    this.onDirty = undefined;
    this.listeners.clear();
  }
}
