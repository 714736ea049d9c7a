import { describe, expect, it } from "vitest";
import { mkNode, mkPod } from "../components/graph/model/fixtures";
import { PodNameIndex } from "./podIndex";

describe("PodNameIndex", () => {
  it("finds a pod's node by namespace and name, following binds and deletions", () => {
    const idx = new PodNameIndex();
    idx.reset([mkNode("node-1"), mkPod("web-1", { nodeName: "node-1" }), mkPod("web-2")]);
    expect(idx.nodeOf("default", "web-1")).toBe("node-1");
    expect(idx.nodeOf("default", "web-2")).toBeUndefined();
    expect(idx.size).toBe(2);
    idx.put(mkPod("web-2", { nodeName: "node-3" }));
    expect(idx.nodeOf("default", "web-2")).toBe("node-3");
    idx.remove(mkPod("web-1", { nodeName: "node-1" }));
    expect(idx.nodeOf("default", "web-1")).toBeUndefined();
    expect(idx.nodeOf(undefined, undefined)).toBeUndefined();
  });

  it("keeps a name that a new pod (new uid) took over before the old one's removal arrived", () => {
    const idx = new PodNameIndex();
    const old = mkPod("db-0", { id: "uid-old", nodeName: "node-1" });
    idx.reset([old]);
    idx.put(mkPod("db-0", { id: "uid-new", nodeName: "node-2" }));
    idx.remove(old);
    expect(idx.nodeOf("default", "db-0")).toBe("node-2");
  });
});
