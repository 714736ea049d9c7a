// A message edge (kubectl → kube-apiserver, kube-apiserver → etcd / scheduler / controllers / a node's
// kubelet). It subscribes to its own flights only: a dot per hop travelling the straight line (CSS
// animation between two points, so the browser interpolates, not React), and a "×N" counter while
// messages are being aggregated.
import { memo, type CSSProperties } from "react";
import { getStraightPath, type EdgeProps } from "@xyflow/react";
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
      {flights?.map((f) => <FlightDot key={f.id} f={f} x0={f.reverse ? targetX : sourceX} y0={f.reverse ? targetY : sourceY} x1={f.reverse ? sourceX : targetX} y1={f.reverse ? sourceY : targetY} />)}
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

function FlightDot({ f, x0, y0, x1, y1 }: { f: Flight; x0: number; y0: number; x1: number; y1: number }) {
  const style = {
    "--x0": `${x0}px`,
    "--y0": `${y0}px`,
    "--x1": `${x1}px`,
    "--y1": `${y1}px`,
    animationDelay: `${f.delay}ms`,
    animationDuration: `${f.duration}ms`,
  } as CSSProperties;
  return <circle r={6} className={`kl-flight kl-flight-${f.tone}`} style={style} />;
}
