import { describe, expect, it } from "vitest";
import type { EventRow } from "../../engine/protocol";
import { filterEvents } from "./eventFilter";

const row = (id: string, t: number, type: "Normal" | "Warning", message: string): EventRow => ({
  id, t, namespace: "kube-system", type, reason: "R", object: "pod/x", objectKind: "Pod", objectName: "x", message, count: 1, source: "kubelet",
});

describe("filterEvents", () => {
  const rows = [row("b", 20, "Warning", "Back-off restarting"), row("a", 10, "Normal", "Started"), row("c", 20, "Normal", "Killing")];

  it("orders by time, keeping arrival order for equal times", () => {
    expect(filterEvents(rows, "", false).map((r) => r.id)).toEqual(["a", "b", "c"]);
  });

  it("matches every word, case-insensitively, across namespace, source and message", () => {
    expect(filterEvents(rows, "KUBE-SYSTEM back-off", false).map((r) => r.id)).toEqual(["b"]);
    expect(filterEvents(rows, "kubelet", false)).toHaveLength(3);
    expect(filterEvents(rows, "started killing", false)).toEqual([]);
  });

  it("keeps only warnings when asked", () => {
    expect(filterEvents(rows, "", true).map((r) => r.id)).toEqual(["b"]);
  });
});
