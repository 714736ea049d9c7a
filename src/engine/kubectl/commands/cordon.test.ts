// Expected texts from kubectl pkg/cmd/drain/drain.go (RunCordonOrUncordon: already()/changed(), the
// USAGE error of Complete) and pkg/drain/cordon.go (uncordon removes spec.unschedulable).
import { describe, expect, it } from "vitest";
import { nodeObject } from "../util/fixtures";
import { TestCluster } from "../util/testCluster";

describe("kubectl cordon / uncordon", () => {
  it("marks a node unschedulable and back", () => {
    const c = new TestCluster();
    c.create(nodeObject("node-1"));
    expect(c.run("cordon node-1")).toEqual({ out: "node/node-1 cordoned\n", err: "", code: 0 });
    expect(c.get("nodes", undefined, "node-1")?.spec.unschedulable).toBe(true);
    expect(c.run("cordon node-1").out).toBe("node/node-1 already cordoned\n");
    expect(c.run("uncordon node-1").out).toBe("node/node-1 uncordoned\n");
    expect(c.get("nodes", undefined, "node-1")?.spec.unschedulable).toBeUndefined();
    expect(c.run("uncordon node-1").out).toBe("node/node-1 already uncordoned\n");
  });

  it("selects nodes by label", () => {
    const c = new TestCluster();
    c.create(nodeObject("a", { pool: "x" }));
    c.create(nodeObject("b", { pool: "x" }));
    c.create(nodeObject("c", { pool: "y" }));
    expect(c.run("cordon -l pool=x").out).toBe("node/a cordoned\nnode/b cordoned\n");
  });

  it("needs a node, and reports a missing one as the server does", () => {
    const c = new TestCluster();
    expect(c.run("cordon")).toEqual({ out: "", err: "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n", code: 1 });
    expect(c.run("uncordon nope").err).toBe('Error from server (NotFound): nodes "nope" not found\n');
  });
});
