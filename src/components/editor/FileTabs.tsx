// The editor's file tabs: select, rename (double-click, F2 or the pencil), close, and add a new file.
import { useState, type KeyboardEvent } from "react";
import type { EditorFile } from "../../engine/protocol";
import { nameProblem } from "./editorFiles";

interface Props {
  files: readonly EditorFile[];
  active: string;
  onSelect(name: string): void;
  onRename(oldName: string, name: string): void;
  onClose(name: string): void;
  onNew(): void;
}

export function FileTabs({ files, active, onSelect, onRename, onClose, onNew }: Props) {
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [draft, setDraft] = useState("");
  const problem = editing === undefined ? undefined : nameProblem(files, editing, draft);

  const startRename = (name: string) => {
    setEditing(name);
    setDraft(name);
  };
  const commit = () => {
    if (editing !== undefined && problem === undefined && draft !== editing) onRename(editing, draft);
    if (problem === undefined || draft === editing) setEditing(undefined);
  };
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const i = files.findIndex((f) => f.name === active);
    if (i < 0 || files.length === 0) return;
    const next = files[(i + (e.key === "ArrowRight" ? 1 : files.length - 1)) % files.length]!.name;
    onSelect(next);
    requestAnimationFrame(() => e.currentTarget?.querySelector<HTMLElement>(`[data-file="${CSS.escape(next)}"]`)?.focus());
  };

  // Without files the editor edits a default one that does not exist yet: show it as a tab all the same.
  const shown = files.length > 0 ? files.map((f) => f.name) : [active];

  return (
    <div className="editor-tabs">
      <div role="tablist" aria-label="Files" className="editor-tablist" onKeyDown={onTabKey}>
        {shown.map((name) =>
          editing === name ? (
            <span key={name} className="editor-tab is-active is-editing">
              <input
                className="editor-rename"
                aria-label={`New name for ${name}`}
                aria-invalid={problem !== undefined}
                value={draft}
                autoFocus
                onChange={(e) => setDraft(e.target.value)}
                onBlur={() => (problem === undefined ? commit() : setEditing(undefined))}
                onKeyDown={(e) => {
                  if (e.key === "Enter") commit();
                  if (e.key === "Escape") setEditing(undefined);
                }}
                size={Math.max(8, draft.length)}
              />
              {problem && (
                <span className="editor-rename-problem" role="alert">
                  {problem}
                </span>
              )}
            </span>
          ) : (
            <span key={name} className={`editor-tab${name === active ? " is-active" : ""}`}>
              <button
                type="button"
                role="tab"
                data-file={name}
                aria-selected={name === active}
                tabIndex={name === active ? 0 : -1}
                className="editor-tab-name"
                onClick={() => onSelect(name)}
                onDoubleClick={() => startRename(name)}
                onKeyDown={(e) => {
                  if (e.key === "F2") startRename(name);
                }}
                title="Double-click or F2 to rename"
              >
                {name}
              </button>
              {name === active && (
                <button type="button" className="editor-tab-icon" aria-label={`Rename ${name}`} title="Rename" onClick={() => startRename(name)}>
                  ✎
                </button>
              )}
              {files.length > 0 && (
                <button type="button" className="editor-tab-icon" aria-label={`Close ${name}`} title="Close" onClick={() => onClose(name)}>
                  ×
                </button>
              )}
            </span>
          ),
        )}
      </div>
      <button type="button" className="editor-new" aria-label="New file" title="New file" onClick={onNew}>
        +
      </button>
    </div>
  );
}
