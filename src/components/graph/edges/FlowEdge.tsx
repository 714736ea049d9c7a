// A message edge (kubectl → kube-apiserver, kube-apiserver → etcd / scheduler / controllers / a node's
// kubelet). It subscribes to its own flights only: a dot per hop travelling the straight line, and a
// "×N" counter while messages are being aggregated. The dots are HTML elements over the graph animated
// with the Web Animations API on transform and opacity only, so the compositor moves them: a dot in
// flight costs the page's main thread nothing per frame (an SVG dot would be repainted every frame).
import { memo, useLayoutEffect, useRef } from "react";
import { getStraightPath, ViewportPortal, type EdgeProps } from "@xyflow/react";
import type { FlowGraphEdge } from "../model/flowEdges";
import type { Flight } from "../model/animator";
import { useFlights } from "../graphStores";

type FlowEdgeProps = EdgeProps<FlowGraphEdge>;

export const FlowEdge = memo(function FlowEdge({ id, sourceX, sourceY, targetX, targetY }: FlowEdgeProps) {
  const flights = useFlights((s) => s.byEdge[id]);
  const badge = useFlights((s) => s.badges[id]);
  const active = flights !== undefined || badge !== undefined;
  const [path, labelX, labelY] = getStraightPath({ sourceX, sourceY, targetX, targetY });
  return (
    <>
      <path d={path} className={`kl-flow-path${active ? " kl-active" : ""}`} fill="none" />
      {flights && (
        <ViewportPortal>
          {flights.map((f) => (
            <FlightDot key={f.id} f={f} x0={f.reverse ? targetX : sourceX} y0={f.reverse ? targetY : sourceY} x1={f.reverse ? sourceX : targetX} y1={f.reverse ? sourceY : targetY} />
          ))}
        </ViewportPortal>
      )}
      {badge && (
        <g className="kl-badge" transform={`translate(${labelX} ${labelY})`}>
          <rect x={-22} y={-10} width={44} height={20} rx={10} />
          <text textAnchor="middle" dominantBaseline="central">
            ×{badge.count}
          </text>
        </g>
      )}
    </>
  );
});

/** Share of a hop after which the dot fades out at its destination. */
const ARRIVE = 0.95;

function FlightDot({ f, x0, y0, x1, y1 }: { f: Flight; x0: number; y0: number; x1: number; y1: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    // jsdom (tests) has no Web Animations.
    if (!el || typeof el.animate !== "function") return;
    const a = el.animate(
      [
        { transform: `translate(${x0}px, ${y0}px)`, opacity: 1 },
        { offset: ARRIVE, opacity: 1 },
        { transform: `translate(${x1}px, ${y1}px)`, opacity: 0 },
      ],
      // Invisible (the element's own opacity 0) while it waits for its step; gone once arrived.
      { duration: f.duration, delay: f.delay, easing: "ease-in-out", fill: "forwards" },
    );
    return () => a.cancel();
  }, [f.duration, f.delay, x0, y0, x1, y1]);
  return <div ref={ref} className={`kl-flight kl-flight-${f.tone}`} aria-hidden="true" />;
}
