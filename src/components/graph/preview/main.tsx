// Graph preview entry (dev only): ?size=small|big, &theme=dark, &at=MS (jump the small story to a moment),
// &still=1 (no churn on the big cluster), &late=MS (first snapshot arrives late).
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ClusterGraph } from "../ClusterGraph";
// The page's own theme and base styles, so the preview looks as the graph does in the app.
import "../../../app.css";
import { useKubelab } from "../../../state/store";
import { FakeCluster, bigCluster, smallCluster } from "./fakeCluster";
import { SMALL_STORY, churn } from "./scenario";

const q = new URLSearchParams(location.search);
const theme = q.get("theme") === "dark" ? "dark" : "light";
document.documentElement.dataset.theme = theme;
useKubelab.getState().setTheme(theme);

const big = q.get("size") === "big";
const at = Number(q.get("at") ?? "-1");

function start(cluster: FakeCluster) {
  (window as unknown as { kubelab: unknown }).kubelab = { cluster, store: useKubelab };
  if (big) {
    let tick = 0;
    if (q.get("still") !== "1") setInterval(() => churn(cluster, tick++), 250);
  } else if (at >= 0) {
    for (const [t, run] of SMALL_STORY) if (t <= at) run(cluster);
  } else {
    for (const [t, run] of SMALL_STORY) setTimeout(() => run(cluster), t);
  }
}

// &late=MS: the graph mounts empty and the first snapshot arrives later, as with the real worker.
const late = Number(q.get("late") ?? "0");
const begin = () => start(new FakeCluster(big ? bigCluster() : smallCluster()));
if (late > 0) setTimeout(begin, late);
else begin();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <div style={{ width: "100vw", height: "100vh" }}>
      <ClusterGraph />
    </div>
  </StrictMode>,
);
