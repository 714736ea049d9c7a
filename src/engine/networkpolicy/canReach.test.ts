// `sim can-reach`: the verdict line, the reason, exit code 1 when denied, and its argument errors.
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types";
import { Store } from "../apiserver/store";
import { runCanReach } from "./canReach";

function store(): Store {
  const s = new Store();
  const put = (resource: string, key: string, o: object) => s.put(resource, key, o as KubeObject);
  put("namespaces", "namespaces/default", { apiVersion: "v1", kind: "Namespace", metadata: { name: "default", labels: { "kubernetes.io/metadata.name": "default" } } });
  put("pods", "pods/default/db", { apiVersion: "v1", kind: "Pod", metadata: { name: "db", namespace: "default", labels: { role: "db" } }, spec: { containers: [] }, status: { podIP: "10.244.1.5" } });
  put("pods", "pods/default/web", { apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default", labels: { role: "web" } }, spec: { containers: [] }, status: { podIP: "10.244.2.5" } });
  put("networkpolicies", "networkpolicies/default/db-from-web", {
    apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "db-from-web", namespace: "default" },
    spec: { podSelector: { matchLabels: { role: "db" } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: "web" } } }], ports: [{ port: 5432 }] }], policyTypes: ["Ingress"] },
  });
  return s;
}

describe("sim can-reach", () => {
  it("prints the verdict and the reason", () => {
    expect(runCanReach(store(), ["web", "db", "5432"])).toEqual({
      out: "default/web -> default/db:5432/TCP: allowed\n  ingress to default/db allowed by NetworkPolicy default/db-from-web; no NetworkPolicy selects pod default/web for egress\n",
      err: "",
      code: 0,
    });
    const denied = runCanReach(store(), ["default/db", "default/db", "5432/udp", "-n", "default"]);
    expect(denied.code).toBe(1);
    expect(denied.out).toBe("default/db -> default/db:5432/UDP: denied\n  ingress to default/db denied: isolated by NetworkPolicy default/db-from-web, and no ingress rule allows pod default/db on UDP port 5432\n");
    expect(runCanReach(store(), ["203.0.113.7", "web", "80"]).out).toBe("203.0.113.7 -> default/web:80/TCP: allowed\n  no NetworkPolicy selects pod default/web for ingress\n");
  });

  it("refuses bad arguments", () => {
    expect(runCanReach(store(), ["web", "db"]).err).toBe("error: usage: sim can-reach FROM_POD TO_POD PORT[/TCP|UDP|SCTP] [-n NAMESPACE]\n");
    expect(runCanReach(store(), ["web", "nope", "80"]).err).toBe('error: pod "nope" not found in namespace "default"\n');
    expect(runCanReach(store(), ["web", "db", "70000"]).code).toBe(1);
    expect(runCanReach(store(), ["web", "db", "80", "-n", "kube-system"]).err).toBe('error: pod "db" not found in namespace "kube-system"\n');
  });
});
