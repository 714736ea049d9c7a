// kubectl api-resources (kubectl pkg/cmd/apiresources/apiresources.go): preferred versions only, sorted
// by API group then name, NAME SHORTNAMES APIVERSION NAMESPACED KIND in a kubectl table writer.
import { describe, expect, it } from "vitest";
import { TestCluster } from "../util/testCluster";

describe("kubectl api-resources", () => {
  it("lists the core group first, then the named groups, one preferred version each", () => {
    const c = new TestCluster();
    const lines = c.run("api-resources").out.split("\n");
    expect(lines[0]).toMatch(/^NAME +SHORTNAMES +APIVERSION +NAMESPACED +KIND$/);
    expect(lines[1]).toMatch(/^bindings +v1 +true +Binding$/);
    expect(lines.find((l) => l.startsWith("deployments "))).toMatch(/^deployments +deploy +apps\/v1 +true +Deployment$/);
    expect(lines.filter((l) => l.startsWith("horizontalpodautoscalers "))).toHaveLength(1);
    expect(lines.find((l) => l.startsWith("horizontalpodautoscalers "))).toContain("autoscaling/v2");
    const pods = lines.findIndex((l) => l.startsWith("pods "));
    expect(lines[pods + 1]?.startsWith("podtemplates ")).toBe(true);
  });

  it("filters and names", () => {
    const c = new TestCluster();
    expect(c.run("api-resources --api-group=apps -o name").out).toBe(
      "controllerrevisions.apps\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nstatefulsets.apps\n",
    );
    expect(c.run("api-resources --namespaced=false -o name").out.split("\n")).toContain("nodes");
    expect(c.run("api-resources -o yaml").err).toBe("error: --output yaml is not available\n");
  });
});
