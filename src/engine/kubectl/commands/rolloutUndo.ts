// `kubectl rollout undo`: puts an earlier ReplicaSet's pod template back into the Deployment. The
// rollback is client-side: kubectl picks the revision, strips pod-template-hash, and patches the
// template and annotations in. mirrors kubectl pkg/polymorphichelpers/rollback.go
// (DeploymentRollbacker.Rollback, deploymentRevision, equalIgnoreHash, annotationsToSkip) and
// pkg/cmd/rollout/rollout_undo.go (the NamePrinter with the rollback's result as operation).
import type { Deployment, ReplicaSet } from "../../api/types";
import {
  DeprecatedRollbackTo,
  DesiredReplicasAnnotation,
  LastAppliedConfigAnnotation,
  MaxReplicasAnnotation,
  revision,
  RevisionAnnotation,
  RevisionHistoryAnnotation,
} from "../../controllers/deployment/util/annotations";
import { DefaultDeploymentUniqueLabelKey, equalIgnoreHash } from "../../controllers/deployment/util/replicaSetUtil";
import { deepCopy } from "../../sim/clone";
import type { CommandContext, CommandDef } from "../command";
import { int, type ParsedArgs } from "../flags";
import { deploymentReplicaSets } from "../util/deploymentUtil";
import { fail, toFailures, type Failure } from "../util/errors";
import { groupKindString } from "../util/kinds";
import { nameLine } from "../util/names";
import type { Info } from "../util/resources";
import { rolloutTargets, TARGET_FLAGS } from "../util/rolloutTargets";

/** Annotations a rollback keeps from the Deployment instead of copying them from the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = new Set([
  LastAppliedConfigAnnotation,
  RevisionAnnotation,
  RevisionHistoryAnnotation,
  DesiredReplicasAnnotation,
  MaxReplicasAnnotation,
  DeprecatedRollbackTo,
]);

function revisionNotFound(r: number): never {
  return fail(`unable to find specified revision ${r} in history`);
}

// mirrors deploymentRevision: the asked revision, or the second-highest one.
function replicaSetForRevision(ctx: CommandContext, d: Deployment, toRevision: number): ReplicaSet {
  let latest: ReplicaSet | undefined;
  let latestRevision = -1;
  let previous: ReplicaSet | undefined;
  let previousRevision = -1;
  for (const rs of deploymentReplicaSets(ctx, d)) {
    const v = revision(rs);
    if (Number.isNaN(v)) continue;
    if (toRevision === 0) {
      if (latestRevision < v) {
        previousRevision = latestRevision;
        previous = latest;
        latestRevision = v;
        latest = rs;
      } else if (previousRevision < v) {
        previousRevision = v;
        previous = rs;
      }
    } else if (toRevision === v) {
      return rs;
    }
  }
  if (toRevision > 0) revisionNotFound(toRevision);
  if (!previous) fail(`no rollout history found for deployment ${JSON.stringify(d.metadata.name)}`);
  return previous;
}

// mirrors DeploymentRollbacker.Rollback; returns the operation NamePrinter prints.
function rollbackDeployment(ctx: CommandContext, info: Info, toRevision: number): string {
  if (toRevision < 0) revisionNotFound(toRevision);
  const d = ctx.env.api.get(ctx.actor, info.type, info.namespace, info.name) as Deployment;
  const rs = replicaSetForRevision(ctx, d, toRevision);
  if (d.spec.paused) {
    fail(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${d.metadata.name}' and try again`);
  }
  if (equalIgnoreHash(rs.spec.template, d.spec.template)) return `skipped rollback (current template already matches revision ${toRevision})`;
  const template = deepCopy(rs.spec.template);
  if (template.metadata?.labels) delete template.metadata.labels[DefaultDeploymentUniqueLabelKey];
  const annotations: Record<string, string> = {};
  for (const k of ANNOTATIONS_TO_SKIP) {
    const v = d.metadata.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  ctx.env.api.patch(ctx.actor, info.type, info.namespace, info.name, (o) => {
    o.spec = { ...o.spec, template };
    o.metadata.annotations = annotations;
  });
  return "rolled back";
}

function rollback(ctx: CommandContext, info: Info, toRevision: number): string {
  const t = info.type;
  if (t.group === "apps" && t.kind === "Deployment") return rollbackDeployment(ctx, info, toRevision);
  if (toRevision < 0) revisionNotFound(toRevision);
  // DaemonSet and StatefulSet history lives in ControllerRevisions, which Kubelab does not write.
  if (t.group === "apps" && (t.kind === "DaemonSet" || t.kind === "StatefulSet")) {
    if (toRevision === 0) fail("no last revision to roll back to");
    revisionNotFound(toRevision);
  }
  return fail(`no rollbacker has been implemented for ${JSON.stringify(groupKindString(t))}`);
}

function runUndo(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const toRevision = int(p, "to-revision") ?? 0;
  const { infos, failures } = rolloutTargets(ctx, p);
  const errs = [...failures];
  for (const info of infos) {
    try {
      const result = rollback(ctx, info, toRevision);
      ctx.out.out(nameLine(info.type, info.name, result));
    } catch (e) {
      errs.push(...toFailures(e));
    }
  }
  return errs;
}

export const rolloutUndoCommand: CommandDef = {
  name: "undo",
  short: "Undo a previous rollout",
  use: "undo (TYPE NAME | TYPE/NAME) [flags]",
  flags: [...TARGET_FLAGS, { name: "to-revision", kind: "int", default: 0 }],
  run: runUndo,
};
