import { describe, it, expect } from "vitest";
import {
  everything,
  formatLabels,
  formatLabelSelector,
  labelSelectorAsSelector,
  LabelSelectorError,
  newRequirement,
  nothing,
  parseSelector,
  selectorFromRequirements,
  selectorFromSet,
  validatedSelectorFromSet,
} from "./labels";
import type { LabelSelector } from "../api/types";

const matches = (sel: string, labels: Record<string, string>) => parseSelector(sel).matches(labels);

describe("parseSelector (upstream TestSelectorParse)", () => {
  it("round-trips upstream's good strings (whitespace dropped)", () => {
    for (const s of ["x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5"]) {
      expect(parseSelector(s).toString(), s).toBe(s.replace(/ /g, ""));
    }
  });

  it("rejects upstream's bad strings", () => {
    for (const s of ["x=a||y=b", "x==a==b", "!x=a", "x<a"]) expect(() => parseSelector(s), s).toThrow(LabelSelectorError);
  });

  it("sorts requirements by key (TestDeterministicParse)", () => {
    expect(parseSelector("x=a,a=x").toString()).toBe("a=x,x=a");
    expect(parseSelector("a=x,x=a").toString()).toBe("a=x,x=a");
  });

  it("parses set-based syntax like TestSetSelectorParser", () => {
    expect(parseSelector("\rx").toString()).toBe("x");
    expect(parseSelector("this-is-another-dns.domain.com/key-with-dash in (so,what)").toString()).toBe(
      "this-is-another-dns.domain.com/key-with-dash in (so,what)",
    );
    expect(parseSelector("0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)").toString()).toBe(
      "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)",
    );
    expect(parseSelector("foo  in\t (abc)").toString()).toBe("foo in (abc)");
    expect(parseSelector("x notin\n (abc)").toString()).toBe("x notin (abc)");
    expect(parseSelector("x in (abc,)").toString()).toBe("x in (,abc)");
    expect(parseSelector("x in ()").toString()).toBe("x in ()");
    expect(parseSelector("x notin (abc,def),bar,z in (),w").toString()).toBe("bar,w,x notin (abc,def),z in ()");
    expect(parseSelector("x in (def,abc,abc)").toString()).toBe("x in (abc,def)");
    // `in`/`notin` are identifiers in value position.
    expect(matches("notin=in", { notin: "in" })).toBe(true);
    expect(parseSelector("x in (in,notin)").toString()).toBe("x in (in,notin)");
  });

  it("reports upstream's error messages", () => {
    // Observed from real clusters: `kubectl get pods -l "app:monolith"`.
    expect(() => parseSelector("app:monolith")).toThrow(
      `unable to parse requirement: <nil>: Invalid value: "app:monolith": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    );
    expect(() => parseSelector("a/b/c ?=? def")).toThrow(
      `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    );
    expect(() => parseSelector("!x=a")).toThrow("found '=', expected: ',' or 'end of string'");
    expect(() => parseSelector("x==a==b")).toThrow("found '==', expected: ',' or 'end of string'");
    expect(() => parseSelector("x=a,")).toThrow("found '', expected: identifier after ','");
    expect(() => parseSelector(",x")).toThrow("found ',', expected: !, identifier, or 'end of string'");
    expect(() => parseSelector("x in a")).toThrow("unable to parse requirement: found 'a' expected: '('");
    expect(() => parseSelector("x in (a")).toThrow("unable to parse requirement: found '', expected: ',' or ')'");
    expect(() => parseSelector("x y")).toThrow("unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt");
    expect(() => parseSelector("x<a")).toThrow(
      `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`,
    );
    expect(() => parseSelector("app=-web")).toThrow(
      `unable to parse requirement: values[0][app]: Invalid value: "-web": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    );
  });
});

describe("Selector.matches (upstream TestSelectorMatches / TestRequirementSelectorMatching)", () => {
  it("matches like upstream", () => {
    expect(matches("", { x: "y" })).toBe(true);
    expect(matches("x=y", { x: "y" })).toBe(true);
    expect(matches("x=y,z=w", { x: "y", z: "w" })).toBe(true);
    expect(matches("x!=y,z!=w", { x: "z", z: "a" })).toBe(true);
    expect(matches("x", { x: "z" })).toBe(true);
    expect(matches("!x", { y: "z" })).toBe(true);
    expect(matches("x>1", { x: "2" })).toBe(true);
    expect(matches("x<1", { x: "0" })).toBe(true);
    expect(matches("x=z", {})).toBe(false);
    expect(matches("x=y", { x: "z" })).toBe(false);
    expect(matches("x=y,z=w", { x: "w", z: "w" })).toBe(false);
    expect(matches("x!=y,z!=w", { x: "z", z: "w" })).toBe(false);
    expect(matches("x", { y: "z" })).toBe(false);
    expect(matches("!x", { x: "z" })).toBe(false);
    expect(matches("x>1", { x: "0" })).toBe(false);
    expect(matches("x<1", { x: "2" })).toBe(false);
    expect(matches("z>1", { z: "v2" })).toBe(false);
    expect(matches("x in (foo),y notin (alpha)", { x: "foo", y: "baz" })).toBe(true);
    expect(matches("x in (foo),y in (alpha)", { x: "foo", y: "baz" })).toBe(false);
    expect(matches("x notin (),y", { y: "" })).toBe(true);
    expect(matches("x notin (),!y", { y: "" })).toBe(false);
    expect(matches("x in ()", { y: "baz" })).toBe(false);
    expect(matches("x in (a,b,c,d,e)", { x: "d" })).toBe(true);
    expect(matches("x notin (a,b,c)", { x: "d" })).toBe(true);
    const labelset = { foo: "bar", baz: "blah" };
    expect(matches("foo=bar,baz=blah", labelset)).toBe(true);
    expect(matches("foo=bar,foobar=bar,baz=blah", labelset)).toBe(false);
  });

  it("treats undefined labels as empty and ignores inherited properties", () => {
    expect(parseSelector("app").matches(undefined)).toBe(false);
    expect(parseSelector("!app").matches(undefined)).toBe(true);
    expect(parseSelector("constructor").matches({})).toBe(false);
    expect(parseSelector("!toString").matches({})).toBe(true);
  });

  it("answers requiresExactMatch like upstream", () => {
    expect(parseSelector("app=web,tier in (db)").requiresExactMatch("app")).toBe("web");
    expect(parseSelector("tier in (db)").requiresExactMatch("tier")).toBe("db");
    expect(parseSelector("tier in (a,b)").requiresExactMatch("tier")).toBeUndefined();
    expect(parseSelector("app!=web").requiresExactMatch("app")).toBeUndefined();
  });
});

describe("selectorFromSet / Everything / Nothing", () => {
  it("builds sorted equality requirements (TestSetMatches)", () => {
    const labelset = { foo: "bar", baz: "blah" };
    expect(selectorFromSet({}).matches(labelset)).toBe(true);
    expect(selectorFromSet({ foo: "bar", baz: "blah" }).matches(labelset)).toBe(true);
    expect(selectorFromSet({ foo: "bar", baz: "x" }).matches(labelset)).toBe(false);
    expect(selectorFromSet({ tier: "fe", app: "web" }).toString()).toBe("app=web,tier=fe");
    expect(selectorFromSet(undefined).empty()).toBe(true);
  });

  it("models Everything and Nothing", () => {
    expect(everything().matches({ x: "y" })).toBe(true);
    expect(everything().empty()).toBe(true);
    expect(nothing().matches({ x: "y" })).toBe(false);
    expect(nothing().matches({})).toBe(false);
    expect(nothing().empty()).toBe(false);
    expect(nothing().toString()).toBe("");
  });

  it("validates sets on request", () => {
    expect(() => validatedSelectorFromSet({ "bad key": "x" })).toThrow(/^key: Invalid value: "bad key": name part/);
  });
});

describe("newRequirement (upstream TestRequirementConstructor / TestToString)", () => {
  it("accepts and rejects like upstream", () => {
    const ok: [string, string, string[] | undefined][] = [
      ["x", "in", ["foo"]], ["x", "notin", ["foo"]], ["x", "exists", undefined], ["x", "!", undefined],
      ["1foo", "in", ["bar"]], ["1234", "in", ["bar"]], ["y", "gt", ["1"]], ["z", "lt", ["6"]],
    ];
    for (const [k, op, vals] of ok) expect(() => newRequirement(k, op, vals), `${k} ${op}`).not.toThrow();
    const bad: [string, string, string[] | undefined][] = [
      ["x", "in", undefined], ["x", "notin", []], ["foo", "gt", ["bar"]], ["barz", "lt", ["blah"]],
      ["a".repeat(254), "exists", undefined],
    ];
    for (const [k, op, vals] of bad) expect(() => newRequirement(k, op, vals), `${k} ${op}`).toThrow(LabelSelectorError);
  });

  it("prints like upstream TestToString", () => {
    const sel = (...r: ReturnType<typeof newRequirement>[]) => selectorFromRequirements(r).toString();
    expect(sel(newRequirement("x", "in", ["abc", "def"]), newRequirement("y", "notin", ["jkl"]), newRequirement("z", "exists", []))).toBe(
      "x in (abc,def),y notin (jkl),z",
    );
    expect(sel(newRequirement("x", "notin", ["abc", "def"]), newRequirement("y", "!=", ["jkl"]), newRequirement("z", "!", []))).toBe(
      "x notin (abc,def),y!=jkl,!z",
    );
    expect(sel(newRequirement("x", "=", ["abc"]), newRequirement("y", "==", ["jkl"]), newRequirement("z", "!=", ["a"]), newRequirement("z", "exists", []))).toBe(
      "x=abc,y==jkl,z!=a,z",
    );
    expect(sel(newRequirement("x", "gt", ["2"]), newRequirement("y", "lt", ["8"]), newRequirement("z", "exists", []))).toBe("x>2,y<8,z");
  });
});

describe("labelSelectorAsSelector / formatLabelSelector (metav1 helpers)", () => {
  it("converts matchLabels and matchExpressions", () => {
    const ls: LabelSelector = {
      matchLabels: { app: "nginx" },
      matchExpressions: [
        { key: "tier", operator: "In", values: ["fe", "be"] },
        { key: "env", operator: "NotIn", values: ["dev"] },
        { key: "canary", operator: "DoesNotExist" },
        { key: "track", operator: "Exists" },
      ],
    };
    const sel = labelSelectorAsSelector(ls);
    expect(sel.toString()).toBe("app=nginx,!canary,env notin (dev),tier in (be,fe),track");
    expect(sel.matches({ app: "nginx", tier: "fe", track: "stable" })).toBe(true);
    expect(sel.matches({ app: "nginx", tier: "fe", track: "stable", canary: "y" })).toBe(false);
  });

  it("models empty (everything) and null (nothing)", () => {
    expect(labelSelectorAsSelector({}).matches({ a: "b" })).toBe(true);
    expect(labelSelectorAsSelector({ matchLabels: {}, matchExpressions: [] }).empty()).toBe(true);
    expect(labelSelectorAsSelector(null).matches({ a: "b" })).toBe(false);
    expect(labelSelectorAsSelector(undefined).matches({})).toBe(false);
  });

  it("reports upstream's errors", () => {
    const bad = { matchExpressions: [{ key: "name", operator: "Seriously" }] } as unknown as LabelSelector;
    expect(() => labelSelectorAsSelector(bad)).toThrow(`"Seriously" is not a valid label selector operator`);
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: "name", operator: "In", values: [] }] })).toThrow(
      "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
    );
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: "name", operator: "In" }] })).toThrow(
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: "name", operator: "Exists", values: ["a", "b"] }] })).toThrow(
      `values: Invalid value: []string{"a", "b"}: values set must be empty for exists and does not exist`,
    );
    // Two errors aggregate inside brackets.
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: "-bad", operator: "In", values: [] }] })).toThrow(/^\[key: Invalid value: "-bad": .*, values: Invalid value: \[\]string\{\}: .*\]$/);
  });

  it("formats like kubectl describe", () => {
    expect(formatLabelSelector({ matchLabels: { app: "nginx" } })).toBe("app=nginx");
    expect(formatLabelSelector({})).toBe("<none>");
    expect(formatLabelSelector(undefined)).toBe("<none>");
    expect(formatLabelSelector({ matchExpressions: [{ key: "a", operator: "In", values: [] }] })).toBe("<error>");
    expect(formatLabels({ run: "nginx", app: "web" })).toBe("app=web,run=nginx");
    expect(formatLabels({})).toBe("<none>");
  });
});
