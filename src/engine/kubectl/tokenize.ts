// tokenize splits a command line the way a POSIX shell would for the subset learners type: single and
// double quotes, backslash escapes, and `#` comments at the start of a word. No expansion happens:
// `$HOME` stays literal (the simulated cluster has no shell environment).

export class TokenizeError extends Error {}

export function tokenize(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else cur += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === "\\" && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) cur += line[++i];
      else cur += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
      continue;
    }
    if (ch === "\\" && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
      continue;
    }
    if (ch === " " || ch === "\t") {
      if (inWord) out.push(cur);
      cur = "";
      inWord = false;
      continue;
    }
    if (ch === "#" && !inWord) break;
    cur += ch;
    inWord = true;
  }
  if (quote) throw new TokenizeError(`unterminated ${quote === "'" ? "single" : "double"} quote`);
  if (inWord) out.push(cur);
  return out;
}
