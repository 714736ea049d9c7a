// GraphModel is the memoised pipeline from the store's items to React Flow's nodes and edges:
// partition → level of detail → layout → cached nodes/edges. It keeps the previous partition (so
// unchanged pod lists keep their identity) and the caches (so unchanged nodes keep theirs). It also keeps
// pods that just disappeared as fading "ghosts" for `fadeMs`, so a learner sees termination happen.
import type { PodView, ViewItem } from "../../../engine/protocol";
import { buildFlowEdges, EdgeCache, type GraphEdge } from "./flowEdges";
import { buildFlowNodes, NodeCache, podNode, type GraphNode } from "./flowNodes";
import { computeLayout, type Layout, type Rect } from "./layout";
import { chooseLod, type Lod } from "./lod";
import { partition, reuse, type Partition } from "./partition";
import { partitionDelta } from "./partitionDelta";
import { RowMemory } from "./rowMemory";

export interface GraphFrame {
  readonly partition: Partition;
  readonly layout: Layout;
  readonly lod: Lod;
  /** The same array as the previous frame's when no node changed (React Flow then does nothing). */
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** When the earliest ghost expires or a box may give back unneeded rows (same clock as `now`), if any:
   *  the frame should be derived again then even if nothing else changes. */
  readonly nextExpiry?: number;
}

export const FADE_MS = 700;

export class GraphModel {
  private prev?: Partition;
  /** The items `prev` was derived from. */
  private prevItems?: ReadonlyMap<string, ViewItem>;
  private prevLayout?: Layout;
  private readonly rowMemory = new RowMemory();
  private prevNodes?: readonly GraphNode[];
  private prevEdges?: readonly GraphEdge[];
  private lod?: Lod;
  private nodeCache = new NodeCache();
  private edgeCache = new EdgeCache();
  private ghosts = new Map<string, { pod: PodView; rect: Rect; until: number }>();
  /** When each pod was first drawn (ms), -Infinity for pods present at the first update. */
  private firstSeen = new Map<string, number>();

  /** True while a pod is newly created (drawn less than `withinMs` ago), for its appear animation. */
  isFresh(podId: string, now: number, withinMs = 1000): boolean {
    const t = this.firstSeen.get(podId);
    return t !== undefined && now - t < withinMs;
  }

  /** `fade` is false under prefers-reduced-motion: removed pods vanish at once. `changes` (the store's
   *  itemChanges) lets the partition be updated from the ids that changed when it starts from the items
   *  this model saw last. */
  update(items: ReadonlyMap<string, ViewItem>, showOwnership: boolean, now: number, fade = true, changes?: { from: ReadonlyMap<string, ViewItem>; to: ReadonlyMap<string, ViewItem>; ids: readonly string[] }): GraphFrame {
    const p = this.partitionOf(items, changes);
    this.prevItems = items;
    const lod = chooseLod(p.nodes.length, p.podCount, this.lod);
    // Freshness drives the card appear animation; dots have none, so big clusters skip the bookkeeping.
    if (lod === "cards") this.trackFirstSeen(p, now);
    else this.firstSeen.clear();
    // Card rows and dot rows are different units: a change of view starts the memory afresh.
    if (lod !== this.lod) this.rowMemory.clear();
    const layout = computeLayout(p, lod, showOwnership, (key, rows) => this.rowMemory.reserve(key, rows, now));
    this.rowMemory.sweep();
    if (fade && this.prev && this.prevLayout && this.prevLayout.lod === "cards" && lod === "cards") this.collectGhosts(this.prev, p, this.prevLayout, now);
    if (!fade || lod !== "cards") this.ghosts.clear();
    const built = buildFlowNodes(p, layout, this.nodeCache);
    let nodes: readonly GraphNode[] = built;
    let nextExpiry: number | undefined;
    for (const [id, g] of this.ghosts) {
      if (g.until <= now || items.has(id)) {
        this.ghosts.delete(id);
        continue;
      }
      built.push(podNode(g.pod, g.rect, this.nodeCache, true));
      nextExpiry = Math.min(nextExpiry ?? Infinity, g.until);
    }
    const edges = reuse(this.prevEdges, buildFlowEdges(p, layout, showOwnership, this.edgeCache));
    this.nodeCache.sweep();
    this.edgeCache.sweep();
    nodes = reuse(this.prevNodes, nodes);
    this.prevNodes = nodes;
    this.prevEdges = edges;
    this.prev = p;
    this.prevLayout = layout;
    this.lod = lod;
    const shrink = this.rowMemory.nextShrink();
    if (shrink !== undefined) nextExpiry = Math.min(nextExpiry ?? Infinity, shrink);
    return { partition: p, layout, lod, nodes, edges, nextExpiry };
  }

  private partitionOf(items: ReadonlyMap<string, ViewItem>, changes: { from: ReadonlyMap<string, ViewItem>; to: ReadonlyMap<string, ViewItem>; ids: readonly string[] } | undefined): Partition {
    if (this.prev && items === this.prevItems) return this.prev;
    if (this.prev && changes && changes.to === items && changes.from === this.prevItems) {
      const p = partitionDelta(this.prev, changes.from, items, changes.ids);
      if (p) return p;
    }
    return partition(items, this.prev);
  }

  private trackFirstSeen(p: Partition, now: number): void {
    const initial = this.prev === undefined || this.firstSeen.size === 0;
    const alive = new Set<string>();
    for (const pod of p.pods()) {
      alive.add(pod.id);
      if (!this.firstSeen.has(pod.id)) this.firstSeen.set(pod.id, initial ? -Infinity : now);
    }
    if (this.firstSeen.size > alive.size) for (const id of this.firstSeen.keys()) if (!alive.has(id)) this.firstSeen.delete(id);
  }

  private collectGhosts(prev: Partition, next: Partition, prevLayout: Layout, now: number): void {
    const alive = new Set<string>();
    for (const pod of next.pods()) alive.add(pod.id);
    for (const pod of prev.pods()) {
      if (alive.has(pod.id)) continue;
      const rect = prevLayout.boxes.get(pod.id);
      if (rect) this.ghosts.set(pod.id, { pod, rect, until: now + FADE_MS });
    }
  }
}
