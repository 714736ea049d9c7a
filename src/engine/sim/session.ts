// Session runs the command language against one cluster: `kubectl ...` (real kubectl sub-commands with
// kubectl's output) and `sim ...` (the simulator's verbs), one command a line, `#` comments. The page's
// terminal, the headless runner, lessons and experiments all go through here, so the same script gives
// the same output everywhere.
import { EMPTY_FS, type CommandResult, type FileSystem, type KubectlEnv } from "../kubectl/env";
import { runKubectl } from "../kubectl/kubectl";
import { kubeletLogSource } from "../kubectl/util/logSource";
import { tokenize, TokenizeError } from "../kubectl/tokenize";
import type { Cluster } from "./cluster";
import { runSim } from "./simCommands";

export interface ScriptResult {
  /** What a terminal would show: each command after a `$ ` prompt, then its stdout and stderr. */
  transcript: string;
  /** Commands that exited non-zero. */
  failed: number;
  results: (CommandResult & { line: string; lineNumber: number })[];
}

export class Session {
  namespace = "default";

  constructor(
    readonly cluster: Cluster,
    readonly fs: FileSystem = EMPTY_FS,
    private readonly stdin?: string,
  ) {}

  private env(): KubectlEnv {
    const cluster = this.cluster;
    return {
      api: cluster.api,
      clock: cluster.clock,
      fs: this.fs,
      stdin: this.stdin,
      namespace: this.namespace,
      user: "kubectl",
      logs: kubeletLogSource(cluster.kubelets),
      waitFor: (done, timeoutMs, onTick) => cluster.runUntil(done, timeoutMs, onTick),
    };
  }

  /** Runs one line. Blank lines and comments do nothing and succeed. */
  run(line: string): CommandResult {
    let argv: string[];
    try {
      argv = tokenize(line);
    } catch (e) {
      if (e instanceof TokenizeError) return { out: "", err: `error: ${e.message}\n`, code: 1 };
      throw e;
    }
    if (argv.length === 0) return { out: "", err: "", code: 0 };
    const [cmd, ...args] = argv as [string, ...string[]];
    if (args.some((a) => a === "|" || a === ">" || a === "&&" || a === ";")) {
      return { out: "", err: "error: pipes, redirections and command lists are not supported here: run one command per line\n", code: 1 };
    }
    try {
      if (cmd === "kubectl" || cmd === "k") return runKubectl(this.env(), args);
      if (cmd === "sim") return runSim(this.cluster, args);
      return { out: "", err: `error: unknown command "${cmd}": commands start with 'kubectl' or 'sim' (try 'sim help')\n`, code: 127 };
    } catch (e) {
      // A bug must never take the terminal down: report it as kubectl reports internal errors.
      this.cluster.reportError(`session:${line}`, e);
      return { out: "", err: `error: internal error: ${(e as Error).message}\n`, code: 1 };
    }
  }

  runScript(text: string): ScriptResult {
    const results: ScriptResult["results"] = [];
    let transcript = "";
    let failed = 0;
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (line === "" || line.startsWith("#")) continue;
      const r = this.run(line);
      results.push({ ...r, line, lineNumber: i + 1 });
      transcript += `$ ${line}\n${r.out}${r.err}`;
      if (r.code !== 0) failed++;
    }
    return { transcript, failed, results };
  }
}
