import { useState } from "react";
import { resetCluster, restartEngine } from "../../state/controls";
import { useKubelab } from "../../state/store";

/** Shown when the engine's worker died: what happened, and a way back from the last saved state. */
export function FatalBanner() {
  const fatal = useKubelab((s) => s.fatal);
  const [busy, setBusy] = useState(false);
  if (fatal === undefined) return null;
  const run = (fn: () => Promise<void>) => async () => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="fatal-banner" role="alert">
      <p>
        <strong>The simulation engine stopped.</strong> {fatal}
      </p>
      <p className="fatal-hint">Restart replays your cluster from its last saved state. If it stops again at the same moment, Reset cluster starts a fresh one.</p>
      <div className="fatal-actions">
        <button type="button" onClick={run(restartEngine)} disabled={busy}>
          Restart
        </button>
        <button type="button" onClick={run(resetCluster)} disabled={busy}>
          Reset cluster
        </button>
      </div>
    </div>
  );
}
