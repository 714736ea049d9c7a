// The sentence under the animation: what the message now travelling does ("kube-scheduler binds
// default/web-1 to node-2"). Not a live region: it changes several times a second.
import { Panel } from "@xyflow/react";
import { useFlights } from "../graphStores";

export function MessageCaption() {
  const caption = useFlights((s) => s.caption);
  if (!caption) return null;
  return (
    <Panel position="bottom-center" className="kl-caption">
      {caption}
    </Panel>
  );
}
