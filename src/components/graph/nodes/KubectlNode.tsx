// The learner's own client: where every kubectl command (and editor Apply) enters the cluster.
import { memo } from "react";
import { Handles } from "./Handles";
import { sameBox } from "./sameBox";

export const KubectlNode = memo(function KubectlNode() {
  return (
    <div className="kl-box kl-actor" role="img" aria-label="kubectl">
      <Handles sides={["right"]} />
      <span className="kl-box-title">kubectl</span>
      <span className="kl-box-sub">you</span>
    </div>
  );
}, sameBox);
