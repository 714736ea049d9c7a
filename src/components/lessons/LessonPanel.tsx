// Placeholder so the shell can mount it; replaced by the real component.
export function LessonPanel() {
  return <section aria-label="Lesson" className="panel-placeholder" />;
}
