// useDotPalette gives the dot canvases the theme's colours. A canvas cannot use CSS variables, so the
// pod colours (--g-pod-*, defined in ClusterGraph.css from the page's --ok, --warn, ...) are read from the
// graph's computed style whenever the theme changes: the store's setting, or <html data-theme> (which the
// shell sets in its own effect, possibly after ours).
import { useEffect, type RefObject } from "react";
import type { Theme } from "../../../state/store";
import { DEFAULT_PALETTE, type DotPalette } from "../model/dots";
import type { DotPainter } from "../model/dotPainter";
import { POD_TONES, toneVar, type PodTone } from "../model/podStatus";

export function readPalette(el: Element): DotPalette {
  const style = getComputedStyle(el);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const tones = {} as Record<PodTone, string>;
  for (const t of POD_TONES) tones[t] = read(toneVar(t), DEFAULT_PALETTE.tones[t]);
  return { tones, ring: read("--g-fg", DEFAULT_PALETTE.ring), focus: read("--g-accent", DEFAULT_PALETTE.focus) };
}

export function useDotPalette(painter: DotPainter, theme: Theme, root: RefObject<Element | null>): void {
  useEffect(() => {
    const el = root.current;
    if (!el || typeof getComputedStyle !== "function") return;
    const apply = () => painter.setPalette(readPalette(el));
    apply();
    if (typeof MutationObserver === "undefined") return;
    const mo = new MutationObserver(apply);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme", "class", "style"] });
    return () => mo.disconnect();
  }, [painter, theme, root]);
}
