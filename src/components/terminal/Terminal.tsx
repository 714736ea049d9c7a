// Placeholder so the shell can mount it; replaced by the real component.
export function TerminalPanel() {
  return <section aria-label="Terminal panel" className="panel-placeholder" />;
}
