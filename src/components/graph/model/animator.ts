// MessageAnimator paces API messages so the eye can follow them: one message launches every `gapMs`,
// each hop takes `hopMs`, and while more than `maxBacklog` messages wait the rest are not drawn one by
// one but counted on their edges ("×37"). Time is passed in (real ms from performance.now), so this is
// plain data and tests drive it with numbers. The view it exposes is immutable: an edge's flight list
// keeps its identity until that edge changes, so only the edges that move re-render.
import type { Route, Tone } from "./routing";

export interface Flight {
  readonly id: number;
  readonly edge: string;
  readonly reverse: boolean;
  readonly tone: Tone;
  /** ms after launch this hop starts (its step × hopMs). */
  readonly delay: number;
  readonly duration: number;
}

export interface Badge {
  readonly count: number;
  /** Hidden from this time (ms) on unless counted again. */
  readonly until: number;
}

export interface AnimatorView {
  readonly byEdge: Readonly<Record<string, readonly Flight[]>>;
  readonly badges: Readonly<Record<string, Badge>>;
  /** What the message now travelling (or last counted) does, in words. */
  readonly caption: string;
  /** Requests the worker aggregated before sending (they have no route), shown on kube-apiserver. */
  readonly dropped?: Badge;
}

export interface AnimatorOptions {
  readonly hopMs: number;
  readonly gapMs: number;
  readonly maxBacklog: number;
  readonly badgeMs: number;
  /** False under prefers-reduced-motion: nothing travels, everything is counted. */
  readonly animate: boolean;
}

export const DEFAULT_ANIMATOR: AnimatorOptions = { hopMs: 450, gapMs: 160, maxBacklog: 12, badgeMs: 2500, animate: true };
/** Big clusters: a short queue — aggregation (the ×N counters) carries the story; a few messages still
 *  travel, at the card view's pace, so each can be followed. */
export const DOTS_ANIMATOR: AnimatorOptions = { hopMs: 450, gapMs: 200, maxBacklog: 4, badgeMs: 2500, animate: true };

const EMPTY: AnimatorView = { byEdge: {}, badges: {}, caption: "" };

export class MessageAnimator {
  view: AnimatorView = EMPTY;
  private backlog: Route[] = [];
  private running: { endAt: number; ids: Set<number>; edges: string[] }[] = [];
  private nextLaunch = -Infinity;
  private nextId = 1;
  private dirty = false;

  constructor(private opts: AnimatorOptions = DEFAULT_ANIMATOR) {}

  setOptions(opts: AnimatorOptions): void {
    this.opts = opts;
    if (!opts.animate) this.backlog.length = 0;
  }

  /** Queues routes (oldest first); beyond the backlog, or without motion, they are counted instead. */
  push(routes: readonly Route[], now: number): void {
    for (const r of routes) {
      if (r.steps.length === 0) continue;
      if (this.opts.animate && this.backlog.length < this.opts.maxBacklog) this.backlog.push(r);
      else this.count(r, now);
    }
  }

  addDropped(n: number, now: number): void {
    if (n <= 0) return;
    const prev = this.view.dropped;
    this.set({ dropped: { count: (prev && prev.until > now ? prev.count : 0) + n, until: now + this.opts.badgeMs } });
  }

  /** Moves time to `now`; returns whether `view` changed. */
  advance(now: number): boolean {
    this.finish(now);
    if (this.backlog.length > 0 && now >= this.nextLaunch) {
      this.launch(this.backlog.shift()!, now);
      this.nextLaunch = now + this.opts.gapMs;
    }
    this.expire(now);
    const changed = this.dirty;
    this.dirty = false;
    return changed;
  }

  /** When `advance` next has something to do, or undefined when idle. */
  nextWake(): number | undefined {
    let t = this.backlog.length > 0 ? this.nextLaunch : Infinity;
    for (const r of this.running) t = Math.min(t, r.endAt);
    for (const b of Object.values(this.view.badges)) t = Math.min(t, b.until);
    if (this.view.dropped) t = Math.min(t, this.view.dropped.until);
    return t === Infinity ? undefined : t;
  }

  get waiting(): number {
    return this.backlog.length;
  }

  private count(r: Route, now: number): void {
    const badges = { ...this.view.badges };
    for (const step of r.steps)
      for (const h of step) {
        const b = badges[h.edge];
        badges[h.edge] = { count: (b && b.until > now ? b.count : 0) + 1, until: now + this.opts.badgeMs };
      }
    // While messages travel, the caption tells what the travelling one does; it follows the counted ones
    // only when nothing moves (reduced motion), else it would change with every batch.
    this.set(this.opts.animate ? { badges } : { badges, caption: r.summary });
  }

  private launch(r: Route, now: number): void {
    const byEdge = { ...this.view.byEdge };
    const ids = new Set<number>();
    const edges: string[] = [];
    r.steps.forEach((step, i) => {
      for (const h of step) {
        const f: Flight = { id: this.nextId++, edge: h.edge, reverse: h.reverse, tone: r.tone, delay: i * this.opts.hopMs, duration: this.opts.hopMs };
        byEdge[h.edge] = [...(byEdge[h.edge] ?? []), f];
        ids.add(f.id);
        edges.push(h.edge);
      }
    });
    this.running.push({ endAt: now + r.steps.length * this.opts.hopMs, ids, edges });
    this.set({ byEdge, caption: r.summary });
  }

  private finish(now: number): void {
    const done = this.running.filter((r) => r.endAt <= now);
    if (done.length === 0) return;
    this.running = this.running.filter((r) => r.endAt > now);
    const byEdge = { ...this.view.byEdge };
    for (const r of done)
      for (const e of new Set(r.edges)) {
        const left = (byEdge[e] ?? []).filter((f) => !r.ids.has(f.id));
        if (left.length > 0) byEdge[e] = left;
        else delete byEdge[e];
      }
    this.set({ byEdge });
  }

  private expire(now: number): void {
    const stale = Object.entries(this.view.badges).filter(([, b]) => b.until <= now);
    if (stale.length > 0) {
      const badges = { ...this.view.badges };
      for (const [e] of stale) delete badges[e];
      this.set({ badges });
    }
    if (this.view.dropped && this.view.dropped.until <= now) this.set({ dropped: undefined });
  }

  private set(patch: Partial<AnimatorView>): void {
    this.view = { ...this.view, ...patch };
    this.dirty = true;
  }
}
