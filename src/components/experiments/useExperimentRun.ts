// The panel's link to the worker's experiment run: start, poll while it runs, finish, stop. Every call
// goes through the engine bridge (protocol.ts: experiment, experimentStatus, experimentFinish,
// experimentStop); the run itself lives in the worker.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ExperimentRunView } from "../../experiments/types";
import { engine } from "../../state/bridge";
import { setPaused, setSpeed } from "../../state/controls";

/** How often the panel asks for the timeline while a run is in progress (real ms). */
export const POLL_MS = 400;

export interface ExperimentRunState {
  run: ExperimentRunView | null;
  error?: string;
  busy: boolean;
  start(name: string, set: Record<string, string>, speed: number): Promise<void>;
  finish(): Promise<void>;
  stop(): Promise<void>;
}

export function useExperimentRun(): ExperimentRunState {
  const [run, setRun] = useState<ExperimentRunView | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const apply = useCallback((reply: Awaited<ReturnType<typeof engine.request>>) => {
    if (!alive.current) return;
    if (reply.kind === "experiment") setRun(reply.run);
    else if (reply.kind === "error") setError(reply.message);
  }, []);

  const start = useCallback(
    async (name: string, set: Record<string, string>, speed: number) => {
      setError(undefined);
      setBusy(true);
      try {
        const reply = await engine.request({ kind: "experiment", name, set });
        apply(reply);
        if (reply.kind === "experiment") {
          await setSpeed(speed);
          await setPaused(false);
        }
      } finally {
        if (alive.current) setBusy(false);
      }
    },
    [apply],
  );

  const finish = useCallback(async () => {
    setBusy(true);
    try {
      apply(await engine.request({ kind: "experimentFinish" }));
    } finally {
      if (alive.current) setBusy(false);
    }
  }, [apply]);

  const stop = useCallback(async () => {
    await engine.request({ kind: "experimentStop" });
    if (alive.current) setRun(null);
  }, []);

  const active = run !== null && (run.phase === "setup" || run.phase === "running");
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => {
      void engine.request({ kind: "experimentStatus" }).then(apply);
    }, POLL_MS);
    return () => clearInterval(id);
  }, [active, apply]);

  return { run, ...(error !== undefined ? { error } : {}), busy, start, finish, stop };
}
