// What a Tab press does to the input line, given the engine's completions (bash's readline rules):
// one candidate replaces the word (and adds a space unless it ends in "/" or "=", where more follows);
// several extend the word to their longest common prefix, or are listed when that adds nothing.

export interface CompletionEdit {
  line: string;
  cursor: number;
  /** Candidates to list under the prompt (empty when the line changed or nothing matched). */
  list: readonly string[];
}

export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return "";
  let prefix = words[0]!;
  for (const w of words) {
    let i = 0;
    while (i < prefix.length && i < w.length && prefix[i] === w[i]) i++;
    prefix = prefix.slice(0, i);
    if (prefix === "") break;
  }
  return prefix;
}

export function applyCompletion(line: string, cursor: number, candidates: readonly string[], replaceFrom: number): CompletionEdit {
  const from = Math.max(0, Math.min(replaceFrom, cursor));
  const typed = line.slice(from, cursor);
  const rest = line.slice(cursor);
  if (candidates.length === 0) return { line, cursor, list: [] };
  if (candidates.length === 1) {
    const word = candidates[0]!;
    const open = word.endsWith("/") || word.endsWith("=");
    const space = open || rest.startsWith(" ") ? "" : " ";
    const next = line.slice(0, from) + word + space + rest;
    const at = from + word.length + (open ? 0 : 1);
    return { line: next, cursor: Math.min(at, next.length), list: [] };
  }
  const prefix = commonPrefix(candidates);
  if (prefix.length > typed.length && prefix.startsWith(typed)) {
    return { line: line.slice(0, from) + prefix + rest, cursor: from + prefix.length, list: [] };
  }
  return { line, cursor, list: candidates };
}
