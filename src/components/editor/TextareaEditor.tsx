// The plain text surface: shown while Monaco loads (so the first paint has the file and the user can
// already type or paste), and kept if Monaco cannot load at all. Same contract as MonacoPane.
import { useEffect, useRef } from "react";
import { registerSurface } from "./editorBridge";
import type { SurfaceProps } from "./monaco/MonacoPane";

/** Whether the textarea had the focus when it was last unmounted (Monaco then takes it over). */
export const textareaFocus = { had: false };

export function TextareaEditor({ active, onChange, onApply, loading }: SurfaceProps & { loading?: boolean }) {
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const el = ref.current!;
    const unregister = registerSurface({
      reveal(line, column) {
        const lines = el.value.split("\n");
        let offset = 0;
        for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i]!.length + 1;
        offset += Math.max(0, column - 1);
        el.focus();
        el.setSelectionRange(offset, offset);
      },
      focus: () => el.focus(),
    });
    return () => {
      textareaFocus.had = document.activeElement === el;
      unregister();
    };
  }, []);

  return (
    <textarea
      ref={ref}
      className="editor-textarea"
      aria-label="Manifest"
      aria-describedby={loading ? "editor-loading-note" : undefined}
      spellCheck={false}
      autoCapitalize="off"
      autoCorrect="off"
      wrap="off"
      value={active.text}
      placeholder={"# Paste a manifest, or open one from Examples.\napiVersion: apps/v1\nkind: Deployment\n..."}
      onChange={(e) => onChange(active.name, e.target.value)}
      onKeyDown={(e) => {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          onApply();
        }
      }}
    />
  );
}
