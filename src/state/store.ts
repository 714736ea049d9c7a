// The page's one zustand store, in slices (DESIGN.md "The page"): a mirror of the worker's cluster view,
// the editor's files, and UI settings. The worker bridge (bridge.ts) calls the cluster actions outside
// React; components read with selectors. Graph nodes/edges are derived from `items`, never stored twice.
import { create } from "zustand";
import type { Batch, ClockState, Diagnostic, EditorFile, EventRow, FlowMessage, Snapshot, ViewItem } from "../engine/protocol";
import { PodNameIndex } from "./podIndex";

/** How many recent API messages and events the page keeps for animation and the event log. */
export const RECENT_MESSAGES = 400;
export const RECENT_EVENTS = 1000;

export interface ItemChanges {
  readonly from: ReadonlyMap<string, ViewItem>;
  readonly to: ReadonlyMap<string, ViewItem>;
  readonly ids: readonly string[];
}

export interface ClusterSlice {
  /** Every drawn object by id. Replaced (not mutated) when a batch changes it, so selectors can memoise. */
  items: ReadonlyMap<string, ViewItem>;
  /** What the last batch(es) changed: the ids created, changed or removed to turn `from` into `to`.
   *  Lets the graph re-derive only what changed; valid only while `to` is still `items` (anything else
   *  that replaces `items`, a snapshot or a test, leaves it stale, and readers then start over). */
  itemChanges?: ItemChanges;
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
  /** Pods by namespace/name (for routing messages), kept current by applySnapshot/applyBatches. One
   *  instance mutated in place: read it imperatively, it is not a render input. */
  podIndex: PodNameIndex;
  /** Set when the worker died; the page offers to restart from the last saved state. */
  fatal?: string;
  /** True once the worker has sent its first snapshot. */
  connected: boolean;
  applySnapshot(s: Snapshot): void;
  /** Applies a batch; returns false when it does not follow the last seq (the caller asks for a snapshot). */
  applyBatch(b: Batch): boolean;
  /** Applies consecutive batches as one update (one copy of `items`, one notification): what a page that
   *  fell a few batches behind does once per frame. Batches at or before the last seq are skipped; returns
   *  false at the first gap (the batches before it are applied). */
  applyBatches(bs: readonly Batch[]): boolean;
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
  podIndex: new PodNameIndex(),
  connected: false,
  applySnapshot(s) {
    const items = new Map<string, ViewItem>();
    for (const it of s.items) items.set(it.id, it);
    get().podIndex.reset(s.items);
    set({ items, itemChanges: undefined, seq: s.seq, clock: s.clock, events: s.events.slice(-RECENT_EVENTS), messages: [], droppedMessages: 0, version: get().version + 1, connected: true });
  },
  applyBatch(b) {
    if (b.seq !== get().seq + 1) return false;
    return get().applyBatches([b]);
  },
  applyBatches(bs) {
    const st = get();
    let seq = st.seq;
    let next: Map<string, ViewItem> | undefined;
    let changed: string[] | undefined;
    let messages: FlowMessage[] | undefined;
    let events: EventRow[] | undefined;
    let droppedMessages = 0;
    let clock = st.clock;
    let ok = true;
    for (const b of bs) {
      if (b.seq <= seq) continue;
      if (b.seq !== seq + 1) {
        ok = false;
        break;
      }
      seq = b.seq;
      clock = b.clock;
      droppedMessages += b.droppedMessages;
      if (b.upserts.length > 0 || b.removals.length > 0) {
        next ??= new Map(st.items);
        changed ??= [];
        for (const id of b.removals) {
          st.podIndex.remove(next.get(id));
          next.delete(id);
          changed.push(id);
        }
        for (const it of b.upserts) {
          next.set(it.id, it);
          st.podIndex.put(it);
          changed.push(it.id);
        }
      }
      if (b.messages.length > 0) (messages ??= []).push(...b.messages);
      if (b.events.length > 0) (events ??= []).push(...b.events);
    }
    if (seq === st.seq) return ok;
    set({
      items: next ?? st.items,
      ...(next && changed ? { itemChanges: { from: st.items, to: next, ids: changed } } : {}),
      seq,
      clock,
      messages: messages ? st.messages.concat(messages).slice(-RECENT_MESSAGES) : st.messages,
      droppedMessages,
      events: events ? mergeEvents(st.events, events) : st.events,
      version: st.version + 1,
    });
    return ok;
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

/** Events are aggregated upstream (count, lastTimestamp): a row with a known id replaces the old one
 *  (also within `fresh`, which may span several batches: the last one wins, in its place). */
function mergeEvents(old: readonly EventRow[], fresh: readonly EventRow[]): readonly EventRow[] {
  const latest = new Map<string, EventRow>();
  for (const e of fresh) {
    latest.delete(e.id);
    latest.set(e.id, e);
  }
  const kept = old.filter((e) => !latest.has(e.id));
  return kept.concat([...latest.values()]).slice(-RECENT_EVENTS);
}
