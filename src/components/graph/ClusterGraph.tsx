// ClusterGraph draws the live cluster: control plane, nodes with their pods, Services, Ingresses and
// ownership, with every API request travelling between the boxes. All state comes from the app store
// (filled by the worker); the derivation lives in ./model (pure, tested) and runs only when `items` changes.
import { useCallback, useEffect, useMemo, useRef, type RefObject } from "react";
import { Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, type Node } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import "./ClusterGraph.css";
import "./nodes/boxes.css";
import "./nodes/pods.css";
import "./edges/edges.css";
import "./panels/panels.css";
import { useShell } from "../../state/shell";
import { useKubelab } from "../../state/store";
import { DotSceneContext, FreshContext } from "./graphContext";
import { useGraphFrame } from "./hooks/useGraphFrame";
import { useMessageFlow } from "./hooks/useMessageFlow";
import { useReducedMotion } from "./hooks/useReducedMotion";
import { useDotPalette } from "./hooks/useDotPalette";
import { useFarZoom } from "./hooks/useFarZoom";
import { podTone, nodeDown, toneVar } from "./model/podStatus";
import type { GraphNode } from "./model/flowNodes";
import type { GraphEdge } from "./model/flowEdges";
import { ComponentNode } from "./nodes/ComponentNode";
import { KubectlNode } from "./nodes/KubectlNode";
import { KubeletsNode } from "./nodes/KubeletsNode";
import { NodeBox } from "./nodes/NodeBox";
import { ObjectNode } from "./nodes/ObjectNode";
import { PendingNode } from "./nodes/PendingNode";
import { PodCard } from "./nodes/PodCard";
import { DotLayer } from "./nodes/DotLayer";
import { selectItem } from "./nodes/select";
import { FlowEdge } from "./edges/FlowEdge";
import { LinkEdge } from "./edges/LinkEdge";
import { GraphToolbar } from "./panels/GraphToolbar";
import { NodeMenuPanel } from "./panels/NodeMenuPanel";
import { CommandError } from "./panels/CommandError";
import { MessageCaption } from "./panels/MessageCaption";

const MINIMAP_SIZE = { width: 160, height: 110 } as const;
const nodeTypes = { kubectl: KubectlNode, component: ComponentNode, pending: PendingNode, node: NodeBox, pod: PodCard, object: ObjectNode, kubelets: KubeletsNode };
const edgeTypes = { flow: FlowEdge, link: LinkEdge };
/** Room at the top for the toolbar panel, so fitting never hides kubectl under it, and at the bottom for
 *  the message caption, so it never covers the nodes' pods. */
const FIT = { padding: { top: "52px", bottom: "46px", left: "16px", right: "16px" }, maxZoom: 1 } as const;

export function ClusterGraph() {
  return (
    <ReactFlowProvider>
      <GraphCanvas />
    </ReactFlowProvider>
  );
}

function minimapColour(n: Node): string {
  const g = n as GraphNode;
  switch (g.type) {
    case "pod":
      return `var(${toneVar(podTone(g.data.pod))})`;
    case "node":
      return nodeDown(g.data.node) ? "var(--g-err)" : "var(--g-muted)";
    case "component":
      return g.data.component?.up === false ? "var(--g-down)" : "var(--g-accent)";
    default:
      return "var(--g-border)";
  }
}

function GraphCanvas() {
  const reduced = useReducedMotion();
  const theme = useKubelab((s) => s.theme);
  const { frame, model, scene, painter } = useGraphFrame(reduced);
  const root = useRef<HTMLElement>(null);
  useDotPalette(painter, theme, root);
  useMessageFlow(frame, !reduced);
  const isFresh = useCallback((id: string) => !reduced && model.isFresh(id, performance.now()), [model, reduced]);
  const nodeNames = useMemo(() => frame.partition.nodes.map((n) => n.name), [frame.partition.nodes]);
  useRefit(frame.lod, frame.partition.nodes.length > 0);

  return (
    <section ref={root} className={`kl-graph${reduced ? " kl-reduced" : ""}`} aria-label="Cluster graph" data-lod={frame.lod}>
      <FreshContext.Provider value={isFresh}>
       <DotSceneContext.Provider value={scene}>
        <ReactFlow
          // React Flow takes mutable arrays but never mutates them; the model reuses them across frames.
          nodes={frame.nodes as GraphNode[]}
          edges={frame.edges as GraphEdge[]}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          colorMode={theme}
          onlyRenderVisibleElements
          fitView
          fitViewOptions={FIT}
          minZoom={0.05}
          maxZoom={2.5}
          nodesDraggable={false}
          nodesConnectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          elementsSelectable={false}
          deleteKeyCode={null}
          onPaneClick={() => selectItem(undefined)}
          onNodeClick={onNodeClick}
        >
          {frame.lod === "dots" && <DotLayer painter={painter} />}
          <GraphToolbar nodeNames={nodeNames} lod={frame.lod} />
          <CommandError />
          <NodeMenuPanel nodes={frame.partition.nodes} />
          <MessageCaption />
          <Controls showInteractive={false} fitViewOptions={FIT} />
          {/* Top right: the one corner the fitted layout leaves empty (nodes fill the bottom, the toolbar the top left). */}
          <MiniMap position="top-right" pannable zoomable nodeColor={minimapColour} ariaLabel="Cluster minimap" style={MINIMAP_SIZE} />
          <FarZoom root={root} />
        </ReactFlow>
       </DotSceneContext.Provider>
      </FreshContext.Provider>
    </section>
  );
}

/** Far text when zoomed out (inside ReactFlow: it reads the viewport from React Flow's store). */
function FarZoom({ root }: { root: RefObject<HTMLElement | null> }) {
  useFarZoom(root);
  return null;
}

/** A click on a box outside its buttons (e.g. a node's empty pod area) selects what the box shows.
 *  Also, React Flow only lets pointer events reach non-selectable nodes when a click handler exists. */
function onNodeClick(_e: unknown, n: Node): void {
  const g = n as GraphNode;
  if (g.type === "node" || g.type === "object" || g.type === "component" || (g.type === "pod" && !g.data.ghost)) selectItem(g.id);
}

/** Fits the view when the first nodes arrive (the worker's snapshot usually comes after the first paint)
 *  and when the level of detail switches (every box changes size). Never otherwise: the learner's pan
 *  and zoom stay put while the cluster changes. */
function useRefit(lod: string, hasNodes: boolean) {
  const { fitView } = useReactFlow();
  // The graph's area changes size when it is expanded over the panels (or given back): fit again.
  const expanded = useShell((s) => s.graphExpanded);
  useEffect(() => {
    if (!hasNodes) return;
    const t = setTimeout(() => void fitView(FIT), 30);
    return () => clearTimeout(t);
  }, [lod, hasNodes, fitView, expanded]);
}
