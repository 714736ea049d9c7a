import { it } from "vitest";
import { partition } from "/work/main/src/components/graph/model/partition";
import { GraphModel } from "/work/main/src/components/graph/model/graphModel";
import { syntheticCluster, toMap, mkPod } from "/work/main/src/components/graph/model/fixtures";
it("bench", () => {
  const items = syntheticCluster(100, 30, 0).map((i) => (i.kind === "Pod" ? { ...i, createdAt: 5 } : i));
  const map = toMap(items);
  let p = partition(map);
  let t = performance.now();
  for (let k = 0; k < 20; k++) p = partition(new Map(map), p);
  console.log("partition ms", ((performance.now() - t) / 20).toFixed(2));
  const m = new GraphModel();
  m.update(map, true, 0);
  t = performance.now();
  for (let k = 0; k < 20; k++) {
    const next = new Map(map);
    next.set("uid-pod-5", mkPod("changed" + k, { id: "uid-pod-5", nodeName: "node-1", restarts: k, createdAt: 5 }));
    m.update(next, true, k);
  }
  console.log("model.update ms", ((performance.now() - t) / 20).toFixed(2));
});
