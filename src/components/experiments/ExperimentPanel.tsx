// Placeholder so the shell can mount it; replaced by the real component.
export function ExperimentPanel() {
  return <section aria-label="Experiments" className="panel-placeholder" />;
}
