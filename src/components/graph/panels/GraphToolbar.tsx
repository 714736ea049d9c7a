// The graph's own controls: add a node, show or hide ownership (Deployment → ReplicaSet → Pod), and a
// legend of the pod colours. Zoom, fit and the minimap are React Flow's Controls and MiniMap.
import { Panel } from "@xyflow/react";
import { useShell } from "../../../state/shell";
import { useKubelab } from "../../../state/store";
import { nextNodeName } from "../model/labels";
import type { Lod } from "../model/lod";
import { runGraphCommand, useGraphUi } from "../graphStores";

const LEGEND = [
  ["pending", "Pending"],
  ["creating", "ContainerCreating"],
  ["running", "Running"],
  ["failing", "Failing"],
] as const;

export function GraphToolbar({ nodeNames, lod }: { nodeNames: readonly string[]; lod: Lod }) {
  const showOwnership = useKubelab((s) => s.showOwnership);
  const adding = useGraphUi((s) => s.busy.some((l) => l.startsWith("sim node add ")));
  const expanded = useShell((s) => s.graphExpanded);
  return (
    <Panel position="top-left" className="kl-toolbar">
      <button type="button" className="kl-tool" disabled={adding} onClick={() => void runGraphCommand(`sim node add ${nextNodeName(nodeNames)}`)}>
        Add node
      </button>
      <button type="button" className="kl-tool" aria-pressed={showOwnership} onClick={() => useKubelab.getState().setShowOwnership(!showOwnership)}>
        Ownership
      </button>
      <button type="button" className="kl-tool" aria-pressed={expanded} onClick={() => useShell.getState().setGraphExpanded(!expanded)}>
        Expand graph
      </button>
      <span className="kl-legend" title={lod === "dots" ? "pods drawn as dots (large cluster)" : "every pod drawn as a card"}>
        {LEGEND.map(([tone, text]) => (
          <span key={tone} className={`kl-legend-item kl-tone-${tone}`}>
            <span className="kl-pod-dot" aria-hidden="true" />
            {text}
          </span>
        ))}
      </span>
    </Panel>
  );
}
