// Graph-local UI state, kept out of the app store because only the graph reads it: the message animation
// (which edges have travelling dots and counters; updated several times a second, read per edge so only
// those edges re-render), the node-actions menu and the last command error.
import { create } from "zustand";
import type { AnimatorView } from "./model/animator";
import { engine } from "../../state/bridge";

export const useFlights = create<AnimatorView>()(() => ({ byEdge: {}, badges: {}, caption: "" }));

export interface GraphUi {
  /** Node whose actions menu is open (dot view), by name. */
  menuFor?: string;
  /** What the last node action printed to stderr when it failed. */
  error?: { line: string; text: string };
  /** Command lines now running (a drain may wait on simulated time; other actions stay usable). */
  busy: readonly string[];
}

export const useGraphUi = create<GraphUi>()(() => ({ busy: [] }));

/** Runs one line of the command language for a graph control, showing its error text when it fails. */
export async function runGraphCommand(line: string): Promise<boolean> {
  useGraphUi.setState((s) => ({ busy: [...s.busy, line], error: undefined }));
  try {
    const reply = await engine.request({ kind: "run", line });
    if (reply.kind === "command") {
      if (reply.output.code === 0) return true;
      useGraphUi.setState({ error: { line, text: (reply.output.err || reply.output.out || `exit code ${reply.output.code}`).trim() } });
      return false;
    }
    if (reply.kind === "error") useGraphUi.setState({ error: { line, text: reply.message } });
    return reply.kind !== "error";
  } catch (e) {
    useGraphUi.setState({ error: { line, text: e instanceof Error ? e.message : String(e) } });
    return false;
  } finally {
    useGraphUi.setState((s) => ({ busy: s.busy.filter((l) => l !== line) }));
  }
}

/** The command each node action runs (issue 5 "Actions on nodes in the graph"). */
export const NODE_ACTIONS = [
  { label: "Kill node", line: (n: string) => `sim node kill ${n}` },
  { label: "Restore node", line: (n: string) => `sim node restore ${n}` },
  { label: "Cordon", line: (n: string) => `kubectl cordon ${n}` },
  { label: "Uncordon", line: (n: string) => `kubectl uncordon ${n}` },
  { label: "Drain", line: (n: string) => `kubectl drain ${n} --ignore-daemonsets --delete-emptydir-data --force` },
] as const;

export type NodeActionLabel = (typeof NODE_ACTIONS)[number]["label"];
