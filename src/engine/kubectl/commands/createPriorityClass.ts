// `kubectl create priorityclass NAME --value=VALUE [--global-default] [--description=…]
// [--preemption-policy=PreemptLowerPriority|Never]`. mirrors kubectl pkg/cmd/create/create_priorityclass.go.
import { resolveResource } from "../../api/registry";
import type { KubeObject } from "../../api/types";
import type { CommandContext, CommandDef } from "../command";
import { bool, int, str, type ParsedArgs } from "../flags";
import { toFailure, type Failure } from "../util/errors";
import { withLastApplied } from "../util/lastApplied";
import { dryRunOf, printCreated } from "./createConfigMap";
import { nameFromArgs } from "./createDeployment";
import { CREATE_OBJECT_FLAGS } from "../util/createFlags";

const PRIORITY_CLASSES = resolveResource("priorityclasses")!;

function runCreatePriorityClass(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const name = nameFromArgs(ctx, p.positional);
  const dryRun = dryRunOf(p);
  let pc = {
    apiVersion: "scheduling.k8s.io/v1",
    kind: "PriorityClass",
    metadata: { name },
    value: int(p, "value") ?? 0,
    globalDefault: bool(p, "global-default"),
    description: str(p, "description") ?? "",
    preemptionPolicy: str(p, "preemption-policy") ?? "PreemptLowerPriority",
  } as unknown as KubeObject;
  if (bool(p, "save-config")) pc = withLastApplied(pc);
  if (!dryRun) {
    try {
      pc = ctx.env.api.create(ctx.actor, pc);
    } catch (e) {
      return [toFailure(e)];
    }
  }
  printCreated(ctx, p, PRIORITY_CLASSES, pc, dryRun);
  return [];
}

export const createPriorityClassCommand: CommandDef = {
  name: "priorityclass",
  aliases: ["pc"],
  short: "Create a priority class with the specified name",
  use: "priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none]",
  flags: [
    { name: "value", kind: "int", default: 0 },
    { name: "global-default", kind: "bool" },
    { name: "description", kind: "string" },
    { name: "preemption-policy", kind: "string", default: "PreemptLowerPriority" },
    ...CREATE_OBJECT_FLAGS,
  ],
  run: runCreatePriorityClass,
};
