// Expected texts from kubectl pkg/cmd/set/set_image.go: "image updated", nothing printed when nothing
// changes, `error: unable to find container named "x"`, and Validate's messages.
import { describe, expect, it } from "vitest";
import { deploymentObject, podObject } from "../util/fixtures";
import { TestCluster } from "../util/testCluster";

describe("kubectl set image", () => {
  it("updates a container image", () => {
    const c = new TestCluster();
    c.create(deploymentObject("nginx-deployment"));
    expect(c.run("set image deployment/nginx-deployment nginx=nginx:1.16.1")).toEqual({
      out: "deployment.apps/nginx-deployment image updated\n",
      err: "",
      code: 0,
    });
    expect(c.get("deployments", "default", "nginx-deployment")?.spec.template.spec.containers[0].image).toBe("nginx:1.16.1");
    expect(c.run("set image deployment/nginx-deployment nginx=nginx:1.16.1")).toEqual({ out: "", err: "", code: 0 });
    expect(c.run("set image deployment nginx-deployment *=busybox").out).toBe("deployment.apps/nginx-deployment image updated\n");
  });

  it("names a missing container", () => {
    const c = new TestCluster({ nodeAgent: false });
    c.create(podObject("web"));
    expect(c.run("set image pod/web nginx=nginx:2")).toEqual({ out: "", err: 'error: unable to find container named "nginx"\n', code: 1 });
  });

  it("validates its arguments", () => {
    const c = new TestCluster();
    c.create(deploymentObject("d"));
    expect(c.run("set image deployment/d").err).toBe("error: at least one image update is required\n");
    expect(c.run("set image nginx=nginx:2").err).toBe("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
    expect(c.run("set image deployment/d *=a nginx=b").err).toBe("error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n");
    expect(c.run("set image deployment/nope nginx=b").err).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });
});
