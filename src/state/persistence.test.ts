import { describe, expect, it, vi } from "vitest";
import type { SavedState } from "../engine/protocol";
import { Debounced, KEYS, loadCluster, loadFiles, loadSettings, saveCluster, saveFiles, saveSettings } from "./persistence";

class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  quota = Infinity;
  get length() {
    return this.m.size;
  }
  clear() {
    this.m.clear();
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    if (v.length > this.quota) throw new DOMException("quota", "QuotaExceededError");
    this.m.set(k, v);
  }
}

const state: SavedState = { version: 1, seed: 3, nodes: 2, now: 150_000, journal: [{ at: 121_000, op: "run", line: "kubectl get pods" }] };

describe("persistence", () => {
  it("round-trips files, settings and the cluster", () => {
    const s = new MemoryStorage();
    saveFiles(s, { files: [{ name: "a.yaml", text: "x" }], activeFile: "a.yaml" });
    saveSettings(s, { theme: "dark", speed: 10, paused: true });
    saveCluster(s, state);
    expect(loadFiles(s)).toEqual({ files: [{ name: "a.yaml", text: "x" }], activeFile: "a.yaml" });
    expect(loadSettings(s)).toEqual({ theme: "dark", speed: 10, paused: true });
    expect(loadCluster(s)).toEqual(state);
    saveCluster(s, undefined);
    expect(loadCluster(s)).toBeUndefined();
  });

  it("ignores corrupt or out-of-range entries", () => {
    const s = new MemoryStorage();
    s.setItem(KEYS.files, "{not json");
    s.setItem(KEYS.settings, JSON.stringify({ theme: "purple", speed: 1000, paused: "yes" }));
    s.setItem(KEYS.cluster, JSON.stringify({ ...state, journal: [{ at: -1, op: "run", line: "x" }] }));
    expect(loadFiles(s)).toBeUndefined();
    expect(loadSettings(s)).toEqual({});
    expect(loadCluster(s)).toBeUndefined();
    expect(loadSettings(undefined)).toEqual({});
  });

  it("reports a refused write instead of throwing", () => {
    const s = new MemoryStorage();
    s.quota = 10;
    expect(saveCluster(s, state)).toBe(false);
    // No storage at all (some private modes): nothing is saved, and nothing breaks.
    expect(saveCluster(undefined, state)).toBe(false);
  });

  it("debounces bursts into one write, and flushes on demand", () => {
    vi.useFakeTimers();
    try {
      const fn = vi.fn();
      const d = new Debounced(fn, 100);
      d.schedule();
      d.schedule();
      vi.advanceTimersByTime(99);
      expect(fn).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(fn).toHaveBeenCalledTimes(1);
      d.schedule();
      d.flush();
      d.flush();
      expect(fn).toHaveBeenCalledTimes(2);
      vi.advanceTimersByTime(500);
      expect(fn).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
