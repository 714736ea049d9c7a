// `kubectl rollout history`: the revisions of a Deployment (its ReplicaSets) with their change-cause,
// or one revision's pod template. mirrors kubectl pkg/cmd/rollout/rollout_history.go (the NamePrinter
// with operation "<with revision #N>\n<history>") and pkg/polymorphichelpers/history.go
// (DeploymentHistoryViewer.ViewHistory, printTemplate, tabbedString 0/8/2).
import type { Deployment } from "../../api/types";
import { revision } from "../../controllers/deployment/util/annotations";
import type { CommandContext, CommandDef } from "../command";
import { int, type ParsedArgs } from "../flags";
import { describePodTemplate, PrefixWriter } from "../printers/describe";
import { newDescribeWriter } from "../printers/tabwriter";
import { deploymentReplicaSets } from "../util/deploymentUtil";
import { fail, toFailures, type Failure } from "../util/errors";
import { groupKindString } from "../util/kinds";
import { nameLine } from "../util/names";
import type { Info } from "../util/resources";
import { rolloutTargets, TARGET_FLAGS } from "../util/rolloutTargets";

export const CHANGE_CAUSE_ANNOTATION = "kubernetes.io/change-cause";

/** printTemplate: DescribePodTemplate through a PrefixWriter on a plain buffer (tabs stay tabs). */
export function printTemplate(template: Deployment["spec"]["template"]): string {
  let s = "";
  const w = new PrefixWriter({ write: (t: string) => void (s += t), flush: () => undefined });
  describePodTemplate(template, w);
  return s;
}

// mirrors DeploymentHistoryViewer.ViewHistory; throws for an unknown revision.
function viewDeploymentHistory(ctx: CommandContext, d: Deployment, rev: number): string {
  const byRevision = new Map<number, { template: Deployment["spec"]["template"]; cause: string }>();
  for (const rs of deploymentReplicaSets(ctx, d)) {
    const v = revision(rs);
    if (Number.isNaN(v)) continue;
    byRevision.set(v, { template: rs.spec.template, cause: rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? "" });
  }
  if (byRevision.size === 0) return "No rollout history found.";
  if (rev > 0) {
    const h = byRevision.get(rev);
    if (!h) fail("unable to find the specified revision");
    const template = { ...h.template, metadata: { ...(h.template.metadata ?? {}) } };
    if (h.cause) template.metadata.annotations = { ...(template.metadata.annotations ?? {}), [CHANGE_CAUSE_ANNOTATION]: h.cause };
    return printTemplate(template);
  }
  const w = newDescribeWriter();
  w.write("REVISION\tCHANGE-CAUSE\n");
  for (const r of [...byRevision.keys()].sort((a, b) => a - b)) w.write(`${r}\t${byRevision.get(r)!.cause || "<none>"}\n`);
  return w.toString();
}

function viewHistory(ctx: CommandContext, info: Info, rev: number): string {
  const t = info.type;
  if (t.group === "apps" && t.kind === "Deployment") return viewDeploymentHistory(ctx, info.object as Deployment, rev);
  // DaemonSets and StatefulSets keep their history in ControllerRevisions, which Kubelab does not write.
  if (t.group === "apps" && (t.kind === "DaemonSet" || t.kind === "StatefulSet")) return "No rollout history found.";
  return fail(`no history viewer has been implemented for ${JSON.stringify(groupKindString(t))}`);
}

function runHistory(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const rev = int(p, "revision") ?? 0;
  const { infos, failures } = rolloutTargets(ctx, p);
  if (rev < 0) fail(`revision must be a positive integer: ${rev}`);
  const errs = [...failures];
  for (const info of infos) {
    try {
      const history = viewHistory(ctx, info, rev);
      const withRevision = rev > 0 ? `with revision #${rev}` : "";
      ctx.out.out(nameLine(info.type, info.name, `${withRevision}\n${history}`));
    } catch (e) {
      errs.push(...toFailures(e));
    }
  }
  return errs;
}

export const rolloutHistoryCommand: CommandDef = {
  name: "history",
  short: "View rollout history",
  use: "history (TYPE NAME | TYPE/NAME) [flags]",
  flags: [...TARGET_FLAGS, { name: "revision", kind: "int", default: 0 }],
  run: runHistory,
};
