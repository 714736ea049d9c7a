// kubectl describe role / rolebinding / serviceaccount layouts (kubectl pkg/describe/describe.go),
// as the RBAC and PDB pages of the documentation show them.
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../api/types";
import { describeRole, describeRoleBinding, describeServiceAccount } from "./rbac";

const meta = (name: string, namespace?: string) => ({ name, ...(namespace ? { namespace } : {}), uid: "u", resourceVersion: "1", creationTimestamp: "2025-01-01T00:00:00Z" });

describe("RBAC describers", () => {
  it("describes a Role as the PolicyRule table", () => {
    const role = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: meta("pod-reader", "default"), rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "watch", "list"] }, { apiGroups: ["apps"], resources: ["deployments/scale"], verbs: ["update"] }] } as unknown as KubeObject;
    expect(describeRole(role)).toBe(
      "Name:         pod-reader\n" +
        "Labels:       <none>\n" +
        "Annotations:  <none>\n" +
        "PolicyRule:\n" +
        "  Resources               Non-Resource URLs  Resource Names  Verbs\n" +
        "  ---------               -----------------  --------------  -----\n" +
        "  pods                    []                 []              [get watch list]\n" +
        "  deployments.apps/scale  []                 []              [update]\n",
    );
  });

  it("describes a RoleBinding with its role and subjects", () => {
    const rb = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: meta("read-pods", "default"), roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "pod-reader" }, subjects: [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "jane" }, { kind: "ServiceAccount", name: "ci", namespace: "dev" }] } as unknown as KubeObject;
    expect(describeRoleBinding(rb)).toBe(
      "Name:         read-pods\n" +
        "Labels:       <none>\n" +
        "Annotations:  <none>\n" +
        "Role:\n" +
        "  Kind:  Role\n" +
        "  Name:  pod-reader\n" +
        "Subjects:\n" +
        "  Kind            Name  Namespace\n" +
        "  ----            ----  ---------\n" +
        "  User            jane  \n" +
        "  ServiceAccount  ci    dev\n",
    );
  });

  it("describes a ServiceAccount's secrets (none since v1.24) and events", () => {
    const sa = { apiVersion: "v1", kind: "ServiceAccount", metadata: meta("default", "default") } as unknown as KubeObject;
    expect(describeServiceAccount(sa, [], 0)).toBe(
      "Name:                default\n" +
        "Namespace:           default\n" +
        "Labels:              <none>\n" +
        "Annotations:         <none>\n" +
        "Image pull secrets:  <none>\n" +
        "Mountable secrets:   <none>\n" +
        "Tokens:              <none>\n" +
        "Events:              <none>\n",
    );
  });
});
