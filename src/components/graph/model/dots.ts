// dots draws a node's pods in dot view onto a 2D canvas: pod i sits in row i / DOT.cols, column
// i % DOT.cols (creation order, so dots never jump). A status change repaints a few pixels of the dot
// layer instead of restyling DOM, which is what keeps a 3,000-pod rollout at 60 fps. All dots of one
// colour are filled as one path, in POD_TONES order, so the picture depends only on the pods.
import type { PodView } from "../../../engine/protocol";
import { DOT } from "./layout";
import { POD_TONES, podTone, type PodTone } from "./podStatus";

/** The colours dots are drawn in, read from the graph's CSS variables (so themes apply). */
export interface DotPalette {
  readonly tones: Readonly<Record<PodTone, string>>;
  /** The ring around the selected pod. */
  readonly ring: string;
  /** The ring around the pod that has keyboard focus (its button is out of sight). */
  readonly focus: string;
}

/** Light-theme colours, used until the page's own are read (and in tests). */
export const DEFAULT_PALETTE: DotPalette = {
  tones: { pending: "#8c959f", creating: "#b7791f", running: "#1a7f37", unready: "#1a7f37", succeeded: "#326ce5", failing: "#cf222e", terminating: "#8c959f" },
  ring: "#1b1f24",
  focus: "#326ce5",
};

/** Tones drawn half transparent: not ready yet, or on their way out (as the card view dims them). */
const FAINT: ReadonlySet<PodTone> = new Set<PodTone>(["unready", "terminating"]);

/** The part of CanvasRenderingContext2D the dots use (tests pass a recorder). */
export type DotContext = Pick<CanvasRenderingContext2D, "setTransform" | "clearRect" | "beginPath" | "moveTo" | "arc" | "rect" | "fill" | "stroke" | "fillStyle" | "strokeStyle" | "globalAlpha" | "lineWidth">;

/** Width of a dot area, and its height for `rows` rows (CSS px, unzoomed). */
export function dotAreaSize(rows: number): { w: number; h: number } {
  return { w: DOT.cols * DOT.pitch, h: Math.max(1, rows) * DOT.pitch };
}

export function dotCenter(i: number): { x: number; y: number } {
  return { x: (i % DOT.cols) * DOT.pitch + DOT.pitch / 2, y: Math.floor(i / DOT.cols) * DOT.pitch + DOT.pitch / 2 };
}

/** The index of the dot under (x, y) in the drawing's own units, or -1 outside the grid. */
export function dotIndexAt(x: number, y: number): number {
  const col = Math.floor(x / DOT.pitch);
  const row = Math.floor(y / DOT.pitch);
  return col < 0 || col >= DOT.cols || row < 0 ? -1 : row * DOT.cols + col;
}

type DotPod = Pick<PodView, "id" | "status" | "phase" | "ready" | "terminating">;

/** Tones by pod object: a PodView never changes (a change is a new object), and a rollout repaints
 *  thousands of unchanged pods many times a second. */
const toneCache = new WeakMap<DotPod, PodTone>();

function toneOf(p: DotPod): PodTone {
  let t = toneCache.get(p);
  if (t === undefined) toneCache.set(p, (t = podTone(p)));
  return t;
}

/** Below this radius in device pixels a dot is drawn as a square: indistinguishable, and far cheaper
 *  to fill than an arc (the whole cluster fits the screen at about 0.2× zoom). */
const SQUARE_BELOW_PX = 1.6;

function ring(ctx: DotContext, i: number, radius: number, width: number, colour: string): void {
  const { x, y } = dotCenter(i);
  ctx.beginPath();
  ctx.moveTo(x + radius, y);
  ctx.arc(x, y, radius, 0, 2 * Math.PI);
  ctx.lineWidth = width;
  ctx.strokeStyle = colour;
  ctx.stroke();
}

/** Draws every pod of one area, its top-left corner at the context's origin (the caller sets the
 *  transform and clears), with a ring around the selected pod and a wider one around the focused pod.
 *  Returns how many dots were drawn. */
export function drawDots(ctx: DotContext, pods: readonly DotPod[], palette: DotPalette, selectedId: string | undefined, focusedId?: string, devicePxPerUnit = 1): number {
  if (pods.length === 0) return 0;
  const tones = new Array<PodTone>(pods.length);
  const present = new Set<PodTone>();
  const r = DOT.size / 2;
  const square = r * devicePxPerUnit < SQUARE_BELOW_PX;
  let selected = -1;
  let focused = -1;
  for (let i = 0; i < pods.length; i++) {
    const t = toneOf(pods[i]!);
    tones[i] = t;
    present.add(t);
    if (pods[i]!.id === selectedId) selected = i;
    if (pods[i]!.id === focusedId) focused = i;
  }
  for (const tone of POD_TONES) {
    if (!present.has(tone)) continue;
    ctx.beginPath();
    for (let i = 0; i < pods.length; i++) {
      if (tones[i] !== tone) continue;
      const x = (i % DOT.cols) * DOT.pitch + DOT.pitch / 2;
      const y = Math.floor(i / DOT.cols) * DOT.pitch + DOT.pitch / 2;
      if (square) ctx.rect(x - r, y - r, 2 * r, 2 * r);
      else {
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, 2 * Math.PI);
      }
    }
    ctx.globalAlpha = FAINT.has(tone) ? 0.5 : 1;
    ctx.fillStyle = palette.tones[tone];
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  if (selected >= 0) ring(ctx, selected, r + 1.2, 1.5, palette.ring);
  if (focused >= 0) ring(ctx, focused, r + 2, 2, palette.focus);
  return pods.length;
}
