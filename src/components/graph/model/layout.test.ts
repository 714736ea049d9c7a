import { describe, it, expect } from "vitest";
import { computeLayout, CONTROL_PLANE, fitControllers, gridColumns, kcmLines, KCM_MAX_LINES, nodeWidth, PENDING_MAX_DOT_ROWS, POD, reservedRows, type Rect } from "./layout";
import { partition } from "./partition";
import { mkComponent, mkNode, mkPod, mkService, mkWorkload, syntheticCluster, toMap } from "./fixtures";
import type { ViewItem } from "../../../engine/protocol";

const inside = (inner: Rect, outer: Rect) => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function small(extra: ViewItem[] = []): ViewItem[] {
  return [
    mkComponent("kube-apiserver"),
    mkComponent("kube-controller-manager"),
    mkNode("node-1"),
    mkNode("node-2"),
    mkNode("node-3", { taints: ["node.kubernetes.io/unreachable:NoExecute"] }),
    mkPod("a", { nodeName: "node-1", createdAt: 1 }),
    mkPod("b", { nodeName: "node-1", createdAt: 2 }),
    mkPod("c", { nodeName: "node-2", createdAt: 3 }),
    mkPod("p", { status: "Pending", createdAt: 4 }),
    mkService("web"),
    mkWorkload("Deployment", "web"),
    ...extra,
  ];
}

describe("computeLayout", () => {
  it("puts every pod card inside its node box or the pending area", () => {
    const p = partition(toMap(small()));
    const l = computeLayout(p, "cards", true);
    for (const n of p.nodes) for (const pod of p.podsByNode.get(n.name)!) expect(inside(l.boxes.get(pod.id)!, l.boxes.get(n.id)!)).toBe(true);
    expect(inside(l.boxes.get("uid-p")!, l.boxes.get("area:pending")!)).toBe(true);
  });

  it("never overlaps node boxes, object boxes and the control plane", () => {
    const p = partition(toMap(small()));
    const l = computeLayout(p, "cards", true);
    const tops = ["actor:kubectl", "kube-apiserver", "etcd", "kube-scheduler", "area:pending", "kube-controller-manager", "uid-svc-web", "uid-web", ...p.nodes.map((n) => n.id)];
    for (const a of tops) for (const b of tops) if (a !== b) expect(overlap(l.boxes.get(a)!, l.boxes.get(b)!), `${a} vs ${b}`).toBe(false);
  });

  it("keeps the control plane fixed", () => {
    const a = computeLayout(partition(toMap(syntheticCluster(100, 30))), "dots", true);
    const b = computeLayout(partition(toMap(syntheticCluster(100, 20))), "dots", false);
    expect(a.boxes.get("kube-apiserver")).toEqual(b.boxes.get("kube-apiserver"));
    expect(a.boxes.get("kube-apiserver")!.w).toBe(CONTROL_PLANE["kube-apiserver"].w);
  });

  it("does not move other pods or nodes when a pod is created on one node", () => {
    const p1 = partition(toMap(small()));
    const l1 = computeLayout(p1, "cards", true);
    const p2 = partition(toMap(small([mkPod("z", { nodeName: "node-2", createdAt: 9 })])), p1);
    const l2 = computeLayout(p2, "cards", true);
    for (const id of ["uid-a", "uid-b", "uid-c", "uid-p", "uid-node-1", "uid-node-3"]) expect(l2.boxes.get(id)).toEqual(l1.boxes.get(id));
  });

  it("does not move the nodes while a few pods wait to be scheduled", () => {
    const l1 = computeLayout(partition(toMap(small())), "cards", true);
    const more = [1, 2, 3].map((i) => mkPod(`q${i}`, { status: "Pending", createdAt: 10 + i }));
    const l2 = computeLayout(partition(toMap(small(more))), "cards", true);
    expect(l2.boxes.get("uid-node-1")).toEqual(l1.boxes.get("uid-node-1"));
  });

  it("moves a pod from the pending area into its node when it is bound", () => {
    const before = computeLayout(partition(toMap(small())), "cards", true);
    const bound = small().map((i) => (i.id === "uid-p" ? mkPod("p", { nodeName: "node-3", createdAt: 4 }) : i));
    const after = computeLayout(partition(toMap(bound)), "cards", true);
    expect(inside(before.boxes.get("uid-p")!, before.boxes.get("area:pending")!)).toBe(true);
    expect(inside(after.boxes.get("uid-p")!, after.boxes.get("uid-node-3")!)).toBe(true);
  });

  it("hides workloads when ownership is off", () => {
    const l = computeLayout(partition(toMap(small())), "cards", false);
    expect(l.boxes.has("uid-web")).toBe(false);
    expect(l.shownWorkloads.size).toBe(0);
  });

  it("draws no pod boxes in dot view (pods are dots inside their node)", () => {
    const l = computeLayout(partition(toMap(syntheticCluster(100, 30))), "dots", true);
    expect(l.boxes.has("uid-pod-0")).toBe(false);
    expect(l.boxes.size).toBeLessThan(120);
  });

  it("gives every node box in dot view the rows of the fullest node, with room for a rollout's surge", () => {
    const items = toMap(syntheticCluster(20, 30));
    const rowsOf = () => new Set(partition(items).nodes.map((n) => computeLayout(partition(items), "dots", true).rows.get(n.id)));
    // 30 pods fill two rows of 18; a quarter more (maxSurge) needs a third: four rows, in pairs.
    expect(rowsOf()).toEqual(new Set([4]));
    // A rollout's surge on node-5 (30 → 38 pods) moves nothing.
    for (let i = 0; i < 8; i++) items.set(`uid-more-${i}`, mkPod(`more-${i}`, { nodeName: "node-5", createdAt: 1e6 + i }));
    expect(rowsOf()).toEqual(new Set([4]));
    // A node that doubles grows every box alike.
    for (let i = 8; i < 30; i++) items.set(`uid-more-${i}`, mkPod(`more-${i}`, { nodeName: "node-5", createdAt: 1e6 + i }));
    expect(rowsOf()).toEqual(new Set([6]));
    const l = computeLayout(partition(items), "dots", true);
    expect(l.boxes.get("uid-node-1")!.h).toBe(l.boxes.get("uid-node-5")!.h);
  });

  it("gives the Pending area PENDING_MAX_DOT_ROWS rows in dot view, however many pods wait", () => {
    const many = Array.from({ length: 500 }, (_, i) => mkPod(`q${i}`, { id: `uid-q${i}`, status: "Pending", createdAt: i }));
    const l = computeLayout(partition(toMap([...syntheticCluster(20, 5), ...many])), "dots", true);
    expect(l.rows.get("area:pending")).toBe(PENDING_MAX_DOT_ROWS);
    const none = computeLayout(partition(toMap(syntheticCluster(20, 5, 0))), "dots", true);
    expect(none.boxes.get("uid-node-1")).toEqual(l.boxes.get("uid-node-1"));
  });

  it("lets a reserver keep rows (the graph's RowMemory) so boxes do not shrink back at once", () => {
    const p = partition(toMap(small()));
    const kept = computeLayout(p, "cards", true, (_key, rows) => rows + 2);
    const plain = computeLayout(p, "cards", true);
    expect(kept.rows.get("uid-node-1")).toBe(plain.rows.get("uid-node-1")! + 2);
    expect(kept.boxes.get("uid-node-1")!.h).toBeGreaterThan(plain.boxes.get("uid-node-1")!.h);
  });

  it("makes room for a node's taints in its header", () => {
    const l = computeLayout(partition(toMap(small())), "cards", true);
    expect(l.nodeHeader.get("uid-node-3")! - l.nodeHeader.get("uid-node-1")!).toBe(16);
  });
});

describe("layout helpers", () => {
  it("lays nodes out landscape", () => {
    expect(gridColumns("cards", 4)).toBe(4);
    expect(gridColumns("cards", 12)).toBe(5);
    expect(gridColumns("dots", 100)).toBe(11);
  });
  it("reserves pod rows in pairs", () => {
    expect(reservedRows("cards", 0, 2)).toBe(2);
    expect(reservedRows("cards", 5, 2)).toBe(4);
    expect(reservedRows("dots", 30, 2)).toBe(2);
  });
  it("wraps the controller list", () => {
    expect(kcmLines([])).toBe(0);
    expect(kcmLines(["deployment", "replicaset"])).toBe(1);
    expect(kcmLines(Array.from({ length: 12 }, () => "deployment"))).toBeGreaterThan(3);
  });
  it("shows as many controllers as fit in three lines and counts the rest", () => {
    const many = Array.from({ length: 30 }, (_, i) => `controller-${i}`);
    const { shown, more } = fitControllers(many);
    expect(shown.length + more).toBe(30);
    expect(more).toBeGreaterThan(0);
    expect(kcmLines([...shown, `+${more} more`])).toBeLessThanOrEqual(KCM_MAX_LINES);
    expect(fitControllers(["deployment", "replicaset"])).toEqual({ shown: ["deployment", "replicaset"], more: 0 });
  });
  it("fits two pod cards side by side in a node", () => {
    expect(nodeWidth("cards")).toBe(2 * POD.w + POD.gap + 20);
  });
});
