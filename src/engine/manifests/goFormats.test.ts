import { describe, expect, it } from "vitest";
import { base64Error, QUANTITY_FORMAT_WRONG, quantityError, rfc3339Error } from "./goFormats";

// Expected values follow apimachinery pkg/api/resource/quantity.go (ParseQuantity),
// Go encoding/base64 (decodeQuantum) and Go time.Parse with time.RFC3339.
describe("quantityError", () => {
  it("accepts decimal, binary and exponent forms", () => {
    // A bare suffix parses too: parseQuantityString turns an empty numerator into "0".
    for (const q of ["0", "1", "-1", "+1", "100m", "1.5", ".5", "5.", "1Gi", "500Mi", "2k", "1e3", "1E-3", "0.1m", "12Ei", "Gi"]) {
      expect(quantityError(q), q).toBeUndefined();
    }
  });

  it("refuses text that does not match the quantity grammar", () => {
    for (const q of ["", "1Gb", "1KiB", "abc", "1.2.3", "1 Gi"]) expect(quantityError(q), q).toBe(QUANTITY_FORMAT_WRONG);
  });

  it("refuses a well-formed but unknown suffix", () => {
    for (const q of ["1mi", "1ki", "1KK", "1e"]) expect(quantityError(q), q).toBe("unable to parse quantity's suffix");
  });
});

describe("base64Error", () => {
  it("accepts padded base64, ignoring line breaks", () => {
    for (const s of ["", "YQ==", "YWI=", "YWJj", "YW\nJj", "YWJj\r\n"]) expect(base64Error(s), s).toBeUndefined();
  });

  it("reports the byte offset Go reports", () => {
    expect(base64Error("a b")).toBe("illegal base64 data at input byte 1");
    expect(base64Error("YWJ")).toBe("illegal base64 data at input byte 0"); // incomplete quantum, no padding
    expect(base64Error("YWJjZ")).toBe("illegal base64 data at input byte 4");
    expect(base64Error("YW=j")).toBe("illegal base64 data at input byte 2");
    expect(base64Error("YQ==x")).toBe("illegal base64 data at input byte 4"); // trailing garbage
    expect(base64Error("Y===")).toBe("illegal base64 data at input byte 1");
  });
});

describe("rfc3339Error", () => {
  it("accepts RFC 3339 with Z, offsets and fractional seconds", () => {
    for (const t of ["2024-01-02T03:04:05Z", "2024-01-02T03:04:05+02:00", "2024-01-02T03:04:05.123456Z", "2024-02-29T00:00:00Z"]) expect(rfc3339Error(t), t).toBeUndefined();
  });

  it("names the element that does not parse", () => {
    expect(rfc3339Error("2024-01-02")).toBe('parsing time "2024-01-02" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"');
    expect(rfc3339Error("2024-01-02 03:04:05Z")).toBe('parsing time "2024-01-02 03:04:05Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 03:04:05Z" as "T"');
    expect(rfc3339Error("2024-01-02T03:04:05")).toBe('parsing time "2024-01-02T03:04:05" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"');
  });

  it("reports values out of range", () => {
    expect(rfc3339Error("2024-13-01T00:00:00Z")).toBe('parsing time "2024-13-01T00:00:00Z": month out of range');
    expect(rfc3339Error("2023-02-29T00:00:00Z")).toBe('parsing time "2023-02-29T00:00:00Z": day out of range');
  });
});
