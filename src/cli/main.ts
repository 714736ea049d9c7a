// The headless runner: `npm run kubelab -- [--nodes N] [--seed S] SCRIPT` (or `-` for stdin).
// Runs a command-language script against a fresh simulated cluster and prints what the in-app terminal
// would print; exits 1 if any command failed.
import { readFileSync } from "node:fs";
import { Cluster } from "../engine/sim/cluster";
import { defaultClusterConfig } from "../engine/sim/clusterConfig";
import { Session } from "../engine/sim/session";
import { nodeFileSystem } from "./nodeFs";
import { experimentMain } from "./experiment";

const USAGE = `Usage: npm run kubelab -- [--nodes N] [--seed S] SCRIPT|-
       npm run kubelab -- experiment NAME [--set key=value]...   (see 'experiment --help')

Runs SCRIPT (one command a line: kubectl ... or sim ...; # starts a comment) against a new simulated
Kubernetes v1.34 cluster and prints each command with its output. Exits 1 if a command failed.

  --nodes N   worker nodes besides the control plane (default 3)
  --seed S    random seed (default 1): same seed and script, same output
`;

function main(argv: string[]): number {
  if (argv[0] === "experiment") return experimentMain(argv.slice(1), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
  let nodes = 3;
  let seed = 1;
  let script: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const val = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`flag needs an argument: ${a}`);
      return v;
    };
    if (a === "--help" || a === "-h") {
      process.stdout.write(USAGE);
      return 0;
    } else if (a === "--nodes") nodes = Number(val());
    else if (a.startsWith("--nodes=")) nodes = Number(a.slice(8));
    else if (a === "--seed") seed = Number(val());
    else if (a.startsWith("--seed=")) seed = Number(a.slice(7));
    else if (a.startsWith("--")) throw new Error(`unknown flag: ${a}`);
    else if (script === undefined) script = a;
    else throw new Error(`unexpected argument "${a}": give one script`);
  }
  if (!Number.isInteger(nodes) || nodes < 0 || nodes > 5000) throw new Error("--nodes must be a whole number from 0 to 5000");
  if (!Number.isInteger(seed) || seed < 0) throw new Error("--seed must be a non-negative whole number");
  if (script === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  const text = script === "-" ? readFileSync(0, "utf8") : readFileSync(script, "utf8");
  const cluster = new Cluster(defaultClusterConfig({ seed, workers: nodes }));
  const session = new Session(cluster, nodeFileSystem());
  const result = session.runScript(text);
  process.stdout.write(result.transcript);
  for (const e of cluster.internalErrors) process.stderr.write(`kubelab: internal error at t=${e.t}ms in ${e.where}: ${e.message}\n`);
  return result.failed > 0 || cluster.internalErrors.length > 0 ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`error: ${(e as Error).message}\n`);
  process.exitCode = 2;
}
