// The actions a learner takes on a node: kill or restore its machine, cordon, uncordon, drain. Each runs
// the same command the terminal would (`sim node kill node-2`, `kubectl drain node-2 ...`); the ones that
// cannot apply right now (kill a machine that is already off, ...) are disabled.
import type { NodeView } from "../../../engine/protocol";
import { nodeCordoned } from "../model/podStatus";
import { NODE_ACTIONS, runGraphCommand, useGraphUi, type NodeActionLabel } from "../graphStores";

export function actionEnabled(label: NodeActionLabel, n: Pick<NodeView, "machineUp" | "status">): boolean {
  switch (label) {
    case "Kill node":
      return n.machineUp;
    case "Restore node":
      return !n.machineUp;
    case "Cordon":
      return !nodeCordoned(n);
    case "Uncordon":
      return nodeCordoned(n);
    case "Drain":
      return true;
  }
}

export function NodeActions({ node, autoFocus = false }: { node: NodeView; autoFocus?: boolean }) {
  const busy = useGraphUi((s) => s.busy);
  const focusIndex = autoFocus ? NODE_ACTIONS.findIndex((a) => actionEnabled(a.label, node)) : -1;
  return (
    <div className="kl-actions nodrag nopan" role="group" aria-label={`Actions for ${node.name}`}>
      {NODE_ACTIONS.map((a, i) => (
        <button
          key={a.label}
          type="button"
          className="kl-action"
          disabled={busy.includes(a.line(node.name)) || !actionEnabled(a.label, node)}
          autoFocus={i === focusIndex}
          onClick={(e) => {
            e.stopPropagation();
            void runGraphCommand(a.line(node.name));
          }}
        >
          {a.label}
        </button>
      ))}
    </div>
  );
}
