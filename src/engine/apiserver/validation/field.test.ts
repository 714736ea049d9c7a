import { describe, expect, it } from "vitest";
import { child, dedupe, duplicate, errorString, forbidden, index, invalid, key, notSupported, required, tooLong, tooMany } from "./field";
import { goJSON, goJSONString, goLabelSelector, goQuote, goStruct } from "./goFormat";

describe("ErrorBody (apimachinery field/errors.go)", () => {
  it("prints numbers and bools with %v, strings with %q, the rest as JSON", () => {
    expect(invalid("bla", 2, "details").message).toBe("Invalid value: 2: details"); // TestErrorBody "int"
    expect(invalid("bla", true, "d").message).toBe("Invalid value: true: d");
    expect(invalid("bla", "v", "d").message).toBe('Invalid value: "v": d');
    expect(invalid("bla", { b: "2", a: "1" }, "d").message).toBe('Invalid value: {"a":"1","b":"2"}: d'); // maps: sorted keys
    expect(invalid("bla", null, "d").message).toBe("Invalid value: null: d");
    expect(invalid("bla", ["x"], "d").message).toBe('Invalid value: ["x"]: d');
  });

  it("never prints the value of Required, Forbidden and TooLong errors", () => {
    expect(required("f", "name or generateName is required").message).toBe("Required value: name or generateName is required");
    expect(required("f").message).toBe("Required value");
    expect(forbidden("f", "not allowed on this type").message).toBe("Forbidden: not allowed on this type");
    expect(tooLong("metadata.annotations", 262144).message).toBe("Too long: may not be more than 262144 bytes");
  });

  it("NotSupported quotes every supported value (TestNotSupported)", () => {
    expect(notSupported("f", "v", ["a", "b", "c"]).message).toBe('Unsupported value: "v": supported values: "a", "b", "c"');
  });

  it("Duplicate and TooMany", () => {
    expect(duplicate("spec.containers[1].name", "x").message).toBe('Duplicate value: "x"');
    expect(tooMany("f", 25, 20).message).toBe("Too many: 25: must have at most 20 items");
  });

  it("Error() is '<field>: <body>' and paths join like field.Path", () => {
    expect(child("spec", "template", "spec")).toBe("spec.template.spec");
    expect(key(index(child("spec", "containers"), 0) + ".resources.requests", "cpu")).toBe("spec.containers[0].resources.requests[cpu]");
    expect(errorString(required("spec.selector"))).toBe("spec.selector: Required value");
  });

  it("ToAggregate drops repeated errors", () => {
    expect(dedupe([required("a"), required("a"), required("b")]).map(errorString)).toEqual(["a: Required value", "b: Required value"]);
  });
});

describe("Go renderings", () => {
  it("strconv.Quote escapes control characters and keeps printable unicode", () => {
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote("tab\there\n")).toBe('"tab\\there\\n"');
    expect(goQuote("\u0001")).toBe('"\\x01"');
    expect(goQuote("héllo")).toBe('"héllo"');
    expect(goQuote("\u200b")).toBe('"\\u200b"'); // zero-width space is not printable
  });

  it("encoding/json escapes <, > and & and sorts map keys", () => {
    expect(goJSONString("<a&b>")).toBe('"\\u003ca\\u0026b\\u003e"');
    expect(goJSON({ z: 1, a: [true, null] })).toBe('{"a":[true,null],"z":1}');
  });

  it("structs keep field order and drop omitempty fields", () => {
    expect(goStruct([["Key", "k"], ["Value", ""], ["Effect", "NoSchedule"], ["TimeAdded", null]]).text).toBe('{"Key":"k","Value":"","Effect":"NoSchedule","TimeAdded":null}');
    expect(goLabelSelector({ matchLabels: { app: "web" } }).text).toBe('{"matchLabels":{"app":"web"}}');
    expect(goLabelSelector({ matchExpressions: [{ key: "tier", operator: "In", values: ["a"] }] }).text)
      .toBe('{"matchExpressions":[{"key":"tier","operator":"In","values":["a"]}]}');
    expect(goLabelSelector({}).text).toBe("{}");
  });
});
