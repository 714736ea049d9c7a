// `kubectl describe node`.
// mirrors describeNode, describeNodeLease, describeNodeResource, getPodsTotalRequestsAndLimits
// (kubectl pkg/describe/describe.go) and PodRequestsAndLimits (kubectl pkg/util/resource/resource.go).
import type { Container, KubeEvent, Lease, Node, Pod } from "../../../api/types";
import { addQuantity, compareQuantity, milliValue, parseQuantity, quantityToString, value as quantityValue, type Quantity } from "../../../apimachinery/quantity";
import { translateTimestampSince } from "../duration";
import { quantityString } from "../columns/quantity";
import { findNodeRoles } from "../columns/nodes";
import { describeEvents } from "./events";
import { formatRFC1123Z, goBool, LEVEL_0, LEVEL_1, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, tabbedString, type PrefixWriter } from "./prefixWriter";

type ResourceList = Map<string, Quantity>;
const ZERO: Quantity = { unscaled: 0n, scale: 0, format: "DecimalSI" };

function toList(rl: Readonly<Record<string, string>> | undefined): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of Object.entries(rl ?? {})) {
    try {
      out.set(k, parseQuantity(v));
    } catch {
      // A malformed quantity was rejected by the API server; ignore it rather than fail the description.
    }
  }
  return out;
}

function add(into: ResourceList, from: ResourceList): void {
  for (const [k, v] of from) into.set(k, into.has(k) ? addQuantity(into.get(k) as Quantity, v) : v);
}

function max(into: ResourceList, from: ResourceList): void {
  for (const [k, v] of from) {
    const cur = into.get(k);
    if (!cur || compareQuantity(v, cur) > 0) into.set(k, v);
  }
}

// mirrors podRequests/podLimits: containers and sidecars add up, regular init containers take the max.
export function podRequestsAndLimits(pod: Pod): { reqs: ResourceList; limits: ResourceList } {
  const result = { reqs: new Map() as ResourceList, limits: new Map() as ResourceList };
  for (const which of ["requests", "limits"] as const) {
    const total: ResourceList = new Map();
    for (const c of pod.spec?.containers ?? []) add(total, toList(c.resources?.[which]));
    const sidecars: ResourceList = new Map();
    const init: ResourceList = new Map();
    for (const c of (pod.spec?.initContainers ?? []) as Container[]) {
      const own = toList(c.resources?.[which]);
      if (c.restartPolicy === "Always") {
        add(total, own);
        add(sidecars, own);
        max(init, sidecars);
      } else {
        const tmp: ResourceList = new Map();
        add(tmp, own);
        add(tmp, sidecars);
        max(init, tmp);
      }
    }
    max(total, init);
    // Overhead adds to every request, but only to the limits that are set.
    const overhead = toList(pod.spec?.overhead as Record<string, string> | undefined);
    for (const [k, v] of overhead) if (which === "requests" || total.has(k)) total.set(k, total.has(k) ? addQuantity(total.get(k) as Quantity, v) : v);
    if (which === "requests") result.reqs = total;
    else result.limits = total;
  }
  return result;
}

const pct = (num: number, den: number) => (den === 0 ? 0 : Math.trunc((num / den) * 100));
const get = (rl: ResourceList, k: string) => rl.get(k) ?? ZERO;
const STANDARD = new Set(["cpu", "memory", "ephemeral-storage"]);

// mirrors describeNodeResource
function describeNodeResource(pods: readonly Pod[], node: Node, w: PrefixWriter, now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(LEVEL_1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  const allocatable = toList(Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status?.allocatable : node.status?.capacity);
  const allocCpu = milliValue(get(allocatable, "cpu"));
  const allocMem = quantityValue(get(allocatable, "memory"));
  const totalReqs: ResourceList = new Map();
  const totalLimits: ResourceList = new Map();
  for (const pod of pods) {
    const { reqs, limits } = podRequestsAndLimits(pod);
    add(totalReqs, reqs);
    add(totalLimits, limits);
    const cpuReq = get(reqs, "cpu");
    const cpuLim = get(limits, "cpu");
    const memReq = get(reqs, "memory");
    const memLim = get(limits, "memory");
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace ?? ""}\t${pod.metadata.name}\t\t${quantityToString(cpuReq)} (${pct(milliValue(cpuReq), allocCpu)}%)\t${quantityToString(cpuLim)} (${pct(milliValue(cpuLim), allocCpu)}%)\t` +
        `${quantityToString(memReq)} (${pct(quantityValue(memReq), allocMem)}%)\t${quantityToString(memLim)} (${pct(quantityValue(memLim), allocMem)}%)\t${translateTimestampSince(pod.metadata.creationTimestamp, now)}\n`,
    );
  }
  w.write(LEVEL_0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(LEVEL_1, "Resource\tRequests\tLimits\n");
  w.write(LEVEL_1, "--------\t--------\t------\n");
  const row = (name: string, req: Quantity, lim: Quantity, num: (q: Quantity) => number, den: number) =>
    w.write(LEVEL_1, `${name}\t${quantityToString(req)} (${pct(num(req), den)}%)\t${quantityToString(lim)} (${pct(num(lim), den)}%)\n`);
  row("cpu", get(totalReqs, "cpu"), get(totalLimits, "cpu"), milliValue, allocCpu);
  row("memory", get(totalReqs, "memory"), get(totalLimits, "memory"), quantityValue, allocMem);
  row("ephemeral-storage", get(totalReqs, "ephemeral-storage"), get(totalLimits, "ephemeral-storage"), quantityValue, quantityValue(get(allocatable, "ephemeral-storage")));
  const names = [...allocatable.keys()].sort();
  for (const r of names.filter((n) => n.startsWith("hugepages-"))) {
    row(r, get(totalReqs, r), get(totalLimits, r), quantityValue, quantityValue(get(allocatable, r)));
  }
  for (const r of names.filter((n) => !n.startsWith("hugepages-") && !STANDARD.has(n) && n !== "pods")) {
    w.write(LEVEL_1, `${r}\t${quantityToString(get(totalReqs, r))}\t${quantityToString(get(totalLimits, r))}\n`);
  }
}

function printResourceList(w: PrefixWriter, list: Readonly<Record<string, string>>): void {
  for (const name of Object.keys(list).sort()) w.write(LEVEL_0, `  ${name}:\t${quantityString(list[name])}\n`);
}

/**
 * The text of `kubectl describe node`. `pods` are the node's non-terminated pods; `lease` is the node's
 * Lease in kube-node-lease (undefined: not found); `events` involve the node (undefined: not requested).
 */
export function describeNode(node: Node, pods: readonly Pod[], lease: Lease | undefined, events: readonly KubeEvent[] | undefined, now: number): string {
  return tabbedString((w) => {
    const status = node.status ?? {};
    const spec = node.spec ?? {};
    w.write(LEVEL_0, `Name:\t${node.metadata.name}\n`);
    const roles = findNodeRoles(node);
    w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(",") : "<none>"}\n`);
    printLabelsMultiline(w, "Labels", node.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", node.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(node.metadata.creationTimestamp)}\n`);
    printTaintsMultiline(w, "Taints", spec.taints);
    w.write(LEVEL_0, `Unschedulable:\t${goBool(spec.unschedulable)}\n`);
    if (lease) {
      w.write(LEVEL_0, "Lease:\n");
      w.write(LEVEL_1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? "<unset>"}\n`);
      w.write(LEVEL_1, `AcquireTime:\t${lease.spec?.acquireTime ? formatRFC1123Z(lease.spec.acquireTime) : "<unset>"}\n`);
      w.write(LEVEL_1, `RenewTime:\t${lease.spec?.renewTime ? formatRFC1123Z(lease.spec.renewTime) : "<unset>"}\n`);
    } else {
      w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${node.metadata.name}" not found\n`);
    }
    const conditions = status.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
      w.write(LEVEL_1, "----\t------\t-----------------\t------------------\t------\t-------\n");
      for (const c of conditions) {
        w.write(LEVEL_1, `${c.type} \t${c.status} \t${formatRFC1123Z(c.lastHeartbeatTime)} \t${formatRFC1123Z(c.lastTransitionTime)} \t${c.reason ?? ""} \t${c.message ?? ""}\n`);
      }
    }
    w.write(LEVEL_0, "Addresses:\n");
    for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
    if (Object.keys(status.capacity ?? {}).length > 0) {
      w.write(LEVEL_0, "Capacity:\n");
      printResourceList(w, status.capacity as Record<string, string>);
    }
    if (Object.keys(status.allocatable ?? {}).length > 0) {
      w.write(LEVEL_0, "Allocatable:\n");
      printResourceList(w, status.allocatable as Record<string, string>);
    }
    const info = status.nodeInfo ?? {};
    w.write(LEVEL_0, "System Info:\n");
    const infoRows: [string, string][] = [
      ["Machine ID", "machineID"],
      ["System UUID", "systemUUID"],
      ["Boot ID", "bootID"],
      ["Kernel Version", "kernelVersion"],
      ["OS Image", "osImage"],
      ["Operating System", "operatingSystem"],
      ["Architecture", "architecture"],
      ["Container Runtime Version", "containerRuntimeVersion"],
      ["Kubelet Version", "kubeletVersion"],
      ["Kube-Proxy Version", "kubeProxyVersion"],
    ];
    for (const [title, key] of infoRows) w.write(LEVEL_0, `  ${title}:\t${info[key] ?? ""}\n`);
    if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
    if (spec.podCIDRs && spec.podCIDRs.length > 0) w.write(LEVEL_0, `PodCIDRs:\t${spec.podCIDRs.join(",")}\n`);
    if (spec.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);
    describeNodeResource(pods, node, w, now);
    describeEvents(events, w, now);
  });
}
