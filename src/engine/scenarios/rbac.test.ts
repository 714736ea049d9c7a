// RBAC on a full cluster, with the examples of web reference/access-authn-authz/rbac.md (SCENARIOS.md
// extra candidate: simple-role.yaml + simple-rolebinding-with-role.yaml, "jane can get/watch/list pods in
// default only"), the learner as kind's kubernetes-admin, and the control loops running as their upstream
// identities — unrefused, until their binding is taken away.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Session } from "../sim/session";
import { fixture, newCluster } from "./testCluster";

function session() {
  const c = newCluster();
  const dir = join(import.meta.dirname, "fixtures", "rbac");
  const s = new Session(c, { readFile: (p) => { try { return readFileSync(join(dir, p), "utf8"); } catch { return undefined; } }, readDir: () => undefined });
  const run = (line: string) => s.run(line);
  return { c, s, run };
}

describe("RBAC with the documentation's examples", () => {
  it("lets jane read pods in default only (Role pod-reader + RoleBinding read-pods)", () => {
    const { run } = session();
    expect(run("kubectl apply -f simple-role.yaml").out).toBe("role.rbac.authorization.k8s.io/pod-reader created\n");
    expect(run("kubectl apply -f simple-rolebinding-with-role.yaml").out).toBe("rolebinding.rbac.authorization.k8s.io/read-pods created\n");
    for (const verb of ["get", "watch", "list"]) expect(run(`kubectl auth can-i ${verb} pods --as=jane`)).toEqual({ out: "yes\n", err: "", code: 0 });
    expect(run("kubectl auth can-i create pods --as=jane")).toEqual({ out: "no\n", err: "", code: 1 });
    expect(run("kubectl auth can-i list pods --as=jane --namespace=kube-system")).toEqual({ out: "no\n", err: "", code: 1 });
    expect(run("kubectl get pods --as=jane")).toEqual({ out: "", err: "No resources found in default namespace.\n", code: 0 });
    expect(run("kubectl get pods -n kube-system --as=jane").err).toBe(
      'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "kube-system"\n',
    );
    expect(run("kubectl get deployments --as=jane").err).toBe(
      'Error from server (Forbidden): deployments.apps is forbidden: User "jane" cannot list resource "deployments" in API group "apps" in the namespace "default"\n',
    );
    expect(run("kubectl get rolebindings -o wide").out).toBe(
      "NAME        ROLE              AGE   USERS   GROUPS   SERVICEACCOUNTS\nread-pods   Role/pod-reader   0s    jane             \n",
    );
  });

  it("lets the manager group read secrets everywhere, and dave only in development", () => {
    const { run } = session();
    run("kubectl apply -f simple-clusterrole.yaml");
    run("kubectl apply -f simple-clusterrolebinding.yaml");
    run("kubectl create namespace development");
    expect(run("kubectl apply -f simple-rolebinding-with-clusterrole.yaml").out).toBe("rolebinding.rbac.authorization.k8s.io/read-secrets created\n");
    expect(run("kubectl auth can-i get secrets --as=ann --as-group=manager -n kube-system").out).toBe("yes\n");
    expect(run("kubectl auth can-i list secrets --as=dave -n development").out).toBe("yes\n");
    expect(run("kubectl auth can-i list secrets --as=dave").out).toBe("no\n");
    expect(run("kubectl get secrets --as=dave -n kube-public")).toEqual({
      out: "",
      err: 'Error from server (Forbidden): secrets is forbidden: User "dave" cannot list resource "secrets" in API group "" in the namespace "kube-public"\n',
      code: 1,
    });
  });

  it("gives every namespace a default service account that can do nothing yet, and view once bound", () => {
    const { c, run } = session();
    run("kubectl create namespace dev");
    c.advance(1000);
    expect(run("kubectl get serviceaccounts -n dev").out).toBe("NAME      SECRETS   AGE\ndefault   0         1s\n");
    expect(run("kubectl auth can-i list pods -n dev --as=system:serviceaccount:dev:default").code).toBe(1);
    run("kubectl create rolebinding default-view --clusterrole=view --serviceaccount=dev:default -n dev");
    expect(run("kubectl auth can-i list pods -n dev --as=system:serviceaccount:dev:default").out).toBe("yes\n");
    // view is aggregated: it does not include secrets, and grants nothing outside dev.
    expect(run("kubectl auth can-i get secrets -n dev --as=system:serviceaccount:dev:default").out).toBe("no\n");
    expect(run("kubectl auth can-i list pods --as=system:serviceaccount:dev:default").out).toBe("no\n");
  });
});

describe("the control plane under RBAC", () => {
  it("never refuses a control loop in the course of an ordinary day", () => {
    const { c, run } = session();
    const refused: string[] = [];
    c.audit.subscribe((e) => {
      if (e.code === 403 && e.actor !== "kubectl") refused.push(`${e.actor} ${e.verb} ${e.resource}`);
    });
    c.api.create("kubectl", fixture("nginx-deployment.yaml"));
    c.api.create("kubectl", fixture("job.yaml"));
    for (const line of [
      "sim advance 60s", "kubectl scale deployment nginx-deployment --replicas=5", "kubectl create namespace dev",
      // A LoadBalancer Service: cloud-provider-kind adds its cleanup finalizer and writes the address.
      "kubectl expose deployment nginx-deployment --type=LoadBalancer --port=80", "sim advance 10s",
      "kubectl create pdb nginx --selector=app.kubernetes.io/name=nginx --max-unavailable=1", "sim advance 30s",
      "kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data --force --timeout=2m", "kubectl uncordon node-1",
      "kubectl delete namespace dev", "sim node kill node-2", "sim advance 7m", "sim node restore node-2", "sim advance 2m",
    ]) run(line);
    expect(refused).toEqual([]);
    expect(c.store.get("namespaces", "namespaces/dev")).toBeUndefined();
    expect(c.internalErrors).toEqual([]);
  });

  it("stops the ReplicaSet controller once its binding is deleted, as on a real cluster", () => {
    const { c, run } = session();
    expect(run("kubectl delete clusterrolebinding system:controller:replicaset-controller").out).toBe(
      'clusterrolebinding.rbac.authorization.k8s.io "system:controller:replicaset-controller" deleted\n',
    );
    c.api.create("kubectl", fixture("nginx-deployment.yaml"));
    run("sim advance 30s");
    expect(c.list("pods", "default")).toEqual([]);
    const refusal = c.audit.since(0).find((e) => e.actor === "replicaset-controller" && e.code === 403);
    expect(refusal).toMatchObject({ verb: "create", resource: "pods", namespace: "default" });
  });
});
