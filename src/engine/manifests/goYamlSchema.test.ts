import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { GO_YAML_SCHEMA, resolveGoNumber } from "./goYamlSchema";

const load = (text: string): unknown => yaml.load(text, { schema: GO_YAML_SCHEMA });

// Expected values: gopkg.in/yaml.v2 resolve.go (resolveMapList, strconv.ParseInt base 0,
// yamlStyleFloat) and decoder.scalar, which keeps timestamps as strings for interface{} targets.
describe("GO_YAML_SCHEMA", () => {
  it("reads YAML 1.1 booleans like go-yaml v2", () => {
    expect(load("[yes, Yes, on, ON, y, no, off, n, true, False]")).toEqual([true, true, true, true, true, false, false, false, true, false]);
  });

  it("keeps words that are not booleans in YAML 1.1 as strings", () => {
    expect(load("[yEs, tRUE, enabled]")).toEqual(["yEs", "tRUE", "enabled"]);
  });

  it("reads Go integer literals: leading 0 is octal, 0x hex, 0b binary, underscores dropped", () => {
    expect(load("{mode: 0644, hex: 0x1F, oct: 0o17, bin: 0b101, big: 1_000, neg: -0b11}")).toEqual({ mode: 420, hex: 31, oct: 15, bin: 5, big: 1000, neg: -3 });
  });

  it("falls back to a float when the octal parse fails (08) and reads decimal floats", () => {
    expect(load("[08, 1.5, 1e3, .5, -2.5e-1]")).toEqual([8, 1.5, 1000, 0.5, -0.25]);
  });

  it("keeps dates, versions and quoted numbers as strings", () => {
    expect(load(`{date: 2024-01-02, version: 1.2.3, quoted: "8080", time: 12:30}`)).toEqual({ date: "2024-01-02", version: "1.2.3", quoted: "8080", time: "12:30" });
  });

  it("reads null spellings and the special floats", () => {
    expect(load("[~, null, Null, NULL, .inf, -.Inf]")).toEqual([null, null, null, null, Infinity, -Infinity]);
    expect(Number.isNaN(resolveGoNumber(".nan"))).toBe(true);
  });

  it("honours explicit tags and keeps unknown local tags' values", () => {
    expect(load("{a: !!str 0644, b: !!float 1, c: !custom hello, d: !!timestamp 2001-12-14}")).toEqual({ a: "0644", b: 1, c: "hello", d: "2001-12-14" });
  });

  it("merges << keys, the nearer key winning", () => {
    expect(load("base: &b {a: 1, b: 2}\nderived:\n  <<: *b\n  b: 3\n")).toEqual({ base: { a: 1, b: 2 }, derived: { a: 1, b: 3 } });
  });
});
