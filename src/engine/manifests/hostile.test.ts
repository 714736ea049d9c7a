// Hostile input must be refused, with a clear message, without freezing the worker. Each case
// also checks that the refusal is quick; the bound is deliberately loose (these are not benchmarks)
// and only catches blow-ups such as expanding an alias bomb.
import { describe, expect, it } from "vitest";
import { allowedAliasRatio } from "./aliasBudget";
import { parseManifestBytes, parseManifests, type ParseResult } from "./parse";

const GENEROUS_MS = 5_000;

function timed(run: () => ParseResult): ParseResult {
  const start = performance.now();
  const result = run();
  expect(performance.now() - start).toBeLessThan(GENEROUS_MS);
  return result;
}

const tooLarge = (file: string): string =>
  `Error from server (RequestEntityTooLarge): error when creating "${file}": Request entity too large: limit is 3145728`;

describe("size: the API server's 3 MiB request limit", () => {
  it("refuses a 10 MB document before parsing it", () => {
    const r = timed(() => parseManifests("big.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: " + "x".repeat(10_000_000) + "\n"));
    expect(r.documents).toEqual([]);
    expect(r.errors).toEqual([{ fileName: "big.yaml", message: tooLarge("big.yaml"), code: "RequestEntityTooLarge", stopsFile: true }]);
  });

  it("counts UTF-8 bytes, not characters", () => {
    const r = parseManifests("wide.yaml", "a: " + "é".repeat(1_600_000));
    expect(r.errors[0]?.code).toBe("RequestEntityTooLarge");
  });

  it("still accepts a large but legal object", () => {
    const r = timed(() => parseManifests("ok.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  a: " + "x".repeat(2_000_000) + "\n"));
    expect(r.errors).toEqual([]);
    expect(r.documents).toHaveLength(1);
  });

  it("refuses a small document whose aliases expand into a body over the limit, and goes on", () => {
    const big = "x".repeat(100_000);
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {a: &s "${big}"}\nbinaryData: [${Array(40).fill("*s").join(",")}]\n---\napiVersion: v1\nkind: Secret\n`;
    const r = timed(() => parseManifests("grow.yaml", text));
    expect(r.errors).toEqual([{ fileName: "grow.yaml", documentIndex: 0, line: 1, column: 1, message: tooLarge("grow.yaml"), code: "RequestEntityTooLarge", stopsFile: false }]);
    expect(r.documents.map((d) => d.object.kind)).toEqual(["Secret"]);
  });
});

describe("aliases: go-yaml's excessive-aliasing rule", () => {
  it("uses go-yaml's allowed ratios", () => {
    expect(allowedAliasRatio(1_000)).toBe(0.99);
    expect(allowedAliasRatio(4_000_000)).toBe(0.1);
    expect(allowedAliasRatio(2_200_000)).toBeCloseTo(0.545, 3);
  });

  it("refuses a billion-laughs document", () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    }
    const r = timed(() => parseManifests("lol.yaml", levels.join("\n") + "\n"));
    expect(r.documents).toEqual([]);
    expect(r.errors[0]?.message).toBe("error: error parsing lol.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing");
  });

  it("refuses a merge-key bomb", () => {
    const keys = Array.from({ length: 200 }, (_, i) => `k${i}: 1`).join(", ");
    const text = `a: &a {${keys}}\n` + Array.from({ length: 200 }, (_, i) => `b${i}: {<<: *a}`).join("\n") + "\n";
    expect(timed(() => parseManifests("merge.yaml", text)).errors[0]?.message).toBe(
      "error: error parsing merge.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing",
    );
  });

  it("refuses an anchor that contains itself", () => {
    const r = parseManifests("self.yaml", "apiVersion: v1\nkind: ConfigMap\ndata: &d {a: *d}\n");
    expect(r.errors[0]?.message).toBe("error: error parsing self.yaml: error converting YAML to JSON: yaml: anchor 'd' value contains itself");
  });

  it("refuses an unknown anchor with go-yaml's wording", () => {
    expect(parseManifests("u.yaml", "a: *nope\n").errors[0]?.message).toBe("error: error parsing u.yaml: error converting YAML to JSON: yaml: unknown anchor 'nope' referenced");
  });

  it("accepts ordinary reuse of anchors", () => {
    const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: &l {app: web, tier: front}\n  annotations: *l\ndata:\n" + Array.from({ length: 50 }, (_, i) => `  k${i}: &v${i} value${i}`).join("\n") + "\n";
    expect(parseManifests("ok.yaml", text).errors).toEqual([]);
  });
});

describe("depth", () => {
  it("refuses 10,000 nested flow collections, naming the line", () => {
    const r = timed(() => parseManifests("deep.yaml", "apiVersion: v1\nkind: ConfigMap\ndata: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"));
    expect(r.errors[0]?.message).toBe("error: error parsing deep.yaml: error converting YAML to JSON: yaml: line 3: exceeded max depth of 100");
    expect(r.errors[0]?.line).toBe(3);
  });

  it("refuses 10,000 nested block sequences", () => {
    const r = timed(() => parseManifests("seq.yaml", "- ".repeat(10_000) + "x\n"));
    expect(r.errors[0]?.message).toBe("error: error parsing seq.yaml: error converting YAML to JSON: yaml: line 1: exceeded max depth of 100");
  });

  it("refuses aliases that nest 10,000 deep once expanded", () => {
    const text = Array.from({ length: 10_000 }, (_, i) => (i === 0 ? "a0: &a0 [x]" : `a${i}: &a${i} [*a${i - 1}]`)).join("\n") + "\n";
    const r = timed(() => parseManifests("chain.yaml", text));
    expect(r.errors[0]?.message).toMatch(/^error: error parsing chain\.yaml: error converting YAML to JSON: yaml: line \d+: exceeded max depth of 100$/);
  });
});

describe("characters and encodings", () => {
  it("refuses NUL bytes as go-yaml's reader does (no line: reader errors have no mark)", () => {
    const r = timed(() => parseManifests("nul.yaml", "apiVersion: v1\nkind: Pod\u0000\n"));
    expect(r.errors[0]).toMatchObject({ message: "error: error parsing nul.yaml: error converting YAML to JSON: yaml: control characters are not allowed", code: "ParseError" });
  });

  it("refuses binary garbage given as bytes", () => {
    const garbage = new Uint8Array(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 167 + 13) & 0xff;
    const r = timed(() => parseManifestBytes("blob.bin", garbage));
    expect(r.documents).toEqual([]);
    expect(r.errors[0]?.message).toMatch(/^error: error parsing blob\.bin: error converting YAML to JSON: yaml: (invalid leading UTF-8 octet|control characters are not allowed|invalid trailing UTF-8 octet)$/);
  });

  it("refuses invalid UTF-8 in the second document and keeps the first", () => {
    const head = new TextEncoder().encode("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\ndata: {a: ");
    const bytes = new Uint8Array([...head, 0xff, 0xfe, 0x7d, 0x0a]);
    const r = parseManifestBytes("mixed.yaml", bytes);
    expect(r.documents.map((d) => d.object.kind)).toEqual(["Namespace"]);
    expect(r.errors[0]).toMatchObject({ documentIndex: 1, line: 7, message: "error: error parsing mixed.yaml: error converting YAML to JSON: yaml: invalid leading UTF-8 octet" });
  });

  it("reads UTF-16 with a byte order mark, as kubectl's file reader converts it", () => {
    const text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: utf16\n";
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i);
    const r = parseManifestBytes("u16.yaml", bytes);
    expect(r.errors).toEqual([]);
    expect(r.documents[0]?.object.metadata).toEqual({ name: "utf16" });
  });

  it("skips thousands of empty documents quickly", () => {
    const r = timed(() => parseManifests("empty.yaml", "---\n# nothing\n".repeat(100_000)));
    expect(r).toEqual({ documents: [], errors: [] });
  });
});
