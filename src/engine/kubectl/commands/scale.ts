// `kubectl scale`: sets spec.replicas through the scale subresource, with the --current-replicas and
// --resource-version preconditions. mirrors kubectl pkg/cmd/scale/scale.go (Validate, RunScale) and
// pkg/scale/scale.go (ScalePrecondition.validate, PreconditionError, ScaleSimple).
import type { ResourceType } from "../../api/registry";
import { ApiError } from "../../apiserver/errors";
import type { CommandContext, CommandDef } from "../command";
import { bool, int, str, strs, type ParsedArgs } from "../flags";
import { fail, toFailure, type Failure } from "../util/errors";
import { selectFromFiles } from "../util/files";
import { nameLine } from "../util/names";
import { PATHS_AND_ARGS_MESSAGE, selectResources, type Info } from "../util/resources";
import { timeoutMs } from "../util/wait";

/** The kinds with a /scale subresource among those Kubelab serves. */
const SCALABLE = new Set(["deployments", "replicasets", "replicationcontrollers", "statefulsets"]);

function scaleTarget(ctx: CommandContext, info: Info) {
  if (!SCALABLE.has(info.type.resource)) {
    // The API server has no scale subresource for the kind: a 404 without a name.
    throw new ApiError(404, "NotFound", "the server could not find the requested resource");
  }
  return ctx.env.api.get(ctx.actor, info.type, info.namespace, info.name);
}

// mirrors ScalePrecondition.validate
function checkPrecondition(size: number, resourceVersion: string, current: number, currentRv: string): void {
  if (size !== -1 && current !== size) fail(`Expected replicas to be ${size}, was ${current}`);
  if (resourceVersion !== "" && currentRv !== resourceVersion) fail(`Expected resource version to be ${resourceVersion}, was ${currentRv}`);
}

function scaleOne(ctx: CommandContext, info: Info, replicas: number, currentReplicas: number, resourceVersion: string): void {
  const current = scaleTarget(ctx, info);
  checkPrecondition(currentReplicas, resourceVersion, Number(current.spec?.replicas ?? 1), current.metadata.resourceVersion);
  ctx.env.api.patch(ctx.actor, info.type, info.namespace, info.name, (o) => {
    o.spec = { ...(o.spec ?? {}), replicas };
  });
}

function waitForReplicas(ctx: CommandContext, type: ResourceType, info: Info, replicas: number, timeout: number): Failure[] {
  const done = () => {
    try {
      const o = ctx.env.api.store.get(type.resource, `${type.resource}/${info.namespace}/${info.name}`);
      return o !== undefined && Number(o.status?.replicas ?? 0) === replicas;
    } catch {
      return false;
    }
  };
  return ctx.env.waitFor(done, timeout) ? [] : [{ text: "timed out waiting for the condition" }];
}

function runScale(ctx: CommandContext, p: ParsedArgs): Failure[] {
  if (!p.changed.has("replicas")) fail('required flag(s) "replicas" not set');
  const replicas = int(p, "replicas") ?? -1;
  const currentReplicas = int(p, "current-replicas") ?? -1;
  if (replicas < 0) fail("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
  if (currentReplicas < -1) fail("The --current-replicas must specify an integer of -1 or greater");
  const filenames = strs(p, "filename");
  if (filenames.length > 0 && p.positional.length > 0) fail(PATHS_AND_ARGS_MESSAGE);
  const selection =
    filenames.length > 0
      ? selectFromFiles(ctx, filenames, bool(p, "recursive"))
      : selectResources(ctx, p.positional, { selector: str(p, "selector"), all: bool(p, "all") });
  const resourceVersion = str(p, "resource-version") ?? "";
  if (resourceVersion !== "" && selection.infos.length > 1) fail("cannot use --resource-version with multiple resources");
  if (selection.infos.length === 0) {
    if (selection.failures.length > 0) return selection.failures;
    fail("no objects passed to scale");
  }
  const timeout = p.changed.has("timeout") && str(p, "timeout") !== "0" ? timeoutMs(str(p, "timeout")) : 0;
  for (const info of selection.infos) {
    try {
      scaleOne(ctx, info, replicas, currentReplicas, resourceVersion);
    } catch (e) {
      return [toFailure(e)];
    }
    if (timeout > 0) {
      const waited = waitForReplicas(ctx, info.type, info, replicas, timeout);
      if (waited.length > 0) return waited;
    }
    ctx.out.out(str(p, "output") === "name" ? nameLine(info.type, info.name) : nameLine(info.type, info.name, "scaled"));
  }
  return selection.failures;
}

export const scaleCommand: CommandDef = {
  name: "scale",
  short: "Set a new size for a deployment, replica set, or replication controller",
  use: "scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)",
  flags: [
    { name: "replicas", kind: "int", default: -1 },
    { name: "current-replicas", kind: "int", default: -1 },
    { name: "resource-version", kind: "string" },
    { name: "timeout", kind: "string" },
    { name: "all", kind: "bool" },
    { name: "selector", short: "l", kind: "string" },
    { name: "filename", short: "f", kind: "stringArray" },
    { name: "recursive", short: "R", kind: "bool" },
    { name: "output", short: "o", kind: "string" },
  ],
  run: runScale,
};
