// `kubectl describe daemonset` and `kubectl describe statefulset`.
// mirrors describeDaemonSet, describeStatefulSet and describeVolumeClaimTemplates (kubectl pkg/describe/describe.go).
import type { KubeEvent, KubeObject, Pod, PodTemplateSpec } from "../../../api/types";
import { formatLabels } from "../../../apimachinery/labels";
import { selectorString } from "../columns/deployments";
import { quantityString } from "../columns/quantity";
import { storageClassOf } from "../columns/storage";
import { arr, field, intOrString, str } from "../columns/types";
import { describePodTemplate } from "./containers";
import { describeEvents } from "./events";
import { formatRFC1123Z, LEVEL_0, LEVEL_1, printAnnotationsMultiline, printLabelsMultiline, tabbedString, type PrefixWriter } from "./prefixWriter";
import { podStatusForController } from "./workloads";

const num = (v: unknown) => Number(v ?? 0);
const selectorOf = (sel: unknown) => selectorString(sel as Parameters<typeof selectorString>[0]);

/** The text of `kubectl describe daemonset`; `pods` are the namespace's pods (filtered by owner here). */
export function describeDaemonSet(ds: KubeObject, pods: readonly Pod[], events: readonly KubeEvent[] | undefined, now: number): string {
  return tabbedString((w) => {
    const spec = field(ds, "spec");
    const status = field(ds, "status");
    const c = podStatusForController(ds, pods);
    w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${ds.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorOf(field(spec, "selector"))}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(field(spec, "template", "spec", "nodeSelector") as Record<string, string> | undefined)}\n`);
    printLabelsMultiline(w, "Labels", ds.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", ds.metadata.annotations);
    // These lines have no tab: upstream writes them with a plain space.
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${num(field(status, "desiredNumberScheduled"))}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${num(field(status, "currentNumberScheduled"))}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${num(field(status, "updatedNumberScheduled"))}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${num(field(status, "numberAvailable"))}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${num(field(status, "numberMisscheduled"))}\n`);
    w.write(LEVEL_0, `Pods Status:\t${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed\n`);
    describePodTemplate(field(spec, "template") as PodTemplateSpec | undefined, w);
    describeEvents(events, w, now);
  });
}

// mirrors describeVolumeClaimTemplates
function describeVolumeClaimTemplates(templates: readonly KubeObject[], w: PrefixWriter): void {
  if (templates.length === 0) {
    w.write(LEVEL_0, "Volume Claims:\t<none>\n");
    return;
  }
  w.write(LEVEL_0, "Volume Claims:\n");
  for (const pvc of templates) {
    w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ""}\n`);
    w.write(LEVEL_1, `StorageClass:\t${storageClassOf(pvc)}\n`);
    printLabelsMultiline(w, "Labels", pvc.metadata?.labels, "  ");
    printLabelsMultiline(w, "Annotations", pvc.metadata?.annotations, "  ");
    const capacity = field(pvc, "spec", "resources", "requests", "storage");
    w.write(LEVEL_1, `Capacity:\t${capacity === undefined ? "<default>" : quantityString(capacity)}\n`);
    // %s of a []PersistentVolumeAccessMode: "[ReadWriteOnce]".
    w.write(LEVEL_1, `Access Modes:\t[${arr<string>(field(pvc, "spec", "accessModes")).join(" ")}]\n`);
  }
}

/** The text of `kubectl describe statefulset`; `pods` are the namespace's pods (filtered by owner here). */
export function describeStatefulSet(sts: KubeObject, pods: readonly Pod[], events: readonly KubeEvent[] | undefined, now: number): string {
  return tabbedString((w) => {
    const spec = field(sts, "spec");
    const c = podStatusForController(sts, pods);
    w.write(LEVEL_0, `Name:\t${sts.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${sts.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(sts.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorOf(field(spec, "selector"))}\n`);
    printLabelsMultiline(w, "Labels", sts.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", sts.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${num(field(spec, "replicas") ?? 1)} desired | ${num(field(sts, "status", "replicas"))} total\n`);
    w.write(LEVEL_0, `Update Strategy:\t${str(field(spec, "updateStrategy", "type"))}\n`);
    const ru = field(spec, "updateStrategy", "rollingUpdate");
    const partition = field(ru, "partition");
    if (ru && partition !== undefined && partition !== null) {
      w.write(LEVEL_1, `Partition:\t${num(partition)}\n`);
      const mu = field(ru, "maxUnavailable");
      if (mu !== undefined && mu !== null) w.write(LEVEL_1, `MaxUnavailable:\t${intOrString(mu)}\n`);
    }
    w.write(LEVEL_0, `Pods Status:\t${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed\n`);
    describePodTemplate(field(spec, "template") as PodTemplateSpec | undefined, w);
    describeVolumeClaimTemplates(arr<KubeObject>(field(spec, "volumeClaimTemplates")), w);
    describeEvents(events, w, now);
  });
}
