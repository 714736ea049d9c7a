// GraphModel is the memoised pipeline from the store's items to React Flow's nodes and edges:
// partition → level of detail → layout → cached nodes/edges. It keeps the previous partition (so
// unchanged pod lists keep their identity) and the caches (so unchanged nodes keep theirs). It also keeps
// pods that just disappeared as fading "ghosts" for `fadeMs`, so a learner sees termination happen.
import type { PodView, ViewItem } from "../../../engine/protocol";
import { buildFlowEdges, EdgeCache, type GraphEdge } from "./flowEdges";
import { buildFlowNodes, NodeCache, podNode, type GraphNode } from "./flowNodes";
import { computeLayout, type Layout, type Rect } from "./layout";
import { chooseLod, type Lod } from "./lod";
import { partition, type Partition } from "./partition";

export interface GraphFrame {
  readonly partition: Partition;
  readonly layout: Layout;
  readonly lod: Lod;
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  /** When the earliest ghost expires (same clock as `now`), if any. */
  readonly nextExpiry?: number;
}

export const FADE_MS = 700;

export class GraphModel {
  private prev?: Partition;
  private prevLayout?: Layout;
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

  /** `fade` is false under prefers-reduced-motion: removed pods vanish at once. */
  update(items: ReadonlyMap<string, ViewItem>, showOwnership: boolean, now: number, fade = true): GraphFrame {
    const p = partition(items, this.prev);
    const lod = chooseLod(p.nodes.length, p.podCount, this.lod);
    // Freshness drives the card appear animation; dots have none, so big clusters skip the bookkeeping.
    if (lod === "cards") this.trackFirstSeen(p, now);
    else this.firstSeen.clear();
    const layout = computeLayout(p, lod, showOwnership);
    if (fade && this.prev && this.prevLayout && this.prevLayout.lod === "cards" && lod === "cards") this.collectGhosts(this.prev, p, this.prevLayout, now);
    if (!fade || lod !== "cards") this.ghosts.clear();
    const nodes = buildFlowNodes(p, layout, this.nodeCache);
    let nextExpiry: number | undefined;
    for (const [id, g] of this.ghosts) {
      if (g.until <= now || items.has(id)) {
        this.ghosts.delete(id);
        continue;
      }
      nodes.push(podNode(g.pod, g.rect, this.nodeCache, true));
      nextExpiry = Math.min(nextExpiry ?? Infinity, g.until);
    }
    const edges = buildFlowEdges(p, layout, showOwnership, this.edgeCache);
    this.nodeCache.sweep();
    this.edgeCache.sweep();
    this.prev = p;
    this.prevLayout = layout;
    this.lod = lod;
    return { partition: p, layout, lod, nodes, edges, nextExpiry };
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
