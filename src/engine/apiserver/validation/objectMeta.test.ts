import { describe, expect, it } from "vitest";
import { errorString } from "./field";
import { nameIsDNSLabel, nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from "./objectMeta";

const texts = (errs: ReturnType<typeof validateObjectMeta>): string[] => errs.map(errorString);

describe("validateObjectMeta (ValidateObjectMetaAccessor)", () => {
  it("requires a name or generateName", () => {
    expect(texts(validateObjectMeta({ namespace: "default" }, true, nameIsDNSSubdomain))).toEqual(["metadata.name: Required value: name or generateName is required"]);
  });

  it("accepts a generateName ending in '-' (maskTrailingDash) and validates the generated name", () => {
    expect(validateObjectMeta({ generateName: "web-", name: "web-x7k2p", namespace: "default" }, true, nameIsDNSSubdomain)).toEqual([]);
  });

  it("requires a namespace for namespaced kinds and forbids one for cluster-scoped kinds", () => {
    expect(texts(validateObjectMeta({ name: "a" }, true, nameIsDNSSubdomain))).toEqual(["metadata.namespace: Required value"]);
    expect(texts(validateObjectMeta({ name: "a", namespace: "x" }, false, nameIsDNSLabel))).toEqual(["metadata.namespace: Forbidden: not allowed on this type"]);
  });

  it("checks annotation keys, finalizer names and owner references", () => {
    const errs = texts(validateObjectMeta({
      name: "a", namespace: "default",
      annotations: { "example.com/ok": "1", "bad key": "2" },
      finalizers: ["kubernetes", "my-finalizer", "example.com/fin"],
      ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs", uid: "" }],
    }, true, nameIsDNSSubdomain));
    expect(errs[0]).toMatch(/^metadata\.annotations: Invalid value: "bad key": name part must consist of alphanumeric characters/);
    expect(errs[1]).toBe('metadata.ownerReferences.uid: Invalid value: "": must not be empty');
    expect(errs[2]).toBe('metadata.finalizers[1]: Invalid value: "my-finalizer": name is neither a standard finalizer name nor is it fully qualified');
    expect(errs).toHaveLength(3);
  });
});

describe("validateObjectMetaUpdate (ValidateObjectMetaAccessorUpdate)", () => {
  it("keeps name and namespace immutable and generation monotonic", () => {
    const old = { name: "a", namespace: "default", uid: "u", generation: 3 };
    expect(texts(validateObjectMetaUpdate({ ...old, name: "b", generation: 2 }, old))).toEqual([
      'metadata.generation: Invalid value: 2: must not be decremented',
      'metadata.name: Invalid value: "b": field is immutable',
    ]);
  });

  it("refuses new finalizers on an object being deleted", () => {
    const old = { name: "a", uid: "u", deletionTimestamp: "2025-01-01T00:00:00Z", finalizers: ["kubernetes"] };
    expect(texts(validateObjectMetaUpdate({ ...old, finalizers: ["kubernetes", "example.com/x"] }, old))).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/x"}',
    ]);
  });
});
