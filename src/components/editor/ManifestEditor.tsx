// ManifestEditor: YAML files in tabs (kept in the store's files slice, which the shell persists), Apply
// (Ctrl/Cmd+Enter) and Delete of the active file as `kubectl apply|delete -f`, the command's output,
// and the engine's diagnostics inline and listed under the editor. Monaco is loaded lazily in its own
// chunk; until it arrives (or if it never does) a plain textarea shows and edits the same file.
// (Dropping or pasting a YAML file anywhere on the page is the shell's: usePageFileDrop.)
import { Component, lazy, Suspense, useCallback, useMemo, useState, type ReactNode } from "react";
import type { EditorFile } from "../../engine/protocol";
import { exampleFileName, type Example } from "../../examples";
import { useKubelab } from "../../state/store";
import { DiagnosticsList } from "./DiagnosticsList";
import { activeFile, closeFile, newFile, openFile, renameFile, setText, type FilesState } from "./editorFiles";
import { ExamplesMenu } from "./ExamplesMenu";
import { FileTabs } from "./FileTabs";
import type { SurfaceProps } from "./monaco/MonacoPane";
import { TextareaEditor, textareaFocus } from "./TextareaEditor";
import { useFileCommands, useValidation } from "./useEngineFiles";
import "./ManifestEditor.css";

const MonacoPane = lazy(() => import("./monaco/MonacoPane"));

const NO_DIAGNOSTICS: readonly never[] = [];

/** Keeps the textarea if Monaco's chunk fails to load (offline first visit, blocked worker, ...). */
class SurfaceBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export function ManifestEditor() {
  const files = useKubelab((s) => s.files);
  const activeName = useKubelab((s) => s.activeFile);
  const diagnostics = useKubelab((s) => s.diagnostics);
  const theme = useKubelab((s) => s.theme);
  const setFiles = useKubelab((s) => s.setFiles);
  const setDiagnostics = useKubelab((s) => s.setDiagnostics);
  const active = useMemo(() => activeFile(files, activeName), [files, activeName]);
  const [monacoFailed, setMonacoFailed] = useState(false);

  const commit = useCallback((next: FilesState) => setFiles(next.files, next.active), [setFiles]);
  const current = useCallback((): EditorFile => {
    const s = useKubelab.getState();
    return activeFile(s.files, s.activeFile);
  }, []);
  const { result, busy, apply, remove } = useFileCommands(current);
  useValidation(active);

  const onChange = useCallback(
    (name: string, text: string) => {
      const s = useKubelab.getState();
      setFiles(setText(s.files, name, text), s.files.some((f) => f.name === name) ? s.activeFile || name : name);
    },
    [setFiles],
  );
  const open = useCallback(
    (name: string, text: string) => {
      const s = useKubelab.getState();
      // The untouched empty default file is replaced rather than kept as a blank tab.
      const base = s.files.length === 1 && s.files[0]!.text.trim() === "" ? [] : s.files;
      commit(openFile(base, name, text));
    },
    [commit],
  );

  const onRename = (oldName: string, name: string) => {
    const s = useKubelab.getState();
    commit(renameFile(s.files.length > 0 ? s.files : [active], s.activeFile || active.name, oldName, name));
    const moved = s.diagnostics[oldName];
    if (moved) {
      setDiagnostics(name, moved);
      setDiagnostics(oldName, []);
    }
  };
  const onClose = (name: string) => {
    const s = useKubelab.getState();
    commit(closeFile(s.files, s.activeFile, name));
    setDiagnostics(name, []);
  };

  const surface: SurfaceProps = { files, active, diagnostics, theme, onChange, onApply: apply };
  const activeDiagnostics = diagnostics[active.name] ?? NO_DIAGNOSTICS;
  const textarea = (loading: boolean) => <TextareaEditor {...surface} loading={loading} />;

  return (
    <section className="editor" aria-label="Manifest editor">
      <div className="editor-toolbar">
        <FileTabs
          files={files}
          active={active.name}
          onSelect={(name) => setFiles(useKubelab.getState().files, name)}
          onRename={onRename}
          onClose={onClose}
          onNew={() => commit(newFile(useKubelab.getState().files))}
        />
        <div className="editor-actions">
          <ExamplesMenu onOpen={(e: Example) => open(exampleFileName(e), e.yaml)} />
          <button type="button" className="editor-button is-primary" onClick={apply} disabled={busy !== undefined} title="kubectl apply -f (Ctrl+Enter)">
            Apply
          </button>
          <button type="button" className="editor-button" onClick={remove} disabled={busy !== undefined} title="kubectl delete -f">
            Delete
          </button>
        </div>
      </div>
      <div className="editor-body">
        {monacoFailed ? (
          textarea(false)
        ) : (
          <SurfaceBoundary fallback={<FailedMonaco onShow={() => setMonacoFailed(true)}>{textarea(false)}</FailedMonaco>}>
            <Suspense fallback={textarea(true)}>
              <MonacoPane {...surface} autoFocus={textareaFocus.had} />
            </Suspense>
          </SurfaceBoundary>
        )}
      </div>
      <DiagnosticsList diagnostics={activeDiagnostics} />
      <div className="editor-output" role="status" aria-label="Command output" aria-live="polite">
        {busy ? (
          <pre className="editor-output-text editor-output-muted">{`$ kubectl ${busy} -f ${active.name}\n…`}</pre>
        ) : result ? (
          <pre className="editor-output-text">
            <span className="editor-output-command">$ {result.command}</span>
            {"\n"}
            {result.out && <span>{result.out}</span>}
            {result.err && <span className="editor-output-err">{result.err}</span>}
          </pre>
        ) : (
          <p className="editor-hint">Apply sends the active file to the cluster (Ctrl+Enter). Drop or paste a YAML file anywhere to open it.</p>
        )}
      </div>
    </section>
  );
}

/** Monaco did not load: say so once, and keep editing in the textarea. */
function FailedMonaco({ onShow, children }: { onShow(): void; children: ReactNode }) {
  return (
    <>
      <p className="editor-hint" role="note">
        The full editor could not load; editing as plain text.{" "}
        <button type="button" className="editor-link" onClick={onShow}>
          Dismiss
        </button>
      </p>
      {children}
    </>
  );
}
