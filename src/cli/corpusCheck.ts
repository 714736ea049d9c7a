// `npm run test:corpus -- DIR`: applies every manifest under DIR (recursively) to one simulated cluster,
// one `kubectl apply -f FILE` each, then lets the cluster run. Every file must either apply or be
// refused with a clear error that names the file; an uncaught exception, an internal error in any
// component, or a refusal that does not say where fails the check. Prints one line per file and a
// summary line "N passed, N failed".
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { Cluster } from "../engine/sim/cluster";
import { defaultClusterConfig } from "../engine/sim/clusterConfig";
import { Session } from "../engine/sim/session";
import { nodeFileSystem } from "./nodeFs";

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.(ya?ml|json)$/i.test(name)) out.push(p);
  }
  return out;
}

function main(args: string[]): number {
  const dir = args[0];
  if (!dir) {
    process.stderr.write("usage: npm run test:corpus -- DIR\n");
    return 2;
  }
  const files = walk(dir);
  let passed = 0;
  let failed = 0;
  let applied = 0;
  let refused = 0;
  for (const file of files) {
    const rel = relative(dir, file);
    let verdict: string;
    let ok: boolean;
    try {
      // Each file on a fresh cluster, as a learner applying it would have.
      const cluster = new Cluster(defaultClusterConfig({ seed: 1 }));
      const session = new Session(cluster, nodeFileSystem());
      const r = session.run(`kubectl apply -f ${JSON.stringify(file)}`);
      // Let the controllers, the scheduler and the kubelets act on what was applied.
      cluster.advance(60_000);
      const errorLines = r.err.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("Warning: "));
      const internal = cluster.internalErrors.length > 0 || /internal error/.test(r.err);
      // Every refusal must say where: kubectl's text names the file, Kubelab's "at" line the position.
      const located = errorLines.length === 0 || (r.err.includes(file) && /^ {2}at .*line \d+/m.test(r.err));
      ok = !internal && located && (r.code === 0) === (errorLines.length === 0);
      if (r.code === 0) applied++;
      else refused++;
      verdict = r.code === 0 ? "applied" : `refused: ${errorLines[0] ?? ""}`;
      if (internal) verdict += ` [INTERNAL ERROR: ${cluster.internalErrors[0]?.where}: ${cluster.internalErrors[0]?.message}]`;
      if (!located) verdict += " [the error does not say where]";
    } catch (e) {
      ok = false;
      verdict = `UNCAUGHT: ${(e as Error).stack ?? e}`;
    }
    if (ok) passed++;
    else failed++;
    process.stdout.write(`${ok ? "ok  " : "FAIL"} ${rel}: ${verdict}\n`);
  }
  process.stdout.write(`\n${files.length} files: ${applied} applied, ${refused} refused with an error\n`);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
