// DotCanvas draws a node's pods as coloured dots: one small <svg> per node holding one <path> per colour
// (not one element per pod, and not a <canvas>, which would be a compositing layer each), rebuilt only
// when this node's pod list or the selection inside it changes. Clicking a dot selects that pod.
import { memo, useMemo } from "react";
import type { PodView } from "../../../engine/protocol";
import { useKubelab } from "../../../state/store";
import { DOT } from "../model/layout";
import { dotPaths } from "../model/dots";
import { selectItem } from "./select";

export function dotIndexAt(x: number, y: number): number {
  const col = Math.floor(x / DOT.pitch);
  const row = Math.floor(y / DOT.pitch);
  return col < 0 || col >= DOT.cols || row < 0 ? -1 : row * DOT.cols + col;
}

export const DotCanvas = memo(function DotCanvas({ pods }: { pods: readonly PodView[] }) {
  const selectedIndex = useKubelab((s) => (s.selectedId === undefined ? -1 : pods.findIndex((p) => p.id === s.selectedId)));
  const paths = useMemo(() => dotPaths(pods), [pods]);
  const rows = Math.max(1, Math.ceil(pods.length / DOT.cols));
  const width = DOT.cols * DOT.pitch;
  const height = rows * DOT.pitch;

  const onClick = (e: React.MouseEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    if (box.width === 0) return;
    // The graph may be zoomed: convert screen pixels back to the drawing's own units.
    const k = width / box.width;
    const pod = pods[dotIndexAt((e.clientX - box.left) * k, (e.clientY - box.top) * k)];
    if (pod) {
      e.stopPropagation();
      selectItem(pod.id);
    }
  };

  return (
    <svg className="kl-dots" width={width} height={height} viewBox={`0 0 ${width} ${height}`} onClick={onClick} aria-hidden="true">
      {paths.map(([tone, d]) => (
        <path key={tone} d={d} className={`kl-dot-path kl-tone-${tone}`} />
      ))}
      {selectedIndex >= 0 && <circle className="kl-dot-selected" cx={(selectedIndex % DOT.cols) * DOT.pitch + DOT.pitch / 2} cy={Math.floor(selectedIndex / DOT.cols) * DOT.pitch + DOT.pitch / 2} r={DOT.size / 2 + 1.2} />}
    </svg>
  );
});
