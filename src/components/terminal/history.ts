// Command history for the terminal, kept in localStorage so ↑ finds yesterday's commands after a reload.
// Like bash: consecutive duplicates are stored once, blank lines never, and the list is capped.

const KEY = "kubelab.terminal.history";
export const HISTORY_LIMIT = 200;

export function loadHistory(storage: Pick<Storage, "getItem"> | undefined = safeStorage()): string[] {
  try {
    const raw = storage?.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string").slice(-HISTORY_LIMIT) : [];
  } catch {
    return [];
  }
}

export function saveHistory(history: readonly string[], storage: Pick<Storage, "setItem"> | undefined = safeStorage()): void {
  try {
    storage?.setItem(KEY, JSON.stringify(history.slice(-HISTORY_LIMIT)));
  } catch {
    // Storage full or disabled (private mode): history just does not survive the reload.
  }
}

/** The history after running `line`. */
export function pushHistory(history: readonly string[], line: string): string[] {
  const trimmed = line.trim();
  if (trimmed === "" || history[history.length - 1] === trimmed) return [...history];
  return [...history, trimmed].slice(-HISTORY_LIMIT);
}

function safeStorage(): Storage | undefined {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
