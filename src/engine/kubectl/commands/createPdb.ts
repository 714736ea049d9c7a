// `kubectl create poddisruptionbudget NAME --selector=SELECTOR --min-available=N|--max-unavailable=N`
// (alias pdb): a policy/v1 PodDisruptionBudget. The values are numbers or percentages; the selector is
// parsed into matchLabels (for = and ==) and matchExpressions (in, notin, exists, !).
// mirrors kubectl pkg/cmd/create/create_pdb.go (Validate, createPodDisruptionBudgets, Run) and
// metav1.ParseToLabelSelector (apimachinery pkg/apis/meta/v1/helpers.go).
import { resolveResource } from "../../api/registry";
import type { KubeObject, LabelSelector, LabelSelectorRequirement } from "../../api/types";
import { parseLabelSelectorRequirements } from "../../apimachinery/labelsParser";
import { compareStrings } from "../../apimachinery/labelRequirement";
import type { CommandContext, CommandDef } from "../command";
import { str, type ParsedArgs } from "../flags";
import { fail, type Failure } from "../util/errors";
import { nameLine } from "../util/names";
import { namespaceFor } from "../util/resources";
import { nameFromArgs } from "./createDeployment";
import { createWrapped } from "./createRoleBinding";
import { CREATE_OBJECT_FLAGS } from "../util/createFlags";

const PDBS = resolveResource("poddisruptionbudgets")!;
const OPERATORS: Readonly<Record<string, LabelSelectorRequirement["operator"]>> = { in: "In", notin: "NotIn", exists: "Exists", "!": "DoesNotExist" };

// mirrors ParseToLabelSelector
export function parseToLabelSelector(selector: string): LabelSelector {
  let reqs;
  try {
    reqs = parseLabelSelectorRequirements(selector);
  } catch (e) {
    fail(`couldn't parse the selector string ${JSON.stringify(selector)}: ${(e as Error).message}`);
  }
  const matchLabels: Record<string, string> = {};
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const r of reqs) {
    if (r.operator === "=" || r.operator === "==") {
      matchLabels[r.key] = r.values[0] as string;
      continue;
    }
    if (r.operator === "gt" || r.operator === "lt") fail(`${JSON.stringify(r.operator)} isn't supported in label selectors`);
    const op = OPERATORS[r.operator];
    if (!op) fail(`${JSON.stringify(r.operator)} is not a valid label selector operator`);
    matchExpressions.push({ key: r.key, operator: op, ...(r.values.length > 0 ? { values: [...r.values].sort(compareStrings) } : {}) });
  }
  return { ...(Object.keys(matchLabels).length > 0 ? { matchLabels } : {}), ...(matchExpressions.length > 0 ? { matchExpressions } : {}) };
}

/** intstr.Parse: digits are an int, anything else a string. */
function intOrString(v: string): number | string {
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

function runCreatePdb(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const name = nameFromArgs(ctx, p.positional);
  const selector = str(p, "selector") ?? "";
  const minAvailable = str(p, "min-available") ?? "";
  const maxUnavailable = str(p, "max-unavailable") ?? "";
  if (name === "") fail("name must be specified");
  if (selector === "") fail("a selector must be specified");
  if (maxUnavailable === "" && minAvailable === "") fail("one of min-available or max-unavailable must be specified");
  if (maxUnavailable !== "" && minAvailable !== "") fail("min-available and max-unavailable cannot be both specified");
  // 10, 20, 30%, 50% but not 10Gb.
  const re = /^[0-9]+%?$/;
  if (minAvailable !== "" && !re.test(minAvailable)) fail("invalid format specified for min-available");
  if (maxUnavailable !== "" && !re.test(maxUnavailable)) fail("invalid format specified for max-unavailable");
  const pdb = {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name, ...(ctx.enforceNamespace ? { namespace: ctx.namespace } : {}) },
    spec: {
      ...(minAvailable !== "" ? { minAvailable: intOrString(minAvailable) } : { maxUnavailable: intOrString(maxUnavailable) }),
      selector: parseToLabelSelector(selector),
    },
  } as unknown as KubeObject;
  const failures = createWrapped(ctx, p, pdb, "poddisruptionbudgets", namespaceFor(ctx, PDBS));
  if (failures.length === 0) ctx.out.out(nameLine(PDBS, name, "created"));
  return failures;
}

export const createPdbCommand: CommandDef = {
  name: "poddisruptionbudget",
  aliases: ["pdb"],
  short: "Create a pod disruption budget with the specified name",
  use: "poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none]",
  flags: [
    { name: "selector", kind: "string" },
    { name: "min-available", kind: "string" },
    { name: "max-unavailable", kind: "string" },
    ...CREATE_OBJECT_FLAGS,
  ],
  run: runCreatePdb,
};
