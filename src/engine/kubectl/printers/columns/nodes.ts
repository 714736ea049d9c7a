// `kubectl get nodes`: NAME STATUS ROLES AGE VERSION; wide: INTERNAL-IP EXTERNAL-IP OS-IMAGE
// KERNEL-VERSION CONTAINER-RUNTIME. mirrors printNode, findNodeRoles, getNodeInternalIP/ExternalIP
// (k/k pkg/printers/internalversion/printers.go).
import type { KubeObject, Node } from "../../../api/types";
import { age, col, NAME, type Cell, type KindPrinter } from "./types";

/** labelNodeRolePrefix and nodeLabelRole in printers.go. */
const LABEL_NODE_ROLE_PREFIX = "node-role.kubernetes.io/";
const NODE_LABEL_ROLE = "kubernetes.io/role";

// mirrors findNodeRoles: node-role.kubernetes.io/<role> keys and the kubernetes.io/role value, sorted, unique.
export function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  const labels = node.metadata?.labels ?? {};
  for (const k of Object.keys(labels)) {
    if (k.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = k.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role.length > 0) roles.add(role);
    } else if (k === NODE_LABEL_ROLE && labels[k] !== "") {
      roles.add(labels[k] as string);
    }
  }
  return [...roles].sort();
}

// mirrors the STATUS logic of printNode: only the Ready condition counts (the last one wins if repeated).
export function nodeStatus(node: Node): string {
  let ready: string | undefined;
  for (const c of node.status?.conditions ?? []) if (c.type === "Ready") ready = c.status;
  const status: string[] = [];
  if (ready !== undefined) status.push(ready === "True" ? "Ready" : "NotReady");
  if (status.length === 0) status.push("Unknown");
  if (node.spec?.unschedulable) status.push("SchedulingDisabled");
  return status.join(",");
}

function address(node: Node, type: string): string {
  for (const a of node.status?.addresses ?? []) if (a.type === type) return a.address;
  return "<none>";
}

export const nodePrinter: KindPrinter = {
  columns: [
    NAME,
    col("Status"),
    col("Roles"),
    col("Age"),
    col("Version"),
    col("Internal-IP", 1),
    col("External-IP", 1),
    col("OS-Image", 1),
    col("Kernel-Version", 1),
    col("Container-Runtime", 1),
  ],
  row(obj: KubeObject, now: number): Cell[] {
    const node = obj as Node;
    const roles = findNodeRoles(node).join(",") || "<none>";
    const info = node.status?.nodeInfo ?? {};
    return [
      node.metadata.name,
      nodeStatus(node),
      roles,
      age(obj, now),
      info.kubeletVersion ?? "",
      address(node, "InternalIP"),
      address(node, "ExternalIP"),
      info.osImage || "<unknown>",
      info.kernelVersion || "<unknown>",
      info.containerRuntimeVersion || "<unknown>",
    ];
  },
};
