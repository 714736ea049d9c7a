// The problems in the active file, listed under the editor as "line 12, column 5: <message>"; each
// entry moves the cursor there.
import type { Diagnostic } from "../../engine/protocol";
import { revealInEditor } from "./editorBridge";

export function diagnosticText(d: Diagnostic): string {
  return `line ${d.line}, column ${d.column}: ${d.message}`;
}

export function DiagnosticsList({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  if (diagnostics.length === 0) return null;
  return (
    <ul className="editor-diagnostics" aria-label="Problems">
      {diagnostics.map((d, i) => (
        <li key={i} className={`editor-diagnostic is-${d.severity}`}>
          <button type="button" className="editor-diagnostic-link" onClick={() => revealInEditor(d.line, d.column)}>
            <span className="editor-diagnostic-severity">{d.severity === "error" ? "Error" : "Warning"}</span> {diagnosticText(d)}
          </button>
        </li>
      ))}
    </ul>
  );
}
