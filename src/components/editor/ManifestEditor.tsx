// Placeholder so the shell can mount it; replaced by the real component.
export function ManifestEditor() {
  return <section aria-label="Manifest editor" className="panel-placeholder" />;
}
