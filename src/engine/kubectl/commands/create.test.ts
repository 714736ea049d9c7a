// kubectl create (pkg/cmd/create/create.go, create_deployment.go, create_namespace.go): the object
// `create deployment` generates, its wrapped error, NameFromCommandArgs, and create -f's AlreadyExists.
import { describe, expect, it } from "vitest";
import { containerName } from "./createDeployment";
import { TestCluster } from "../util/testCluster";

describe("kubectl create deployment", () => {
  it("generates the upstream Deployment", () => {
    const c = new TestCluster({ nodeAgent: false });
    expect(c.run("create deployment my-dep --image=busybox:1.36 --replicas=2 --port=8080 -- sleep 3600")).toEqual({
      out: "deployment.apps/my-dep created\n",
      err: "",
      code: 0,
    });
    const d = c.get("deployments", "default", "my-dep")!;
    expect(d.metadata.labels).toEqual({ app: "my-dep" });
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.selector).toEqual({ matchLabels: { app: "my-dep" } });
    expect(d.spec.template.metadata.labels).toEqual({ app: "my-dep" });
    const c0 = d.spec.template.spec.containers[0];
    expect([c0.name, c0.image, c0.command, c0.ports[0].containerPort]).toEqual(["busybox", "busybox:1.36", ["sleep", "3600"], 8080]);
  });

  it("names containers after the image's last path element, without tag or digest", () => {
    const r = () => 0;
    expect(containerName("registry.k8s.io/nginx:1.25", r)).toBe("nginx");
    expect(containerName("ghcr.io/org/app@sha256:abc", r)).toBe("app");
    // "." and "_" are not allowed: replaced, then made unique with five random characters.
    expect(containerName("my_app.v2", r)).toBe("my-app-v2-bbbbb");
  });

  it("reports kubectl's errors", () => {
    const c = new TestCluster({ nodeAgent: false });
    c.run("create deployment web --image=nginx");
    expect(c.run("create deployment web --image=nginx").err).toBe('error: failed to create deployment: deployments.apps "web" already exists\n');
    expect(c.run("create deployment --image=nginx").err).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n");
    expect(c.run("create deployment a b --image=nginx").err).toBe("error: exactly one NAME is required, got 2\nSee 'kubectl create deployment -h' for help and examples\n");
    expect(c.run("create deployment x").err).toBe('error: required flag(s) "image" not set\n');
  });
});

describe("kubectl create namespace / -f", () => {
  it("creates namespaces, and fails as the server does", () => {
    const c = new TestCluster();
    expect(c.run("create namespace dev").out).toBe("namespace/dev created\n");
    expect(c.run("create ns dev").err).toBe('Error from server (AlreadyExists): namespaces "dev" already exists\n');
  });

  it("creates from a file, once", () => {
    const c = new TestCluster({ nodeAgent: false });
    c.files.set("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n");
    expect(c.run("create -f pod.yaml").out).toBe("pod/web created\n");
    expect(c.get("pods", "default", "web")?.metadata.annotations).toBeUndefined();
    expect(c.run("create -f pod.yaml").err).toBe('Error from server (AlreadyExists): error when creating "pod.yaml": pods "web" already exists\n');
  });

  it("needs -f or a sub-command", () => {
    const c = new TestCluster();
    const r = c.run("create");
    expect(r.code).toBe(1);
    expect(r.err.startsWith("Error: must specify one of -f and -k\n\nCreate a resource from a file or from stdin\n")).toBe(true);
    expect(c.run("create foo").err).toBe("Error: must specify one of -f and -k\n\nerror: unknown command \"foo\"\nSee 'kubectl create -h' for help and examples\n");
  });
});
