import { describe, it, expect } from "vitest";
import type { PodTemplateSpec } from "../api/types";
import { canonicalJson, computeHash, fnv32a, safeEncodeString } from "./hash";

describe("fnv32a", () => {
  it("matches the FNV-1a 32-bit reference vectors", () => {
    expect(fnv32a("")).toBe(0x811c9dc5);
    expect(fnv32a("a")).toBe(0xe40c292c);
    expect(fnv32a("foobar")).toBe(0xbf9cf968);
    expect(fnv32a(new Uint8Array([0x61]))).toBe(0xe40c292c);
  });

  it("hashes strings as UTF-8", () => {
    const utf8 = (s: string) => new TextEncoder().encode(s);
    for (const s of ["é", "日本", "😀 ok"]) expect(fnv32a(s), s).toBe(fnv32a(utf8(s)));
  });
});

describe("safeEncodeString (rand.SafeEncodeString)", () => {
  it("maps digits onto the alphabet by code point modulo 27", () => {
    // '0' is 48, 48 % 27 = 21 → '4'; '9' is 57, 57 % 27 = 3 → 'f'.
    expect(safeEncodeString("0123456789")).toBe("456789bcdf");
    expect(safeEncodeString("")).toBe("");
  });
});

describe("computeHash", () => {
  const template = (image: string): PodTemplateSpec => ({
    metadata: { labels: { app: "nginx" } },
    spec: { containers: [{ name: "nginx", image, ports: [{ containerPort: 80 }] }] },
  });

  it("looks like a pod-template-hash", () => {
    const h = computeHash(template("nginx:1.14.2"));
    expect(h).toMatch(/^[456789bcdf]{1,10}$/);
  });

  it("is deterministic and independent of key order", () => {
    const a = template("nginx:1.14.2");
    const b: PodTemplateSpec = {
      spec: { containers: [{ ports: [{ containerPort: 80 }], image: "nginx:1.14.2", name: "nginx" }] },
      metadata: { labels: { app: "nginx" } },
    };
    expect(computeHash(a)).toBe(computeHash(b));
    expect(computeHash(a, 0)).toBe(computeHash(b, 0));
  });

  it("changes with the template and with collisionCount", () => {
    const a = template("nginx:1.14.2");
    expect(computeHash(a)).not.toBe(computeHash(template("nginx:1.16.1")));
    // A set collisionCount (even 0) appends 8 bytes, so it differs from an unset one.
    expect(computeHash(a, 0)).not.toBe(computeHash(a));
    expect(computeHash(a, 1)).not.toBe(computeHash(a, 0));
    expect(computeHash(a, null)).toBe(computeHash(a));
  });

  it("hashes the canonical JSON plus the little-endian collision bytes", () => {
    const t = template("x");
    const json = canonicalJson(t);
    const bytes = new Uint8Array([...new TextEncoder().encode(json), 2, 0, 0, 0, 0, 0, 0, 0]);
    expect(computeHash(t, 2)).toBe(safeEncodeString(String(fnv32a(bytes))));
    expect(computeHash(t)).toBe(safeEncodeString(String(fnv32a(json))));
  });

  it("encodes canonically", () => {
    expect(canonicalJson({ b: 1, a: [2, { d: undefined, c: "x" }], e: null })).toBe('{"a":[2,{"c":"x"}],"b":1,"e":null}');
  });
});
