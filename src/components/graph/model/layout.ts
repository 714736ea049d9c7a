// layout places every box of the graph. Invariants: positions depend only on sorted names and creation
// times (never on arrival order), the control plane never moves, and a pod's slot inside its node depends
// only on the pods created before it there — so nothing jumps when other objects change.
//
//   kubectl ── kube-apiserver ── etcd
//   kube-scheduler   Pending (unscheduled)   kube-controller-manager
//   Ingresses / Services / workloads / ReplicaSets   (rows, wrapped)
//   nodes in a grid, sorted by name, pods inside
import type { Lod } from "./lod";
import type { Partition } from "./partition";

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export const POD = { w: 176, h: 46, gap: 8, cols: 2 } as const;
export const DOT = { pitch: 9, size: 7, cols: 18 } as const;
export const PAD = 10;
export const OBJ = { w: 190, h: 48, gap: 14 } as const;
/** Header rows of a node box (px). NodeBox renders them at exactly these heights. */
export const NODE_HEADER = {
  cards: { top: 8, name: 26, info: 20, marks: 22, actions: 32, taint: 16, bottom: 6 },
  dots: { top: 6, name: 24, info: 18, marks: 18, actions: 0, taint: 14, bottom: 4 },
} as const;
const NODE_GAP = 36;
const BAND_GAP = 56;
const KCM_W = 260;
const KUBELETS_W = 300;
export const PENDING_HEAD = 34;

export const CONTROL_PLANE: Readonly<Record<"kubectl" | "kube-apiserver" | "etcd" | "kube-scheduler", Rect>> = {
  kubectl: { x: 0, y: 0, w: 150, h: 58 },
  "kube-apiserver": { x: 240, y: 0, w: 220, h: 66 },
  etcd: { x: 550, y: 0, w: 150, h: 58 },
  "kube-scheduler": { x: 0, y: 120, w: 200, h: 66 },
};

export interface Layout {
  readonly lod: Lod;
  /** Rows of pods each node box (by node id) and the Pending area ("area:pending") reserve. */
  readonly rows: ReadonlyMap<string, number>;
  /** Every drawn box by id: components by name, "actor:kubectl", "area:pending", items by id. */
  readonly boxes: ReadonlyMap<string, Rect>;
  /** Header height of each node box, by node id. */
  readonly nodeHeader: ReadonlyMap<string, number>;
  /** Ids of the workload boxes drawn (empty when ownership is hidden). */
  readonly shownWorkloads: ReadonlySet<string>;
}

export function nodeWidth(lod: Lod): number {
  return lod === "cards" ? POD.cols * POD.w + (POD.cols - 1) * POD.gap + 2 * PAD : DOT.cols * DOT.pitch + 2 * PAD;
}

export function nodeHeaderHeight(lod: Lod, taints: number): number {
  const h = NODE_HEADER[lod];
  return h.top + h.name + h.info + h.marks + h.actions + taints * h.taint + h.bottom;
}

/** Rows a node box and the Pending area reserve at least (so the first pods do not push others down). */
export const NODE_MIN_ROWS = 2;
export const PENDING_MIN_ROWS = 2;
/** Dot view: rows the Pending area shows at most (a burst of a thousand unscheduled pods must not push
 *  the cluster off the screen; the area's header counts them all). */
export const PENDING_MAX_DOT_ROWS = 4;

/** Dot view: room for this many times the fullest node's pods. A rolling update adds up to maxSurge
 *  pods for a while, 25% by default (SetDefaults_Deployment, pkg/apis/apps/v1/defaults.go). */
export const SURGE_HEADROOM = 1.25;

/** Maps the rows an area needs to the rows it keeps (RowMemory's hysteresis); identity by default. */
export type RowReserver = (key: string, rows: number) => number;

/** Rows reserved for `count` pods: at least `minRows`, rounded up to an even number so a box grows
 *  every few pods rather than every pod (fewer rows below it shifting). */
export function reservedRows(lod: Lod, count: number, minRows: number): number {
  const rows = Math.ceil(count / (lod === "cards" ? POD.cols : DOT.cols));
  return Math.max(minRows, Math.ceil(rows / 2) * 2);
}

/** Height of the pod area holding `count` pods. */
export function podAreaHeight(lod: Lod, count: number, minRows = NODE_MIN_ROWS): number {
  return rowsHeight(lod, reservedRows(lod, count, minRows));
}

/** Height of a pod area of `rows` rows. */
export function rowsHeight(lod: Lod, rows: number): number {
  if (lod === "cards") return rows * (POD.h + POD.gap) + PAD - POD.gap;
  return rows * DOT.pitch + PAD;
}

/** Slot `i` of a pod area whose top-left is (x, y). */
export function podSlot(x: number, y: number, i: number): Rect {
  const col = i % POD.cols;
  const row = Math.floor(i / POD.cols);
  return { x: x + PAD + col * (POD.w + POD.gap), y: y + row * (POD.h + POD.gap), w: POD.w, h: POD.h };
}

/** Columns of the node grid, aiming at a landscape picture (screens are wider than tall): a small
 *  cluster's nodes sit side by side; a big one's grid is a bit wider than tall (dot boxes are short). */
export function gridColumns(lod: Lod, nodeCount: number): number {
  if (nodeCount <= 0) return 1;
  if (lod === "cards") return nodeCount <= 4 ? nodeCount : Math.ceil(Math.sqrt(nodeCount * 1.8));
  return Math.max(1, Math.ceil(Math.sqrt(nodeCount * 1.1)));
}

const KCM_CHARS_PER_LINE = Math.floor((KCM_W - 2 * PAD) / 6.3);
export const KCM_MAX_LINES = 3;

/** Lines kube-controller-manager's controller list wraps to in its box (greedy, ~6.3 px a character). */
export function kcmLines(controllers: readonly string[]): number {
  let lines = controllers.length > 0 ? 1 : 0;
  let used = 0;
  for (const c of controllers) {
    const need = used === 0 ? c.length : c.length + 3;
    if (used > 0 && used + need > KCM_CHARS_PER_LINE) {
      lines++;
      used = c.length;
    } else used += need;
  }
  return lines;
}

/** The controllers that fit in KCM_MAX_LINES (with room for "+N more"), and how many are left out; the
 *  box's tooltip lists them all. kube-controller-manager runs some thirty. */
export function fitControllers(controllers: readonly string[]): { shown: readonly string[]; more: number } {
  if (kcmLines(controllers) <= KCM_MAX_LINES) return { shown: controllers, more: 0 };
  let n = controllers.length;
  while (n > 0 && kcmLines([...controllers.slice(0, n), `+${controllers.length - n} more`]) > KCM_MAX_LINES) n--;
  return { shown: controllers.slice(0, n), more: controllers.length - n };
}

export function computeLayout(p: Partition, lod: Lod, showOwnership: boolean, reserve: RowReserver = (_k, r) => r): Layout {
  const boxes = new Map<string, Rect>();
  const nodeHeader = new Map<string, number>();
  const rows = new Map<string, number>();
  const cols = gridColumns(lod, p.nodes.length);
  const gridW = cols * (nodeWidth(lod) + NODE_GAP) - NODE_GAP;
  const pw = nodeWidth(lod);
  // The control plane is centred over the node grid (it moves only when the grid gains a column).
  const cpW = CONTROL_PLANE["kube-apiserver"].x + pw + 50 + KCM_W;
  const dx = Math.max(0, Math.round((gridW - cpW) / 2));
  for (const [id, r] of Object.entries(CONTROL_PLANE)) boxes.set(id === "kubectl" ? "actor:kubectl" : id, { ...r, x: r.x + dx });

  // Second band: scheduler | unscheduled pods | controller manager.
  const pendingX = CONTROL_PLANE["kube-apiserver"].x + dx;
  const pendingY = CONTROL_PLANE["kube-scheduler"].y;
  // The area reserves room for a few pods so a Deployment's first replicas do not push the nodes down.
  // Dot view: always its most rows (shorter than kube-controller-manager's box beside it, so free), so a
  // burst of unscheduled pods never moves the nodes below.
  const pendingRows = lod === "dots" ? PENDING_MAX_DOT_ROWS : reserve("area:pending", reservedRows(lod, p.pending.length, PENDING_MIN_ROWS));
  rows.set("area:pending", pendingRows);
  const pendingH = PENDING_HEAD + rowsHeight(lod, pendingRows);
  boxes.set("area:pending", { x: pendingX, y: pendingY, w: pw, h: pendingH });
  if (lod === "cards") p.pending.forEach((pod, i) => boxes.set(pod.id, podSlot(pendingX, pendingY + PENDING_HEAD, i)));
  const kcm = p.components.get("kube-controller-manager");
  const fitted = fitControllers(kcm?.controllers ?? []);
  const kcmH = 54 + kcmLines(fitted.more > 0 ? [...fitted.shown, `+${fitted.more} more`] : fitted.shown) * 15;
  boxes.set("kube-controller-manager", { x: pendingX + pw + 50, y: pendingY, w: KCM_W, h: kcmH });

  let y = pendingY + Math.max(CONTROL_PLANE["kube-scheduler"].h, pendingH, kcmH) + BAND_GAP;

  // Third band: objects in rows, wrapped to the grid's width.
  const perRow = Math.max(4, Math.floor((Math.max(gridW, 950) + OBJ.gap) / (OBJ.w + OBJ.gap)));
  const shownWorkloads = new Set<string>();
  const owners = showOwnership ? p.workloads.filter((w) => w.kind !== "ReplicaSet") : [];
  const replicaSets = showOwnership ? p.workloads.filter((w) => w.kind === "ReplicaSet") : [];
  for (const row of [p.ingresses, p.services, owners, replicaSets]) {
    if (row.length === 0) continue;
    row.forEach((it, i) => {
      boxes.set(it.id, { x: (i % perRow) * (OBJ.w + OBJ.gap), y: y + Math.floor(i / perRow) * (OBJ.h + OBJ.gap), w: OBJ.w, h: OBJ.h });
      if (it.kind !== "Service" && it.kind !== "Ingress") shownWorkloads.add(it.id);
    });
    y += Math.ceil(row.length / perRow) * (OBJ.h + OBJ.gap) - OBJ.gap + 44;
  }
  y += BAND_GAP - 44;
  if (lod === "dots") {
    // One "kubelets" box stands for every node's agents; the single message edge ends here.
    boxes.set("anchor:kubelets", { x: Math.round(gridW / 2 - KUBELETS_W / 2), y, w: KUBELETS_W, h: 36 });
    y += 36 + NODE_GAP;
  }

  // Fourth band: the node grid; each row as tall as its tallest node. In dot view every box reserves the
  // rows of the fullest node plus a rolling update's surge: a hundred boxes read as a grid, and a rollout
  // (which briefly puts a quarter more pods on the nodes) moves no box.
  const nw = nodeWidth(lod);
  let uniformRows: number | undefined;
  if (lod === "dots") {
    let most = 0;
    for (const n of p.nodes) most = Math.max(most, p.podsByNode.get(n.name)?.length ?? 0);
    uniformRows = reserve("nodes", reservedRows(lod, Math.ceil(most * SURGE_HEADROOM), NODE_MIN_ROWS));
  }
  for (let start = 0; start < p.nodes.length; start += cols) {
    const row = p.nodes.slice(start, start + cols);
    let rowH = 0;
    const heights = row.map((n) => {
      const head = nodeHeaderHeight(lod, n.taints.length);
      const r = uniformRows ?? reserve(n.id, reservedRows(lod, p.podsByNode.get(n.name)?.length ?? 0, NODE_MIN_ROWS));
      rows.set(n.id, r);
      rowH = Math.max(rowH, head + rowsHeight(lod, r));
      return head;
    });
    row.forEach((n, i) => {
      const x = i * (nw + NODE_GAP);
      const head = heights[i]!;
      boxes.set(n.id, { x, y, w: nw, h: rowH });
      nodeHeader.set(n.id, head);
      if (lod === "cards") (p.podsByNode.get(n.name) ?? []).forEach((pod, k) => boxes.set(pod.id, podSlot(x, y + head, k)));
    });
    y += rowH + NODE_GAP;
  }
  return { lod, rows, boxes, nodeHeader, shownWorkloads };
}
