import { useEffect, useState } from "react";
import type { EditorFile } from "../../engine/protocol";
import { looksLikeManifest, nameForManifest, openFiles } from "../../state/controls";

/** Manifests are small; anything larger is not a file a learner meant to drop here. */
const MAX_FILE_BYTES = 1 << 20;
const MANIFEST_NAME = /\.(ya?ml|json)$/i;

function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== "function") return false;
  return el.closest("input, textarea, select, [contenteditable=''], [contenteditable='true'], .monaco-editor") !== null;
}

function manifestFiles(list: FileList | null | undefined): File[] {
  return Array.from(list ?? []).filter((f) => MANIFEST_NAME.test(f.name) && f.size <= MAX_FILE_BYTES);
}

async function readFiles(files: readonly File[]): Promise<EditorFile[]> {
  const out: EditorFile[] = [];
  for (const f of files) out.push({ name: f.name, text: await f.text() });
  return out;
}

/**
 * Page-wide drop and paste of YAML: a dropped .yaml/.yml/.json file, or pasted manifest text outside any
 * text field, opens as an editor tab. Returns whether a file is being dragged over the page.
 */
export function usePageFileDrop(): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes("Files");
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const onDrop = async (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      openFiles(await readFiles(manifestFiles(e.dataTransfer?.files)));
    };
    // Decides synchronously (preventDefault after an await would be too late), then reads the files.
    const onPaste = (e: ClipboardEvent) => {
      if (isEditable(e.target)) return;
      const data = e.clipboardData;
      if (!data) return;
      const files = manifestFiles(data.files);
      if (files.length > 0) {
        e.preventDefault();
        void readFiles(files).then(openFiles);
        return;
      }
      const text = data.getData("text/plain");
      if (looksLikeManifest(text)) {
        e.preventDefault();
        openFiles([{ name: nameForManifest(text), text }]);
      }
    };
    addEventListener("dragenter", onEnter);
    addEventListener("dragleave", onLeave);
    addEventListener("dragover", onOver);
    addEventListener("drop", onDrop);
    document.addEventListener("paste", onPaste);
    return () => {
      removeEventListener("dragenter", onEnter);
      removeEventListener("dragleave", onLeave);
      removeEventListener("dragover", onOver);
      removeEventListener("drop", onDrop);
      document.removeEventListener("paste", onPaste);
    };
  }, []);
  return dragging;
}
