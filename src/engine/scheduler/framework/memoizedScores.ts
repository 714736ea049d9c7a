// The per-node score loop shared by plugins whose raw score depends only on the node's state and a small
// "class" of the pod (its requests): a RowMemo hit is exactly what computing again would give.
import { memoClassIdOf, type NodeColumns, type RowMemo } from "./nodeColumns";
import type { NodeInfo } from "./nodeInfo";

/** Fills `out[i]` with `score(nodes[i])`, reusing each node's memoized value while its generation holds. */
export function scoreNodesMemoized(
  memoId: number,
  classA: number,
  classB: number,
  nodes: readonly NodeInfo[],
  out: Float64Array,
  score: (ni: NodeInfo) => number,
): void {
  const cls = memoClassIdOf(memoId, classA, classB);
  let columns: NodeColumns | undefined;
  let memo: RowMemo | undefined;
  for (let i = 0; i < nodes.length; i++) {
    const ni = nodes[i]!;
    if (ni.columns !== columns) {
      columns = ni.columns;
      memo = columns.rowMemo(memoId);
    }
    const row = ni.index;
    const gen = columns!.generation(row);
    if (memo!.cls[row] === cls && memo!.gen[row] === gen) {
      out[i] = memo!.val[row]!;
      continue;
    }
    const v = score(ni);
    memo!.cls[row] = cls;
    memo!.gen[row] = gen;
    memo!.val[row] = v;
    out[i] = v;
  }
}
