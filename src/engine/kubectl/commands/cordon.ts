// `kubectl cordon|uncordon NODE`: sets or clears spec.unschedulable. Shared with drain, which cordons
// first. mirrors kubectl pkg/cmd/drain/drain.go (Complete's node lookup, RunCordonOrUncordon, already,
// changed) and pkg/drain/cordon.go (UpdateIfRequired, PatchOrReplace: false is omitted, so uncordon
// removes the field).
import { resolveResource } from "../../api/registry";
import { parseSelector, type Selector } from "../../apimachinery/labels";
import type { CommandContext, CommandDef } from "../command";
import { str, type ParsedArgs } from "../flags";
import { fail, usageError, CommandFailure, toFailure, type Failure } from "../util/errors";
import { nameLine } from "../util/names";
import type { Info } from "../util/resources";

const NODES = resolveResource("nodes")!;

/** The nodes named on the command line (or selected by --selector), fetched; the first error stops. */
export function selectNodes(ctx: CommandContext, p: ParsedArgs, use: string): Info[] {
  const args = p.positional;
  const selector = str(p, "selector") ?? "";
  if (args.length === 0 && !p.changed.has("selector")) throw new CommandFailure([usageError(ctx.commandPath, `USAGE: ${use} [flags]`)]);
  if (args.length > 0 && selector !== "") throw new CommandFailure([usageError(ctx.commandPath, "error: cannot specify both a node name and a --selector option")]);
  const infos: Info[] = [];
  for (const name of args) {
    const object = ctx.env.api.get(ctx.actor, NODES, undefined, name);
    infos.push({ type: NODES, namespace: undefined, name, object });
  }
  if (selector !== "") {
    let sel: Selector;
    try {
      sel = parseSelector(selector);
    } catch (e) {
      return fail((e as Error).message);
    }
    for (const object of ctx.env.api.list(ctx.actor, NODES, undefined, (o) => sel.matches(o.metadata.labels))) {
      infos.push({ type: NODES, namespace: undefined, name: object.metadata.name, object });
    }
  }
  return infos;
}

/** RunCordonOrUncordon: prints each node's outcome; failures go to stderr and do not stop the others. */
export function runCordonOrUncordon(ctx: CommandContext, nodes: readonly Info[], desired: boolean): void {
  const verb = desired ? "cordon" : "uncordon";
  for (const node of nodes) {
    const unschedulable = node.object?.spec?.unschedulable === true;
    if (unschedulable === desired) {
      ctx.out.out(nameLine(node.type, node.name, desired ? "already cordoned" : "already uncordoned"));
      continue;
    }
    try {
      node.object = ctx.env.api.patch(ctx.actor, NODES, undefined, node.name, (o) => {
        const spec = { ...(o.spec ?? {}) };
        if (desired) spec.unschedulable = true;
        else delete spec.unschedulable;
        o.spec = spec;
      });
    } catch (e) {
      const f = toFailure(e);
      ctx.out.err(`error: unable to ${verb} node ${JSON.stringify(node.name)}: ${f.text}\n`);
      continue;
    }
    ctx.out.out(nameLine(node.type, node.name, desired ? "cordoned" : "uncordoned"));
  }
}

function cordonCommand(name: "cordon" | "uncordon", short: string): CommandDef {
  return {
    name,
    short,
    use: `${name} NODE`,
    flags: [
      { name: "selector", short: "l", kind: "string" },
      { name: "dry-run", kind: "string" },
    ],
    run(ctx, p): Failure[] | void {
      const nodes = selectNodes(ctx, p, `${name} NODE`);
      runCordonOrUncordon(ctx, nodes, name === "cordon");
    },
  };
}

export const cordonCommandDef = cordonCommand("cordon", "Mark node as unschedulable");
export const uncordonCommandDef = cordonCommand("uncordon", "Mark node as schedulable");
