// `kubectl describe` for ConfigMaps, Secrets, ResourceQuotas, LimitRanges and PriorityClasses.
// mirrors describeConfigMap (ConfigMapDescriber.Describe), describeSecret, describeQuota with
// helpTextForResourceQuotaScope, describeLimitRange with describeLimitRangeSpec, and describePriorityClass
// (kubectl pkg/describe/describe.go). Go ranges over maps in random order; keys print sorted here.
import type { KubeEvent, KubeObject } from "../../../api/types";
import { formatLabels } from "../../../apimachinery/labels";
import { decodeBytes } from "../../../kubelet/config/base64";
import { quantityString } from "../columns/quantity";
import { describeEvents } from "./events";
import { LEVEL_0, printAnnotationsMultiline, printLabelsMultiline, tabbedString } from "./prefixWriter";

type Obj = Record<string, any>;
const sortedKeys = (o: unknown): string[] => (o && typeof o === "object" ? Object.keys(o as Obj).sort() : []);

export function describeConfigMap(cm: KubeObject, events: readonly KubeEvent[] | undefined, now: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${cm.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", cm.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", cm.metadata.annotations);
    w.write(LEVEL_0, "\nData\n====\n");
    const data = (cm.data ?? {}) as Obj;
    for (const k of sortedKeys(data)) {
      w.write(LEVEL_0, `${k}:\n----\n`);
      w.write(LEVEL_0, `${String(data[k])}\n`);
      w.write(LEVEL_0, "\n");
    }
    w.write(LEVEL_0, "\nBinaryData\n====\n");
    const bin = (cm.binaryData ?? {}) as Obj;
    for (const k of sortedKeys(bin)) w.write(LEVEL_0, `${k}: ${decodeBytes(String(bin[k]))?.length ?? 0} bytes\n`);
    w.write(LEVEL_0, "\n");
    describeEvents(events, w, now);
  });
}

export function describeSecret(secret: KubeObject): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${secret.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${secret.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", secret.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", secret.metadata.annotations);
    w.write(LEVEL_0, `\nType:\t${String(secret.type ?? "")}\n`);
    w.write(LEVEL_0, "\nData\n====\n");
    const data = (secret.data ?? {}) as Obj;
    for (const k of sortedKeys(data)) {
      const bytes = decodeBytes(String(data[k])) ?? new Uint8Array();
      // A service-account token is printed; every other value only by its size.
      if (k === "token" && secret.type === "kubernetes.io/service-account-token") w.write(LEVEL_0, `${k}:\t${new TextDecoder().decode(bytes)}\n`);
      else w.write(LEVEL_0, `${k}:\t${bytes.length} bytes\n`);
    }
  });
}

// mirrors helpTextForResourceQuotaScope
export function scopeHelp(scope: string): string {
  switch (scope) {
    case "Terminating":
      return "Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.";
    case "NotTerminating":
      return "Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.";
    case "BestEffort":
      return "Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.";
    case "NotBestEffort":
      return "Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.";
    default:
      return "";
  }
}

export function describeResourceQuota(q: KubeObject): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${q.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${q.metadata.namespace ?? ""}\n`);
    const scopes = [...((q.spec?.scopes ?? []) as string[])].sort();
    if (scopes.length > 0) {
      w.write(LEVEL_0, `Scopes:\t${scopes.join(", ")}\n`);
      for (const s of scopes) {
        const help = scopeHelp(s);
        if (help) w.write(LEVEL_0, ` * ${help}\n`);
      }
    }
    w.write(LEVEL_0, "Resource\tUsed\tHard\n");
    w.write(LEVEL_0, "--------\t----\t----\n");
    const hard = (q.status?.hard ?? {}) as Obj;
    const used = (q.status?.used ?? {}) as Obj;
    for (const r of sortedKeys(hard)) w.write(LEVEL_0, `${r}\t${quantityString(used[r]) || "0"}\t${quantityString(hard[r])}\n`);
  });
}

export function describeLimitRange(lr: KubeObject): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${lr.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${lr.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
    w.write(LEVEL_0, "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
    for (const item of (lr.spec?.limits ?? []) as Obj[]) {
      const names = new Set<string>();
      for (const key of ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"]) for (const k of sortedKeys(item[key])) names.add(k);
      const v = (key: string, k: string) => (item[key] && k in item[key] ? quantityString(item[key][k]) : "-");
      for (const k of [...names].sort()) {
        w.write(LEVEL_0, `${String(item.type ?? "")}\t${k}\t${v("min", k)}\t${v("max", k)}\t${v("defaultRequest", k)}\t${v("default", k)}\t${v("maxLimitRequestRatio", k)}\n`);
      }
    }
  });
}

export function describePriorityClass(pc: KubeObject, events: readonly KubeEvent[] | undefined, now: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${pc.metadata.name}\n`);
    w.write(LEVEL_0, `Value:\t${String(pc.value ?? 0)}\n`);
    w.write(LEVEL_0, `GlobalDefault:\t${pc.globalDefault === true ? "true" : "false"}\n`);
    w.write(LEVEL_0, `PreemptionPolicy:\t${String(pc.preemptionPolicy ?? "")}\n`);
    w.write(LEVEL_0, `Description:\t${String(pc.description ?? "")}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
    describeEvents(events, w, now);
  });
}
