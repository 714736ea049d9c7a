// The page's one zustand store, in slices (DESIGN.md "The page"): a mirror of the worker's cluster view,
// the editor's files, and UI settings. The worker bridge (bridge.ts) calls the cluster actions outside
// React; components read with selectors. Graph nodes/edges are derived from `items`, never stored twice.
import { create } from "zustand";
import type { Batch, ClockState, Diagnostic, EditorFile, EventRow, FlowMessage, Snapshot, ViewItem } from "../engine/protocol";

/** How many recent API messages and events the page keeps for animation and the event log. */
export const RECENT_MESSAGES = 400;
export const RECENT_EVENTS = 1000;

export interface ClusterSlice {
  /** Every drawn object by id. Replaced (not mutated) when a batch changes it, so selectors can memoise. */
  items: ReadonlyMap<string, ViewItem>;
  /** Bumped on every applied batch/snapshot. */
  version: number;
  /** Last applied batch seq (-1 before the first snapshot). */
  seq: number;
  clock: ClockState;
  /** Recent API requests, oldest first, for the graph's message animation. */
  messages: readonly FlowMessage[];
  /** Messages the worker aggregated away in the last batch (too many to draw one by one). */
  droppedMessages: number;
  events: readonly EventRow[];
  /** Set when the worker died; the page offers to restart from the last saved state. */
  fatal?: string;
  /** True once the worker has sent its first snapshot. */
  connected: boolean;
  applySnapshot(s: Snapshot): void;
  /** Applies a batch; returns false when it does not follow the last seq (the caller asks for a snapshot). */
  applyBatch(b: Batch): boolean;
  setFatal(message: string | undefined): void;
}

export interface FilesSlice {
  files: readonly EditorFile[];
  activeFile: string;
  /** Diagnostics per file name, from the worker's validate/apply replies. */
  diagnostics: Readonly<Record<string, readonly Diagnostic[]>>;
  setFiles(files: readonly EditorFile[], active?: string): void;
  setDiagnostics(file: string, d: readonly Diagnostic[]): void;
}

export type Theme = "light" | "dark";

export interface UiSlice {
  /** The object shown in the inspector (a ViewItem id). */
  selectedId?: string;
  theme: Theme;
  /** Draw Deployment → ReplicaSet → Pod ownership edges. */
  showOwnership: boolean;
  select(id: string | undefined): void;
  setTheme(t: Theme): void;
  setShowOwnership(on: boolean): void;
}

export type KubelabState = ClusterSlice & FilesSlice & UiSlice;

const INITIAL_CLOCK: ClockState = { now: 0, wallTime: "", paused: true, speed: 1 };

export const useKubelab = create<KubelabState>()((set, get) => ({
  items: new Map(),
  version: 0,
  seq: -1,
  clock: INITIAL_CLOCK,
  messages: [],
  droppedMessages: 0,
  events: [],
  connected: false,
  applySnapshot(s) {
    const items = new Map<string, ViewItem>();
    for (const it of s.items) items.set(it.id, it);
    set({ items, seq: s.seq, clock: s.clock, events: s.events.slice(-RECENT_EVENTS), messages: [], droppedMessages: 0, version: get().version + 1, connected: true });
  },
  applyBatch(b) {
    const st = get();
    if (b.seq !== st.seq + 1) return false;
    let items = st.items;
    if (b.upserts.length > 0 || b.removals.length > 0) {
      const next = new Map(st.items);
      for (const id of b.removals) next.delete(id);
      for (const it of b.upserts) next.set(it.id, it);
      items = next;
    }
    const messages = b.messages.length === 0 ? st.messages : st.messages.concat(b.messages).slice(-RECENT_MESSAGES);
    const events = b.events.length === 0 ? st.events : mergeEvents(st.events, b.events);
    set({ items, seq: b.seq, clock: b.clock, messages, droppedMessages: b.droppedMessages, events, version: st.version + 1 });
    return true;
  },
  setFatal(message) {
    set({ fatal: message });
  },

  files: [],
  activeFile: "",
  diagnostics: {},
  setFiles(files, active) {
    set({ files, activeFile: active ?? get().activeFile });
  },
  setDiagnostics(file, d) {
    set({ diagnostics: { ...get().diagnostics, [file]: d } });
  },

  theme: "light",
  showOwnership: true,
  select(id) {
    set({ selectedId: id });
  },
  setTheme(theme) {
    set({ theme });
  },
  setShowOwnership(showOwnership) {
    set({ showOwnership });
  },
}));

/** Events are aggregated upstream (count, lastTimestamp): a row with a known id replaces the old one. */
function mergeEvents(old: readonly EventRow[], fresh: readonly EventRow[]): readonly EventRow[] {
  const freshIds = new Set(fresh.map((e) => e.id));
  const kept = old.filter((e) => !freshIds.has(e.id));
  return kept.concat(fresh).slice(-RECENT_EVENTS);
}
