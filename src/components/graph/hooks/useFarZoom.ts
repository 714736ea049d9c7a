// At the zoom that fits a whole 3-node cluster into a 1280×720 window (~0.4), 11 px labels would be 4 px on
// screen. Below FAR_ZOOM the graph switches to "far" text: the labels a learner needs from afar (pod, node
// and component names, node status) grow by TEXT_TARGET / zoom, capped, and the secondary lines they would
// cover are hidden. Zooming in brings the full cards back. Only the root element's class and one CSS
// variable change: no box re-renders.
import { useEffect, type RefObject } from "react";
import { useStore } from "@xyflow/react";

/** Below this zoom, labels switch to far text. */
export const FAR_ZOOM = 0.62;
/** On-screen size far text aims for, as a multiple of its size at zoom 1. */
const TEXT_TARGET = 0.85;
const MAX_SCALE = 2.4;

/** The factor far text is drawn at: TEXT_TARGET / zoom, between 1 and MAX_SCALE, in steps of 0.05. */
export function farTextScale(zoom: number): number {
  if (!(zoom > 0)) return 1;
  const s = Math.min(MAX_SCALE, Math.max(1, TEXT_TARGET / zoom));
  return Math.round(s * 20) / 20;
}

/** Keeps `kl-far` and `--kl-text` on the graph's root element in step with the viewport's zoom. */
export function useFarZoom(root: RefObject<HTMLElement | null>): void {
  // A step value, so the store subscription re-renders nothing while the zoom moves within a step.
  const scale = useStore((s) => farTextScale(s.transform[2]));
  const far = useStore((s) => s.transform[2] < FAR_ZOOM);
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    el.style.setProperty("--kl-text", String(scale));
    el.classList.toggle("kl-far", far);
  }, [root, scale, far]);
}
