import { describe, expect, it } from "vitest";
import { groupVersionOf, RESOURCE_TYPES, resourceTypeForKind } from "./registry";

describe("resourceTypeForKind", () => {
  it("answers as a scan of the registry would (the first entry of a kind and version wins), and nothing for unknown ones", () => {
    for (const t of RESOURCE_TYPES) {
      const scan = RESOURCE_TYPES.find((u) => u.kind === t.kind && groupVersionOf(u) === groupVersionOf(t));
      expect(resourceTypeForKind(groupVersionOf(t), t.kind)).toBe(scan);
    }
    // autoscaling serves HorizontalPodAutoscaler in v2 and v1: each version resolves to its own entry.
    expect(resourceTypeForKind("autoscaling/v1", "HorizontalPodAutoscaler")?.version).toBe("v1");
    expect(resourceTypeForKind("batch/v1beta1", "CronJob")).toBeUndefined();
    expect(resourceTypeForKind("v1", "Deployment")).toBeUndefined();
    expect(resourceTypeForKind(undefined as unknown as string, undefined as unknown as string)).toBeUndefined();
  });
});
