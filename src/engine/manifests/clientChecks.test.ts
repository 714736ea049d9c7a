import { describe, expect, it } from "vitest";
import { typeMetaProblems } from "./clientChecks";

// k8s.io/kubectl pkg/util/openapi/validation GetObjectKind and schema.ParseGroupVersion.
describe("typeMetaProblems", () => {
  it("accepts an object with string apiVersion and kind", () => {
    expect(typeMetaProblems({ apiVersion: "apps/v1", kind: "Deployment" })).toEqual([]);
    expect(typeMetaProblems({ apiVersion: "", kind: "" })).toEqual([]);
  });

  it("lists what is missing or mistyped, apiVersion first", () => {
    expect(typeMetaProblems({})).toEqual(["apiVersion not set", "kind not set"]);
    expect(typeMetaProblems({ apiVersion: null, kind: 3 })).toEqual(["apiVersion not set", "kind isn't string type"]);
    expect(typeMetaProblems({ apiVersion: "a/b/c", kind: "X" })).toEqual(["unexpected GroupVersion string: a/b/c"]);
  });

  it("refuses non-objects", () => {
    expect(typeMetaProblems("text")).toEqual(["invalid object to validate"]);
    expect(typeMetaProblems([1])).toEqual(["invalid object to validate"]);
  });
});
