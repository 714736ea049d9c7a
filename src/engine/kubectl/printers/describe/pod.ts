// `kubectl describe pod`.
// mirrors describePod, describePodIPs (kubectl pkg/describe/describe.go) and GetPodQOS / ComputePodQOS
// (kubectl pkg/util/qos/qos.go).
import type { Container, KubeEvent, Pod } from "../../../api/types";
import { addQuantity, compareQuantity, parseQuantity, type Quantity } from "../../../apimachinery/quantity";
import { translateTimestampSince } from "../duration";
import { field, str } from "../columns/types";
import { describeContainers, describeResources, describeTopologySpreadConstraints, podEnvResolver } from "./containers";
import { describeEvents } from "./events";
import {
  formatRFC1123Z,
  LEVEL_0,
  LEVEL_1,
  printAnnotationsMultiline,
  printController,
  printLabelsMultiline,
  printTolerationsMultiline,
  tabbedString,
} from "./prefixWriter";
import { describeVolumes } from "./volumes";

const QOS_RESOURCES = ["cpu", "memory"] as const;

function positive(s: string | undefined): Quantity | undefined {
  if (s === undefined) return undefined;
  try {
    const q = parseQuantity(s);
    return q.unscaled > 0n ? q : undefined;
  } catch {
    return undefined;
  }
}

// mirrors ComputePodQOS: BestEffort without any cpu/memory request or limit; Guaranteed when every
// container limits both and requests equal limits; Burstable otherwise.
export function computePodQOS(pod: Pod): "Guaranteed" | "Burstable" | "BestEffort" {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let isGuaranteed = true;
  const all: Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const c of all) {
    for (const name of QOS_RESOURCES) {
      const req = positive(c.resources?.requests?.[name]);
      if (req) requests.set(name, requests.has(name) ? addQuantity(requests.get(name) as Quantity, req) : req);
    }
    let limitsFound = 0;
    for (const name of QOS_RESOURCES) {
      const lim = positive(c.resources?.limits?.[name]);
      if (!lim) continue;
      limitsFound++;
      limits.set(name, limits.has(name) ? addQuantity(limits.get(name) as Quantity, lim) : lim);
    }
    if (limitsFound !== QOS_RESOURCES.length) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (isGuaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compareQuantity(lim, req) !== 0) {
        isGuaranteed = false;
        break;
      }
    }
  }
  return isGuaranteed && requests.size === limits.size ? "Guaranteed" : "Burstable";
}

/** GetPodQOS: the status field when the API server filled it in, else computed. */
export function getPodQOS(pod: Pod): string {
  return pod.status?.qosClass || computePodQOS(pod);
}

/**
 * The text of `kubectl describe pod`. `events` are the core/v1 Events involving the pod
 * (undefined: events not requested); `now` is the simulated clock in ms.
 */
export function describePod(pod: Pod, events: readonly KubeEvent[] | undefined, now: number): string {
  return tabbedString((w) => {
    const spec = pod.spec ?? { containers: [] };
    const status = pod.status ?? {};
    w.write(LEVEL_0, `Name:\t${pod.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${pod.metadata.namespace ?? ""}\n`);
    if (spec.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (typeof spec.runtimeClassName === "string" && spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
    w.write(LEVEL_0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ""}\n` : "Node:\t<none>\n");
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(status.startTime)}\n`);
    printLabelsMultiline(w, "Labels", pod.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", pod.metadata.annotations);
    if (pod.metadata.deletionTimestamp && status.phase !== "Failed" && status.phase !== "Succeeded") {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(pod.metadata.deletionTimestamp, now)})\n`);
      w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${status.phase ?? ""}\n`);
    }
    if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
    if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
    const seccomp = field(spec.securityContext, "seccompProfile");
    if (seccomp !== undefined && seccomp !== null) {
      w.write(LEVEL_0, `SeccompProfile:\t${str(field(seccomp, "type"))}\n`);
      if (field(seccomp, "type") === "Localhost") w.write(LEVEL_0, `LocalhostProfile:\t${str(field(seccomp, "localhostProfile"))}\n`);
    }
    // remove when .IP field is deprecated (upstream's comment): both IP and IPs are printed.
    w.write(LEVEL_0, `IP:\t${status.podIP ?? ""}\n`);
    const ips = status.podIPs ?? [];
    if (ips.length === 0) {
      w.write(LEVEL_0, "IPs:\t<none>\n");
    } else {
      w.write(LEVEL_0, "IPs:\n");
      for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
    }
    const controlledBy = printController(pod);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    // Pod-level resources (PodLevelResources, beta in v1.34).
    if (spec.resources !== undefined && spec.resources !== null) {
      w.write(LEVEL_0, "Resources:\n");
      describeResources(spec.resources as Container["resources"], w, LEVEL_1);
    }
    const resolve = podEnvResolver(pod);
    if (spec.initContainers && spec.initContainers.length > 0) describeContainers("Init Containers", spec.initContainers, status.initContainerStatuses, resolve, w, "");
    describeContainers("Containers", spec.containers ?? [], status.containerStatuses, resolve, w, "");
    const gates = (spec.readinessGates ?? []) as { conditionType?: string }[];
    if (gates.length > 0) {
      w.write(LEVEL_0, "Readiness Gates:\n  Type\tStatus\n");
      for (const g of gates) {
        const c = (status.conditions ?? []).find((x) => x.type === g.conditionType);
        w.write(LEVEL_1, `${g.conditionType ?? ""} \t${c ? c.status : "<none>"} \n`);
      }
    }
    if (status.conditions && status.conditions.length > 0) {
      w.write(LEVEL_0, "Conditions:\n  Type\tStatus\n");
      for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(spec.volumes, w, "");
    w.write(LEVEL_0, `QoS Class:\t${getPodQOS(pod)}\n`);
    printLabelsMultiline(w, "Node-Selectors", spec.nodeSelector);
    printTolerationsMultiline(w, "Tolerations", spec.tolerations);
    describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, "");
    describeEvents(events, w, now);
  });
}
