import { describe, expect, it } from "vitest";
import { mkPod, syntheticCluster, toMap } from "./fixtures";
import { DotScene, PENDING_KEY } from "./dotScene";
import { DOT_INSET, DotPainter, dotAreas, type AreaOrigin } from "./dotPainter";
import type { DotContext } from "./dots";
import { DOT, PENDING_HEAD, computeLayout } from "./layout";
import { partition } from "./partition";

/** Records the transforms, clears and circles a paint makes. */
function recorder() {
  const log: string[] = [];
  let circles = 0;
  const ctx = {
    fillStyle: "",
    strokeStyle: "",
    globalAlpha: 1,
    lineWidth: 1,
    setTransform: (a: number, _b: number, _c: number, _d: number, e: number, f: number) => log.push(`T ${a} ${e} ${f}`),
    clearRect: (x: number, y: number, w: number, h: number) => log.push(`C ${x} ${y} ${w} ${h}`),
    beginPath: () => {},
    moveTo: () => {},
    arc: () => circles++,
    rect: () => circles++,
    fill: () => {},
    stroke: () => {},
  };
  return { ctx: ctx as unknown as DotContext, log, circles: () => circles };
}

function setup() {
  const scene = new DotScene({ now: () => 0, schedule: () => () => {} });
  let frame: (() => void) | undefined;
  const painter = new DotPainter(scene, (fn) => ((frame = fn), () => (frame = undefined)));
  const r = recorder();
  const canvas = { width: 0, height: 0 };
  painter.setViewport({ x: 0, y: 0, zoom: 1, width: 400, height: 300 });
  painter.attach({ canvas, ctx: r.ctx, dpr: 2 });
  const flush = () => {
    const f = frame;
    frame = undefined;
    f?.();
  };
  return { scene, painter, r, canvas, flush };
}

const areas = (entries: [string, AreaOrigin][]) => new Map(entries);

describe("DotPainter", () => {
  it("sizes the canvas to the pane in device pixels and paints every area once per frame", () => {
    const h = setup();
    expect(h.canvas).toEqual({ width: 800, height: 600 });
    h.scene.setLists(new Map([["node-1", [mkPod("a"), mkPod("b", { id: "uid-b" })]], ["node-2", [mkPod("c", { id: "uid-c" })]]]), []);
    h.painter.setAreas(areas([["node-1", { x: 10, y: 20, rows: 2 }], ["node-2", { x: 100, y: 20, rows: 2 }]]));
    h.flush();
    expect(h.r.circles()).toBe(3);
    // A full paint clears the whole canvas once, then places each area at its corner × zoom × dpr.
    expect(h.r.log).toEqual(["T 1 0 0", "C 0 0 800 600", "T 2 20 40", "T 2 200 40"]);
  });

  it("repaints only an area whose pods changed, clearing just that area", () => {
    const h = setup();
    const one = [mkPod("a")];
    h.scene.setLists(new Map([["node-1", one], ["node-2", [mkPod("c", { id: "uid-c" })]]]), []);
    h.painter.setAreas(areas([["node-1", { x: 10, y: 20, rows: 2 }], ["node-2", { x: 100, y: 20, rows: 2 }]]));
    h.flush();
    h.r.log.length = 0;
    h.scene.setLists(new Map([["node-1", one], ["node-2", [mkPod("c", { id: "uid-c", status: "Terminating", terminating: true })]]]), []);
    h.flush();
    expect(h.r.log).toEqual(["T 2 200 40", `C -2 -2 ${DOT.cols * DOT.pitch + 4} ${2 * DOT.pitch + 4}`]);
  });

  it("skips areas off screen and repaints everything when the view pans", () => {
    const h = setup();
    h.scene.setLists(new Map([["node-1", [mkPod("a")]], ["far", [mkPod("z", { id: "uid-z" })]]]), []);
    h.painter.setAreas(areas([["node-1", { x: 10, y: 20, rows: 2 }], ["far", { x: 5000, y: 20, rows: 2 }]]));
    h.flush();
    expect(h.painter.lastPainted).toBe(1);
    h.painter.setViewport({ x: -4900, y: 0, zoom: 1, width: 400, height: 300 });
    h.flush();
    expect(h.painter.lastPainted).toBe(1);
    expect(h.r.log.filter((l) => l.startsWith("C 0 0"))).toHaveLength(2);
  });

  it("draws only the rows the Pending area shows", () => {
    const h = setup();
    const many = Array.from({ length: 3 * DOT.cols }, (_, i) => mkPod(`p-${i}`, { id: `uid-p-${i}`, status: "Pending" }));
    h.scene.setLists(new Map(), many);
    h.painter.setAreas(areas([[PENDING_KEY, { x: 0, y: 0, rows: 2, clip: true }]]));
    h.flush();
    expect(h.painter.lastPainted).toBe(2 * DOT.cols);
  });

  it("finds every node's dot area and the Pending area's from the layout", () => {
    const p = partition(toMap(syntheticCluster(20, 30)));
    const layout = computeLayout(p, "dots", true);
    const a = dotAreas(p, layout);
    const box = layout.boxes.get("uid-node-3")!;
    expect(a.get("node-3")).toEqual({ x: box.x + DOT_INSET.left, y: box.y + DOT_INSET.top + layout.nodeHeader.get("uid-node-3")!, rows: layout.rows.get("uid-node-3")! });
    const pending = layout.boxes.get("area:pending")!;
    expect(a.get(PENDING_KEY)).toMatchObject({ x: pending.x + DOT_INSET.left, y: pending.y + DOT_INSET.top + PENDING_HEAD, clip: true });
    expect(a.size).toBe(21);
  });
});
