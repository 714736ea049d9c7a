// kubectl describe (pkg/cmd/describe/describe.go): describers' texts joined by a blank line, the
// NAME_PREFIX fallback (DescribeMatchingResources), "No resources found", and the missing-type error.
// The describers' own layout is the printers' (pkg/describe/describe.go ports).
import { describe, expect, it } from "vitest";
import { deploymentObject, podObject } from "../util/fixtures";
import { TestCluster } from "../util/testCluster";

function cluster(): TestCluster {
  const c = new TestCluster({ controllers: true });
  c.create(deploymentObject("nginx", { replicas: 2 }), "kubectl");
  c.create(podObject("standalone"));
  c.advance(20_000);
  return c;
}

describe("kubectl describe", () => {
  it("describes a deployment with its replica sets and events", () => {
    const c = cluster();
    const r = c.run("describe deployment nginx");
    expect(r.code).toBe(0);
    expect(r.out.startsWith("Name:                   nginx\nNamespace:              default\n")).toBe(true);
    expect(r.out).toMatch(/\nOldReplicaSets: {2}<none>\nNewReplicaSet: {3}nginx-[a-z0-9]{10} \(2\/2 replicas created\)\n/);
    expect(r.out).toMatch(/Normal {2}ScalingReplicaSet {2}20s {3}deployment-controller {2}Scaled up replica set nginx-[a-z0-9]{10} from 0 to 2\n$/);
  });

  it("describes every object whose name starts with the given prefix", () => {
    const c = cluster();
    const r = c.run("describe pods nginx");
    expect(r.code).toBe(0);
    expect(r.out.match(/^Name: +nginx-/gm)).toHaveLength(2);
    expect(c.run("describe pod/nginx").err).toBe('Error from server (NotFound): pods "nginx" not found\n');
    expect(c.run("describe pods zzz").err).toBe('Error from server (NotFound): pods "zzz" not found\n');
  });

  // Run prints the first text, then "\n\n%s" for each next one; every text ends with a newline.
  it("separates several objects with two blank lines", () => {
    const c = cluster();
    const out = c.run("describe pods").out;
    expect(out.match(/\n\n\nName: /g)).toHaveLength(2);
    expect(out.match(/^Name: /gm)).toHaveLength(3);
  });

  it("says when there is nothing, and needs a type", () => {
    const c = cluster();
    expect(c.run("describe pods -n kube-system")).toEqual({ out: "", err: "No resources found in kube-system namespace.\n", code: 0 });
    expect(c.run("describe").err).toBe('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
  });
});
