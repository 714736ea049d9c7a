// Placeholder so the shell can mount it; replaced by the real component.
export function ClusterGraph() {
  return <section aria-label="Cluster graph" className="panel-placeholder" />;
}
