// Placeholder so the shell can mount it; replaced by the real component.
export function LessonCatalogue() {
  return <section aria-label="Lessons" className="panel-placeholder" />;
}
