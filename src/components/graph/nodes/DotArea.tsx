// DotArea is a node's (or the Pending area's) place for its dots in dot view. The dots themselves are
// painted by the DotPainter on the one canvas laid over the graph; this element holds the area's size,
// turns a click into the pod under it, and carries the accessible pod buttons (DotButtons).
import { memo, useContext } from "react";
import { DotSceneContext } from "../graphContext";
import { dotAreaSize, dotIndexAt } from "../model/dots";
import { DotButtons } from "./DotButtons";
import { selectItem } from "./select";

export const DotArea = memo(function DotArea({ sceneKey, rows, label }: { sceneKey: string; rows: number; label: string }) {
  const scene = useContext(DotSceneContext);
  const { w, h } = dotAreaSize(rows);

  const onClick = (e: React.MouseEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    if (box.width === 0) return;
    // The graph may be zoomed: convert screen pixels back to the drawing's own units.
    const k = w / box.width;
    const i = dotIndexAt((e.clientX - box.left) * k, (e.clientY - box.top) * k);
    // The latest list (what is painted), not the buttons' coalesced one.
    const pod = i < 0 ? undefined : scene.pods(sceneKey)[i];
    if (pod) {
      e.stopPropagation();
      selectItem(pod.id);
    }
  };

  return (
    <div className="kl-dots" style={{ width: w, height: h }} onClick={onClick}>
      <DotButtons sceneKey={sceneKey} label={label} />
    </div>
  );
});
