// Placeholder so the shell can mount it; replaced by the real component.
export function Inspector() {
  return <section aria-label="Inspector" className="panel-placeholder" />;
}
