// Pods the scheduler has not placed yet wait here, next to kube-scheduler; when one is bound it moves
// onto its node. Card view lays pod cards over this area; dot view draws dots inside it.
import { memo, useContext } from "react";
import type { NodeProps } from "@xyflow/react";
import type { PendingGraphNode } from "../model/flowNodes";
import { pendingAreaLabel } from "../model/labels";
import { DotSceneContext } from "../graphContext";
import { PENDING_KEY } from "../model/dotScene";
import { DotArea } from "./DotArea";
import { usePublishedPods } from "./DotButtons";
import { sameBox } from "./sameBox";

export const PendingNode = memo(function PendingNode({ data }: NodeProps<PendingGraphNode>) {
  const { lod, rows } = data;
  // Dot view reads the pods from the DotScene (see NodeBox).
  const published = usePublishedPods(useContext(DotSceneContext), PENDING_KEY);
  const pods = data.pods ?? published;
  return (
    <div className={`kl-pending kl-node-${lod}`} role="group" aria-label={pendingAreaLabel(pods)}>
      <div className="kl-pending-head">
        <span className="kl-box-title">Pending (unscheduled)</span>
        <span className="kl-muted">{pods.length}</span>
      </div>
      {lod === "dots" && <DotArea sceneKey={PENDING_KEY} rows={rows} label="Unscheduled pods" />}
      {pods.length === 0 && <span className={lod === "dots" ? "kl-empty kl-empty-dots" : "kl-empty"}>no pods waiting</span>}
    </div>
  );
}, sameBox);
