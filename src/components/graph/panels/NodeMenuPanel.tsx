// Dot view: a node's actions open here (its box is too small for five buttons). Escape or Close
// returns; the first available action takes focus so the menu is keyboard-reachable.
import { Panel } from "@xyflow/react";
import type { NodeView } from "../../../engine/protocol";
import { useGraphUi } from "../graphStores";
import { NodeActions } from "../nodes/NodeActions";

export function NodeMenuPanel({ nodes }: { nodes: readonly NodeView[] }) {
  const menuFor = useGraphUi((s) => s.menuFor);
  const node = menuFor === undefined ? undefined : nodes.find((n) => n.name === menuFor);
  if (!node) return null;
  const close = () => {
    useGraphUi.setState({ menuFor: undefined });
    // Give focus back to the node's menu button, where the keyboard user opened the menu from.
    document.querySelector<HTMLElement>(`[aria-label="Actions for node ${node.name}"]`)?.focus();
  };
  return (
    <Panel position="top-right" className="kl-menu-panel">
      <div
        role="dialog"
        aria-label={`Node ${node.name} actions`}
        onKeyDown={(e) => {
          if (e.key === "Escape") close();
        }}
      >
        <div className="kl-row">
          <strong>{node.name}</strong>
          <span className="kl-muted">{node.status}</span>
          <button type="button" className="kl-tool" onClick={close}>
            Close
          </button>
        </div>
        <NodeActions node={node} autoFocus />
      </div>
    </Panel>
  );
}
