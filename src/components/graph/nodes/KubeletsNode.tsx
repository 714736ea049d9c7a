// Dot view: one box stands for the kubelets and kube-proxies of every node, where the single
// kube-apiserver ⇄ nodes message edge ends, with how many nodes are Ready.
import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { KubeletsGraphNode } from "../model/flowNodes";
import { Handles } from "./Handles";
import { sameBox } from "./sameBox";

export function kubeletsLabel(nodes: readonly { status: string; machineUp: boolean }[]): string {
  const ready = nodes.filter((n) => n.status.split(",").includes("Ready")).length;
  const off = nodes.filter((n) => !n.machineUp).length;
  return `kubelets on ${nodes.length} nodes: ${ready} Ready${ready < nodes.length ? `, ${nodes.length - ready} NotReady` : ""}${off > 0 ? `, ${off} machines off` : ""}`;
}

export const KubeletsNode = memo(function KubeletsNode({ data }: NodeProps<KubeletsGraphNode>) {
  const label = kubeletsLabel(data.nodes);
  return (
    <div className="kl-box kl-kubelets" role="img" aria-label={label}>
      <Handles sides={["top"]} />
      <span className="kl-box-sub">{label}</span>
    </div>
  );
}, sameBox);
