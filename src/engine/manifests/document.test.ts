import { describe, expect, it } from "vitest";
import { formatFieldPath, parseFieldPath } from "./document";

describe("field paths", () => {
  it("parses dotted keys, indices and bracketed keys", () => {
    expect(parseFieldPath("spec.template.spec.containers[0].image")).toEqual(["spec", "template", "spec", "containers", 0, "image"]);
    expect(parseFieldPath('metadata.annotations["kubernetes.io/x.y"]')).toEqual(["metadata", "annotations", "kubernetes.io/x.y"]);
    expect(parseFieldPath("data[some-key]")).toEqual(["data", "some-key"]);
    expect(parseFieldPath("")).toEqual([]);
  });

  it("formats segments as upstream field paths read", () => {
    expect(formatFieldPath(["spec", "containers", 0, "ports", 1, "containerPort"])).toBe("spec.containers[0].ports[1].containerPort");
    expect(formatFieldPath([])).toBe("");
  });
});
