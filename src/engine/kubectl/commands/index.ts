// The command table runKubectl dispatches over, in kubectl's help order.
import type { CommandDef } from "../command";
import { annotateCommand } from "./annotate";
import { applyCommand } from "./apply";
import { createCommand } from "./create";
import { apiResourcesCommand } from "./apiResources";
import { autoscaleCommand } from "./autoscale";
import { authCommand } from "./auth";
import { clusterInfoCommand } from "./clusterInfo";
import { cordonCommandDef, uncordonCommandDef } from "./cordon";
import { deleteCommand } from "./delete";
import { describeCommand } from "./describe";
import { drainCommand } from "./drain";
import { exposeCommand } from "./expose";
import { getCommand } from "./get";
import { labelCommand } from "./label";
import { logsCommand } from "./logs";
import { rolloutCommand } from "./rollout";
import { setCommand } from "./setImage";
import { scaleCommand } from "./scale";
import { topCommand } from "./top";
import { versionCommand } from "./version";

export const COMMANDS: readonly CommandDef[] = [
  createCommand,
  exposeCommand,
  setCommand,
  getCommand,
  deleteCommand,
  rolloutCommand,
  scaleCommand,
  autoscaleCommand,
  clusterInfoCommand,
  topCommand,
  describeCommand,
  logsCommand,
  cordonCommandDef,
  uncordonCommandDef,
  drainCommand,
  applyCommand,
  labelCommand,
  annotateCommand,
  apiResourcesCommand,
  versionCommand,
  authCommand,
];

/** Real kubectl commands Kubelab does not run (yet): named honestly instead of "unknown command". */
export const UNSIMULATED_COMMANDS: readonly string[] = [
  "run", "explain", "edit", "certificate", "taint", "attach", "exec",
  "port-forward", "proxy", "cp", "debug", "events", "diff", "patch", "replace", "wait", "kustomize",
  "completion", "api-versions", "config", "plugin", "options", "alpha",
];
