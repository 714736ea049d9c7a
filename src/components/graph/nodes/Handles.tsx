// Invisible connection points: edges attach to a box's sides by these ids ("top", "bottom", "left",
// "right"). Top and left receive, bottom and right send; nothing here is user-connectable.
import { Handle, Position } from "@xyflow/react";

export type Side = "top" | "bottom" | "left" | "right";

const POSITION: Record<Side, Position> = { top: Position.Top, bottom: Position.Bottom, left: Position.Left, right: Position.Right };

export function Handles({ sides }: { sides: readonly Side[] }) {
  return (
    <>
      {sides.map((s) => (
        <Handle key={s} id={s} type={s === "top" || s === "left" ? "target" : "source"} position={POSITION[s]} isConnectable={false} className="kl-handle" />
      ))}
    </>
  );
}
