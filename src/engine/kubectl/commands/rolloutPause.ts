// `kubectl rollout pause|resume`: sets or clears spec.paused on Deployments.
// mirrors kubectl pkg/cmd/rollout/rollout_pause.go / rollout_resume.go (errors worded
// `error: <resource>.<group> "<name>" <reason>`) and pkg/polymorphichelpers/objectpauser.go /
// objectresumer.go ("is already paused", "is not paused", "pausing is not supported").
import type { CommandContext, CommandDef } from "../command";
import type { ParsedArgs } from "../flags";
import type { Failure } from "../util/errors";
import { nameLine, resourceString } from "../util/names";
import type { Info } from "../util/resources";
import { rolloutTargets, TARGET_FLAGS } from "../util/rolloutTargets";

function pauser(info: Info, pause: boolean): string | undefined {
  if (info.type.kind !== "Deployment" || info.type.group !== "apps") return pause ? "pausing is not supported" : "resuming is not supported";
  const paused = info.object?.spec?.paused === true;
  if (pause && paused) return "is already paused";
  if (!pause && !paused) return "is not paused";
  return undefined;
}

function run(pause: boolean) {
  return (ctx: CommandContext, p: ParsedArgs): Failure[] => {
    const { infos, failures } = rolloutTargets(ctx, p);
    const errs = [...failures];
    for (const info of infos) {
      const problem = pauser(info, pause);
      if (problem !== undefined) {
        errs.push({ text: `error: ${resourceString(info.type)} ${JSON.stringify(info.name)} ${problem}` });
        continue;
      }
      try {
        ctx.env.api.patch(ctx.actor, info.type, info.namespace, info.name, (o) => {
          o.spec = { ...(o.spec ?? {}), paused: pause };
          if (!pause) delete o.spec.paused;
        });
      } catch (e) {
        errs.push({ text: `failed to patch: ${(e as Error).message}` });
        continue;
      }
      ctx.out.out(nameLine(info.type, info.name, pause ? "paused" : "resumed"));
    }
    return errs;
  };
}

export const rolloutPauseCommand: CommandDef = {
  name: "pause",
  short: "Mark the provided resource as paused",
  use: "pause RESOURCE",
  flags: [...TARGET_FLAGS],
  run: run(true),
};

export const rolloutResumeCommand: CommandDef = {
  name: "resume",
  short: "Resume a paused resource",
  use: "resume RESOURCE",
  flags: [...TARGET_FLAGS],
  run: run(false),
};
