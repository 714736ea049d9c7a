import { describe, expect, it } from "vitest";
import { defaultPullPolicy, parseImageName } from "./imageRef";

const SHA = "sha256:" + "a".repeat(64);

describe("defaultPullPolicy (SetDefaults_Container)", () => {
  // Upstream: tag "latest" (explicit, or implied by no tag and no digest) → Always; anything else → IfNotPresent.
  it.each([
    ["nginx", "Always"],
    ["nginx:latest", "Always"],
    ["nginx:1.14.2", "IfNotPresent"],
    ["registry.k8s.io/pause:3.9", "IfNotPresent"],
    ["localhost:5000/app", "Always"],
    [`nginx@${SHA}`, "IfNotPresent"],
    [`nginx:latest@${SHA}`, "Always"],
    [`nginx:1.25@${SHA}`, "IfNotPresent"],
  ])("%s → %s", (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });

  it("treats an unparsable reference as having no tag (IfNotPresent), like the ignored parse error upstream", () => {
    expect(defaultPullPolicy("")).toBe("IfNotPresent"); // TestPodDefaults: zero-value image → IfNotPresent
    expect(defaultPullPolicy("Nginx")).toBe("IfNotPresent"); // repository name must be lowercase
    expect(defaultPullPolicy(undefined)).toBe("IfNotPresent");
    expect(defaultPullPolicy("a".repeat(64))).toBe("IfNotPresent"); // 64-hex identifiers are refused
  });
});

describe("parseImageName (ParseImageName)", () => {
  it("splits repository, tag and digest", () => {
    expect(parseImageName("gcr.io/google-samples/gb-frontend:v5")).toEqual({
      repository: "gcr.io/google-samples/gb-frontend", tag: "v5", digest: "",
    });
    expect(parseImageName(`busybox@${SHA}`)).toEqual({ repository: "busybox", tag: "", digest: SHA });
  });

  it("rejects a digest of the wrong length", () => {
    expect(parseImageName("busybox@sha256:abcd")).toBeUndefined();
  });
});
