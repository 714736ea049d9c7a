// Expected texts from kubectl pkg/cmd/delete/delete.go (PrintObj: `pod "x" deleted from default
// namespace` since v1.33, "force deleted" with --grace-period=0 --force, cluster-scoped objects without
// the namespace suffix), Validate's flag errors, and the builder's messages (pkg/resource/builder.go).
import { describe, expect, it } from "vitest";
import { deploymentObject, nodeObject, podObject } from "../util/fixtures";
import { TestCluster } from "../util/testCluster";

function running(...names: string[]): TestCluster {
  const c = new TestCluster();
  for (const n of names) c.create(podObject(n, { labels: { app: n.startsWith("web") ? "web" : n } }));
  c.advance(5000);
  return c;
}

describe("kubectl delete", () => {
  it("deletes a pod and waits for its 30 s grace period, as a terminal blocks", () => {
    const c = running("nginx");
    const t0 = c.clock.now();
    expect(c.run("delete pod nginx")).toEqual({ out: 'pod "nginx" deleted from default namespace\n', err: "", code: 0 });
    expect(c.clock.now() - t0).toBe(30_000);
    expect(c.get("pods", "default", "nginx")).toBeUndefined();
  });

  it("honours --grace-period and --now (grace 1)", () => {
    const c = running("a", "b");
    let t0 = c.clock.now();
    c.run("delete pod a --grace-period=5");
    expect(c.clock.now() - t0).toBe(5_000);
    t0 = c.clock.now();
    expect(c.run("delete pod/b --now").out).toBe('pod "b" deleted from default namespace\n');
    expect(c.clock.now() - t0).toBe(1_000);
  });

  it("force-deletes at once with a warning", () => {
    const c = running("nginx");
    const t0 = c.clock.now();
    expect(c.run("delete pod nginx --grace-period=0 --force")).toEqual({
      out: 'pod "nginx" force deleted from default namespace\n',
      err: "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n",
      code: 0,
    });
    expect(c.clock.now()).toBe(t0);
    expect(c.get("pods", "default", "nginx")).toBeUndefined();
  });

  it("refuses contradictory grace flags", () => {
    const c = running("nginx");
    expect(c.run("delete pod nginx --force --grace-period=5").err).toBe("error: --force and --grace-period greater than 0 cannot be specified together\n");
    expect(c.run("delete pod nginx --now --grace-period=3").err).toBe("error: --now and --grace-period cannot be specified together\n");
    expect(c.run("delete pod nginx --cascade=maybe").err).toBe('error: invalid cascade value (maybe). Must be "background", "foreground", or "orphan"\n');
    expect(c.run("delete pod nginx -o wide").err).toBe("error: unexpected -o output mode: wide. We only support '-o name'\n");
    expect(c.get("pods", "default", "nginx")).toBeDefined();
  });

  it("reports a missing object as the server does, deletes the others, and then does not wait", () => {
    const c = running("a", "b");
    const t0 = c.clock.now();
    expect(c.run("delete pod a nope b")).toEqual({
      out: 'pod "a" deleted from default namespace\npod "b" deleted from default namespace\n',
      err: 'Error from server (NotFound): pods "nope" not found\n',
      code: 1,
    });
    expect(c.clock.now()).toBe(t0);
    expect(c.run("delete pod nope --ignore-not-found")).toEqual({ out: "No resources found\n", err: "", code: 0 });
  });

  it("selects by label and with --all, and says when nothing matched", () => {
    const c = running("web-1", "web-2", "db");
    expect(c.run("delete pods -l app=web --wait=false").out).toBe(
      'pod "web-1" deleted from default namespace\npod "web-2" deleted from default namespace\n',
    );
    expect(c.run("delete pods -l app=nothing")).toEqual({ out: "No resources found\n", err: "", code: 0 });
    expect(c.run("delete pods --all -n kube-system")).toEqual({ out: "No resources found\n", err: "", code: 0 });
    expect(c.run("delete pods --all -l app=db").err).toBe("error: cannot set --all and --selector at the same time\n");
  });

  it("needs a name, a selector or --all", () => {
    const c = running("nginx");
    expect(c.run("delete pod").err).toBe("error: resource(s) were provided, but no name was specified\n");
    expect(c.run("delete").err).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
    expect(c.run("delete pods nginx -l app=nginx").err).toBe("error: name cannot be provided when a selector is specified\n");
    expect(c.run("delete flurbs x").err).toBe('error: the server doesn\'t have a resource type "flurbs"\n');
  });

  it("prints cluster-scoped objects without a namespace, warning when -n was given", () => {
    const c = new TestCluster();
    c.create(nodeObject("node-9"));
    expect(c.run("delete node node-9 -n default")).toEqual({
      out: 'node "node-9" deleted\n',
      err: "Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n",
      code: 0,
    });
    expect(c.run("delete namespace kube-system --wait=false").out).toBe('namespace "kube-system" deleted\n');
  });

  it("uses the group-qualified kind and -o name", () => {
    const c = new TestCluster();
    c.create(deploymentObject("web"));
    c.create(deploymentObject("api"));
    expect(c.run("delete deploy web").out).toBe('deployment.apps "web" deleted from default namespace\n');
    expect(c.run("delete deployment/api -o name").out).toBe("deployment.apps/api\n");
  });

  it("deletes what a manifest names, prefixing errors with the file", () => {
    const c = running("nginx");
    c.files.set("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: gone\n");
    expect(c.run("delete -f pod.yaml")).toEqual({
      out: 'pod "nginx" deleted from default namespace\n',
      err: 'Error from server (NotFound): error when deleting "pod.yaml": pods "gone" not found\n',
      code: 1,
    });
    expect(c.run("delete -f missing.yaml").err).toBe('error: the path "missing.yaml" does not exist\n');
    expect(c.run("delete pod x -f pod.yaml").err).toBe("error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n");
  });

  it("times out with kubectl's wait error when the object outlives --timeout", () => {
    const c = running("nginx");
    const r = c.run("delete pod nginx --timeout=10s");
    expect(r).toEqual({
      out: 'pod "nginx" deleted from default namespace\n',
      err: "error: timed out waiting for the condition on pods/nginx\n",
      code: 1,
    });
  });
});
