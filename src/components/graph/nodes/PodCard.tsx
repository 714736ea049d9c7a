// A pod in card view: name, kubectl STATUS, READY and restarts, coloured by its lifecycle state. It fades
// in when created, slides from the Pending area onto its node when bound (CSS transition on the React
// Flow node's transform), pulses when its restart count rises, and fades out when deleted (a ghost).
import { memo, useContext, useEffect, useRef, useState } from "react";
import type { NodeProps } from "@xyflow/react";
import type { PodGraphNode } from "../model/flowNodes";
import { podLabel, shortName } from "../model/labels";
import { podTone } from "../model/podStatus";
import { FreshContext } from "../graphContext";
import { Handles } from "./Handles";
import { selectItem, useIsSelected } from "./select";
import { sameBox } from "./sameBox";

export const PodCard = memo(function PodCard({ data }: NodeProps<PodGraphNode>) {
  const { pod, ghost } = data;
  const selected = useIsSelected(pod.id);
  const isFresh = useContext(FreshContext);
  const [appear] = useState(() => !ghost && isFresh(pod.id));
  const lastRestarts = useRef(pod.restarts);
  const [pulse, setPulse] = useState(0);
  useEffect(() => {
    if (pod.restarts > lastRestarts.current) setPulse((n) => n + 1);
    lastRestarts.current = pod.restarts;
  }, [pod.restarts]);
  const tone = podTone(pod);
  const cls = `kl-pod kl-tone-${tone}${appear ? " kl-appear" : ""}${selected ? " kl-selected" : ""}`;
  const body = (
    <>
      <Handles sides={["top"]} />
      <span className="kl-pod-name">
        <span className="kl-pod-dot" aria-hidden="true" />
        {shortName(pod.name)}
      </span>
      <span className="kl-pod-meta">
        <span className="kl-pod-status">{pod.status}</span>
        <span>{pod.ready}</span>
        <span className={pod.restarts > 0 ? "kl-restarts" : undefined} title="restarts">
          ↻ {pod.restarts}
        </span>
      </span>
      {pulse > 0 && <span key={pulse} className="kl-pulse" aria-hidden="true" />}
    </>
  );
  if (ghost)
    return (
      <div className={`${cls} kl-pod-gone`} aria-hidden="true">
        {body}
      </div>
    );
  return (
    <button type="button" className={cls} aria-label={podLabel(pod)} title={`${pod.namespace}/${pod.name}`} onClick={() => selectItem(pod.id)}>
      {body}
    </button>
  );
}, sameBox);
