// DotPainter paints every dot-view pod onto ONE canvas laid over the graph, in screen space (the
// viewport's pan and zoom applied by hand). One canvas, not one per node: the browser makes each canvas
// a compositing layer of its own, and a hundred layers cost more to compose every frame than the DOM
// they replace. A batch repaints only the areas whose pods changed; a pan, zoom, resize, theme change
// or layout change repaints everything visible (3,000 dots: a few ms). Paints are coalesced to one
// per animation frame.
import { POD_TONES } from "./podStatus";
import { DEFAULT_PALETTE, drawDots, type DotContext, type DotPalette } from "./dots";
import { DOT, PENDING_HEAD, type Layout } from "./layout";
import { PENDING_KEY, type DotScene } from "./dotScene";
import type { Partition } from "./partition";

/** Where the dots of a node box start, from the box's corner: its 1.5 px border plus its 10 px side
 *  padding (boxes.css .kl-node / .kl-pending), and below its header. */
export const DOT_INSET = { left: 11.5, top: 1.5 } as const;

/** A dot area's top-left corner in graph coordinates, and the rows its box reserves. */
export interface AreaOrigin {
  readonly x: number;
  readonly y: number;
  readonly rows: number;
  /** Only the first rows × DOT.cols pods are drawn (the Pending area; a node box always fits its pods). */
  readonly clip?: boolean;
}

export interface Viewport {
  /** React Flow's transform: screen = graph × zoom + (x, y). */
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
  /** The pane's size in CSS px. */
  readonly width: number;
  readonly height: number;
}

/** Every node's dot area and the Pending area's, from the layout. */
export function dotAreas(p: Partition, layout: Layout): Map<string, AreaOrigin> {
  const out = new Map<string, AreaOrigin>();
  const pending = layout.boxes.get("area:pending");
  if (pending) out.set(PENDING_KEY, { x: pending.x + DOT_INSET.left, y: pending.y + DOT_INSET.top + PENDING_HEAD, rows: layout.rows.get("area:pending") ?? 1, clip: true });
  for (const n of p.nodes) {
    const box = layout.boxes.get(n.id);
    const head = layout.nodeHeader.get(n.id);
    if (!box || head === undefined) continue;
    out.set(n.name, { x: box.x + DOT_INSET.left, y: box.y + DOT_INSET.top + head, rows: layout.rows.get(n.id) ?? 1 });
  }
  return out;
}

function sameAreas(a: ReadonlyMap<string, AreaOrigin>, b: ReadonlyMap<string, AreaOrigin>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (!w || w.x !== v.x || w.y !== v.y || w.rows !== v.rows || w.clip !== v.clip) return false;
  }
  return true;
}

/** The canvas the painter draws on (its backing-store size) and its 2D context (none in jsdom). */
export interface DotTarget {
  readonly canvas: { width: number; height: number };
  readonly ctx: DotContext | null;
  /** Device pixels per CSS pixel. */
  readonly dpr: number;
}

/** Ring and edge room around an area when it is cleared for repainting (graph px). */
const MARGIN = 2;

export class DotPainter {
  private areas: ReadonlyMap<string, AreaOrigin> = new Map();
  private viewport: Viewport = { x: 0, y: 0, zoom: 1, width: 0, height: 0 };
  private palette: DotPalette = DEFAULT_PALETTE;
  private target?: DotTarget;
  private readonly dirty = new Set<string>();
  private full = true;
  /** Rows last painted per area (a list may outgrow its reserved rows until the layout catches up). */
  private readonly paintedRows = new Map<string, number>();
  private cancel?: () => void;
  /** Dots painted by the last paint (for tests and the benchmark's curiosity). */
  lastPainted = 0;

  constructor(
    private readonly scene: DotScene,
    /** Runs `fn` before the next frame is drawn (requestAnimationFrame); returns a cancel function. */
    private readonly schedule: (fn: () => void) => () => void,
  ) {
    scene.setDirtyListener((key) => this.invalidate(key));
  }

  attach(target: DotTarget): () => void {
    this.target = target;
    this.resize();
    this.invalidateAll();
    return () => {
      if (this.target === target) this.target = undefined;
    };
  }

  setAreas(next: ReadonlyMap<string, AreaOrigin>): void {
    if (sameAreas(this.areas, next)) return;
    this.areas = next;
    this.invalidateAll();
  }

  setViewport(v: Viewport): void {
    const o = this.viewport;
    if (o.x === v.x && o.y === v.y && o.zoom === v.zoom && o.width === v.width && o.height === v.height) return;
    this.viewport = v;
    this.resize();
    this.invalidateAll();
  }

  setPalette(p: DotPalette): void {
    if (POD_TONES.every((t) => p.tones[t] === this.palette.tones[t]) && p.ring === this.palette.ring && p.focus === this.palette.focus) return;
    this.palette = p;
    this.invalidateAll();
  }

  invalidate(key: string): void {
    this.dirty.add(key);
    this.request();
  }

  invalidateAll(): void {
    this.full = true;
    this.request();
  }

  private request(): void {
    if (!this.cancel && this.target) this.cancel = this.schedule(() => this.paint());
  }

  private resize(): void {
    const t = this.target;
    if (!t) return;
    const w = Math.max(1, Math.round(this.viewport.width * t.dpr));
    const h = Math.max(1, Math.round(this.viewport.height * t.dpr));
    // Assigning a size clears the canvas even when unchanged: only on a real change.
    if (t.canvas.width !== w) t.canvas.width = w;
    if (t.canvas.height !== h) t.canvas.height = h;
  }

  /** Repaints what changed since the last paint. */
  paint(): void {
    this.cancel = undefined;
    const t = this.target;
    if (!t) return;
    const ctx = t.ctx;
    const full = this.full;
    const keys = full ? [...this.areas.keys()] : [...this.dirty];
    this.full = false;
    this.dirty.clear();
    this.lastPainted = 0;
    if (!ctx) return;
    if (full) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, t.canvas.width, t.canvas.height);
    }
    const { x: vx, y: vy, zoom } = this.viewport;
    const k = zoom * t.dpr;
    const w = DOT.cols * DOT.pitch;
    for (const key of keys) {
      const area = this.areas.get(key);
      if (!area) continue;
      const all = this.scene.pods(key);
      const pods = area.clip && all.length > area.rows * DOT.cols ? all.slice(0, area.rows * DOT.cols) : all;
      const rows = Math.max(area.rows, Math.ceil(pods.length / DOT.cols));
      const h = Math.max(rows, full ? 0 : (this.paintedRows.get(key) ?? 0)) * DOT.pitch;
      this.paintedRows.set(key, rows);
      const ox = (area.x * zoom + vx) * t.dpr;
      const oy = (area.y * zoom + vy) * t.dpr;
      // Off screen: nothing to paint (a pan repaints everything anyway).
      if (ox + (w + MARGIN) * k < 0 || oy + (h + MARGIN) * k < 0 || ox - MARGIN * k > t.canvas.width || oy - MARGIN * k > t.canvas.height) continue;
      ctx.setTransform(k, 0, 0, k, ox, oy);
      if (!full) ctx.clearRect(-MARGIN, -MARGIN, w + 2 * MARGIN, h + 2 * MARGIN);
      this.lastPainted += drawDots(ctx, pods, this.palette, this.scene.selected, this.scene.focused, k);
    }
  }

  dispose(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.target = undefined;
    this.scene.setDirtyListener(undefined);
  }
}
