// The inspector's heading for a selected item: its kind, name and the status kubectl would print.
import type { ViewItem } from "../../engine/protocol";

export function itemTitle(item: ViewItem): string {
  if (item.kind === "Component" || item.kind === "Node") return item.name;
  return `${item.namespace}/${item.name}`;
}

export function itemStatus(item: ViewItem): string {
  switch (item.kind) {
    case "Component":
      return item.up ? "Running" : "Stopped";
    case "Node":
      return item.machineUp ? item.status : `${item.status} (machine off)`;
    case "Pod":
      return `${item.status} · ${item.ready} ready${item.restarts > 0 ? ` · ${item.restarts} restarts` : ""}${item.nodeName ? ` · on ${item.nodeName}` : ""}`;
    case "Service":
      return `${item.type} ${item.clusterIP} ${item.ports}`;
    case "Ingress":
      return item.hosts;
    default:
      return `${item.ready} ready`;
  }
}
