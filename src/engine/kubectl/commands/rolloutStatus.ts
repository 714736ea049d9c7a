// `kubectl rollout status`: watches the object and prints the status viewer's line for every change
// until the rollout is done. mirrors kubectl pkg/cmd/rollout/rollout_status.go (Run: UntilWithSync,
// printing on each ADDED/MODIFIED event, "object has been deleted" on DELETED).
import type { CommandContext, CommandDef } from "../command";
import { int, str, strs, type ParsedArgs } from "../flags";
import { fail, type Failure } from "../util/errors";
import { statusViewerFor } from "../util/statusViewer";
import { timeoutMs } from "../util/wait";
import { rolloutTargets, TARGET_FLAGS } from "../util/rolloutTargets";

function runStatus(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const rev = int(p, "revision") ?? 0;
  if (p.positional.length === 0 && strs(p, "filename").length === 0) fail("required resource not specified");
  if (rev < 0) fail(`revision must be a positive integer: ${rev}`);
  const { infos, failures } = rolloutTargets(ctx, p);
  if (failures.length > 0) return failures;
  if (infos.length !== 1) fail(`rollout status is only supported on individual resources and resource collections - ${infos.length} resources were found`);
  const info = infos[0]!;
  const viewer = statusViewerFor(info.type.kind, info.type.group);
  if (typeof viewer === "string") fail(viewer);
  const watch = p.flags.get("watch") !== false;
  const store = ctx.env.api.store;
  const key = info.type.namespaced ? `${info.type.resource}/${info.namespace}/${info.name}` : `${info.type.resource}/${info.name}`;
  const uid = info.object?.metadata.uid;
  let rev0 = store.currentRevision;
  let error: string | undefined;
  let finished = false;
  // One step of the watch: handle every change to the object since the last look, in order.
  const observe = (obj = store.get(info.type.resource, key)): boolean => {
    if (!obj || obj.metadata.uid !== uid) {
      error = "object has been deleted";
      return (finished = true);
    }
    const s = viewer(obj, rev);
    if (s.error !== undefined) {
      error = s.error;
      return (finished = true);
    }
    ctx.out.out(s.message);
    return (finished = s.done || !watch);
  };
  if (observe(info.object)) return error !== undefined ? [{ text: error }] : [];
  const done = ctx.env.waitFor(
    () => {
      if (finished) return true;
      const changes = store.changesSince(rev0, info.type.resource);
      rev0 = store.currentRevision;
      for (const e of changes) {
        if (e.key !== key) continue;
        if (observe(e.type === "DELETED" ? undefined : e.object)) return true;
      }
      return false;
    },
    timeoutMs(str(p, "timeout")),
  );
  if (error !== undefined) return [{ text: error }];
  return done ? [] : [{ text: "timed out waiting for the condition" }];
}

export const rolloutStatusCommand: CommandDef = {
  name: "status",
  short: "Show the status of the rollout",
  use: "status (TYPE NAME | TYPE/NAME) [flags]",
  flags: [
    ...TARGET_FLAGS,
    { name: "watch", short: "w", kind: "bool", default: true },
    { name: "revision", kind: "int", default: 0 },
    { name: "timeout", kind: "string" },
  ],
  run: runStatus,
};
