// The bootstrap policy a kind v1.34 cluster starts with (bootstrappolicy/testdata/*.yaml, kubeadm's
// addons): cluster-admin for system:masters and kubeadm:cluster-admins, one system:controller:* role and
// binding per controller service account, the namespaced leader-locking roles, and nothing that shifts
// the cluster's random sequence.
import { describe, expect, it } from "vitest";
import { CONTROLLER_SERVICE_ACCOUNTS } from "./bootstrap/controllerRoles";
import { NODE_RULES } from "./bootstrap/clusterRoles";
import { newRbacKernel } from "./testing/rbacKernel";
import { newKernel } from "../../testing/kernel";
import { admissionHooks } from "../../sim/admissionHooks";
import { namespaceObject, SYSTEM_NAMESPACES } from "../../sim/bootstrap";

describe("installAuthorization", () => {
  it("creates upstream's cluster roles and bindings, labelled and annotated as bootstrap objects", () => {
    const k = newRbacKernel();
    const admin = k.store.get("clusterroles", "clusterroles/cluster-admin")!;
    expect(admin.metadata.labels).toEqual({ "kubernetes.io/bootstrapping": "rbac-defaults" });
    expect(admin.metadata.annotations).toEqual({ "rbac.authorization.kubernetes.io/autoupdate": "true" });
    expect(admin.rules).toEqual([{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }, { verbs: ["*"], nonResourceURLs: ["*"] }]);
    expect(k.store.get("clusterroles", "clusterroles/view")!.aggregationRule).toEqual({ clusterRoleSelectors: [{ matchLabels: { "rbac.authorization.k8s.io/aggregate-to-view": "true" } }] });
    expect(k.store.get("clusterrolebindings", "clusterrolebindings/cluster-admin")!.subjects).toEqual([{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "system:masters" }]);
    expect(k.store.get("clusterrolebindings", "clusterrolebindings/kubeadm:cluster-admins")!.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" });
    expect(k.store.get("clusterroles", "clusterroles/system:node")!.rules).toEqual(NODE_RULES);
    for (const sa of CONTROLLER_SERVICE_ACCOUNTS) {
      const b = k.store.get("clusterrolebindings", `clusterrolebindings/system:controller:${sa}`)!;
      expect(b.subjects).toEqual([{ kind: "ServiceAccount", name: sa, namespace: "kube-system" }]);
      expect(k.store.get("clusterroles", `clusterroles/system:controller:${sa}`)).toBeDefined();
    }
  });

  it("creates the namespaced roles, kubeadm's objects and the controllers' service accounts at the first tick", () => {
    const k = newRbacKernel();
    const roles = k.store.list("roles").map((r) => `${r.metadata.namespace}/${r.metadata.name}`);
    expect(roles).toEqual([
      "kube-public/kubeadm:bootstrap-signer-clusterinfo",
      "kube-public/system:controller:bootstrap-signer",
      "kube-system/extension-apiserver-authentication-reader",
      "kube-system/kube-proxy",
      "kube-system/kubeadm:kubelet-config",
      "kube-system/kubeadm:nodes-kubeadm-config",
      "kube-system/system::leader-locking-kube-controller-manager",
      "kube-system/system::leader-locking-kube-scheduler",
      "kube-system/system:controller:bootstrap-signer",
      "kube-system/system:controller:cloud-provider",
      "kube-system/system:controller:token-cleaner",
    ]);
    const sas = k.store.list("serviceaccounts", "kube-system").map((s) => s.metadata.name);
    expect(sas).toContain("coredns");
    expect(sas).toContain("replicaset-controller");
    expect(sas).not.toContain("service-controller");
    expect(k.audit.since(0).find((e) => e.resource === "clusterroles")?.actor).toBe("system:apiserver");
  });

  it("leaves the cluster's random sequence where it was", () => {
    const k = newRbacKernel();
    expect(k.random.next()).toBe(newKernelFirstDraw());
  });
});

function newKernelFirstDraw(): number {
  // Same seed, namespaces only, no authorization: the next draw must be the same.
  const k = newRbacKernelWithoutPolicy();
  return k.random.next();
}

function newRbacKernelWithoutPolicy() {
  const k = newKernel({ freeze: true });
  k.api.hooks = admissionHooks(k.store, k.random);
  for (const ns of SYSTEM_NAMESPACES) k.api.create("system:apiserver", namespaceObject(ns));
  return k;
}
