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
  const cluster = new Cluster(defaultClusterConfig({ seed: 1 }));
  const session = new Session(cluster, nodeFileSystem());
  let passed = 0;
  let failed = 0;
  let applied = 0;
  let refused = 0;
  for (const file of files) {
    const rel = relative(dir, file);
    const errorsBefore = cluster.internalErrors.length;
    let verdict: string;
    let ok: boolean;
    try {
      const r = session.run(`kubectl apply -f ${JSON.stringify(file)}`);
      const internal = cluster.internalErrors.length > errorsBefore || /internal error/.test(r.err);
      const where = r.err === "" || r.err.includes(file) || r.err.includes(rel) || /^Warning: /m.test(r.err) && r.code === 0;
      ok = !internal && where;
      if (r.code === 0) applied++;
      else refused++;
      const firstErr = r.err.split("\n").find((l) => l.trim() !== "") ?? "";
      verdict = r.code === 0 ? "applied" : `refused: ${firstErr}`;
      if (internal) verdict += " [INTERNAL ERROR]";
      if (!where) verdict += " [error does not name the file]";
    } catch (e) {
      ok = false;
      verdict = `UNCAUGHT: ${(e as Error).stack ?? e}`;
    }
    if (ok) passed++;
    else failed++;
    process.stdout.write(`${ok ? "ok  " : "FAIL"} ${rel}: ${verdict}\n`);
  }
  // Let every controller, the scheduler and the kubelets act on what was applied.
  const before = cluster.internalErrors.length;
  cluster.advance(5 * 60_000);
  for (const e of cluster.internalErrors.slice(before)) {
    failed++;
    process.stdout.write(`FAIL (after apply) internal error at t=${e.t}ms in ${e.where}: ${e.message}\n`);
  }
  process.stdout.write(`\n${files.length} files: ${applied} applied, ${refused} refused with an error\n`);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
