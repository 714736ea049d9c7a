// Services, Ingresses and workloads (Deployment, ReplicaSet, StatefulSet, ...): one box each, named as
// kubectl names them, with the one number a learner checks (ready endpoints, READY replicas, hosts).
import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { ObjectGraphNode } from "../model/flowNodes";
import { ingressLabel, serviceLabel, workloadLabel } from "../model/labels";
import { Handles } from "./Handles";
import { selectItem, useIsSelected } from "./select";
import { sameBox } from "./sameBox";

export const ObjectNode = memo(function ObjectNode({ data }: NodeProps<ObjectGraphNode>) {
  const { item } = data;
  const selected = useIsSelected(item.id);
  let label: string;
  let detail: string;
  switch (item.kind) {
    case "Service":
      label = serviceLabel(item);
      detail = `${item.type} ${item.clusterIP} · ${item.ports} · ${item.readyPodIds.length} ready${item.notReadyPodIds.length > 0 ? `, ${item.notReadyPodIds.length} not ready` : ""}`;
      break;
    case "Ingress":
      label = ingressLabel(item);
      detail = `${item.hosts} → ${item.serviceNames.join(", ")}`;
      break;
    default:
      label = workloadLabel(item);
      detail = `READY ${item.ready}`;
  }
  return (
    <button type="button" className={`kl-box kl-object kl-kind-${item.kind.toLowerCase()}${selected ? " kl-selected" : ""}`} aria-label={label} title={`${item.kind} ${item.namespace}/${item.name}`} onClick={() => selectItem(item.id)}>
      <Handles sides={["top", "bottom", "left", "right"]} />
      <span className="kl-box-title">
        <span className="kl-kind">{item.kind}</span> {item.name}
      </span>
      <span className="kl-box-sub">{detail}</span>
    </button>
  );
}, sameBox);
