// `kubectl describe job` and `kubectl describe cronjob`.
// mirrors describeJob, capIndexesListOrNone, describeCronJob, describeJobTemplate and printActiveJobs
// (kubectl pkg/describe/describe.go).
import type { KubeEvent, KubeObject, PodTemplateSpec } from "../../../api/types";
import { selectorString } from "../columns/deployments";
import { arr, field, str } from "../columns/types";
import { humanDuration, parseTimestamp } from "../duration";
import { describePodTemplate } from "./containers";
import { describeEvents } from "./events";
import { formatRFC1123Z, goBool, LEVEL_0, printAnnotationsMultiline, printController, printLabelsMultiline, tabbedString, type PrefixWriter } from "./prefixWriter";

const isSet = (v: unknown): v is number | string | boolean => v !== undefined && v !== null;

// mirrors capIndexesListOrNone: the list cut after the first comma past `softLimit` characters.
export function capIndexesListOrNone(indexes: string | undefined, softLimit: number): string {
  if (!indexes) return "<none>";
  let ix = softLimit;
  for (; ix < indexes.length; ix++) if (indexes[ix] === ",") break;
  if (ix >= indexes.length) return indexes;
  return indexes.slice(0, ix + 1) + "...";
}

// LabelSelectorAsSelector failing prints "Failed to get selector: <err>"; Kubelab's selectorString says "<invalid>".
const selectorOf = (sel: unknown) => selectorString(sel as Parameters<typeof selectorString>[0]);

/** The text of `kubectl describe job`. */
export function describeJob(job: KubeObject, events: readonly KubeEvent[] | undefined, now: number): string {
  return tabbedString((w) => {
    const spec = field(job, "spec");
    const status = field(job, "status");
    w.write(LEVEL_0, `Name:\t${job.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorOf(field(spec, "selector"))}\n`);
    printLabelsMultiline(w, "Labels", job.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", job.metadata.annotations);
    const controlledBy = printController(job);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    const parallelism = field(spec, "parallelism");
    if (isSet(parallelism)) w.write(LEVEL_0, `Parallelism:\t${String(parallelism)}\n`);
    const completions = field(spec, "completions");
    w.write(LEVEL_0, `Completions:\t${isSet(completions) ? String(completions) : "<unset>"}\n`);
    const mode = field(spec, "completionMode");
    if (isSet(mode)) w.write(LEVEL_0, `Completion Mode:\t${String(mode)}\n`);
    const suspend = field(spec, "suspend");
    if (isSet(suspend)) w.write(LEVEL_0, `Suspend:\t${goBool(suspend === true)}\n`);
    const backoff = field(spec, "backoffLimit");
    if (isSet(backoff)) w.write(LEVEL_0, `Backoff Limit:\t${String(backoff)}\n`);
    const ttl = field(spec, "ttlSecondsAfterFinished");
    if (isSet(ttl)) w.write(LEVEL_0, `TTL Seconds After Finished:\t${String(ttl)}\n`);
    const start = str(field(status, "startTime"));
    const done = str(field(status, "completionTime"));
    if (start) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(start)}\n`);
    if (done) w.write(LEVEL_0, `Completed At:\t${formatRFC1123Z(done)}\n`);
    if (start && done) w.write(LEVEL_0, `Duration:\t${humanDuration((parseTimestamp(done) ?? 0) - (parseTimestamp(start) ?? 0))}\n`);
    const deadline = field(spec, "activeDeadlineSeconds");
    if (isSet(deadline)) w.write(LEVEL_0, `Active Deadline Seconds:\t${String(deadline)}s\n`);
    const n = (k: string) => Number(field(status, k) ?? 0);
    const ready = field(status, "ready");
    if (!isSet(ready)) w.write(LEVEL_0, `Pods Statuses:\t${n("active")} Active / ${n("succeeded")} Succeeded / ${n("failed")} Failed\n`);
    else w.write(LEVEL_0, `Pods Statuses:\t${n("active")} Active (${String(ready)} Ready) / ${n("succeeded")} Succeeded / ${n("failed")} Failed\n`);
    if (mode === "Indexed") w.write(LEVEL_0, `Completed Indexes:\t${capIndexesListOrNone(str(field(status, "completedIndexes")), 50)}\n`);
    describePodTemplate(field(spec, "template") as PodTemplateSpec | undefined, w);
    describeEvents(events, w, now);
  });
}

// mirrors describeJobTemplate
function describeJobTemplate(jobTemplate: unknown, w: PrefixWriter): void {
  const spec = field(jobTemplate, "spec");
  const sel = field(spec, "selector");
  w.write(LEVEL_0, `Selector:\t${isSet(sel as number | undefined) ? selectorOf(sel) : "<unset>"}\n`);
  const parallelism = field(spec, "parallelism");
  w.write(LEVEL_0, `Parallelism:\t${isSet(parallelism) ? String(parallelism) : "<unset>"}\n`);
  const completions = field(spec, "completions");
  w.write(LEVEL_0, `Completions:\t${isSet(completions) ? String(completions) : "<unset>"}\n`);
  const deadline = field(spec, "activeDeadlineSeconds");
  if (isSet(deadline)) w.write(LEVEL_0, `Active Deadline Seconds:\t${String(deadline)}s\n`);
  describePodTemplate(field(spec, "template") as PodTemplateSpec | undefined, w);
}

/** The text of `kubectl describe cronjob`. */
export function describeCronJob(cj: KubeObject, events: readonly KubeEvent[] | undefined, now: number): string {
  return tabbedString((w) => {
    const spec = field(cj, "spec");
    const status = field(cj, "status");
    w.write(LEVEL_0, `Name:\t${cj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${cj.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", cj.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", cj.metadata.annotations);
    w.write(LEVEL_0, `Schedule:\t${str(field(spec, "schedule"))}\n`);
    w.write(LEVEL_0, `Concurrency Policy:\t${str(field(spec, "concurrencyPolicy"))}\n`);
    // printBoolPtr: "<unset>" for nil, else "True"/"False".
    const suspend = field(spec, "suspend");
    w.write(LEVEL_0, `Suspend:\t${isSet(suspend) ? (suspend === true ? "True" : "False") : "<unset>"}\n`);
    const ok = field(spec, "successfulJobsHistoryLimit");
    w.write(LEVEL_0, `Successful Job History Limit:\t${isSet(ok) ? String(ok) : "<unset>"}\n`);
    const failed = field(spec, "failedJobsHistoryLimit");
    w.write(LEVEL_0, `Failed Job History Limit:\t${isSet(failed) ? String(failed) : "<unset>"}\n`);
    const sds = field(spec, "startingDeadlineSeconds");
    w.write(LEVEL_0, `Starting Deadline Seconds:\t${isSet(sds) ? `${String(sds)}s` : "<unset>"}\n`);
    describeJobTemplate(field(spec, "jobTemplate"), w);
    const last = str(field(status, "lastScheduleTime"));
    w.write(LEVEL_0, `Last Schedule Time:\t${last ? formatRFC1123Z(last) : "<unset>"}\n`);
    // printActiveJobs
    const active = arr<{ name?: string }>(field(status, "active"));
    w.write(LEVEL_0, "Active Jobs:\t");
    if (active.length === 0) w.writeLine("<none>");
    else w.writeLine(active.map((j) => j.name ?? "").join(", "));
    describeEvents(events, w, now);
  });
}
