// `kubectl set image (TYPE NAME | TYPE/NAME) CONTAINER=IMAGE ...`: changes container images in a pod
// template (or a pod). mirrors kubectl pkg/cmd/set/set_image.go (Validate, Run, setImage: "*" means
// every container, init containers included) and polymorphichelpers.UpdatePodSpecForObject.
import type { KubeObject, PodSpec } from "../../api/types";
import { deepCopy } from "../../sim/clone";
import type { CommandContext, CommandDef } from "../command";
import { bool, str, strs, type ParsedArgs } from "../flags";
import { CommandFailure, fail, plain, toFailures, type Failure } from "../util/errors";
import { selectFromFiles } from "../util/files";
import { nameLine } from "../util/names";
import { getResourcesAndPairs, parsePairs } from "../util/pairs";
import { PATHS_AND_ARGS_MESSAGE, selectResources, type Info } from "../util/resources";

/** Where each kind keeps its pod spec (UpdatePodSpecForObject). */
export function podSpecOf(obj: KubeObject): PodSpec | undefined {
  switch (obj.kind) {
    case "Pod":
      return obj.spec as PodSpec;
    case "CronJob":
      return obj.spec?.jobTemplate?.spec?.template?.spec as PodSpec | undefined;
    case "ReplicationController":
    case "Deployment":
    case "DaemonSet":
    case "ReplicaSet":
    case "StatefulSet":
    case "Job":
      return obj.spec?.template?.spec as PodSpec | undefined;
  }
  return undefined;
}

// mirrors setImage
function setImage(containers: PodSpec["containers"] | undefined, name: string, image: string): boolean {
  let found = false;
  for (const c of containers ?? []) {
    if (c.name === name || name === "*") {
      found = true;
      c.image = image;
    }
  }
  return found;
}

function updateImages(ctx: CommandContext, info: Info, images: Map<string, string>, errs: Failure[]): void {
  const current = info.object ?? ctx.env.api.get(ctx.actor, info.type, info.namespace, info.name);
  const next = deepCopy(current);
  const spec = podSpecOf(next);
  if (!spec) {
    // info.ObjectName() and the %T of the typed object, as CalculatePatches reports it.
    errs.push({ text: `error: ${info.type.resource}/${info.name} the object is not a pod or does not have a pod template: *${info.type.version}.${info.type.kind}\n` });
    return;
  }
  for (const [name, image] of images) {
    const inInit = setImage(spec.initContainers, name, image);
    const inMain = setImage(spec.containers, name, image);
    if (!inInit && !inMain) errs.push(plain(`error: unable to find container named ${JSON.stringify(name)}`));
  }
  // No change, no patch, nothing printed (the patch would be "{}").
  if (JSON.stringify(podSpecOf(current)) === JSON.stringify(spec)) return;
  try {
    ctx.env.api.patch(ctx.actor, info.type, info.namespace, info.name, (o) => {
      const target = podSpecOf(o)!;
      target.containers = spec.containers;
      if (spec.initContainers) target.initContainers = spec.initContainers;
    });
  } catch (e) {
    for (const f of toFailures(e)) errs.push({ text: `failed to patch image update to pod template: ${f.text}` });
    return;
  }
  ctx.out.out(nameLine(info.type, info.name, "image updated"));
}

function runSetImage(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const { resources, pairs } = getResourcesAndPairs(p.positional, "image");
  const { set: images } = parsePairs(pairs, "image", false);
  const filenames = strs(p, "filename");
  const problems: string[] = [];
  const all = bool(p, "all");
  const selector = str(p, "selector") ?? "";
  if (all && selector !== "") problems.push("cannot set --all and --selector at the same time");
  if (resources.length < 1 && filenames.length === 0) problems.push("one or more resources must be specified as <resource> <name> or <resource>/<name>");
  if (images.size < 1) problems.push("at least one image update is required");
  else if (images.size > 1 && images.has("*")) problems.push("all containers are already specified by *, but saw more than one container_name=container_image pairs");
  if (problems.length > 0) throw new CommandFailure(problems.map(plain));
  if (filenames.length > 0 && resources.length > 0) fail(PATHS_AND_ARGS_MESSAGE);
  const selection =
    filenames.length > 0
      ? selectFromFiles(ctx, filenames, bool(p, "recursive"))
      : selectResources(ctx, resources, { selector, all, fetch: true });
  if (selection.failures.length > 0) return selection.failures;
  const errs: Failure[] = [];
  for (const info of selection.infos) updateImages(ctx, info, images, errs);
  return errs;
}

const setImageCommand: CommandDef = {
  name: "image",
  short: "Update the image of a pod template",
  use: "image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N",
  flags: [
    { name: "all", kind: "bool" },
    { name: "selector", short: "l", kind: "string" },
    { name: "filename", short: "f", kind: "stringArray" },
    { name: "recursive", short: "R", kind: "bool" },
    { name: "local", kind: "bool" },
    { name: "output", short: "o", kind: "string" },
    { name: "record", kind: "bool" },
  ],
  run: runSetImage,
};

export const setCommand: CommandDef = {
  name: "set",
  short: "Set specific features on objects",
  use: "set SUBCOMMAND",
  flags: [],
  subcommands: [setImageCommand],
};
