import { describe, expect, it } from "vitest";
import { HISTORY_LIMIT, loadHistory, pushHistory, saveHistory } from "./history";

function memoryStorage(): Pick<Storage, "getItem" | "setItem"> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe("terminal history", () => {
  it("skips blank lines and consecutive duplicates, and trims", () => {
    let h: string[] = [];
    for (const l of ["kubectl get pods", "  kubectl get pods ", "", "sim time", "kubectl get pods"]) h = pushHistory(h, l);
    expect(h).toEqual(["kubectl get pods", "sim time", "kubectl get pods"]);
  });

  it("keeps the newest HISTORY_LIMIT lines", () => {
    let h: string[] = [];
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) h = pushHistory(h, `sim advance ${i}s`);
    expect(h).toHaveLength(HISTORY_LIMIT);
    expect(h[0]).toBe("sim advance 5s");
  });

  it("round-trips through storage and survives garbage in it", () => {
    const s = memoryStorage();
    saveHistory(["a", "b"], s);
    expect(loadHistory(s)).toEqual(["a", "b"]);
    s.data.set("kubelab.terminal.history", "{not json");
    expect(loadHistory(s)).toEqual([]);
    s.data.set("kubelab.terminal.history", JSON.stringify(["ok", 3, null]));
    expect(loadHistory(s)).toEqual(["ok"]);
    expect(loadHistory(undefined)).toEqual([]);
  });
});
