// TerminalPanel: the command language (`kubectl …`, `sim …`) typed at a `$ ` prompt. Each line goes to
// the engine as a `run` request and its stdout and stderr are printed exactly as returned, so the output
// is byte-for-byte what the headless runner prints. ↑/↓ walk the history (kept across reloads), Tab
// asks the engine to complete, Ctrl+L or `clear` clears the screen.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import { engine } from "../../state/bridge";
import { applyCompletion } from "./completionEdit";
import { loadHistory, pushHistory, saveHistory } from "./history";
import "./Terminal.css";

/** One block of the scrollback: the echoed command, or what it printed. */
interface Entry {
  readonly id: number;
  readonly line?: string;
  readonly out?: string;
  readonly err?: string;
}

/** Oldest blocks are dropped past this, so a long session does not grow the DOM without bound. */
const SCROLLBACK = 400;

const WELCOME = "Type kubectl or sim commands: kubectl get nodes, sim help.\nTab completes, ↑/↓ recall history, Ctrl+L clears.\n";

let nextId = 1;

export function TerminalPanel() {
  const [entries, setEntries] = useState<readonly Entry[]>(() => [{ id: nextId++, out: WELCOME }]);
  const [line, setLine] = useState("");
  const [candidates, setCandidates] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const history = useRef<string[]>(loadHistory());
  /** Index into history while browsing with ↑/↓ (history.length = the line being typed). */
  const browse = useRef(history.current.length);
  const draft = useRef("");
  const queue = useRef<Promise<void>>(Promise.resolve());
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const pendingCursor = useRef<number | undefined>(undefined);

  /** Adds a block to the scrollback; returns its id. */
  const print = useCallback((e: Omit<Entry, "id">): number => {
    const id = nextId++;
    setEntries((prev) => {
      const next = [...prev, { ...e, id }];
      return next.length > SCROLLBACK ? next.slice(next.length - SCROLLBACK) : next;
    });
    return id;
  }, []);

  // Keep the newest output in view, also when the panel is resized.
  useLayoutEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [entries, candidates]);
  useEffect(() => {
    const log = logRef.current;
    if (!log || typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(() => {
      log.scrollTop = log.scrollHeight;
    });
    ro.observe(log);
    return () => ro.disconnect();
  }, []);

  // Put the caret where a completion left it (after React has written the new value).
  useLayoutEffect(() => {
    const at = pendingCursor.current;
    if (at !== undefined && inputRef.current) {
      inputRef.current.setSelectionRange(at, at);
      pendingCursor.current = undefined;
    }
  }, [line]);

  const clear = useCallback(() => {
    setEntries([]);
    setCandidates([]);
  }, []);

  const submit = useCallback(
    (text: string) => {
      history.current = pushHistory(history.current, text);
      saveHistory(history.current);
      browse.current = history.current.length;
      draft.current = "";
      setCandidates([]);
      setLine("");
      if (text.trim() === "clear") {
        clear();
        return;
      }
      const id = print({ line: text });
      if (text.trim() === "") return;
      // The output joins its command's block, so a command and what it printed read (and copy) as one.
      const answer = (out: string, err: string) => setEntries((prev) => prev.map((e) => (e.id === id ? { ...e, out, err } : e)));
      // Commands run one after another, in the order typed, even if the engine is slow to answer.
      queue.current = queue.current.then(async () => {
        setBusy(true);
        try {
          const reply = await engine.request({ kind: "run", line: text });
          if (reply.kind === "command") answer(reply.output.out, reply.output.err);
          else if (reply.kind === "error") answer("", `error: ${reply.message}\n`);
          else answer("", `error: unexpected reply "${reply.kind}" from the engine\n`);
        } catch (e) {
          answer("", `error: ${e instanceof Error ? e.message : String(e)}\n`);
        } finally {
          setBusy(false);
        }
      });
    },
    [clear, print],
  );

  const completeAtCursor = useCallback(async () => {
    const input = inputRef.current;
    if (!input) return;
    const cursor = input.selectionStart ?? line.length;
    const before = line;
    const reply = await engine.request({ kind: "complete", line: before, cursor });
    if (reply.kind !== "completions") return;
    // The user kept typing while the engine answered: that answer is stale.
    if (inputRef.current?.value !== before) return;
    const edit = applyCompletion(before, cursor, reply.candidates, reply.replaceFrom);
    setCandidates(edit.list);
    if (edit.line !== before) {
      pendingCursor.current = edit.cursor;
      setLine(edit.line);
    }
  }, [line]);

  const recall = useCallback(
    (delta: number) => {
      const h = history.current;
      if (browse.current === h.length) draft.current = line;
      const next = Math.max(0, Math.min(h.length, browse.current + delta));
      if (next === browse.current) return;
      browse.current = next;
      const text = next === h.length ? draft.current : h[next]!;
      pendingCursor.current = text.length;
      setLine(text);
    },
    [line],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      submit(line);
    } else if (e.key === "Tab") {
      e.preventDefault();
      void completeAtCursor();
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      recall(-1);
    } else if (e.key === "ArrowDown") {
      e.preventDefault();
      recall(1);
    } else if ((e.key === "l" || e.key === "L") && e.ctrlKey) {
      e.preventDefault();
      clear();
    } else if ((e.key === "c" || e.key === "C") && e.ctrlKey && (e.currentTarget.selectionStart === e.currentTarget.selectionEnd)) {
      // Ctrl+C with nothing selected abandons the line, as in a shell (with a selection it copies).
      e.preventDefault();
      print({ line: `${line}^C` });
      setLine("");
      setCandidates([]);
      browse.current = history.current.length;
    }
  };

  // A click in the scrollback focuses the prompt, unless the user is selecting text to copy.
  const focusPrompt = () => {
    if (window.getSelection()?.toString()) return;
    inputRef.current?.focus();
  };

  return (
    <section className="terminal" aria-label="Terminal panel">
      <div ref={logRef} className="terminal-log" role="log" aria-label="Terminal output" aria-live="polite" onClick={focusPrompt}>
        {entries.map((e) => (
          <pre key={e.id} className="terminal-block">
            {e.line !== undefined && (
              <span className="terminal-command">
                <span className="terminal-prompt" aria-hidden="true">
                  ${" "}
                </span>
                {e.line}
                {"\n"}
              </span>
            )}
            {e.out ? <span className="terminal-stdout">{e.out}</span> : null}
            {e.err ? <span className="terminal-stderr">{e.err}</span> : null}
          </pre>
        ))}
        {candidates.length > 0 && (
          <ul className="terminal-candidates" aria-label="Completions">
            {candidates.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        )}
      </div>
      <div className="terminal-input-row">
        <span className="terminal-prompt" aria-hidden="true">
          ${" "}
        </span>
        <input
          ref={inputRef}
          className="terminal-input"
          aria-label="Terminal"
          aria-busy={busy}
          value={line}
          onChange={(e) => {
            setLine(e.target.value);
            if (candidates.length > 0) setCandidates([]);
          }}
          onKeyDown={onKeyDown}
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          placeholder="kubectl get pods"
        />
        {busy && (
          <span className="terminal-busy" role="status">
            running…
          </span>
        )}
      </div>
    </section>
  );
}
