// A small channel between the editor's chrome (tabs, diagnostics list) and whichever text surface is
// mounted (Monaco once loaded, the plain textarea before): "put the cursor at line 12, column 5".
export interface EditorSurface {
  reveal(line: number, column: number): void;
  focus(): void;
}

let surface: EditorSurface | undefined;

/** The mounted surface registers itself; the returned function unregisters it. */
export function registerSurface(s: EditorSurface): () => void {
  surface = s;
  return () => {
    if (surface === s) surface = undefined;
  };
}

export function revealInEditor(line: number, column: number): void {
  surface?.reveal(line, column);
}

export function focusEditor(): void {
  surface?.focus();
}
