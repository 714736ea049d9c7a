// The Examples menu: the gallery by category; choosing one opens it in a new tab.
import { useEffect, useRef, useState } from "react";
import { EXAMPLE_CATEGORIES, EXAMPLES, type Example } from "../../examples";

export function ExamplesMenu({ onOpen }: { onOpen(e: Example): void }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  // Close on a click elsewhere or Escape, like any menu.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const move = (from: HTMLElement, delta: number) => {
    const items = [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = items.indexOf(from);
    items[(i + delta + items.length) % items.length]?.focus();
  };

  return (
    <div className="editor-examples" ref={root}>
      <button ref={button} type="button" className="editor-button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Examples <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div role="menu" aria-label="Examples" className="editor-menu">
          {EXAMPLE_CATEGORIES.map((cat) => (
            <div key={cat} role="group" aria-label={cat} className="editor-menu-group">
              <div className="editor-menu-heading" aria-hidden="true">
                {cat}
              </div>
              {EXAMPLES.filter((e) => e.category === cat).map((e) => (
                <button
                  key={e.id}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className="editor-menu-item"
                  aria-label={e.title}
                  aria-describedby={`example-desc-${e.id}`}
                  onClick={() => {
                    setOpen(false);
                    onOpen(e);
                  }}
                  onKeyDown={(ev) => {
                    if (ev.key === "ArrowDown") {
                      ev.preventDefault();
                      move(ev.currentTarget, 1);
                    } else if (ev.key === "ArrowUp") {
                      ev.preventDefault();
                      move(ev.currentTarget, -1);
                    }
                  }}
                >
                  <span className="editor-menu-title">{e.title}</span>
                  <span className="editor-menu-desc" id={`example-desc-${e.id}`}>
                    {e.description}
                  </span>
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
