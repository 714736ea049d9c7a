import { describe, expect, it } from "vitest";
import { isInBackOffSince, nextBackoff, type BackoffEntry } from "./backoff";

describe("kubelet crash backoff (flowcontrol.Backoff, KUBERNETES-FACTS §5)", () => {
  it("restarts at once after the first crash, then waits 10s, 20s, 40s ... capped at 300s", () => {
    let entry: BackoffEntry | undefined;
    const waits: number[] = [];
    let t = 0;
    for (let crash = 0; crash < 8; crash++) {
      // The container crashes at t; the kubelet restarts it as soon as it is out of backoff.
      let wait = 0;
      while (isInBackOffSince(entry, t, t + wait)) wait += 1000;
      waits.push(wait);
      entry = nextBackoff(entry, t);
      t += wait + 1000; // runs 1s, then crashes again
    }
    expect(waits).toEqual([0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
  });

  it("forgets the backoff after 600s without a crash", () => {
    const e = nextBackoff(nextBackoff(undefined, 0), 1000); // 20s
    expect(nextBackoff(e, 1000 + 600_001).ms).toBe(10_000);
    expect(isInBackOffSince(e, 1000 + 600_001, 1000 + 600_002)).toBe(false);
  });
});
