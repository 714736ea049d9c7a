import { describe, expect, it } from "vitest";
import { parseManifests } from "./parse";

const yamlError = (file: string, line: number | undefined, problem: string): string =>
  `error: error parsing ${file}: error converting YAML to JSON: yaml: ${line === undefined ? "" : `line ${line}: `}${problem}`;

describe("parseManifests: documents", () => {
  it("reads multi-document YAML, skips empty documents and numbers the rest", () => {
    const text = "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\n# nothing here\n---\n\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n";
    const { documents, errors } = parseManifests("m.yaml", text);
    expect(errors).toEqual([]);
    expect(documents.map((d) => [d.index, d.object.kind, d.line, d.column])).toEqual([
      [0, "Namespace", 2, 1],
      [1, "ConfigMap", 11, 1],
    ]);
  });

  it("reads flow style (KYAML) and JSON as the same objects as block style", () => {
    const block = parseManifests("b.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n");
    const flow = parseManifests("f.yaml", '---\n{\n  apiVersion: "v1",\n  kind: "Pod",\n  metadata: { name: "p" },\n  spec: { containers: [{ name: "c", image: "nginx", }], },\n}\n');
    const json = parseManifests("j.json", '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"nginx"}]}}');
    expect(flow.documents[0]?.object).toEqual(block.documents[0]?.object);
    expect(json.documents[0]?.object).toEqual(block.documents[0]?.object);
    expect(flow.documents[0]?.line).toBe(2);
  });

  it("resolves scalars as kubectl's go-yaml v2 does (yes is true, 0644 is octal)", () => {
    const { documents } = parseManifests("c.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  enabled: yes\n  mode: 0644\n");
    expect(documents[0]?.object.data).toEqual({ enabled: true, mode: 420 });
  });

  it("lets a repeated key overwrite the earlier one, as non-strict go-yaml does", () => {
    const { documents, errors } = parseManifests("d.yaml", "apiVersion: v1\nkind: Pod\nkind: Service\n");
    expect(errors).toEqual([]);
    expect(documents[0]?.object.kind).toBe("Service");
  });

  it("expands a List into its items, each keeping its own positions", () => {
    const text = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\n";
    const { documents, errors } = parseManifests("l.yaml", text);
    expect(errors).toEqual([]);
    expect(documents.map((d) => [d.index, d.itemIndex, d.object.kind, d.line, d.column])).toEqual([
      [0, 0, "Service", 4, 3],
      [0, 1, "ConfigMap", 8, 3],
    ]);
    expect(documents[1]?.positionOf("metadata.name")).toEqual({ line: 11, column: 5 });
  });

  it("gives items of a typed list without apiVersion and kind the list's version and item kind", () => {
    // unstructuredJSONScheme.decodeToList: kind = list kind minus "List", apiVersion = list's.
    const { documents } = parseManifests("pl.yaml", "apiVersion: v1\nkind: PodList\nitems:\n- metadata:\n    name: a\n");
    expect(documents[0]?.object).toMatchObject({ apiVersion: "v1", kind: "Pod", metadata: { name: "a" } });
  });

  it("copies aliased values so the object shares nothing", () => {
    const { documents } = parseManifests("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: &l {app: x}\n  annotations: *l\n");
    const meta = documents[0]?.object.metadata as { labels: object; annotations: object };
    expect(meta.annotations).toEqual({ app: "x" });
    expect(meta.annotations).not.toBe(meta.labels);
  });
});

describe("parseManifests: positions", () => {
  const text = [
    "apiVersion: apps/v1", //  1
    "kind: Deployment", //     2
    "metadata:", //            3
    "  name: web", //          4
    "spec:", //                5
    "  replicas: 2", //        6
    "  template:", //          7
    "    spec:", //            8
    "      containers:", //    9
    "      - name: a", //      10
    "        image: nginx", // 11
    "      - name: b", //      12
    "        image: busybox", // 13
    "        env: [{name: X, value: y}]", // 14
    "",
  ].join("\n");
  const doc = parseManifests("p.yaml", text).documents[0];

  it("locates keys and list items", () => {
    expect(doc?.positionOf("spec.replicas")).toEqual({ line: 6, column: 3 });
    expect(doc?.positionOf("spec.template.spec.containers[1]")).toEqual({ line: 12, column: 9 });
    expect(doc?.positionOf("spec.template.spec.containers[1].image")).toEqual({ line: 13, column: 9 });
    expect(doc?.positionOf("spec.template.spec.containers[1].env[0].value")).toEqual({ line: 14, column: 25 });
  });

  it("returns undefined for absent fields and falls back to the nearest written ancestor", () => {
    expect(doc?.positionOf("spec.selector")).toBeUndefined();
    expect(doc?.positionOf("spec.template.spec.containers[5]")).toBeUndefined();
    expect(doc?.nearestPositionOf("spec.selector")).toEqual({ line: 5, column: 1 });
    expect(doc?.nearestPositionOf("spec.template.spec.containers[0].ports")).toEqual({ line: 10, column: 9 });
  });

  it("accepts bracketed keys with dots", () => {
    const d = parseManifests("k.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    example.com/x: y\n").documents[0];
    expect(d?.positionOf('metadata.annotations["example.com/x"]')).toEqual({ line: 5, column: 5 });
  });

  it("locates values reached through aliases and merge keys at their definition", () => {
    const d = parseManifests("m.yaml", "apiVersion: v1\nkind: ConfigMap\ndata: &d\n  a: \"1\"\nmetadata:\n  labels:\n    <<: {team: x}\n    app: y\nbinaryData: *d\n").documents[0];
    expect(d?.positionOf("binaryData.a")).toEqual({ line: 4, column: 3 });
    expect(d?.positionOf("metadata.labels.team")).toEqual({ line: 7, column: 10 });
    expect(d?.positionOf("metadata.labels.app")).toEqual({ line: 8, column: 5 });
  });
});

describe("parseManifests: YAML errors worded as kubectl (go-yaml v2)", () => {
  it("reports a tab in indentation as go-yaml's scanner does: 1-based line", () => {
    const r = parseManifests("t.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n");
    expect(r.errors[0]).toMatchObject({ message: yamlError("t.yaml", 4, "found character that cannot start any token"), line: 4, column: 1, documentIndex: 0, code: "ParseError", stopsFile: true });
  });

  it("refuses tabs go-yaml refuses but js-yaml would accept: tab-only lines and `key:\\tvalue`", () => {
    expect(parseManifests("t.yaml", "apiVersion: v1\n\t\nkind: Pod\n").errors[0]?.message).toBe(yamlError("t.yaml", 2, "found character that cannot start any token"));
    expect(parseManifests("t.yaml", "apiVersion: v1\nkind:\tPod\n").errors[0]?.message).toBe(yamlError("t.yaml", 2, "found character that cannot start any token"));
    expect(parseManifests("t.yaml", "apiVersion: v1\nkind: Pod\n  \t# comment\n").errors[0]?.message).toBe(yamlError("t.yaml", 3, "found character that cannot start any token"));
  });

  it("accepts tabs where go-yaml skips them or reads them as content", () => {
    const ok = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name:\tx,\n\tnamespace: y}\ndata:\n  script: |\n    a\tb\n    \tc\n  trailing: x\t# comment\n";
    const r = parseManifests("ok.yaml", ok);
    expect(r.errors).toEqual([]);
    expect(r.documents[0]?.object.data).toEqual({ script: "a\tb\n\tc\n", trailing: "x" });
  });

  it("words a tab after a block scalar as the block scalar's scanner does", () => {
    const r = parseManifests("b.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n  script: |\n    echo hi\n\techo there\n");
    expect(r.errors[0]?.message).toBe(yamlError("b.yaml", 6, "found a tab character where an indentation space is expected"));
  });

  it("words explicit tags the value does not fit as go-yaml's decoder does (no line)", () => {
    expect(parseManifests("t.yaml", "a: !!int x\n").errors[0]?.message).toBe(yamlError("t.yaml", undefined, "cannot decode !!str `x` as a !!int"));
    expect(parseManifests("t.yaml", "a: !!binary '%%'\n").errors[0]?.message).toBe(yamlError("t.yaml", undefined, "!!binary value contains invalid base64 data"));
    expect(parseManifests("t.yaml", "apiVersion: v1\nkind: ConfigMap\ndata: {a: !!binary aGk=}\n").documents[0]?.object.data).toEqual({ a: "hi" });
  });

  it("names a bad escape in a double-quoted string", () => {
    const r = parseManifests("e.yaml", 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "a\\qb"\n');
    expect(r.errors[0]?.message).toBe(yamlError("e.yaml", 4, "found unknown escape character"));
  });

  it("reports an over-indented key as a value indicator where none is allowed (scanner, 1-based)", () => {
    const r = parseManifests("o.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n    labels: y\n");
    expect(r.errors[0]).toMatchObject({ message: yamlError("o.yaml", 5, "mapping values are not allowed in this context"), line: 5 });
  });

  it("reports a key that breaks the indentation as a missing key (parser: go-yaml prints the line before)", () => {
    // parser.fail uses problem_mark.line without +1 for parser errors: the error on line 5 prints "line 4".
    const r = parseManifests("u.yaml", "apiVersion: apps/v1\nkind: Deployment\nspec:\n    replicas: 1\n  selector: x\n");
    expect(r.errors[0]).toMatchObject({ message: yamlError("u.yaml", 4, "did not find expected key"), line: 5, column: 3 });
  });

  it("reports a line that is neither key nor value, and an unclosed quote", () => {
    expect(parseManifests("c.yaml", "apiVersion: v1\nkind\nmetadata: {}\n").errors[0]?.message).toBe(yamlError("c.yaml", 3, "could not find expected ':'"));
    expect(parseManifests("q.yaml", 'apiVersion: v1\nkind: "Pod\nmetadata: {}\n').errors[0]?.message).toBe(yamlError("q.yaml", 4, "found unexpected end of stream"));
  });

  it("reports an unclosed flow mapping at the end of the document", () => {
    const r = parseManifests("f.yaml", '---\n{\n  apiVersion: "v1",\n  kind: "Pod",\n');
    expect(r.errors[0]?.message).toBe(yamlError("f.yaml", 4, "did not find expected ',' or '}'"));
  });

  it("counts go-yaml's line from the start of the document's chunk, and keeps earlier documents", () => {
    const text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n\tname: b\n---\napiVersion: v1\nkind: Secret\n";
    const r = parseManifests("two.yaml", text);
    expect(r.documents.map((d) => d.object.kind)).toEqual(["ConfigMap"]);
    // The chunk starts after the "---" line (file line 5), so file line 8 is chunk line 4.
    expect(r.errors).toEqual([
      { fileName: "two.yaml", documentIndex: 1, line: 8, column: 1, message: yamlError("two.yaml", 4, "found character that cannot start any token"), code: "ParseError", stopsFile: true },
    ]);
  });

  it("refuses a separator line with content, as kubectl's YAML reader does", () => {
    const r = parseManifests("s.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\nkind: Pod\n--- kind: Pod\n");
    expect(r.documents.map((d) => d.object.kind)).toEqual(["Namespace"]);
    expect(r.errors[0]).toMatchObject({ message: "error: error parsing s.yaml: invalid Yaml document separator: kind: Pod", line: 6, documentIndex: 1 });
  });
});

describe("parseManifests: kubectl's client-side apiVersion/kind check", () => {
  const validating = (file: string, detail: string): string =>
    `error: error validating "${file}": error validating data: ${detail}; if you choose to ignore these errors, turn validation off with --validate=false`;

  it("reports both missing fields in brackets, one alone without", () => {
    expect(parseManifests("x.yaml", "metadata: {name: a}\n").errors[0]?.message).toBe(validating("x.yaml", "[apiVersion not set, kind not set]"));
    expect(parseManifests("x.yaml", "kind: Pod\n").errors[0]?.message).toBe(validating("x.yaml", "apiVersion not set"));
    expect(parseManifests("x.yaml", "apiVersion: v1\nkind: null\n").errors[0]?.message).toBe(validating("x.yaml", "kind not set"));
  });

  it("reports non-string values, bad group versions and non-objects", () => {
    expect(parseManifests("x.yaml", "apiVersion: 1\nkind: [Pod]\n").errors[0]?.message).toBe(validating("x.yaml", "[apiVersion isn't string type, kind isn't string type]"));
    expect(parseManifests("x.yaml", "apiVersion: a/b/c\nkind: Pod\n").errors[0]?.message).toBe(validating("x.yaml", "unexpected GroupVersion string: a/b/c"));
    expect(parseManifests("x.yaml", "- a\n- b\n").errors[0]?.message).toBe(validating("x.yaml", "invalid object to validate"));
  });

  it("stops the file at the refused document", () => {
    const r = parseManifests("x.yaml", "apiVersion: v1\nkind: Namespace\n---\nkind: Pod\n---\napiVersion: v1\nkind: Secret\n");
    expect(r.documents.map((d) => d.object.kind)).toEqual(["Namespace"]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ documentIndex: 1, line: 4, column: 1, code: "ValidationError" });
  });

  it("reports an empty kind the way kubectl's decoder does and goes on", () => {
    const r = parseManifests("k.yaml", 'apiVersion: v1\nkind: ""\nmetadata: {name: "<x>"}\n---\napiVersion: v1\nkind: Secret\n');
    expect(r.errors[0]?.message).toBe(`error: unable to decode "k.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","kind":"","metadata":{"name":"\\u003cx\\u003e"}}'`);
    expect(r.documents.map((d) => d.object.kind)).toEqual(["Secret"]);
  });
});
