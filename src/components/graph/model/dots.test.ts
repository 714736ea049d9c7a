import { describe, it, expect } from "vitest";
import { dotPaths } from "./dots";
import { DOT } from "./layout";

const pod = (status: string, ready = "1/1") => ({ status, ready, phase: "Running", terminating: false });

describe("dotPaths", () => {
  it("draws one path per colour, one circle per pod", () => {
    const paths = dotPaths([pod("Running"), pod("Pending", "0/1"), pod("Running"), pod("CrashLoopBackOff", "0/1")]);
    expect(paths.map(([t]) => t)).toEqual(["pending", "running", "failing"]);
    const running = paths.find(([t]) => t === "running")![1];
    expect(running.match(/M/g)).toHaveLength(2);
  });
  it("places pod i in creation order, wrapping every DOT.cols pods", () => {
    const many = Array.from({ length: DOT.cols + 1 }, () => pod("Running"));
    const d = dotPaths(many)[0]![1];
    const r = DOT.size / 2;
    expect(d.startsWith(`M${DOT.pitch / 2 - r} ${DOT.pitch / 2}`)).toBe(true);
    expect(d).toContain(`M${DOT.pitch / 2 - r} ${DOT.pitch + DOT.pitch / 2}a`);
  });
  it("draws nothing for an empty node", () => {
    expect(dotPaths([])).toEqual([]);
  });
});
