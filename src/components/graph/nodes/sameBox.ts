// React Flow passes a node component its position too (positionAbsoluteX/Y), so plain memo re-renders
// every box that moved, though a box draws the same wherever it is (React Flow places it). Node
// components compare what they draw with: their data (kept by NodeCache when a node only moves) and size.
import type { NodeProps } from "@xyflow/react";

export function sameBox(a: Pick<NodeProps, "id" | "data" | "width" | "height">, b: Pick<NodeProps, "id" | "data" | "width" | "height">): boolean {
  return a.id === b.id && a.data === b.data && a.width === b.width && a.height === b.height;
}
