// cmdutil.CheckErr (kubectl pkg/cmd/util/helpers.go): one error is decorated ("error: " or "Error from
// server (Reason): "), an aggregate prints MultipleErrors (status errors decorated, plain ones bare).
import { describe, expect, it } from "vitest";
import { ApiError, notFound } from "../../apiserver/errors";
import { required } from "../../apiserver/validation/field";
import { newInvalid } from "../../apiserver/validation/status";
import { KubectlError } from "../env";
import { fromPrinted, renderFailures, toFailure, withSource } from "./errors";

describe("renderFailures", () => {
  it("decorates a single error as CheckErr does", () => {
    expect(renderFailures([toFailure(new Error("boom"))])).toBe("error: boom\n");
    expect(renderFailures([toFailure(notFound("pods", "x"))])).toBe('Error from server (NotFound): pods "x" not found\n');
    expect(renderFailures([toFailure(new KubectlError('error: the server doesn\'t have a resource type "x"', true))])).toBe(
      'error: the server doesn\'t have a resource type "x"\n',
    );
  });

  it("prints an Invalid error from its details, alone", () => {
    const invalid = newInvalid("Deployment", "apps", "web", [required("spec.selector")]);
    if (!invalid) throw new Error("expected a failure");
    const f = withSource(toFailure(invalid.error), "creating", "d.yaml");
    expect(renderFailures([f])).toBe('The Deployment "web" is invalid: spec.selector: Required value\n');
    expect(renderFailures([f, toFailure(new Error("x"))])).toBe(
      'Error from server (Invalid): error when creating "d.yaml": Deployment.apps "web" is invalid: spec.selector: Required value\nx\n',
    );
  });

  it("prints an aggregate one line each, plain errors without the prefix", () => {
    expect(renderFailures([toFailure(new Error("a")), toFailure(new ApiError(409, "Conflict", "b"))])).toBe("a\nError from server (Conflict): b\n");
    expect(renderFailures([fromPrinted("error: a"), fromPrinted("Error from server (NotFound): b")])).toBe("a\nError from server (NotFound): b\n");
  });

  it("adds the source of a manifest to status and plain errors", () => {
    expect(renderFailures([withSource(toFailure(notFound("pods", "x")), "deleting", "p.yaml")])).toBe(
      'Error from server (NotFound): error when deleting "p.yaml": pods "x" not found\n',
    );
  });
});
