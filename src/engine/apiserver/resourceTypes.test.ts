import { describe, expect, it } from "vitest";
import { groupVersionOf, RESOURCE_TYPES, resourceTypeForKind } from "../api/registry";
import { lookupResourceType, POD_TYPE } from "./resourceTypes";

describe("lookupResourceType", () => {
  it("answers exactly as registry.resourceTypeForKind for every served type and for unknown ones", () => {
    for (const t of RESOURCE_TYPES) {
      expect(lookupResourceType(groupVersionOf(t), t.kind)).toBe(resourceTypeForKind(groupVersionOf(t), t.kind));
    }
    // autoscaling serves HorizontalPodAutoscaler in v2 and v1: each version resolves to its own entry.
    expect(lookupResourceType("autoscaling/v1", "HorizontalPodAutoscaler")?.version).toBe("v1");
    expect(lookupResourceType("batch/v1beta1", "CronJob")).toBeUndefined();
    expect(lookupResourceType("v1", "Deployment")).toBeUndefined();
    expect(lookupResourceType(undefined as unknown as string, undefined as unknown as string)).toBeUndefined();
    expect(POD_TYPE).toBe(resourceTypeForKind("v1", "Pod"));
  });
});
