// A control-plane component: kube-apiserver, etcd, kube-scheduler or kube-controller-manager (with the
// controllers it runs). Stopped components (an experiment) are greyed and say so.
import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { ComponentGraphNode, ComponentNodeData } from "../model/flowNodes";
import { componentLabel } from "../model/labels";
import { fitControllers } from "../model/layout";
import { useFlights } from "../graphStores";
import { Handles } from "./Handles";
import { selectItem, useIsSelected } from "./select";
import { sameBox } from "./sameBox";

const ROLE: Record<ComponentNodeData["name"], string> = {
  "kube-apiserver": "the only door to the cluster state",
  etcd: "stores every object",
  "kube-scheduler": "picks a node for each new pod",
  "kube-controller-manager": "runs the controllers",
};

export const ComponentNode = memo(function ComponentNode({ data }: NodeProps<ComponentGraphNode>) {
  const { name, component } = data;
  const up = component?.up ?? true;
  const selected = useIsSelected(name);
  const controllers = component?.controllers ?? [];
  return (
    <button type="button" className={`kl-box kl-component${controllers.length > 0 ? " kl-has-controllers" : ""}${up ? "" : " kl-stopped"}${selected ? " kl-selected" : ""}`} aria-label={componentLabel({ name, up })} onClick={() => selectItem(name)}>
      <Handles sides={name === "kube-apiserver" ? ["left", "right", "bottom"] : name === "etcd" ? ["left"] : ["top"]} />
      <span className="kl-box-title">{name}</span>
      <span className="kl-box-sub">{up ? ROLE[name] : "stopped"}</span>
      {controllers.length > 0 && <Controllers names={controllers} />}
      {name === "kube-apiserver" && <DroppedBadge />}
    </button>
  );
}, sameBox);

function Controllers({ names }: { names: readonly string[] }) {
  const { shown, more } = fitControllers(names);
  return (
    <span className="kl-controllers" title={names.join(", ")}>
      {shown.join(" · ")}
      {more > 0 && ` · +${more} more`}
    </span>
  );
}

/** Requests the worker summarised instead of sending one by one (a 3,000-pod rollout). */
function DroppedBadge() {
  const dropped = useFlights((s) => s.dropped);
  if (!dropped) return null;
  return (
    <span className="kl-dropped" title="requests not drawn one by one">
      +{dropped.count} requests
    </span>
  );
}
