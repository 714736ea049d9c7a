import { MotionConfig } from "framer-motion";
import { ClusterGraph } from "./components/graph/ClusterGraph";
import { BottomDock } from "./components/shell/BottomDock";
import { FatalBanner } from "./components/shell/FatalBanner";
import { Header } from "./components/shell/Header";
import { NoticeToast } from "./components/shell/NoticeToast";
import { SidePanel } from "./components/shell/SidePanel";
import { usePageFileDrop } from "./components/shell/usePageFileDrop";
import { useShell } from "./state/shell";
import "./components/shell/shell.css";

/**
 * App is the page shell: the header with the simulated clock, the cluster graph in the centre, a side
 * panel (editor, inspector, lesson, experiments) and a dock (terminal, event log). Motion follows the
 * learner's prefers-reduced-motion setting everywhere framer-motion animates.
 */
export function App() {
  const dragging = usePageFileDrop();
  const graphExpanded = useShell((s) => s.graphExpanded);
  return (
    <MotionConfig reducedMotion="user">
      <div className="shell" data-dragging={dragging || undefined}>
        <Header />
        <FatalBanner />
        <main className={graphExpanded ? "shell-main is-graph-expanded" : "shell-main"}>
          <section className="cluster-region" aria-label="Cluster">
            <ClusterGraph />
          </section>
          <SidePanel />
          <BottomDock />
        </main>
        <NoticeToast />
        {dragging && (
          <div className="drop-overlay" aria-hidden="true">
            Drop a YAML file to open it in the editor
          </div>
        )}
      </div>
    </MotionConfig>
  );
}
