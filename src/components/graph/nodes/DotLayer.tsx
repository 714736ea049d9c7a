// DotLayer is the one canvas the dot view's pods are painted on (see DotPainter for why one), laid over
// React Flow's viewport and under its panels, following the viewport's pan and zoom. It takes no
// pointer events: clicks reach the node boxes' DotAreas below.
import { useLayoutEffect, useRef } from "react";
import { useStoreApi } from "@xyflow/react";
import type { DotContext } from "../model/dots";
import type { DotPainter } from "../model/dotPainter";

/** jsdom has no 2D context (and logs an error when asked): paint only in a real browser. */
function context2d(canvas: HTMLCanvasElement): DotContext | null {
  if (typeof navigator !== "undefined" && navigator.userAgent.includes("jsdom")) return null;
  return canvas.getContext("2d");
}

export function DotLayer({ painter }: { painter: DotPainter }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi();
  useLayoutEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const follow = (s: { transform: [number, number, number]; width: number; height: number }) =>
      painter.setViewport({ x: s.transform[0], y: s.transform[1], zoom: s.transform[2], width: s.width, height: s.height });
    follow(store.getState());
    const detach = painter.attach({ canvas, ctx: context2d(canvas), dpr: window.devicePixelRatio || 1 });
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) follow(s);
    });
    return () => {
      unsubscribe();
      detach();
    };
  }, [painter, store]);
  return <canvas ref={ref} className="kl-dot-layer" aria-hidden="true" />;
}
