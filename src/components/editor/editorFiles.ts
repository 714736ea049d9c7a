// Pure operations on the editor's files (the store's files slice). Names are unique; the active name
// always refers to a file, except when there is none yet: then the editor shows an empty DEFAULT_FILE
// that becomes real on the first keystroke.
import type { EditorFile } from "../../engine/protocol";

export const DEFAULT_FILE = "manifest.yaml";

export interface FilesState {
  readonly files: readonly EditorFile[];
  readonly active: string;
}

/** The file being edited (the virtual empty default when there are none). */
export function activeFile(files: readonly EditorFile[], active: string): EditorFile {
  return files.find((f) => f.name === active) ?? files[0] ?? { name: DEFAULT_FILE, text: "" };
}

/** `base` if free, else `stem-2.ext`, `stem-3.ext`, ... */
export function uniqueName(files: readonly EditorFile[], base: string): string {
  const taken = new Set(files.map((f) => f.name));
  if (!taken.has(base)) return base;
  const dot = base.lastIndexOf(".");
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const ext = dot > 0 ? base.slice(dot) : "";
  for (let i = 2; ; i++) {
    const name = `${stem}-${i}${ext}`;
    if (!taken.has(name)) return name;
  }
}

export function setText(files: readonly EditorFile[], name: string, text: string): EditorFile[] {
  if (!files.some((f) => f.name === name)) return [...files, { name, text }];
  return files.map((f) => (f.name === name ? { name, text } : f));
}

/** Opens `text` as a new tab named after `base` (reusing an identical tab instead of duplicating it). */
export function openFile(files: readonly EditorFile[], base: string, text: string): FilesState {
  const same = files.find((f) => f.name === base && f.text === text);
  if (same) return { files, active: same.name };
  const name = uniqueName(files, base);
  return { files: [...files, { name, text }], active: name };
}

export function newFile(files: readonly EditorFile[]): FilesState {
  let n = files.length + 1;
  while (files.some((f) => f.name === `untitled-${n}.yaml`)) n++;
  const name = `untitled-${n}.yaml`;
  return { files: [...files, { name, text: "" }], active: name };
}

/** Why `name` cannot be used for a file, or undefined when it can. */
export function nameProblem(files: readonly EditorFile[], oldName: string, name: string): string | undefined {
  if (name.trim() === "") return "A file needs a name.";
  if (name !== name.trim()) return "A file name cannot start or end with a space.";
  if (/[/\\]/.test(name)) return "A file name cannot contain / or \\.";
  if (name.length > 100) return "A file name is at most 100 characters.";
  if (name !== oldName && files.some((f) => f.name === name)) return `A file named ${name} is already open.`;
  return undefined;
}

export function renameFile(files: readonly EditorFile[], active: string, oldName: string, name: string): FilesState {
  const exists = files.some((f) => f.name === oldName);
  const next = exists ? files.map((f) => (f.name === oldName ? { name, text: f.text } : f)) : [...files, { name, text: "" }];
  return { files: next, active: active === oldName ? name : active };
}

/** Closes a tab; the neighbour to its left (or the new first tab) becomes active if it was. */
export function closeFile(files: readonly EditorFile[], active: string, name: string): FilesState {
  const i = files.findIndex((f) => f.name === name);
  if (i < 0) return { files, active };
  const next = files.filter((f) => f.name !== name);
  if (active !== name) return { files: next, active };
  const neighbour = next[Math.max(0, i - 1)];
  return { files: next, active: neighbour?.name ?? "" };
}
