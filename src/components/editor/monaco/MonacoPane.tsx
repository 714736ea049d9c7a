// The Monaco surface of the manifest editor (default export, loaded lazily by ManifestEditor). One model
// per file, all kept in sync with the store's files; the engine's diagnostics become markers of owner
// "kubelab" next to monaco-yaml's own schema markers. Ctrl/Cmd+Enter applies the active file.
import { useEffect, useRef } from "react";
import type { Diagnostic, EditorFile } from "../../../engine/protocol";
import { registerSurface } from "../editorBridge";
import { monaco, setupMonaco } from "./setupMonaco";

export interface SurfaceProps {
  files: readonly EditorFile[];
  /** The file shown (may be the not-yet-created default file). */
  active: EditorFile;
  diagnostics: Readonly<Record<string, readonly Diagnostic[]>>;
  theme: "light" | "dark";
  onChange(name: string, text: string): void;
  onApply(): void;
  /** Take the keyboard focus once mounted (the textarea it replaces had it). */
  autoFocus?: boolean;
}

const MARKER_OWNER = "kubelab";

function uriOf(name: string): monaco.Uri {
  return monaco.Uri.parse(`file:///kubelab/${encodeURIComponent(name)}`);
}

export default function MonacoPane({ files, active, diagnostics, theme, onChange, onApply, autoFocus }: SurfaceProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | undefined>(undefined);
  const models = useRef(new Map<string, monaco.editor.ITextModel>());
  /** Set while the store's text is written into a model, so that write is not echoed back. */
  const syncing = useRef(false);
  const latest = useRef({ onChange, onApply });
  latest.current = { onChange, onApply };

  // Create the editor once.
  useEffect(() => {
    setupMonaco();
    const ed = monaco.editor.create(host.current!, {
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      insertSpaces: true,
      scrollBeyondLastLine: false,
      renderWhitespace: "boundary",
      wordWrap: "off",
      quickSuggestions: { other: true, comments: false, strings: true },
      // Only the schema's suggestions: words from other files would offer "nginx" as a field name.
      wordBasedSuggestions: "off",
      fixedOverflowWidgets: true,
      ariaLabel: "Manifest editor",
      // A file dropped on the editor opens in its own tab (the shell's page-wide drop), not as pasted text.
      dropIntoEditor: { enabled: false },
    });
    editor.current = ed;
    ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => latest.current.onApply());
    const unregister = registerSurface({
      reveal(line, column) {
        ed.setPosition({ lineNumber: line, column });
        ed.revealPositionInCenter({ lineNumber: line, column });
        ed.focus();
      },
      focus: () => ed.focus(),
    });
    const owned = models.current;
    return () => {
      unregister();
      ed.dispose();
      for (const m of owned.values()) m.dispose();
      owned.clear();
      editor.current = undefined;
    };
  }, []);

  // Models follow the files: created, updated when the store changed them, disposed when closed.
  useEffect(() => {
    const want = new Map(files.map((f) => [f.name, f.text]));
    if (!want.has(active.name)) want.set(active.name, active.text);
    for (const [name, model] of models.current) {
      if (!want.has(name)) {
        model.dispose();
        models.current.delete(name);
      }
    }
    for (const [name, text] of want) {
      let model = models.current.get(name);
      if (!model) {
        model = monaco.editor.createModel(text, "yaml", uriOf(name));
        const m = model;
        m.onDidChangeContent(() => {
          if (!syncing.current) latest.current.onChange(name, m.getValue());
        });
        models.current.set(name, model);
      } else if (model.getValue() !== text) {
        syncing.current = true;
        try {
          // An edit (not setValue) keeps the undo stack: Ctrl+Z can undo an example being loaded.
          model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
        } finally {
          syncing.current = false;
        }
      }
    }
    const ed = editor.current;
    const shown = models.current.get(active.name);
    if (ed && shown && ed.getModel() !== shown) ed.setModel(shown);
  }, [files, active]);

  // The engine's diagnostics as inline markers, at the line and column it reported.
  useEffect(() => {
    for (const [name, model] of models.current) {
      const list = diagnostics[name] ?? [];
      monaco.editor.setModelMarkers(
        model,
        MARKER_OWNER,
        list.map((d) => {
          const line = Math.min(Math.max(1, d.line), model.getLineCount());
          const column = Math.min(Math.max(1, d.column), model.getLineMaxColumn(line));
          const endColumn = column < model.getLineMaxColumn(line) ? model.getLineMaxColumn(line) : column + 1;
          return {
            startLineNumber: line,
            startColumn: column,
            endLineNumber: line,
            endColumn,
            message: d.message,
            severity: d.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
            source: "kubectl",
          };
        }),
      );
    }
  }, [diagnostics, files]);

  useEffect(() => {
    monaco.editor.setTheme(theme === "dark" ? "vs-dark" : "vs");
  }, [theme]);

  useEffect(() => {
    if (autoFocus) editor.current?.focus();
  }, [autoFocus]);

  return <div ref={host} className="editor-monaco" />;
}
