import { describe, expect, it } from "vitest";
import { parseQuantity } from "../../apimachinery/quantity";
import { fromObject } from "../../controllers/resourcequota/resources";
import { aggregateMessage, limitRequestRatioConstraint, maxConstraint, minConstraint } from "./limitRanger";
import { mergeSecretStringData } from "./secretStringData";
import type { KubeObject } from "../../api/types";

// Messages of k/k plugin/pkg/admission/limitranger/admission.go (minConstraint, maxConstraint,
// limitRequestRatioConstraint): lowercase, no trailing period, two spaces before "No ... is specified".
describe("LimitRanger constraint messages", () => {
  const q = parseQuantity;
  it("min", () => {
    expect(minConstraint("Container", "memory", q("500Mi"), fromObject({}), fromObject({}))).toBe("minimum memory usage per Container is 500Mi.  No request is specified");
    expect(minConstraint("Container", "cpu", q("200m"), fromObject({ cpu: "100m" }), fromObject({ cpu: "800m" }))).toBe("minimum cpu usage per Container is 200m, but request is 100m");
  });
  it("max", () => {
    expect(maxConstraint("Container", "cpu", q("800m"), fromObject({ cpu: "500m" }), fromObject({ cpu: "1500m" }))).toBe("maximum cpu usage per Container is 800m, but limit is 1500m");
    expect(maxConstraint("Container", "memory", q("1Gi"), fromObject({}), fromObject({}))).toBe("maximum memory usage per Container is 1Gi.  No limit is specified");
  });
  it("limit/request ratio", () => {
    expect(limitRequestRatioConstraint("Container", "memory", q("2"), fromObject({ memory: "100Mi" }), fromObject({ memory: "250Mi" }))).toBe(
      "memory max limit to request ratio per Container is 2, but provided ratio is 2.500000",
    );
    expect(limitRequestRatioConstraint("Container", "memory", q("2"), fromObject({ memory: "100Mi" }), fromObject({ memory: "200Mi" }))).toBeUndefined();
  });
  it("several violations aggregate in brackets", () => {
    expect(aggregateMessage(["a"])).toBe("a");
    expect(aggregateMessage(["a", "b"])).toBe("[a, b]");
  });
});

describe("Secret stringData", () => {
  it("merges into data as base64, overriding keys, and is dropped", () => {
    const s = { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { username: "YWRtaW4=", keep: "eA==" }, stringData: { username: "administrator" } } as unknown as KubeObject;
    mergeSecretStringData(s);
    expect(s).toEqual({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { username: "YWRtaW5pc3RyYXRvcg==", keep: "eA==" } });
  });
});
