// Placeholder so the shell can mount it; replaced by the real component.
export function EventLog() {
  return <section aria-label="Event log" className="panel-placeholder" />;
}
