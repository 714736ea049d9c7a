// `kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]`:
// an autoscaling/v2 HorizontalPodAutoscaler for a Deployment, ReplicaSet, StatefulSet or
// ReplicationController, named after it. mirrors kubectl pkg/cmd/autoscale/autoscale.go (v1.34: Validate,
// Run, createHorizontalPodAutoscalerV2, handleHPA with the "autoscaled" operation).
import { groupVersionOf, resolveResource } from "../../api/registry";
import type { KubeObject } from "../../api/types";
import type { CommandContext, CommandDef } from "../command";
import { bool, int, str, strs, type ParsedArgs } from "../flags";
import { fail, toFailure, type Failure } from "../util/errors";
import { selectFromFiles } from "../util/files";
import { withLastApplied } from "../util/lastApplied";
import { nameLine } from "../util/names";
import { PATHS_AND_ARGS_MESSAGE, selectResources, type Info } from "../util/resources";
import { dryRunOf, printCreated } from "./createConfigMap";

const HPAS = resolveResource("horizontalpodautoscalers")!;
/** The resources whose /scale subresource the discovery scale-kind resolver finds. */
const SCALABLE = new Set(["deployments", "replicasets", "replicationcontrollers", "statefulsets"]);

function hpaFor(p: ParsedArgs, info: Info): KubeObject {
  const min = int(p, "min") ?? -1;
  const cpu = int(p, "cpu-percent") ?? -1;
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: str(p, "name") || info.name },
    spec: {
      scaleTargetRef: { apiVersion: groupVersionOf(info.type), kind: info.type.kind, name: info.name },
      ...(min > 0 ? { minReplicas: min } : {}),
      maxReplicas: int(p, "max") ?? -1,
      ...(cpu >= 0 ? { metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: cpu } } }] } : {}),
    },
  } as unknown as KubeObject;
}

function runAutoscale(ctx: CommandContext, p: ParsedArgs): Failure[] {
  if (!p.changed.has("max")) fail('required flag(s) "max" not set');
  const max = int(p, "max") ?? -1;
  const min = int(p, "min") ?? -1;
  // Validate
  if (max < 1) fail(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) fail(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  const dryRun = dryRunOf(p);
  const filenames = strs(p, "filename");
  if (filenames.length > 0 && p.positional.length > 0) fail(PATHS_AND_ARGS_MESSAGE);
  const selection = filenames.length > 0 ? selectFromFiles(ctx, filenames, bool(p, "recursive")) : selectResources(ctx, p.positional, { fetch: true });
  if (selection.failures.length > 0) return selection.failures;
  let count = 0;
  for (const info of selection.infos) {
    if (!SCALABLE.has(info.type.resource)) {
      const gv = groupVersionOf(info.type).replace(/^v1$/, "/v1");
      fail(`cannot autoscale a ${info.type.kind}: could not find scale subresource for ${gv}, Resource=${info.type.resource} in discovery information`);
    }
    let hpa = hpaFor(p, info);
    if (bool(p, "save-config")) hpa = withLastApplied(hpa);
    if (!dryRun) {
      try {
        hpa = ctx.env.api.create(ctx.actor, hpa, info.namespace);
      } catch (e) {
        return [toFailure(e)];
      }
      const output = str(p, "output") ?? "";
      if (output === "") ctx.out.out(nameLine(HPAS, hpa.metadata.name, "autoscaled"));
      else printCreated(ctx, p, HPAS, hpa, false);
    } else {
      printCreated(ctx, p, HPAS, hpa, true);
    }
    count++;
  }
  if (count === 0) fail("no objects passed to autoscale");
  return [];
}

export const autoscaleCommand: CommandDef = {
  name: "autoscale",
  short: "Auto-scale a deployment, replica set, stateful set, or replication controller",
  use: "autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]",
  flags: [
    { name: "min", kind: "int", default: -1 },
    { name: "max", kind: "int", default: -1 },
    { name: "cpu-percent", kind: "int", default: -1 },
    { name: "name", kind: "string" },
    { name: "filename", short: "f", kind: "stringArray" },
    { name: "recursive", short: "R", kind: "bool" },
    { name: "save-config", kind: "bool" },
    { name: "record", kind: "bool" },
    { name: "dry-run", kind: "string", default: "none" },
    { name: "output", short: "o", kind: "string" },
    { name: "field-manager", kind: "string" },
  ],
  run: runAutoscale,
};
