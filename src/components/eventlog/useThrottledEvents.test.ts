import { describe, expect, it } from "vitest";
import type { EventRow } from "../../engine/protocol";
import { newEventCount } from "./useThrottledEvents";

const row = (id: string): EventRow => ({ id, t: 0, namespace: "default", type: "Normal", reason: "Pulled", object: "pod/a", objectKind: "Pod", objectName: "a", message: "", count: 1, source: "kubelet" });

describe("newEventCount", () => {
  it("counts the rows after the last one shown", () => {
    const shown = [row("a"), row("b")];
    expect(newEventCount(shown, [row("a"), row("b"), row("c"), row("d")])).toBe(2);
    expect(newEventCount(shown, shown)).toBe(0);
    expect(newEventCount([], [row("a")])).toBe(1);
  });

  it("counts everything when the last row shown was replaced or trimmed away", () => {
    expect(newEventCount([row("a"), row("b")], [row("c"), row("d"), row("e")])).toBe(3);
  });
});
