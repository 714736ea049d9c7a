// `kubectl create deployment NAME --image=IMAGE [--replicas=N] [--port=P] [-- COMMAND...]`: the exact
// Deployment kubectl generates (labels and selector app=NAME, one container per image named after the
// image's last path element without tag or digest).
// mirrors kubectl pkg/cmd/create/create_deployment.go (createDeployment, buildPodSpec,
// sanitizeAndUniquify) and NameFromCommandArgs.
import type { Deployment } from "../../api/types";
import { randString } from "../../apimachinery/names";
import type { CommandContext, CommandDef } from "../command";
import { bool, int, strs, type ParsedArgs } from "../flags";
import { fail, toFailure, usageError, CommandFailure, type Failure } from "../util/errors";
import { withLastApplied } from "../util/lastApplied";
import { nameLine } from "../util/names";
import { namespaceFor } from "../util/resources";
import { resolveResource } from "../../api/registry";

const DEPLOYMENTS = resolveResource("deployments")!;

/** NameFromCommandArgs: exactly one NAME (arguments after `--` are the container command). */
export function nameFromArgs(ctx: CommandContext, names: readonly string[]): string {
  if (names.length !== 1) throw new CommandFailure([usageError(ctx.commandPath, `exactly one NAME is required, got ${names.length}`)]);
  return names[0] as string;
}

// mirrors buildPodSpec's container naming and sanitizeAndUniquify ("." and "_" become "-" plus a suffix).
export function containerName(image: string, random: () => number): string {
  let name = image.split("/").pop() as string;
  if (name.includes(":")) name = name.split(":")[0] as string;
  if (name.includes("@")) name = name.split("@")[0] as string;
  if (/[_.]/.test(name)) name = `${name.replace(/_/g, "-").replace(/\./g, "-")}-${randString(5, random)}`;
  return name;
}

export function deploymentFor(name: string, namespace: string | undefined, images: readonly string[], replicas: number, port: number, command: readonly string[], random: () => number): Deployment {
  const labels = { app: name };
  const containers = images.map((image) => ({ name: containerName(image, random), image, ...(command.length > 0 ? { command: [...command] } : {}) }));
  if (port >= 0 && containers.length > 0) Object.assign(containers[0]!, { ports: [{ containerPort: port }] });
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, labels: { ...labels }, ...(namespace ? { namespace } : {}) },
    spec: {
      replicas,
      selector: { matchLabels: { ...labels } },
      template: { metadata: { labels: { ...labels } }, spec: { containers } },
    },
  } as unknown as Deployment;
}

/** The NAME before `--` and the container command after it (cmd.ArgsLenAtDash). */
function splitCommand(p: ParsedArgs): { names: string[]; command: string[] } {
  const at = p.argsLenAtDash ?? -1;
  if (at < 0) return { names: p.positional, command: [] };
  return { names: p.positional.slice(0, at), command: p.positional.slice(at) };
}

function runCreateDeployment(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const { names, command } = splitCommand(p);
  const name = nameFromArgs(ctx, names);
  if (!p.changed.has("image")) fail('required flag(s) "image" not set');
  const images = strs(p, "image").flatMap((s) => s.split(","));
  if (images.length > 1 && command.length > 0) fail("cannot specify multiple --image options and command");
  const random = ctx.env.random ?? (() => 0.5);
  const deploy = deploymentFor(name, ctx.enforceNamespace ? ctx.namespace : undefined, images, int(p, "replicas") ?? 1, int(p, "port") ?? -1, command, random);
  try {
    ctx.env.api.create(ctx.actor, bool(p, "save-config") ? withLastApplied(deploy) : deploy, namespaceFor(ctx, DEPLOYMENTS));
  } catch (e) {
    // The typed client's error is wrapped with fmt.Errorf: it prints as a plain error, not a status.
    return [{ text: `failed to create deployment: ${toFailure(e).text}` }];
  }
  ctx.out.out(nameLine(DEPLOYMENTS, name, "created"));
  return [];
}

export const createDeploymentCommand: CommandDef = {
  name: "deployment",
  aliases: ["deploy"],
  short: "Create a deployment with the specified name",
  use: "deployment NAME --image=image -- [COMMAND] [args...]",
  flags: [
    { name: "image", kind: "stringArray" },
    { name: "replicas", short: "r", kind: "int", default: 1 },
    { name: "port", kind: "int", default: -1 },
    { name: "save-config", kind: "bool" },
    { name: "dry-run", kind: "string" },
    { name: "output", short: "o", kind: "string" },
    { name: "validate", kind: "string" },
  ],
  run: runCreateDeployment,
};
