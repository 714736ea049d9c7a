import { describe, expect, it } from "vitest";
import {
  aggregateMessage,
  badRequestMessage,
  formatManifestError,
  invalidMessage,
  noMatchError,
  requestTooLargeMessage,
  resourceMappingNotFoundMessage,
  validationErrorMessage,
} from "./errors";

describe("kubectl wording", () => {
  it("aggregates like utilerrors.NewAggregate: one alone, several in brackets, duplicates once", () => {
    expect(aggregateMessage(["a"])).toBe("a");
    expect(aggregateMessage(["a", "b", "a"])).toBe("[a, b]");
  });

  it("words the client-side validation error", () => {
    expect(validationErrorMessage("x.yaml", ["apiVersion not set", "kind not set"])).toBe(
      'error: error validating "x.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false',
    );
  });

  it("words a kind the cluster does not serve", () => {
    expect(noMatchError("batch/v1beta1", "CronJob")).toBe('no matches for kind "CronJob" in version "batch/v1beta1"');
    expect(resourceMappingNotFoundMessage("hello", "", "cronjob.yaml", "batch/v1beta1", "CronJob")).toBe(
      'error: resource mapping not found for name: "hello" namespace: "" from "cronjob.yaml": no matches for kind "CronJob" in version "batch/v1beta1"\nensure CRDs are installed first',
    );
  });

  it("words the API server's refusals", () => {
    expect(requestTooLargeMessage("big.yaml")).toBe('Error from server (RequestEntityTooLarge): error when creating "big.yaml": Request entity too large: limit is 3145728');
    expect(badRequestMessage("x.yaml", "Ingress", "v1", "strict decoding error: unknown field \"spec.tls[0].secretNmae\"")).toBe(
      'Error from server (BadRequest): error when creating "x.yaml": Ingress in version "v1" cannot be handled as a Ingress: strict decoding error: unknown field "spec.tls[0].secretNmae"',
    );
    expect(invalidMessage("Pod", "p", ["spec.containers[0].name: Required value"])).toBe('The Pod "p" is invalid: spec.containers[0].name: Required value');
  });

  it("quotes file names the way Go's %q does", () => {
    expect(validationErrorMessage('we"ird\\name.yaml', ["kind not set"])).toContain('error validating "we\\"ird\\\\name.yaml"');
  });
});

describe("formatManifestError", () => {
  it("puts kubectl's text first and Kubelab's 1-based location after it", () => {
    expect(
      formatManifestError({ fileName: "x.yaml", documentIndex: 1, line: 7, column: 3, fieldPath: "spec.replicas", message: "error: boom", code: "BadRequest", stopsFile: false }),
    ).toBe("error: boom (x.yaml, document 2, line 7, column 3, field spec.replicas)");
    expect(formatManifestError({ fileName: "l.yaml", documentIndex: 0, itemIndex: 2, message: "m", code: "Invalid", stopsFile: false })).toBe("m (l.yaml, document 1, item 3)");
    expect(formatManifestError({ fileName: "f.yaml", message: "m", code: "ParseError", stopsFile: true })).toBe("m (f.yaml)");
  });
});
