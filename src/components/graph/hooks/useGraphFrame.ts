// useGraphFrame derives React Flow's nodes and edges from the store. It re-runs only when `items` or the
// ownership toggle change (a batch replaces `items`), and the GraphModel behind it reuses every node
// object the batch did not touch. A timer re-runs it once the fading ghosts of deleted pods expire.
import { useEffect, useMemo, useRef, useState } from "react";
import { useKubelab } from "../../../state/store";
import { GraphModel, type GraphFrame } from "../model/graphModel";

export function useGraphFrame(reducedMotion: boolean): { frame: GraphFrame; model: GraphModel } {
  const items = useKubelab((s) => s.items);
  const showOwnership = useKubelab((s) => s.showOwnership);
  const modelRef = useRef<GraphModel | null>(null);
  if (modelRef.current === null) modelRef.current = new GraphModel();
  const model = modelRef.current;
  const [expiryTick, setExpiryTick] = useState(0);
  // The model is stateful but idempotent for equal inputs, so a repeated call (StrictMode) is harmless.
  const frame = useMemo(() => model.update(items, showOwnership, performance.now(), !reducedMotion), [model, items, showOwnership, reducedMotion, expiryTick]);
  useEffect(() => {
    if (frame.nextExpiry === undefined) return;
    const t = setTimeout(() => setExpiryTick((n) => n + 1), Math.max(0, frame.nextExpiry - performance.now()) + 10);
    return () => clearTimeout(t);
  }, [frame]);
  return { frame, model };
}
