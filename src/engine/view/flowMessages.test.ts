import { describe, expect, it } from "vitest";
import { Store } from "../apiserver/store";
import type { AuditEntry } from "../apiserver/audit";
import type { KubeObject } from "../api/types";
import { actorBox, flowMessage, summarize } from "./flowMessages";

const entry = (e: Partial<AuditEntry>): AuditEntry => ({ seq: 1, t: 0, actor: "kubectl", verb: "get", resource: "pods", code: 200, ...e });

describe("flow messages", () => {
  it("start from the graph box of the actor", () => {
    expect(actorBox("kubectl")).toBe("kubectl");
    expect(actorBox("kube-scheduler")).toBe("kube-scheduler");
    expect(actorBox("default-scheduler")).toBe("kube-scheduler");
    expect(actorBox("kubelet/node-2")).toBe("kubelet/node-2");
    expect(actorBox("replicaset-controller")).toBe("kube-controller-manager");
    expect(actorBox("generic-garbage-collector")).toBe("kube-controller-manager");
    expect(actorBox("node-controller")).toBe("kube-controller-manager");
    expect(actorBox("system:apiserver")).toBe("kube-apiserver");
    expect(actorBox("kubeadm")).toBe("kubectl");
  });

  it("say what happened in a sentence", () => {
    const store = new Store();
    store.put("pods", "pods/default/web-1", { apiVersion: "v1", kind: "Pod", metadata: { name: "web-1", namespace: "default" }, spec: { nodeName: "node-2" } } as unknown as KubeObject);
    store.put("events", "events/default/web-1.1", {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "web-1.1", namespace: "default" },
      reason: "Scheduled",
      involvedObject: { kind: "Pod", namespace: "default", name: "web-1" },
    } as unknown as KubeObject);
    const s = (e: Partial<AuditEntry>) => summarize(entry(e), store);
    expect(s({ actor: "kube-scheduler", verb: "create", subresource: "binding", namespace: "default", name: "web-1", code: 201 })).toBe("kube-scheduler binds default/web-1 to node-2");
    expect(s({ actor: "kubelet/node-1", verb: "patch", subresource: "status", namespace: "default", name: "web-1" })).toBe("kubelet/node-1 updates status of pod default/web-1");
    expect(s({ actor: "replicaset-controller", verb: "create", namespace: "default", name: "web-1", code: 201 })).toBe("replicaset-controller creates pod default/web-1");
    expect(s({ actor: "kubelet/node-1", verb: "patch", resource: "leases", namespace: "kube-node-lease", name: "node-1" })).toBe("kubelet/node-1 renews lease kube-node-lease/node-1");
    expect(s({ actor: "default-scheduler", verb: "create", resource: "events", namespace: "default", name: "web-1.1", code: 201 })).toBe("default-scheduler records event Scheduled about pod default/web-1");
    expect(s({ actor: "kubectl", verb: "list", resource: "deployments", namespace: "default" })).toBe("kubectl lists deployments in default");
    expect(s({ actor: "kubectl", verb: "delete", resource: "nodes", name: "node-3" })).toBe("kubectl deletes node node-3");
    expect(s({ actor: "deployment-controller", verb: "update", resource: "replicasets", subresource: "status", namespace: "default", name: "web-abc", code: 409 })).toBe(
      "deployment-controller updates status of replicaset default/web-abc (refused: 409 Conflict)",
    );
  });

  it("carry the audit entry's fields", () => {
    const m = flowMessage(entry({ seq: 7, t: 1234, actor: "kubelet/node-1", verb: "patch", subresource: "status", namespace: "default", name: "x" }), new Store());
    expect(m).toEqual({ seq: 7, t: 1234, actor: "kubelet/node-1", from: "kubelet/node-1", verb: "patch", resource: "pods", subresource: "status", namespace: "default", name: "x", code: 200, summary: "kubelet/node-1 updates status of pod default/x" });
  });
});
