// Expected texts from kubectl pkg/cmd/label/label.go as of v1.34: "labeled", "unlabeled" (the object got
// shorter without --overwrite), "not labeled", `label "x" not found.`, validateNoOverwrites, parseLabels,
// and cmdutil.GetResourcesAndPairs.
import { describe, expect, it } from "vitest";
import { podObject } from "../util/fixtures";
import { TestCluster } from "../util/testCluster";

function withPod(): TestCluster {
  const c = new TestCluster({ nodeAgent: false });
  c.create(podObject("nginx", { labels: { app: "nginx" } }));
  return c;
}

describe("kubectl label", () => {
  it("adds, overwrites and removes labels", () => {
    const c = withPod();
    expect(c.run("label pod nginx tier=frontend")).toEqual({ out: "pod/nginx labeled\n", err: "", code: 0 });
    expect(c.get("pods", "default", "nginx")?.metadata.labels).toEqual({ app: "nginx", tier: "frontend" });
    expect(c.run("label pods nginx app=web --overwrite").out).toBe("pod/nginx labeled\n");
    expect(c.run("label pod/nginx tier-").out).toBe("pod/nginx unlabeled\n");
    expect(c.get("pods", "default", "nginx")?.metadata.labels).toEqual({ app: "web" });
  });

  it("refuses to overwrite without --overwrite, with kubectl's message", () => {
    const c = withPod();
    expect(c.run("label pod nginx app=web")).toEqual({
      out: "",
      err: "error: 'app' already has a value (nginx), and --overwrite is false\n",
      code: 1,
    });
  });

  it("says what did not change", () => {
    const c = withPod();
    expect(c.run("label pod nginx missing-").out).toBe('label "missing" not found.\npod/nginx not labeled\n');
    expect(c.run("label pod nginx app=nginx --overwrite").out).toBe("pod/nginx not labeled\n");
  });

  it("validates its arguments", () => {
    const c = withPod();
    expect(c.run("label pod nginx").err).toBe("error: at least one label update is required\n");
    expect(c.run("label a=b").err).toBe("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
    expect(c.run("label pod nginx a=b extra").err).toBe("error: all resources must be specified before label changes: extra\n");
    expect(c.run("label pod nginx a=b=c").err).toBe("error: invalid label spec: a=b=c\n");
    expect(c.run("label pod nginx a=b a-").err).toBe("error: can not both modify and remove a label in the same command\n");
    expect(c.run("label pod nope a=b").err).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it("labels every selected object", () => {
    const c = withPod();
    c.create(podObject("other", { labels: { app: "other" } }));
    expect(c.run("label pods --all env=dev").out).toBe("pod/nginx labeled\npod/other labeled\n");
  });
});
