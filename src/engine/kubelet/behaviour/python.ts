// `python3 -c '...'`: the small Python subset the Job examples use (imports, assignments, print, if/elif/else,
// while, for-in-range, sys.exit, time.sleep, os.environ.get / os.getenv / os.environ[...], int/str/len).
// stdout is block-buffered as in a real container (not a tty): printed lines reach the log when the
// program exits, unless `-u`, PYTHONUNBUFFERED or print(..., flush=True).
// A script outside the subset is treated like an unknown program (runs forever in the main process).

import type { ExecContext, Io, Run } from "./context";
import { Evaluator, PyError, PyExit, PythonUnsupported, str, tokenize, truthy, type Value } from "./pyEval";

export { PythonUnsupported };


interface Stmt {
  readonly line: number;
  readonly text: string;
  readonly body: Stmt[];
}

/** Raised for a Python exception: printed as a traceback, exit status 1. */

/** Parses indentation into a statement tree. */
function blocks(src: string): Stmt[] {
  const root: Stmt = { line: 0, text: "", body: [] };
  const stack: { indent: number; stmt: Stmt }[] = [{ indent: -1, stmt: root }];
  src.split("\n").forEach((raw, idx) => {
    const noComment = raw.replace(/(^|\s)#.*$/, "");
    if (noComment.trim() === "") return;
    const indent = noComment.length - noComment.trimStart().length;
    while ((stack[stack.length - 1]?.indent ?? -1) >= indent) stack.pop();
    const parent = stack[stack.length - 1]?.stmt ?? root;
    const parts = noComment.trim().split(/;\s*/).filter(Boolean);
    for (const p of parts) {
      const stmt: Stmt = { line: idx + 1, text: p, body: [] };
      parent.body.push(stmt);
      stack.push({ indent, stmt });
    }
  });
  return root.body;
}


export function* runPython(ctx: ExecContext, src: string, io: Io, unbuffered: boolean): Run {
  const program = blocks(src);
  const vars = new Map<string, Value>();
  let buffered = "";
  const emit = (ev: Evaluator) => {
    for (const o of ev.output) {
      if (unbuffered || ev.flushed) {
        io.out.write(buffered + o);
        buffered = "";
      } else buffered += o;
    }
    ev.output = [];
  };
  function* exec(stmts: Stmt[]): Generator<number, void, void> {
    for (let k = 0; k < stmts.length; k++) {
      const s = stmts[k] as Stmt;
      const ev = new Evaluator(ctx, vars, s.line);
      const m = /^(if|elif|while|for|else)\b(.*):$/.exec(s.text);
      if (/^(import|from)\s/.test(s.text) || s.text === "pass") continue;
      if (m && (m[1] === "if")) {
        let chosen: Stmt[] | undefined = truthy(ev.run(m[2] ?? "")) ? s.body : undefined;
        while (/^(elif|else)\b/.test(stmts[k + 1]?.text ?? "")) {
          const n = stmts[++k] as Stmt;
          const mm = /^(elif|else)\b(.*):$/.exec(n.text);
          if (!chosen && (mm?.[1] === "else" || truthy(new Evaluator(ctx, vars, n.line).run(mm?.[2] ?? "")))) chosen = n.body;
        }
        if (chosen) yield* exec(chosen);
      } else if (m && m[1] === "while") {
        for (let guard = 0; truthy(new Evaluator(ctx, vars, s.line).run(m[2] ?? "")); guard++) {
          yield* exec(s.body);
          if (guard > 100_000) yield Infinity;
        }
      } else if (m && m[1] === "for") {
        const fm = /^\s*([A-Za-z_]\w*)\s+in\s+(.*)$/.exec(m[2] ?? "");
        if (!fm) throw new PythonUnsupported(s.text);
        const items = ev.run(fm[2] ?? "");
        for (const it of Array.isArray(items) ? items : typeof items === "string" ? [...items] : []) {
          vars.set(fm[1] ?? "", it);
          yield* exec(s.body);
        }
      } else {
        const am = /^([A-Za-z_]\w*)\s*=(?!=)(.*)$/.exec(s.text);
        if (am) vars.set(am[1] ?? "", ev.run(am[2] ?? ""));
        else ev.run(s.text);
        emit(ev);
        if (ev.sleepMs > 0) yield ev.sleepMs;
      }
    }
  }
  let status = 0;
  try {
    yield* exec(program);
  } catch (e) {
    if (e instanceof PyExit) {
      const c = e.code;
      if (c === null || c === false) status = 0;
      else if (typeof c === "number" || c === true) status = (Number(c) % 256 + 256) % 256;
      else {
        io.err.write(`${str(c)}\n`);
        status = 1;
      }
    } else if (e instanceof PyError) {
      io.err.write(`Traceback (most recent call last):\n  File "<string>", line ${e.line}, in <module>\n${e.type}: ${e.message}\n`);
      status = 1;
    } else throw e;
  }
  if (buffered) io.out.write(buffered);
  return status;
}

/** Throws PythonUnsupported when the script is outside the subset (checked before running it). */
export function checkPython(src: string): void {
  const walk = (stmts: Stmt[]) => {
    for (const s of stmts) {
      const m = /^(?:if|elif|while|for)\b(.*):$/.exec(s.text);
      if (/^(import|from)\s/.test(s.text) || s.text === "pass" || s.text === "else:") {
        // nothing to tokenize
      } else if (m) tokenize((m[1] ?? "").replace(/^\s*[A-Za-z_]\w*\s+in\s+/, ""));
      else if (/^(def|class|try|except|with|lambda|async|return|raise)\b/.test(s.text)) throw new PythonUnsupported(s.text);
      else tokenize(s.text.replace(/^([A-Za-z_]\w*)\s*=(?!=)/, ""));
      walk(s.body);
    }
  };
  walk(blocks(src));
}

