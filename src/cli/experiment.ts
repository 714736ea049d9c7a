// `npm run kubelab -- experiment NAME [--set key=value]... [--compare key=value]... [--seed S]`
// Runs a ready-made experiment on a fresh simulated cluster and prints its timeline and report; with
// --compare, runs it a second time with those settings and prints both reports side by side.
// `experiment list` names the experiments and their knobs.
import { EXPERIMENTS, ExperimentRun, findExperiment, formatComparison, formatReport, formatTimeline, KnobError, parseSettings } from "../experiments";

const USAGE = `Usage: npm run kubelab -- experiment NAME [--set key=value]... [--compare key=value]... [--seed S] [--transcript]
       npm run kubelab -- experiment list

Runs an experiment on a new simulated Kubernetes v1.34 cluster and prints the timeline of what each
component did and a report (hypothesis held or broken, times to detect and recover, failed requests).
  --set key=value       change a knob (repeatable, or key=v,key2=v2)
  --compare key=value   run again with these knobs and print both reports side by side
  --seed S              random seed (default 1)
  --transcript          also print the commands the setup and the steps ran, with their output
Exit status: 0 when the hypothesis held, 3 when it broke, 1 on errors.
`;

export function listExperiments(): string {
  let out = "";
  for (const e of EXPERIMENTS) {
    out += `${e.name.padEnd(24)}${e.title}\n`;
    for (const k of e.knobs) out += `${"".padEnd(26)}--set ${k.key}=${k.default}\n`;
  }
  return out;
}

export function experimentMain(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): number {
  const sets: string[] = [];
  const compare: string[] = [];
  let seed = 1;
  let name: string | undefined;
  let transcript = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const val = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new KnobError(`flag needs an argument: ${a}`);
      return v;
    };
    if (a === "--help" || a === "-h") {
      out(USAGE);
      return 0;
    } else if (a === "--set") sets.push(val());
    else if (a.startsWith("--set=")) sets.push(a.slice(6));
    else if (a === "--compare") compare.push(val());
    else if (a.startsWith("--compare=")) compare.push(a.slice(10));
    else if (a === "--seed") seed = Number(val());
    else if (a.startsWith("--seed=")) seed = Number(a.slice(7));
    else if (a === "--transcript") transcript = true;
    else if (a.startsWith("-")) throw new KnobError(`unknown flag: ${a}`);
    else if (name === undefined) name = a;
    else throw new KnobError(`unexpected argument "${a}": give one experiment`);
  }
  if (name === undefined) {
    err(USAGE);
    return 2;
  }
  if (name === "list") {
    out(listExperiments());
    return 0;
  }
  if (!Number.isInteger(seed) || seed < 0) throw new KnobError("--seed must be a non-negative whole number");
  const exp = findExperiment(name);
  if (!exp) {
    err(`error: unknown experiment "${name}"; one of: ${EXPERIMENTS.map((e) => e.name).join(", ")}\n`);
    return 1;
  }
  const base = parseSettings(sets);
  const runs = [base, ...(compare.length > 0 ? [{ ...base, ...parseSettings(compare) }] : [])];
  const reports = [];
  for (const set of runs) {
    const run = new ExperimentRun(exp, set, { seed });
    const report = run.runToEnd();
    reports.push(report);
    out(`Experiment: ${exp.title} (${exp.name})\n${exp.description}\n\n`);
    if (transcript) out(`${run.view().transcript}\n`);
    out(`Timeline (time since the failure, who acted, what happened):\n${formatTimeline(run.marks())}\n${formatReport(report)}\n`);
    for (const e of run.cluster.internalErrors) err(`kubelab: internal error at t=${e.t}ms in ${e.where}: ${e.message}\n`);
  }
  if (reports.length > 1) out(`Side by side:\n${formatComparison(reports)}`);
  if (reports.some((r) => r.error !== undefined)) return 1;
  return reports.every((r) => r.held) ? 0 : 3;
}
