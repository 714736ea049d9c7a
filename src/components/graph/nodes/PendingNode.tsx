// Pods the scheduler has not placed yet wait here, next to kube-scheduler; when one is bound it moves
// onto its node. Card view lays pod cards over this area; dot view draws dots inside it.
import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { PendingGraphNode } from "../model/flowNodes";
import { pendingAreaLabel } from "../model/labels";
import { DotCanvas } from "./DotCanvas";

export const PendingNode = memo(function PendingNode({ data }: NodeProps<PendingGraphNode>) {
  const { pods, lod } = data;
  return (
    <div className={`kl-pending kl-node-${lod}`} role="group" aria-label={pendingAreaLabel(pods)}>
      <div className="kl-pending-head">
        <span className="kl-box-title">Pending (unscheduled)</span>
        <span className="kl-muted">{pods.length}</span>
      </div>
      {lod === "dots" && pods.length > 0 && <DotCanvas pods={pods} />}
      {pods.length === 0 && <span className="kl-empty">no pods waiting</span>}
    </div>
  );
});
