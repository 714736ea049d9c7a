// cobra's "Did you mean this?" suggestions for a mistyped command.
// mirrors Command.SuggestionsFor and ld (spf13/cobra command.go, cobra.go): Levenshtein distance
// (case-insensitive) within SuggestionsMinimumDistance (2), or a name that starts with what was typed,
// or a command whose SuggestFor lists the word.

/** cobra's ld(s, t, ignoreCase=true). */
export function levenshtein(s: string, t: string): number {
  s = s.toLowerCase();
  t = t.toLowerCase();
  const d: number[][] = [];
  for (let i = 0; i <= s.length; i++) {
    d.push(new Array<number>(t.length + 1).fill(0));
    (d[i] as number[])[0] = i;
  }
  for (let j = 0; j <= t.length; j++) (d[0] as number[])[j] = j;
  for (let j = 1; j <= t.length; j++) {
    for (let i = 1; i <= s.length; i++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      if (s[i - 1] === t[j - 1]) row[j] = prev[j - 1] as number;
      else row[j] = Math.min(prev[j] as number, row[j - 1] as number, prev[j - 1] as number) + 1;
    }
  }
  return (d[s.length] as number[])[t.length] as number;
}

export interface Suggestible {
  readonly name: string;
  readonly suggestFor?: readonly string[];
}

export const SUGGESTIONS_MINIMUM_DISTANCE = 2;

/** The names to suggest for `typed`, in command order (a name may repeat, as in cobra). */
export function suggestionsFor(typed: string, commands: readonly Suggestible[]): string[] {
  const out: string[] = [];
  const lower = typed.toLowerCase();
  for (const c of commands) {
    if (levenshtein(typed, c.name) <= SUGGESTIONS_MINIMUM_DISTANCE || c.name.toLowerCase().startsWith(lower)) out.push(c.name);
    for (const s of c.suggestFor ?? []) if (s.toLowerCase() === lower) out.push(c.name);
  }
  return out;
}

/** Command.findSuggestions: the text appended to `unknown command` errors ("" when nothing is close). */
export function suggestionText(typed: string, commands: readonly Suggestible[]): string {
  const names = suggestionsFor(typed, commands);
  if (names.length === 0) return "";
  return "\n\nDid you mean this?\n" + names.map((n) => `\t${n}\n`).join("");
}
