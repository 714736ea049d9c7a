// DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault/admission.go) and
// StorageObjectInUseProtection (plugin/pkg/admission/storage/storageobjectinuseprotection/admission.go).
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { admit, type AdmissionContext } from "./index";

function ctx(over: Partial<AdmissionContext> = {}): AdmissionContext {
  return { operation: "CREATE", namespaceExists: () => "Active", priorityClassValue: () => undefined, defaultStorageClass: () => "standard", ...over };
}

const pvc = (spec: Record<string, unknown> = {}, annotations?: Record<string, string>): KubeObject =>
  ({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "c", namespace: "default", annotations }, spec: { accessModes: ["ReadWriteOnce"], ...spec } }) as unknown as KubeObject;

describe("DefaultStorageClass", () => {
  it("gives a claim without a class the default class", () => {
    expect(admit(pvc(), ctx()).spec.storageClassName).toBe("standard");
  });

  it("keeps an explicit class, an explicit \"\" (no class) and the beta annotation", () => {
    expect(admit(pvc({ storageClassName: "manual" }), ctx()).spec.storageClassName).toBe("manual");
    expect(admit(pvc({ storageClassName: "" }), ctx()).spec.storageClassName).toBe("");
    expect(admit(pvc({}, { "volume.beta.kubernetes.io/storage-class": "old" }), ctx()).spec.storageClassName).toBeUndefined();
  });

  it("does nothing without a default class, on update, or for other kinds", () => {
    expect(admit(pvc(), ctx({ defaultStorageClass: () => undefined })).spec.storageClassName).toBeUndefined();
    expect(admit(pvc(), ctx({ operation: "UPDATE" })).spec.storageClassName).toBeUndefined();
  });
});

describe("StorageObjectInUseProtection", () => {
  it("adds kubernetes.io/pvc-protection to claims and kubernetes.io/pv-protection to volumes, once", () => {
    expect(admit(pvc(), ctx()).metadata.finalizers).toEqual(["kubernetes.io/pvc-protection"]);
    const pv = { apiVersion: "v1", kind: "PersistentVolume", metadata: { name: "v", finalizers: ["kubernetes.io/pv-protection"] }, spec: {} } as unknown as KubeObject;
    expect(admit(pv, ctx()).metadata.finalizers).toEqual(["kubernetes.io/pv-protection"]);
    expect(admit(pvc(), ctx({ operation: "UPDATE" })).metadata.finalizers).toBeUndefined();
  });
});
