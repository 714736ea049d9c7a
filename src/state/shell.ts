// The shell's own slice: which side-panel tab is open, the requested time settings (what the learner
// chose; the worker's ClockState reports what is in effect), and short notices ("Link copied").
// A separate zustand store so the cluster mirror (store.ts) stays the lead's contract.
import { create } from "zustand";

export type SideTab = "editor" | "inspector" | "lesson" | "experiments";

export interface Notice {
  readonly id: number;
  readonly text: string;
  readonly tone: "info" | "error";
}

export interface ShellState {
  sideTab: SideTab;
  /** Requested speed (simulated seconds per real second) and pause. */
  speed: number;
  paused: boolean;
  notice?: Notice;
  /** Set while the engine is starting or replaying a saved cluster. */
  starting: boolean;
  setSideTab(t: SideTab): void;
  setTime(t: { speed?: number; paused?: boolean }): void;
  notify(text: string, tone?: Notice["tone"]): void;
  dismissNotice(): void;
  setStarting(on: boolean): void;
  /** The graph takes the whole page (side panel and dock hidden), for reading a cluster at 1280×720. */
  graphExpanded: boolean;
  setGraphExpanded(on: boolean): void;
}

let noticeId = 0;

export const useShell = create<ShellState>()((set) => ({
  sideTab: "editor",
  speed: 1,
  paused: false,
  starting: true,
  setSideTab(sideTab) {
    set({ sideTab });
  },
  setTime(t) {
    set((s) => ({ speed: t.speed ?? s.speed, paused: t.paused ?? s.paused }));
  },
  notify(text, tone = "info") {
    set({ notice: { id: ++noticeId, text, tone } });
  },
  dismissNotice() {
    set({ notice: undefined });
  },
  setStarting(starting) {
    set({ starting });
  },
  graphExpanded: false,
  setGraphExpanded(graphExpanded) {
    set({ graphExpanded });
  },
}));
