import { describe, expect, it } from "vitest";
import { RESOURCE_TYPES, groupVersionOf } from "../api/registry";
import { schemaForKind, structSchema } from "./schema";

describe("schema bundle", () => {
  it("has a schema for every kind the registry serves", () => {
    for (const t of RESOURCE_TYPES) expect(schemaForKind(groupVersionOf(t), t.kind), `${groupVersionOf(t)}/${t.kind}`).toBeDefined();
  });

  it("knows nothing about removed or foreign kinds", () => {
    expect(schemaForKind("batch/v1beta1", "CronJob")).toBeUndefined();
    expect(schemaForKind("gateway.networking.k8s.io/v1", "Gateway")).toBeUndefined();
  });

  it("describes fields with their Go types", () => {
    const spec = structSchema("apps.v1.DeploymentSpec");
    expect(spec?.name).toBe("DeploymentSpec");
    expect(spec?.fields.get("replicas")).toEqual({ kind: "primitive", primitive: "int32", goType: "int32" });
    expect(spec?.fields.get("template")).toEqual({ kind: "struct", id: "core.v1.PodTemplateSpec", goType: "v1.PodTemplateSpec" });
    expect(structSchema("core.v1.PodSpec")?.fields.get("containers")?.goType).toBe("[]v1.Container");
    expect(structSchema("core.v1.Secret")?.fields.get("data")?.goType).toBe("map[string][]uint8");
    expect(structSchema("core.v1.ServicePort")?.fields.get("targetPort")?.goType).toBe("intstr.IntOrString");
    expect(structSchema("core.v1.ResourceRequirements")?.fields.get("limits")?.goType).toBe("v1.ResourceList");
    expect(structSchema("meta.v1.ObjectMeta")?.fields.get("generation")?.goType).toBe("int64");
  });

  it("includes Kubernetes 1.34 fields the 1.33 models lack", () => {
    expect(structSchema("core.v1.PodSpec")?.fields.has("hostnameOverride")).toBe(true);
    expect(structSchema("core.v1.EnvVarSource")?.fields.get("fileKeyRef")?.goType).toBe("v1.FileKeySelector");
  });
});
