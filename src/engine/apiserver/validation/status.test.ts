import { describe, expect, it } from "vitest";
import { invalid, required } from "./field";
import { newInvalid } from "./status";

describe("newInvalid (errors.NewInvalid) and kubectl's rendering (checkErr)", () => {
  it("one error: bare in both forms; the core group adds no suffix", () => {
    const f = newInvalid("Pod", "", "x", [required("spec.containers[0].image")]);
    expect(f?.statusMessage).toBe('Pod "x" is invalid: spec.containers[0].image: Required value');
    expect(f?.message).toBe('The Pod "x" is invalid: spec.containers[0].image: Required value');
  });

  it("several errors: bracketed in the status, one '* ' line each in kubectl", () => {
    const f = newInvalid("Deployment", "apps", "d", [required("spec.selector"), invalid("spec.replicas", -1, "must be greater than or equal to 0")]);
    expect(f?.statusMessage).toBe('Deployment.apps "d" is invalid: [spec.selector: Required value, spec.replicas: Invalid value: -1: must be greater than or equal to 0]');
    expect(f?.message).toBe('The Deployment "d" is invalid: \n* spec.selector: Required value\n* spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });

  it("carries code 422, reason Invalid, the causes and the field paths", () => {
    const f = newInvalid("Service", "", "s", [required("spec.ports"), required("spec.ports")]);
    expect(f?.errors).toHaveLength(1);
    expect([f?.error.code, f?.error.reason]).toEqual([422, "Invalid"]);
    expect(f?.error.causes).toEqual([{ reason: "FieldValueRequired", message: "Required value", field: "spec.ports" }]);
    expect(f?.error.fieldPaths).toEqual(["spec.ports"]);
  });

  it("no errors, no failure", () => {
    expect(newInvalid("Pod", "", "x", [])).toBeUndefined();
  });
});
