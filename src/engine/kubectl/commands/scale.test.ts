// Expected texts from kubectl pkg/cmd/scale/scale.go (NamePrinter "scaled", Validate's messages, the
// required --replicas flag) and pkg/scale/scale.go (PreconditionError: "Expected %s to be %s, was %s").
import { describe, expect, it } from "vitest";
import { deploymentObject } from "../util/fixtures";
import { TestCluster } from "../util/testCluster";

describe("kubectl scale", () => {
  it("sets spec.replicas and prints kind.group/name scaled", () => {
    const c = new TestCluster();
    c.create(deploymentObject("nginx", { replicas: 3 }));
    expect(c.run("scale deployment nginx --replicas=5")).toEqual({ out: "deployment.apps/nginx scaled\n", err: "", code: 0 });
    expect(c.get("deployments", "default", "nginx")?.spec.replicas).toBe(5);
    expect(c.run("scale deploy/nginx --replicas 0").out).toBe("deployment.apps/nginx scaled\n");
    expect(c.get("deployments", "default", "nginx")?.spec.replicas).toBe(0);
  });

  it("checks --current-replicas and --resource-version preconditions", () => {
    const c = new TestCluster();
    c.create(deploymentObject("nginx", { replicas: 3 }));
    expect(c.run("scale deployment nginx --current-replicas=2 --replicas=4")).toEqual({ out: "", err: "error: Expected replicas to be 2, was 3\n", code: 1 });
    expect(c.run("scale deployment nginx --current-replicas=3 --replicas=4").out).toBe("deployment.apps/nginx scaled\n");
    expect(c.run("scale deployment nginx --resource-version=1 --replicas=1").err).toMatch(/^error: Expected resource version to be 1, was \d+\n$/);
  });

  it("validates its flags", () => {
    const c = new TestCluster();
    c.create(deploymentObject("nginx"));
    expect(c.run("scale deployment nginx").err).toBe('error: required flag(s) "replicas" not set\n');
    expect(c.run("scale deployment nginx --replicas=-1").err).toBe("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n");
    expect(c.run("scale deployment nginx --replicas=1 --current-replicas=-2").err).toBe("error: The --current-replicas must specify an integer of -1 or greater\n");
  });

  it("reports missing objects and kinds without a scale subresource as the server does", () => {
    const c = new TestCluster();
    expect(c.run("scale deployment nope --replicas=2")).toEqual({ out: "", err: 'Error from server (NotFound): deployments.apps "nope" not found\n', code: 1 });
    c.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "default" } } as never);
    expect(c.run("scale configmap cfg --replicas=2").err).toBe("Error from server (NotFound): the server could not find the requested resource\n");
  });
});
