// SavedState checks: a saved cluster comes back from the page's storage or a shared link, so it is
// untrusted input. A malformed one is refused with a clear message instead of crashing the replay.
import type { EditorFile, JournalEntry, SavedState } from "../protocol";

/** Most worker nodes a cluster may be created with (the engine's scalability envelope). */
export const MAX_NODES = 5000;

function isFiles(v: unknown): v is EditorFile[] {
  return Array.isArray(v) && v.every((f) => f !== null && typeof f === "object" && typeof (f as EditorFile).name === "string" && typeof (f as EditorFile).text === "string");
}

function isEntry(v: unknown): v is JournalEntry {
  if (v === null || typeof v !== "object") return false;
  const e = v as Record<string, unknown>;
  if (typeof e.at !== "number" || !Number.isFinite(e.at) || e.at < 0) return false;
  if (e.op === "run") return typeof e.line === "string";
  if (e.op === "apply" || e.op === "delete" || e.op === "files") return isFiles(e.files);
  return false;
}

/** The reason `s` cannot be replayed, or undefined when it can. */
export function savedStateProblem(s: unknown): string | undefined {
  if (s === null || typeof s !== "object") return "saved state is not an object";
  const st = s as Record<string, unknown>;
  if (st.version !== 1) return `unsupported saved state version ${JSON.stringify(st.version)}`;
  if (typeof st.seed !== "number" || !Number.isInteger(st.seed)) return "saved state has no integer seed";
  if (typeof st.nodes !== "number" || !Number.isInteger(st.nodes) || st.nodes < 0 || st.nodes > MAX_NODES) return `saved state nodes must be an integer from 0 to ${MAX_NODES}`;
  if (typeof st.now !== "number" || !Number.isFinite(st.now) || st.now < 0) return "saved state has no simulated time";
  if (!Array.isArray(st.journal)) return "saved state has no journal";
  if (st.experiment !== undefined) {
    const x = st.experiment as Record<string, unknown> | null;
    const set = x?.set as Record<string, unknown> | null | undefined;
    if (!x || typeof x.name !== "string" || !set || typeof set !== "object" || Object.values(set).some((v) => typeof v !== "string")) return "saved state experiment is malformed";
    if (x.stoppedAt !== undefined && (typeof x.stoppedAt !== "number" || !Number.isFinite(x.stoppedAt))) return "saved state experiment is malformed";
  }
  for (let i = 0; i < st.journal.length; i++) if (!isEntry(st.journal[i])) return `saved state journal entry ${i + 1} is malformed`;
  return undefined;
}

export function isSavedState(s: unknown): s is SavedState {
  return savedStateProblem(s) === undefined;
}
