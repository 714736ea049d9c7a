// kubectl apply (pkg/cmd/apply/apply.go): "created" / "configured" / "unchanged", the last-applied
// annotation as pkg/util/apply.go encodes it, three-way merge semantics (fields removed from the
// manifest are removed, server-owned fields kept), RequireNamespace's mismatch error, and per-object
// refusals printed after the successes.
import { describe, expect, it } from "vitest";
import { TestCluster } from "../util/testCluster";

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`;

const POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n";

describe("kubectl apply", () => {
  it("creates, then reports unchanged, then configured", () => {
    const c = new TestCluster({ controllers: true });
    c.files.set("deploy.yaml", DEPLOY);
    expect(c.run("apply -f deploy.yaml")).toEqual({ out: "deployment.apps/nginx-deployment created\n", err: "", code: 0 });
    c.advance(10_000);
    expect(c.run("apply -f deploy.yaml")).toEqual({ out: "deployment.apps/nginx-deployment unchanged\n", err: "", code: 0 });
    c.files.set("deploy.yaml", DEPLOY.replace("replicas: 3", "replicas: 5"));
    expect(c.run("apply -f deploy.yaml").out).toBe("deployment.apps/nginx-deployment configured\n");
    expect(c.get("deployments", "default", "nginx-deployment")?.spec.replicas).toBe(5);
  });

  it("stores the manifest as kubectl encodes it: sorted keys, empty annotations, namespace, newline", () => {
    const c = new TestCluster({ nodeAgent: false });
    c.files.set("pod.yaml", POD);
    c.run("apply -f pod.yaml");
    expect(c.get("pods", "default", "web")?.metadata.annotations).toEqual({
      "kubectl.kubernetes.io/last-applied-configuration":
        '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"containers":[{"image":"nginx","name":"web"}]}}\n',
    });
  });

  it("removes what the manifest no longer has, keeps what others set", () => {
    const c = new TestCluster();
    c.files.set("deploy.yaml", DEPLOY);
    c.run("apply -f deploy.yaml");
    c.run("annotate deployment nginx-deployment team=a");
    c.files.set("deploy.yaml", DEPLOY.replace("        ports:\n        - containerPort: 80\n", "").replace("  labels:\n    app: nginx\nspec", "spec"));
    expect(c.run("apply -f deploy.yaml").out).toBe("deployment.apps/nginx-deployment configured\n");
    const d = c.get("deployments", "default", "nginx-deployment")!;
    expect(d.metadata.labels).toBeUndefined();
    expect(d.metadata.annotations?.team).toBe("a");
    expect(d.spec.template.spec.containers[0].ports).toBeUndefined();
    // Server defaults inside the container are not the user's: they stay.
    expect(d.spec.template.spec.containers[0].imagePullPolicy).toBe("IfNotPresent");
  });

  it("warns when the live object was not created by apply", () => {
    const c = new TestCluster({ nodeAgent: false });
    c.files.set("pod.yaml", POD);
    c.run("create -f pod.yaml");
    expect(c.run("apply -f pod.yaml")).toEqual({
      out: "pod/web configured\n",
      err:
        "Warning: resource pods/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n",
      code: 0,
    });
  });

  it("refuses an object in another namespace than -n", () => {
    const c = new TestCluster({ nodeAgent: false });
    c.files.set("pod.yaml", POD.replace("  name: web\n", "  name: web\n  namespace: a\n"));
    expect(c.run("apply -f pod.yaml -n b")).toEqual({
      out: "",
      // kubectl's line, then Kubelab's pointer into the manifest (metadata.namespace is line 5, column 3).
      err:
        "error: the namespace from the provided object \"a\" does not match the namespace \"b\". You must pass '--namespace=a' to perform this operation.\n" +
        "  at pod.yaml, document 1, line 5, column 3, field metadata.namespace\n",
      code: 1,
    });
  });

  it("applies the good documents and reports each bad one after them", () => {
    const c = new TestCluster({ nodeAgent: false });
    c.files.set(
      "mixed.yaml",
      "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: hello\nspec:\n  schedule: '* * * * *'\n---\n" + POD + "---\n" + POD.replace("name: web\nspec", "name: other\nspec").replace("    image: nginx\n", "    image: nginx\n    imagePullPolicyy: Always\n"),
    );
    expect(c.run("apply -f mixed.yaml")).toEqual({
      out: "pod/web created\n",
      err:
        'resource mapping not found for name: "hello" namespace: "" from "mixed.yaml": no matches for kind "CronJob" in version "batch/v1beta1"\nensure CRDs are installed first\n' +
        "  at mixed.yaml, document 1, line 2, column 1, field kind\n" +
        'Error from server (BadRequest): error when creating "mixed.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolicyy"\n' +
        "  at mixed.yaml, document 3, line 25, column 5, field spec.containers[0].imagePullPolicyy\n",
      code: 1,
    });
  });

  it("reads directories (-R for sub-directories) and stdin", () => {
    const c = new TestCluster({ nodeAgent: false });
    c.files.set("app/pod.yaml", POD);
    c.files.set("app/readme.md", "not a manifest");
    c.files.set("app/sub/pod2.yml", POD.replace("name: web", "name: web2"));
    expect(c.run("apply -f app").out).toBe("pod/web created\n");
    expect(c.run("apply -f app -R").out).toBe("pod/web unchanged\npod/web2 created\n");
    c.stdin = POD.replace("name: web", "name: piped");
    expect(c.run("apply -f -").out).toBe("pod/piped created\n");
  });

  it("says which kinds are stored but not simulated", () => {
    const c = new TestCluster({ nodeAgent: false });
    c.files.set("rc.yaml", "apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: a\nhandler: runc\n---\napiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: b\nhandler: runc\n");
    expect(c.run("apply -f rc.yaml")).toEqual({
      out: "runtimeclass.node.k8s.io/a created\nruntimeclass.node.k8s.io/b created\n",
      err: "Warning: kubelab: runtimeclasses.node.k8s.io are stored but not simulated yet\n",
      code: 0,
    });
  });

  it("validates its arguments", () => {
    const c = new TestCluster();
    expect(c.run("apply").err).toBe("error: must specify one of -f and -k\n");
    expect(c.run("apply pod.yaml").err).toBe("error: Unexpected args: [pod.yaml]\nSee 'kubectl apply -h' for help and examples\n");
    expect(c.run("apply -f nope.yaml").err).toBe('error: the path "nope.yaml" does not exist\n');
    c.files.set("empty.yaml", "# nothing\n");
    expect(c.run("apply -f empty.yaml").err).toBe("error: no objects passed to apply\n");
  });
});
