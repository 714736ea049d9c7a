import { resetCluster } from "../../state/controls";
import { useShell } from "../../state/shell";
import { ShareButton } from "./ShareButton";
import { ThemeToggle } from "./ThemeToggle";
import { TimeControls } from "./TimeControls";

/** The page header: the name, the clock and time controls, and the page-wide actions. */
export function Header() {
  const starting = useShell((s) => s.starting);
  return (
    <header className="shell-header">
      <a className="brand" href="#/" title="Kubelab: a Kubernetes cluster in your browser tab, built to teach">
        <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <path d="M16 2 28 9v14l-12 7-12-7V9z" />
          <circle cx="16" cy="16" r="5" />
        </svg>
        <h1>Kubelab</h1>
      </a>
      <p className="tagline">A Kubernetes cluster in your browser tab, built to teach.</p>
      <TimeControls />
      {starting && (
        <span className="starting" role="status">
          Starting the cluster…
        </span>
      )}
      <div className="header-actions">
        <ShareButton />
        <button type="button" onClick={() => void resetCluster()} title="Throw this cluster away and start a fresh one (your editor files stay)">
          Reset cluster
        </button>
        <ThemeToggle />
      </div>
    </header>
  );
}
