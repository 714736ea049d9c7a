// kubectl get (pkg/cmd/get/get.go): one table per type with kind-prefixed names when several kinds are
// printed, a blank line between groups, NotFound after the output, "No resources found in <ns>
// namespace." on stderr, printGeneric's single object vs List, and the missing-resource message.
// Column layouts are the printers' (printers.go); these tests check what get.go decides.
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { deploymentObject, nodeObject, podObject } from "../util/fixtures";
import { TestCluster } from "../util/testCluster";

function cluster(): TestCluster {
  const c = new TestCluster({ controllers: true });
  c.create({ apiVersion: "v1", kind: "Service", metadata: { name: "kubernetes", namespace: "default" }, spec: { clusterIP: "10.96.0.1", ports: [{ port: 443, protocol: "TCP" }] } } as unknown as KubeObject);
  c.create(podObject("standalone", { labels: { run: "standalone" } }));
  c.advance(20_000);
  return c;
}

describe("kubectl get", () => {
  it("prints a table for one type", () => {
    const c = cluster();
    expect(c.run("get pods")).toEqual({
      out: "NAME         READY   STATUS    RESTARTS   AGE\nstandalone   1/1     Running   0          20s\n",
      err: "",
      code: 0,
    });
  });

  it("prefixes names with the kind and separates groups when several kinds print", () => {
    const c = cluster();
    const out = c.run("get all").out;
    expect(out).toBe(
      "NAME             READY   STATUS    RESTARTS   AGE\npod/standalone   1/1     Running   0          20s\n\n" +
        "NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nservice/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   20s\n",
    );
    // An empty second type still makes the request multi-kind.
    expect(c.run("get pods,deployments").out.split("\n")[1]).toMatch(/^pod\/standalone /);
  });

  it("reports missing objects after the ones it found", () => {
    const c = cluster();
    expect(c.run("get pod standalone nope")).toEqual({
      out: "NAME         READY   STATUS    RESTARTS   AGE\nstandalone   1/1     Running   0          20s\n",
      err: 'Error from server (NotFound): pods "nope" not found\n',
      code: 1,
    });
    expect(c.run("get pod nope --ignore-not-found")).toEqual({ out: "", err: "", code: 0 });
  });

  it("says when nothing was found", () => {
    const c = cluster();
    expect(c.run("get pods -n kube-system")).toEqual({ out: "", err: "No resources found in kube-system namespace.\n", code: 0 });
    expect(c.run("get nodes")).toEqual({ out: "", err: "No resources found\n", code: 0 });
    expect(c.run("get deployments -A").err).toBe("No resources found\n");
  });

  it("filters by label and field, and refuses unknown field selectors as the server does", () => {
    const c = cluster();
    c.create(deploymentObject("web", { replicas: 1 }), "kubectl");
    c.advance(10_000);
    expect(c.run("get pods -l run=standalone -o name").out).toBe("pod/standalone\n");
    expect(c.run("get pods --field-selector metadata.name=standalone -o name").out).toBe("pod/standalone\n");
    expect(c.run("get pods --field-selector foo=bar").err).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo\n',
    );
  });

  it("adds NAMESPACE with -A and LABELS with --show-labels", () => {
    const c = cluster();
    const lines = c.run("get pods -A --show-labels").out.split("\n");
    expect(lines[0]).toMatch(/^NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE +LABELS$/);
    expect(lines[1]).toMatch(/^default +standalone +1\/1 +Running +0 +20s +run=standalone$/);
  });

  it("prints one object as itself and several as a List", () => {
    const c = cluster();
    expect(JSON.parse(c.run("get pod standalone -o json").out).kind).toBe("Pod");
    const list = JSON.parse(c.run("get pods -o json").out);
    expect([list.kind, list.apiVersion, list.items.length]).toEqual(["List", "v1", 1]);
    // JSONPathPrinter adds no newline; runKubectl ends every stream with one.
    expect(c.run("get pod standalone -o jsonpath={.spec.nodeName}").out).toBe("node-1\n");
    expect(c.run("get pods -o custom-columns=NAME:.metadata.name").out).toBe("NAME\nstandalone\n");
  });

  it("sorts with --sort-by", () => {
    const c = cluster();
    c.create(nodeObject("b", { zone: "1" }));
    c.create(nodeObject("a", { zone: "2" }));
    expect(c.run("get nodes --sort-by=.metadata.labels.zone -o name").out).toBe("node/b\nnode/a\n");
  });

  it("words its usage errors as kubectl", () => {
    const c = cluster();
    expect(c.run("get")).toEqual({
      out: "",
      err:
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
        'error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
      code: 1,
    });
    expect(c.run("get pods -o foo").err).toBe(
      'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    );
    expect(c.run("get flurbs").err).toBe('error: the server doesn\'t have a resource type "flurbs"\n');
    expect(c.run("get pods x -A").err).toBe("error: a resource cannot be retrieved by name across all namespaces\n");
  });
});
