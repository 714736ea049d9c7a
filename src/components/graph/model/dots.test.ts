import { describe, it, expect } from "vitest";
import { DEFAULT_PALETTE, dotCenter, dotIndexAt, drawDots, type DotContext } from "./dots";
import { DOT } from "./layout";

const pod = (id: string, status: string, ready = "1/1") => ({ id, status, ready, phase: "Running", terminating: false });

/** A 2D context that records what is drawn: each fill/stroke with its colour, alpha and circle centres. */
function recorder() {
  const shapes: { op: "fill" | "stroke"; colour: string; alpha: number; centres: [number, number][] }[] = [];
  let centres: [number, number][] = [];
  const ctx = {
    fillStyle: "",
    strokeStyle: "",
    globalAlpha: 1,
    lineWidth: 1,
    transform: [] as number[],
    cleared: [] as number[],
    setTransform(a: number, _b: number, _c: number, d: number) {
      this.transform = [a, d];
    },
    clearRect(x: number, y: number, w: number, h: number) {
      this.cleared = [x, y, w, h];
    },
    beginPath() {
      centres = [];
    },
    moveTo() {},
    rect(x: number, y: number, w: number, h: number) {
      centres.push([x + w / 2, y + h / 2]);
    },
    arc(x: number, y: number) {
      centres.push([x, y]);
    },
    fill() {
      shapes.push({ op: "fill", colour: String(this.fillStyle), alpha: this.globalAlpha, centres });
    },
    stroke() {
      shapes.push({ op: "stroke", colour: String(this.strokeStyle), alpha: this.globalAlpha, centres });
    },
  };
  return { ctx: ctx as unknown as DotContext & typeof ctx, shapes };
}

describe("drawDots", () => {
  it("fills one path per colour, one circle per pod, in creation-order slots", () => {
    const { ctx, shapes } = recorder();
    const n = drawDots(ctx, [pod("a", "Running"), pod("b", "Pending", "0/1"), pod("c", "Running"), pod("d", "CrashLoopBackOff", "0/1")], DEFAULT_PALETTE, undefined);
    expect(n).toBe(4);
    expect(shapes.map((s) => s.colour)).toEqual([DEFAULT_PALETTE.tones.pending, DEFAULT_PALETTE.tones.running, DEFAULT_PALETTE.tones.failing]);
    expect(shapes[1]!.centres).toEqual([
      [dotCenter(0).x, dotCenter(0).y],
      [dotCenter(2).x, dotCenter(2).y],
    ]);
  });

  it("wraps every DOT.cols pods onto the next row", () => {
    expect(dotCenter(0)).toEqual({ x: DOT.pitch / 2, y: DOT.pitch / 2 });
    expect(dotCenter(DOT.cols)).toEqual({ x: DOT.pitch / 2, y: DOT.pitch + DOT.pitch / 2 });
    expect(dotIndexAt(dotCenter(DOT.cols + 3).x, dotCenter(DOT.cols + 3).y)).toBe(DOT.cols + 3);
    expect(dotIndexAt(DOT.cols * DOT.pitch + 1, 1)).toBe(-1);
  });

  it("draws pods on their way out half transparent, and rings the selected pod", () => {
    const { ctx, shapes } = recorder();
    drawDots(ctx, [pod("a", "Running"), { ...pod("b", "Terminating"), terminating: true }], DEFAULT_PALETTE, "b");
    expect(shapes.find((s) => s.colour === DEFAULT_PALETTE.tones.terminating && s.op === "fill")!.alpha).toBe(0.5);
    const ring = shapes.find((s) => s.op === "stroke")!;
    expect(ring.colour).toBe(DEFAULT_PALETTE.ring);
    expect(ring.centres).toEqual([[dotCenter(1).x, dotCenter(1).y]]);
  });

  it("draws nothing for an empty node", () => {
    const { ctx, shapes } = recorder();
    expect(drawDots(ctx, [], DEFAULT_PALETTE, undefined)).toBe(0);
    expect(shapes).toEqual([]);
  });
});
