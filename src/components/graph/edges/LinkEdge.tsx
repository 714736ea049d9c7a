// A relationship edge: Service → endpoint pod (solid when ready, dashed when not), Ingress → Service,
// owner → owned (Deployment → ReplicaSet → Pod).
import { memo } from "react";
import { getBezierPath, type EdgeProps } from "@xyflow/react";
import type { LinkGraphEdge } from "../model/flowEdges";

type LinkEdgeProps = EdgeProps<LinkGraphEdge>;

export const LinkEdge = memo(function LinkEdge({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data }: LinkEdgeProps) {
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return <path d={path} className={`kl-link kl-link-${data?.link ?? "owner"}`} fill="none" />;
});
