/**
 * App is the page shell. For now it introduces Kubelab and reserves the "Cluster" region, where the live
 * view of the simulated cluster will be drawn from what the engine's worker reports.
 */
export function App() {
  return (
    <main className="app">
      <header className="app-header">
        <svg className="app-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <path d="M16 2 28 9v14l-12 7-12-7V9z" />
          <circle cx="16" cy="16" r="5" />
        </svg>
        <h1>Kubelab</h1>
        <p className="app-tagline">A Kubernetes cluster in your browser tab, built to teach.</p>
      </header>

      <section className="app-cluster" aria-labelledby="cluster-heading">
        <h2 id="cluster-heading">Cluster</h2>
        <p>The cluster view is coming: the control plane, the nodes and the pods, drawn live from the simulation.</p>
      </section>

      <footer className="app-footer">
        <p>Simulates Kubernetes v1.34.</p>
      </footer>
    </main>
  );
}
