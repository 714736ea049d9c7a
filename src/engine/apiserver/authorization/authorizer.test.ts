// The kubeadm authorization chain: system:masters first (no binding needed), then Node, then RBAC.
// Identities of the simulated components are those upstream's components authenticate as.
import { describe, expect, it } from "vitest";
import { resolveResource } from "../../api/registry";
import { Store } from "../store";
import { ApiAuthorizer } from "./authorizer";
import { identityOf } from "./identities";
import { bindingObject, newRbacKernel, roleObject } from "./testing/rbacKernel";
import { resourceAttributes } from "./types";

const pods = resolveResource("pods")!;
const nodes = resolveResource("nodes")!;
const secrets = resolveResource("secrets")!;

describe("identities", () => {
  it("maps the audit actors to upstream users", () => {
    expect(identityOf("kubectl")).toEqual({ name: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"] });
    expect(identityOf("kubelet/node-2")).toEqual({ name: "system:node:node-2", groups: ["system:nodes", "system:authenticated"] });
    expect(identityOf("kube-scheduler").name).toBe("system:kube-scheduler");
    expect(identityOf("replicaset-controller").name).toBe("system:serviceaccount:kube-system:replicaset-controller");
    expect(identityOf("endpoints-controller").name).toBe("system:serviceaccount:kube-system:endpoint-controller");
    expect(identityOf("system:apiserver").groups).toContain("system:masters");
  });
});

describe("ApiAuthorizer", () => {
  it("lets everything through in AlwaysAllow mode (a bare API server)", () => {
    const a = new ApiAuthorizer(new Store(), "AlwaysAllow");
    expect(a.authorizeRequest("anyone", "delete", nodes, undefined, "n", undefined)).toBeUndefined();
  });

  it("authorizes the components through their bootstrap roles and refuses what those roles lack", () => {
    const k = newRbacKernel();
    const ask = (actor: string, verb: string, rt = pods, ns: string | undefined = "default", name?: string, sub?: string) => k.authz.authorizeRequest(actor, verb, rt, ns, name, sub)?.message ?? "allowed";
    expect(ask("replicaset-controller", "create", pods)).toBe("allowed");
    expect(ask("kube-scheduler", "create", pods, "default", "web", "binding")).toBe("allowed");
    expect(ask("kubelet/node-1", "patch", pods, "default", "web", "status")).toBe("allowed");
    expect(ask("kubelet/node-1", "create", resolveResource("leases")!, "kube-node-lease")).toBe("allowed");
    expect(ask("kubeadm", "delete", nodes, undefined, "node-1")).toBe("allowed");
    expect(ask("replicaset-controller", "get", secrets, "default", "db")).toBe(
      'secrets "db" is forbidden: User "system:serviceaccount:kube-system:replicaset-controller" cannot get resource "secrets" in API group "" in the namespace "default"',
    );
    expect(ask("kubelet/node-1", "delete", nodes, undefined, "node-2")).toBe(
      'nodes "node-2" is forbidden: User "system:node:node-1" cannot delete resource "nodes" in API group "" at the cluster scope',
    );
  });

  it("asks RBAC about the request upstream would send where a simulated loop takes a shortcut", () => {
    const k = newRbacKernel();
    // The HPA reads its target with GET deployments here; upstream GETs deployments/scale ("*/scale").
    expect(k.authz.authorizeRequest("horizontal-pod-autoscaler", "get", resolveResource("deployments")!, "default", "web", undefined)).toBeUndefined();
    expect(k.authz.authorizeRequest("horizontal-pod-autoscaler", "delete", resolveResource("deployments")!, "default", "web", undefined)?.code).toBe(403);
  });

  it("joins the reasons of the chain when nobody allows", () => {
    const k = newRbacKernel();
    const jane = { name: "jane", groups: ["system:authenticated"] };
    expect(k.authz.authorize(resourceAttributes(jane, "get", "", "pods", { namespace: "default" }))).toEqual({ decision: "NoOpinion", reason: "" });
    const node = { name: "system:node:n1", groups: ["system:nodes", "system:authenticated"] };
    expect(k.authz.authorize(resourceAttributes(node, "get", "", "secrets", { namespace: "default", name: "s" })).decision).toBe("Allow");
  });
});

describe("ApiAuthorizer decision cache", () => {
  it("remembers an allowed name only as that name when only a resourceNames rule allows it", () => {
    const k = newRbacKernel();
    k.api.create("kubectl", roleObject("one-cm", "default", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"], resourceNames: ["allowed"] }]));
    k.api.create("kubectl", bindingObject("jane-one-cm", "default", { kind: "Role", name: "one-cm" }, [{ kind: "User", name: "jane" }]));
    k.authz.setImpersonation("jane-shell", { name: "jane", groups: ["system:authenticated"] });
    const cms = resolveResource("configmaps")!;
    const ask = (name: string) => k.authz.authorizeRequest("jane-shell", "get", cms, "default", name, undefined)?.code ?? "allowed";
    for (let i = 0; i < 2; i++) {
      expect(ask("allowed")).toBe("allowed");
      expect(ask("other")).toBe(403);
    }
  });

  it("answers every name once a rule without resourceNames allows the request, and forgets on an RBAC change", () => {
    const k = newRbacKernel();
    k.api.create("kubectl", roleObject("all-cm", "default", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }]));
    const binding = k.api.create("kubectl", bindingObject("jane-all-cm", "default", { kind: "Role", name: "all-cm" }, [{ kind: "User", name: "jane" }]));
    k.authz.setImpersonation("jane-shell", { name: "jane", groups: ["system:authenticated"] });
    const cms = resolveResource("configmaps")!;
    const ask = (name: string) => k.authz.authorizeRequest("jane-shell", "get", cms, "default", name, undefined)?.code ?? "allowed";
    expect(ask("a")).toBe("allowed");
    expect(ask("b")).toBe("allowed");
    expect(k.authz.authorizeRequest("jane-shell", "get", cms, "kube-system", "a", undefined)?.code).toBe(403);
    k.api.delete("kubectl", resolveResource("rolebindings")!, "default", binding.metadata.name);
    expect(ask("a")).toBe(403);
  });
});
