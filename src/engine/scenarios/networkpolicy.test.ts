// NetworkPolicy on a running cluster, with the documentation's manifests: tasks/administer-cluster/
// declare-network-policy.md (nginx-policy.yaml: only pods labelled access=true reach nginx) and
// concepts/services-networking/network-policies.md (networkpolicy.yaml for role=db, default deny,
// allow-all-egress/deny-all-ingress). Verdicts through `sim can-reach`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types";
import { Session } from "../sim/session";
import { newCluster } from "./testCluster";

const pod = (name: string, labels: Record<string, string>, namespace = "default", port = 80): KubeObject =>
  ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace, labels }, spec: { containers: [{ name: "c", image: "nginx", ports: [{ containerPort: port }] }] } }) as unknown as KubeObject;

function setup() {
  const c = newCluster();
  const dir = join(import.meta.dirname, "fixtures", "networkpolicy");
  const s = new Session(c, { readFile: (p) => { try { return readFileSync(join(dir, p), "utf8"); } catch { return undefined; } }, readDir: () => undefined });
  return { c, run: (l: string) => s.run(l) };
}

describe("NetworkPolicy", () => {
  it("declare-network-policy: after nginx-policy.yaml only access=true clients reach nginx", () => {
    const { c, run } = setup();
    c.api.create("kubectl", pod("nginx", { "app.kubernetes.io/name": "nginx" }));
    c.api.create("kubectl", pod("busybox", { run: "busybox" }));
    c.api.create("kubectl", pod("busybox-access", { run: "busybox", access: "true" }));
    run("sim advance 30s");
    expect(run("sim can-reach busybox nginx 80")).toMatchObject({ out: expect.stringContaining(": allowed\n"), code: 0 });
    expect(run("kubectl apply -f nginx-policy.yaml").out).toBe("networkpolicy.networking.k8s.io/access-nginx created\n");
    expect(run("kubectl get networkpolicy").out).toBe("NAME           POD-SELECTOR                   AGE\naccess-nginx   app.kubernetes.io/name=nginx   0s\n");
    expect(run("sim can-reach busybox nginx 80")).toEqual({
      out: "default/busybox -> default/nginx:80/TCP: denied\n  ingress to default/nginx denied: isolated by NetworkPolicy default/access-nginx, and no ingress rule allows pod default/busybox on TCP port 80\n",
      err: "",
      code: 1,
    });
    expect(run("sim can-reach busybox-access nginx 80").out).toBe(
      "default/busybox-access -> default/nginx:80/TCP: allowed\n  ingress to default/nginx allowed by NetworkPolicy default/access-nginx; no NetworkPolicy selects pod default/busybox-access for egress\n",
    );
    // The policy has no policyTypes and no egress rules: it is defaulted to Ingress only.
    expect(c.store.get("networkpolicies", "networkpolicies/default/access-nginx")!.spec.policyTypes).toEqual(["Ingress"]);
    expect(run("sim can-reach nginx busybox 80").code).toBe(0);
  });

  it("test-network-policy: role=db accepts frontends, myproject pods and 172.17.0.0/16 except 172.17.1.0/24 on 6379", () => {
    const { c, run } = setup();
    run("kubectl create namespace myproject");
    run("kubectl label namespace myproject project=myproject");
    c.api.create("kubectl", pod("db", { role: "db" }, "default", 6379));
    c.api.create("kubectl", pod("frontend", { role: "frontend" }));
    c.api.create("kubectl", pod("backend", { role: "backend" }));
    c.api.create("kubectl", pod("worker", { app: "w" }, "myproject"));
    run("sim advance 30s");
    expect(run("kubectl apply -f networkpolicy.yaml").out).toBe("networkpolicy.networking.k8s.io/test-network-policy created\n");
    expect(run("sim can-reach frontend db 6379").code).toBe(0);
    expect(run("sim can-reach backend db 6379").code).toBe(1);
    expect(run("sim can-reach frontend db 5432").code).toBe(1);
    expect(run("sim can-reach myproject/worker db 6379").code).toBe(0);
    expect(run("sim can-reach 172.17.5.5 db 6379").code).toBe(0);
    expect(run("sim can-reach 172.17.1.5 db 6379").code).toBe(1);
    // db may only send to 10.0.0.0/24 on 5978: its egress to pods is denied.
    expect(run("sim can-reach db frontend 80").out).toContain("egress from default/db denied: isolated by NetworkPolicy default/test-network-policy, and no egress rule allows pod default/frontend on TCP port 80");
  });

  it("default deny ingress, then allow-all-egress/deny-all-ingress, apply to every pod of the namespace", () => {
    const { c, run } = setup();
    c.api.create("kubectl", pod("a", { app: "a" }));
    c.api.create("kubectl", pod("b", { app: "b" }));
    run("sim advance 30s");
    run("kubectl apply -f network-policy-default-deny-ingress.yaml");
    expect(run("sim can-reach a b 80").out).toBe(
      "default/a -> default/b:80/TCP: denied\n  ingress to default/b denied: isolated by NetworkPolicy default/default-deny-ingress, and no ingress rule allows pod default/a on TCP port 80\n",
    );
    run("kubectl delete networkpolicy default-deny-ingress");
    run("kubectl apply -f network-policy-default-deny-egress.yaml");
    expect(run("sim can-reach a b 80").out).toContain("egress from default/a denied: isolated by NetworkPolicy default/default-deny-egress");
    run("kubectl apply -f network-policy-allow-all-egress-deny-all-ingress.yaml");
    // Egress is now allowed by allow-egress-deny-ingress; ingress is denied by it.
    expect(run("sim can-reach a b 80").out).toBe(
      "default/a -> default/b:80/TCP: denied\n  ingress to default/b denied: isolated by NetworkPolicy default/allow-egress-deny-ingress, and no ingress rule allows pod default/a on TCP port 80\n",
    );
    // Another namespace is not affected.
    c.api.create("kubectl", { apiVersion: "v1", kind: "Namespace", metadata: { name: "other" } } as never);
    c.api.create("kubectl", pod("c", { app: "c" }, "other"));
    run("sim advance 30s");
    expect(run("sim can-reach c a 80 -n other").err).toBe('error: pod "a" not found in namespace "other"\n');
    expect(run("sim can-reach other/c other/c 80").code).toBe(0);
  });
});
