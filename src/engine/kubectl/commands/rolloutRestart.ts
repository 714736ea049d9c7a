// `kubectl rollout restart`: stamps kubectl.kubernetes.io/restartedAt (RFC 3339, now) on the pod
// template so the controller rolls every pod. mirrors kubectl pkg/cmd/rollout/rollout_restart.go and
// pkg/polymorphichelpers/objectrestarter.go.
import { rfc3339 } from "../../sim/clock";
import type { CommandContext, CommandDef } from "../command";
import type { ParsedArgs } from "../flags";
import type { Failure } from "../util/errors";
import { nameLine, resourceString } from "../util/names";
import { rolloutTargets, TARGET_FLAGS } from "../util/rolloutTargets";

export const RESTARTED_AT_ANNOTATION = "kubectl.kubernetes.io/restartedAt";

const RESTARTABLE = new Set(["Deployment", "DaemonSet", "StatefulSet"]);

function runRestart(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const { infos, failures } = rolloutTargets(ctx, p);
  const errs = [...failures];
  for (const info of infos) {
    const obj = info.object!;
    let problem: string | undefined;
    if (info.type.group !== "apps" || !RESTARTABLE.has(info.type.kind)) problem = "restarting is not supported";
    else if (info.type.kind === "Deployment" && obj.spec?.paused === true) problem = "can't restart paused deployment (run rollout resume first)";
    if (problem !== undefined) {
      errs.push({ text: `error: ${resourceString(info.type)} ${JSON.stringify(info.name)} ${problem}` });
      continue;
    }
    const now = rfc3339(ctx.env.clock.absolute());
    // A second restart within the same second changes nothing: kubectl reports the empty patch, then
    // sends it anyway.
    if (obj.spec?.template?.metadata?.annotations?.[RESTARTED_AT_ANNOTATION] === now) {
      errs.push({ text: `failed to create patch for ${info.name}: empty patch` });
    }
    try {
      ctx.env.api.patch(ctx.actor, info.type, info.namespace, info.name, (o) => {
        const template = o.spec.template ?? {};
        const metadata = template.metadata ?? {};
        o.spec.template = { ...template, metadata: { ...metadata, annotations: { ...(metadata.annotations ?? {}), [RESTARTED_AT_ANNOTATION]: now } } };
      });
    } catch (e) {
      errs.push({ text: `failed to patch: ${(e as Error).message}` });
      continue;
    }
    ctx.out.out(nameLine(info.type, info.name, "restarted"));
  }
  return errs;
}

export const rolloutRestartCommand: CommandDef = {
  name: "restart",
  short: "Restart a resource",
  use: "restart RESOURCE",
  flags: [...TARGET_FLAGS],
  run: runRestart,
};
