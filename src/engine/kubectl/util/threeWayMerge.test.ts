// Client-side apply's three-way merge (strategicpatch.CreateThreeWayMergePatch semantics): deletions
// come from original→modified, changes from current→modified, merge-key lists merge by key.
import { describe, expect, it } from "vitest";
import type { Json } from "../../api/types";
import { mergePatch, threeWayMerge } from "./threeWayMerge";

describe("threeWayMerge", () => {
  it("deletes only what the user removed since the last apply", () => {
    const original = { metadata: { labels: { a: "1", b: "2" } } };
    const modified = { metadata: { labels: { a: "1" } } };
    const current = { metadata: { labels: { a: "1", b: "2", c: "controller" } } };
    expect(threeWayMerge(original, modified, current)).toEqual({ metadata: { labels: { a: "1", c: "controller" } } });
  });

  it("merges containers by name and keeps server defaults inside them", () => {
    const original = { spec: { containers: [{ name: "a", image: "x:1" }, { name: "b", image: "y" }] } };
    const modified = { spec: { containers: [{ name: "a", image: "x:2" }] } };
    const current: Record<string, Json> = { spec: { containers: [{ name: "a", image: "x:1", imagePullPolicy: "IfNotPresent" }, { name: "b", image: "y" }, { name: "sidecar", image: "z" }] } };
    expect(threeWayMerge(original, modified, current)).toEqual({
      spec: { containers: [{ name: "a", image: "x:2", imagePullPolicy: "IfNotPresent" }, { name: "sidecar", image: "z" }] },
    });
  });

  it("merges container ports on containerPort and service ports on port", () => {
    const c = { spec: { ports: [{ port: 80, protocol: "TCP", targetPort: 80 }] } };
    expect(threeWayMerge(undefined, { spec: { ports: [{ port: 80 }] } }, c)).toEqual(c);
  });

  it("replaces lists without a merge key", () => {
    expect(threeWayMerge(undefined, { spec: { args: ["b"] } }, { spec: { args: ["a"] } })).toEqual({ spec: { args: ["b"] } });
  });

  it("computes an empty merge patch when nothing changes", () => {
    const current = { a: { b: 1 }, c: [1, 2] };
    expect(mergePatch(current, threeWayMerge(current, current, current))).toEqual({});
    expect(mergePatch({ a: 1, b: 2 }, { a: 3 })).toEqual({ a: 3, b: null });
  });
});
