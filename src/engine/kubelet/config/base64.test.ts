import { describe, expect, it } from "vitest";
import { decodeBase64, encodeBase64 } from "./base64";

describe("base64", () => {
  it("matches `echo -n … | base64` for the docs' secret values", () => {
    // web concepts/configuration/secret.md: admin → YWRtaW4=, 1f2d1e2e67df → MWYyZDFlMmU2N2Rm.
    expect(encodeBase64("admin")).toBe("YWRtaW4=");
    expect(encodeBase64("1f2d1e2e67df")).toBe("MWYyZDFlMmU2N2Rm");
    expect(encodeBase64("")).toBe("");
    expect(encodeBase64("é")).toBe("w6k=");
  });

  it("decodes, and refuses malformed input", () => {
    expect(decodeBase64("YWRtaW4=")).toBe("admin");
    expect(decodeBase64("MWYyZDFlMmU2N2Rm")).toBe("1f2d1e2e67df");
    expect(decodeBase64("w6k=")).toBe("é");
    expect(decodeBase64("abc")).toBeUndefined();
    expect(decodeBase64("ab!=")).toBeUndefined();
  });
});
