// dots builds the SVG path data for a node's pods in dot view: pod i sits in row i / DOT.cols, column
// i % DOT.cols (creation order, so dots never jump), and all pods of one colour share one path.
import type { PodView } from "../../../engine/protocol";
import { DOT } from "./layout";
import { POD_TONES, podTone, type PodTone } from "./podStatus";

/** [tone, path data] for each tone present, in POD_TONES order. */
export function dotPaths(pods: readonly Pick<PodView, "status" | "phase" | "ready" | "terminating">[]): [PodTone, string][] {
  const parts = new Map<PodTone, string[]>();
  const r = DOT.size / 2;
  pods.forEach((p, i) => {
    const tone = podTone(p);
    const cx = (i % DOT.cols) * DOT.pitch + DOT.pitch / 2;
    const cy = Math.floor(i / DOT.cols) * DOT.pitch + DOT.pitch / 2;
    // A circle as two half arcs, starting at its left edge.
    const circle = `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
    const list = parts.get(tone);
    if (list) list.push(circle);
    else parts.set(tone, [circle]);
  });
  return POD_TONES.filter((t) => parts.has(t)).map((t) => [t, parts.get(t)!.join("")]);
}
