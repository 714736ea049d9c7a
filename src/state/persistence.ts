// What survives a reload, in localStorage: the editor's files, the cluster as a SavedState (seed, size
// and the journal of commands: the engine is deterministic, so replaying it rebuilds the same cluster) and
// the UI settings. Everything read back is validated; a corrupt or foreign entry is ignored, never fatal.
import type { EditorFile, SavedState } from "../engine/protocol";
import { SPEED_MAX, SPEED_MIN } from "../engine/protocol";
import { isSavedState } from "../engine/host/savedState";
import type { Theme } from "./store";

export const KEYS = {
  files: "kubelab.files.v1",
  cluster: "kubelab.cluster.v1",
  settings: "kubelab.settings.v1",
} as const;

export interface Settings {
  theme: Theme;
  speed: number;
  paused: boolean;
}

export interface SavedFiles {
  files: EditorFile[];
  activeFile: string;
}

/** The Storage to use, or undefined where there is none (private modes may throw on access). */
export function defaultStorage(): Storage | undefined {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

function read(storage: Storage | undefined, key: string): unknown {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes JSON; returns false when the storage refused it (quota, private mode). */
function write(storage: Storage | undefined, key: string, value: unknown): boolean {
  try {
    storage?.setItem(key, JSON.stringify(value));
    return storage !== undefined;
  } catch {
    return false;
  }
}

export function loadFiles(storage: Storage | undefined): SavedFiles | undefined {
  const v = read(storage, KEYS.files) as Partial<SavedFiles> | undefined;
  if (!v || !Array.isArray(v.files)) return undefined;
  const files = v.files.filter((f): f is EditorFile => !!f && typeof f.name === "string" && typeof f.text === "string");
  return { files, activeFile: typeof v.activeFile === "string" ? v.activeFile : (files[0]?.name ?? "") };
}

export function saveFiles(storage: Storage | undefined, files: SavedFiles): boolean {
  return write(storage, KEYS.files, { files: files.files, activeFile: files.activeFile });
}

export function loadCluster(storage: Storage | undefined): SavedState | undefined {
  const v = read(storage, KEYS.cluster);
  return isSavedState(v) ? v : undefined;
}

export function saveCluster(storage: Storage | undefined, state: SavedState | undefined): boolean {
  if (state === undefined) {
    try {
      storage?.removeItem(KEYS.cluster);
    } catch {
      return false;
    }
    return true;
  }
  return write(storage, KEYS.cluster, state);
}

export function loadSettings(storage: Storage | undefined): Partial<Settings> {
  const v = read(storage, KEYS.settings) as Record<string, unknown> | undefined;
  if (!v || typeof v !== "object") return {};
  const out: Partial<Settings> = {};
  if (v.theme === "light" || v.theme === "dark") out.theme = v.theme;
  if (typeof v.speed === "number" && v.speed >= SPEED_MIN && v.speed <= SPEED_MAX) out.speed = v.speed;
  if (typeof v.paused === "boolean") out.paused = v.paused;
  return out;
}

export function saveSettings(storage: Storage | undefined, s: Settings): boolean {
  return write(storage, KEYS.settings, s);
}

/** Coalesces bursts of changes into one write after `delayMs` of quiet (and on demand, e.g. pagehide). */
export class Debounced {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly fn: () => void,
    private readonly delayMs: number,
  ) {}

  schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  /** Runs now if something is scheduled. */
  flush(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.fn();
  }

  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
