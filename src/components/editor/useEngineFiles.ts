// The editor's conversations with the engine: Apply and Delete of the active file (kubectl's output and
// the diagnostics that come back), and a debounced `validate` while typing so problems show inline
// before anything is applied.
import { useCallback, useEffect, useRef, useState } from "react";
import type { CommandOutput, EditorFile } from "../../engine/protocol";
import { engine } from "../../state/bridge";
import { useKubelab } from "../../state/store";

export const VALIDATE_DELAY_MS = 400;

export interface RunResult extends CommandOutput {
  /** The command as kubectl would be typed: `kubectl apply -f web.yaml`. */
  readonly command: string;
}

export function useFileCommands(current: () => EditorFile) {
  const [result, setResult] = useState<RunResult | undefined>(undefined);
  const [busy, setBusy] = useState<"apply" | "delete" | undefined>(undefined);
  const setDiagnostics = useKubelab((s) => s.setDiagnostics);
  const busyRef = useRef(false);

  const run = useCallback(
    async (kind: "apply" | "delete") => {
      if (busyRef.current) return;
      const file = current();
      const command = `kubectl ${kind} -f ${file.name}`;
      busyRef.current = true;
      setBusy(kind);
      try {
        const reply = await engine.request({ kind, files: [{ name: file.name, text: file.text }] });
        if (reply.kind === "apply") {
          setDiagnostics(file.name, reply.diagnostics);
          setResult({ command, ...reply.output });
        } else if (reply.kind === "error") {
          setResult({ command, out: "", err: `error: ${reply.message}\n`, code: 1 });
        } else {
          setResult({ command, out: "", err: `error: unexpected reply "${reply.kind}" from the engine\n`, code: 1 });
        }
      } catch (e) {
        setResult({ command, out: "", err: `error: ${e instanceof Error ? e.message : String(e)}\n`, code: 1 });
      } finally {
        busyRef.current = false;
        setBusy(undefined);
      }
    },
    [current, setDiagnostics],
  );

  return { result, busy, apply: useCallback(() => run("apply"), [run]), remove: useCallback(() => run("delete"), [run]) };
}

/** Asks the engine to validate `file` once typing pauses; stale answers (the text moved on) are dropped. */
export function useValidation(file: EditorFile): void {
  const setDiagnostics = useKubelab((s) => s.setDiagnostics);
  const latest = useRef(file);
  latest.current = file;
  useEffect(() => {
    if (file.text.trim() === "") {
      // Nothing to check: an emptied file has no problems left.
      if ((useKubelab.getState().diagnostics[file.name] ?? []).length > 0) setDiagnostics(file.name, []);
      return;
    }
    const asked = { name: file.name, text: file.text };
    const timer = setTimeout(() => {
      engine
        .request({ kind: "validate", file: asked })
        .then((reply) => {
          const now = latest.current;
          if (reply.kind !== "validate" || now.name !== asked.name || now.text !== asked.text) return;
          setDiagnostics(asked.name, reply.diagnostics);
        })
        .catch(() => {
          // Validation is a convenience: a failed round trip leaves the previous markers.
        });
    }, VALIDATE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [file.name, file.text, setDiagnostics]);
}
