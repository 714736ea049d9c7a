// Helpers shared by the utilities: userland wording, paths, flags, input files.

import type { ExecContext, Io } from "./context";

export const gnu = (ctx: ExecContext) => ctx.userland === "gnu";

export function abs(ctx: ExecContext, p: string): string {
  return p.startsWith("/") ? p : `${ctx.cwd === "/" ? "" : ctx.cwd}/${p}`;
}

/** Splits `-abc` style flags from operands (stops at `--`). */
export function parseFlags(argv: string[]): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  let done = false;
  for (const a of argv.slice(1)) {
    if (!done && a === "--") done = true;
    else if (!done && /^-[A-Za-z]+$/.test(a)) for (const ch of a.slice(1)) flags.add(ch);
    else operands.push(a);
  }
  return { flags, operands };
}

export function readInputs(ctx: ExecContext, cmd: string, files: string[], io: Io): { text: string; status: number } {
  if (files.length === 0) return { text: io.stdin?.readAll() ?? "", status: 0 };
  let text = "";
  let status = 0;
  for (const f of files) {
    if (f === "-") {
      text += io.stdin?.readAll() ?? "";
      continue;
    }
    const content = ctx.fs.read(abs(ctx, f));
    if (content === undefined) {
      const isDir = ctx.fs.isDirectory(abs(ctx, f));
      if (isDir) io.err.write(gnu(ctx) ? `${cmd}: ${f}: Is a directory\n` : `${cmd}: read error: Is a directory\n`);
      else io.err.write(gnu(ctx) ? `${cmd}: ${f}: No such file or directory\n` : `${cmd}: can't open '${f}': No such file or directory\n`);
      status = 1;
    } else text += content;
  }
  return { text, status };
}

export function lines(text: string): string[] {
  const ls = text.split("\n");
  if (ls[ls.length - 1] === "") ls.pop();
  return ls;
}
