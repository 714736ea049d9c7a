// A node: a box holding its pods, with its kubelet and kube-proxy marks, zone, taints and actions. A
// machine that is off greys out at once; the API's NotReady and the taints follow as the node lifecycle
// controller notices (node-monitor-grace-period), so a learner sees both beliefs.
// Card view: pod cards are separate React Flow nodes laid over this box (so they can move in from the
// Pending area). Dot view: the pods are dots on one canvas inside the box, drawn from the DotScene; the
// box's count and summary follow the scene's (coalesced) publication, so a batch that changes pods does
// not re-render the box.
import { memo, useContext } from "react";
import type { NodeProps } from "@xyflow/react";
import type { NodeBoxGraphNode } from "../model/flowNodes";
import { nodeLabel, nodeSummaryLabel } from "../model/labels";
import { NODE_HEADER } from "../model/layout";
import { nodeCordoned, nodeDown } from "../model/podStatus";
import { useGraphUi } from "../graphStores";
import { DotSceneContext } from "../graphContext";
import { DotArea } from "./DotArea";
import { usePublishedPods } from "./DotButtons";
import { Handles } from "./Handles";
import { NodeActions } from "./NodeActions";
import { selectItem, useIsSelected } from "./select";
import { sameBox } from "./sameBox";

export const NodeBox = memo(function NodeBox({ data }: NodeProps<NodeBoxGraphNode>) {
  const { node, lod, headerH, rows } = data;
  const scene = useContext(DotSceneContext);
  const published = usePublishedPods(scene, node.name);
  const pods = data.pods ?? published;
  const selected = useIsSelected(node.id);
  const menuOpen = useGraphUi((s) => s.menuFor === node.name);
  const h = NODE_HEADER[lod];
  const down = nodeDown(node);
  const label = lod === "dots" ? nodeSummaryLabel(node, pods) : nodeLabel(node);
  const statusClass = node.status.startsWith("Ready") ? "kl-ok" : "kl-err";
  return (
    <div className={`kl-node kl-node-${lod}${down ? " kl-down" : ""}${nodeCordoned(node) ? " kl-cordoned" : ""}${selected ? " kl-selected" : ""}`} role="group" aria-label={node.name}>
      {/* Dot view draws no edge to a node box (one edge goes to the kubelets box): no handles, which
          would be a hundred more pieces for the browser to composite. */}
      {lod === "cards" && <Handles sides={["top"]} />}
      <div className="kl-node-head" style={{ height: headerH, paddingTop: h.top }}>
        <div className="kl-row" style={{ height: h.name }}>
          <button type="button" className="kl-node-name" aria-label={label} title={label} onClick={() => selectItem(node.id)}>
            {node.name}
          </button>
          <span className={`kl-node-status ${statusClass}`}>{node.status}</span>
          {lod === "dots" && (
            <button
              type="button"
              className="kl-menu-button nodrag nopan"
              aria-label={`Actions for node ${node.name}`}
              aria-expanded={menuOpen}
              onClick={() => useGraphUi.setState({ menuFor: menuOpen ? undefined : node.name })}
            >
              ⋯
            </button>
          )}
        </div>
        <div className="kl-row kl-muted" style={{ height: h.info }}>
          {lod === "cards" ? `${node.zone ?? "no zone"} · ${node.roles === "<none>" ? "worker" : node.roles} · ${node.cpu} CPU · ${node.memory} · ${pods.length}/${node.podCapacity} pods` : `${node.zone ?? "no zone"} · ${pods.length} pods`}
        </div>
        <div className="kl-row" style={{ height: h.marks }}>
          <span className={`kl-mark${node.machineUp ? "" : " kl-mark-off"}`} title="the node agent that runs pods and reports status">
            kubelet
          </span>
          <span className={`kl-mark${node.machineUp ? "" : " kl-mark-off"}`} title="programs Service routing on this node">
            kube-proxy
          </span>
          {!node.machineUp && <span className="kl-machine-off">machine off</span>}
        </div>
        {lod === "cards" && (
          <div className="kl-row" style={{ height: h.actions }}>
            <NodeActions node={node} />
          </div>
        )}
        {node.taints.map((t) => (
          <div key={t} className="kl-taint" style={{ height: h.taint }} title={`taint ${t}`}>
            {t}
          </div>
        ))}
      </div>
      {lod === "dots" && <DotArea sceneKey={node.name} rows={rows} label={`Pods on ${node.name}`} />}
    </div>
  );
}, sameBox);
