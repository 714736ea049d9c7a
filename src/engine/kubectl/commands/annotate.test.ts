// Expected texts from kubectl pkg/cmd/annotate/annotate.go: the "annotated" result line,
// validateNoAnnotationOverwrites, validateAnnotations and cmdutil.ParsePairs ("invalid annotation format").
import { describe, expect, it } from "vitest";
import { deploymentObject } from "../util/fixtures";
import { TestCluster } from "../util/testCluster";

describe("kubectl annotate", () => {
  it("sets and removes annotations", () => {
    const c = new TestCluster();
    c.create(deploymentObject("web"));
    expect(c.run("annotate deployment web owner=team-a")).toEqual({ out: "deployment.apps/web annotated\n", err: "", code: 0 });
    expect(c.get("deployments", "default", "web")?.metadata.annotations?.owner).toBe("team-a");
    expect(c.run("annotate deployment web owner-").out).toBe("deployment.apps/web annotated\n");
    expect(c.get("deployments", "default", "web")?.metadata.annotations?.owner).toBeUndefined();
  });

  it("refuses to overwrite without --overwrite, except the change-cause", () => {
    const c = new TestCluster();
    c.create(deploymentObject("web"));
    c.run("annotate deployment web owner=team-a");
    expect(c.run("annotate deployment web owner=team-b").err).toBe(
      "error: --overwrite is false but found the following declared annotation(s): 'owner' already has a value (team-a)\n",
    );
    expect(c.run("annotate deployment web owner=team-b --overwrite").code).toBe(0);
    c.run("annotate deployment web kubernetes.io/change-cause=one");
    expect(c.run("annotate deployment web kubernetes.io/change-cause=two").out).toBe("deployment.apps/web annotated\n");
  });

  it("validates its arguments", () => {
    const c = new TestCluster();
    c.create(deploymentObject("web"));
    expect(c.run("annotate deployment web").err).toBe("error: at least one annotation update is required\n");
    expect(c.run("annotate deployment web a=1 a-").err).toBe("error: can not both modify and remove the following annotation(s) in the same command: a\n");
  });
});
