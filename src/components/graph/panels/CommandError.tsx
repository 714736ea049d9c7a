// What a failed node action printed (e.g. `error: node "node-9" not found`), until dismissed.
import { Panel } from "@xyflow/react";
import { useGraphUi } from "../graphStores";

export function CommandError() {
  const error = useGraphUi((s) => s.error);
  if (!error) return null;
  return (
    <Panel position="top-center" className="kl-error">
      <div role="alert">
        <code>{error.line}</code>
        <pre>{error.text}</pre>
      </div>
      <button type="button" className="kl-tool" onClick={() => useGraphUi.setState({ error: undefined })}>
        Dismiss
      </button>
    </Panel>
  );
}
