import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { goJSONMarshal } from "./gojson";
import { formatObjectName, parseCustomColumnsSpec, printCustomColumns, printJSON, printJSONPath, printNames, printYAML, PrintError } from "./output";

function obj(apiVersion: string, kind: string, name: string, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name, namespace: "default", uid: "u-" + name, resourceVersion: "7", creationTimestamp: "2024-05-01T12:00:00Z" }, ...extra } as KubeObject;
}

describe("-o name (cli-runtime name.go)", () => {
  it("lower-cases the kind and qualifies it with the group", () => {
    const objs = [obj("v1", "Pod", "nginx"), obj("apps/v1", "Deployment", "nginx"), obj("autoscaling/v2", "HorizontalPodAutoscaler", "php-apache")];
    expect(printNames(objs)).toBe("pod/nginx\ndeployment.apps/nginx\nhorizontalpodautoscaler.autoscaling/php-apache\n");
  });
  it("is the form of apply/create messages (oracle 3: statefulset.apps/web created)", () => {
    expect(formatObjectName(obj("apps/v1", "StatefulSet", "web"), "created")).toBe("statefulset.apps/web created\n");
    expect(formatObjectName(obj("v1", "Service", "nginx"), "created")).toBe("service/nginx created\n");
  });
});

describe("-o json (cli-runtime json.go: four-space indent, sorted keys)", () => {
  it("prints a single object", () => {
    const pod = obj("v1", "Pod", "nginx", { spec: { containers: [{ name: "nginx", image: "nginx:1.14.2" }] } });
    expect(printJSON([pod], true)).toBe(
      [
        "{",
        '    "apiVersion": "v1",',
        '    "kind": "Pod",',
        '    "metadata": {',
        '        "creationTimestamp": "2024-05-01T12:00:00Z",',
        '        "name": "nginx",',
        '        "namespace": "default",',
        '        "resourceVersion": "7",',
        '        "uid": "u-nginx"',
        "    },",
        '    "spec": {',
        '        "containers": [',
        "            {",
        '                "image": "nginx:1.14.2",',
        '                "name": "nginx"',
        "            }",
        "        ]",
        "    }",
        "}",
        "",
      ].join("\n"),
    );
  });
  it("wraps a list request in a v1 List, even when empty", () => {
    expect(printJSON([], false)).toBe('{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n');
  });
  it("escapes HTML characters like encoding/json", () => {
    expect(goJSONMarshal({ a: "<none> & more" })).toBe('{"a":"\\u003cnone\\u003e \\u0026 more"}');
  });
});

describe("-o yaml", () => {
  it("wraps several objects in a List", () => {
    const out = printYAML([obj("v1", "ConfigMap", "a", { data: { k: "v" } })], false);
    expect(out).toBe(
      [
        "apiVersion: v1",
        "items:",
        "- apiVersion: v1",
        "  data:",
        "    k: v",
        "  kind: ConfigMap",
        "  metadata:",
        '    creationTimestamp: "2024-05-01T12:00:00Z"',
        "    name: a",
        "    namespace: default",
        '    resourceVersion: "7"',
        "    uid: u-a",
        "kind: List",
        "metadata:",
        '  resourceVersion: ""',
        "",
      ].join("\n"),
    );
  });
});

describe("-o jsonpath", () => {
  it("applies the template to the List of a list request (oracle 5)", () => {
    expect(printJSONPath("{.items[*].metadata.name}", [obj("v1", "Pod", "pi-5rwd7")], false)).toBe("pi-5rwd7");
  });
  it("reports parse errors as kubectl does", () => {
    expect(() => printJSONPath("{.items[*", [], false)).toThrow(new PrintError("error parsing jsonpath {.items[*, unterminated array\n"));
  });
});

describe("-o custom-columns (cli-runtime customcolumn_test.go)", () => {
  it("parses the spec with relaxed paths (TestNewColumnPrinterFromSpec)", () => {
    expect(parseCustomColumnsSpec("NAME:metadata.name,API_VERSION:apiVersion")).toEqual([
      { header: "NAME", fieldSpec: "{.metadata.name}" },
      { header: "API_VERSION", fieldSpec: "{.apiVersion}" },
    ]);
    expect(() => parseCustomColumnsSpec("")).toThrow("custom-columns format specified but no custom columns given");
    expect(() => parseCustomColumnsSpec("invalid")).toThrow("unexpected custom-columns spec: invalid, expected <header>:<json-path-expr>");
  });
  it("prints columns (TestColumnPrint)", () => {
    const foo = { apiVersion: "baz", kind: "Pod", metadata: { name: "foo" } } as unknown as KubeObject;
    const bar = { kind: "Pod", metadata: { name: "bar" } } as unknown as KubeObject;
    expect(printCustomColumns("NAME:{.metadata.name}", [foo])).toBe("NAME\nfoo\n");
    expect(printCustomColumns("NAME:{.metadata.name}", [foo, bar])).toBe("NAME\nfoo\nbar\n");
    expect(printCustomColumns("NAME:{.metadata.name},API_VERSION:{.apiVersion}", [foo])).toBe("NAME   API_VERSION\nfoo    baz\n");
    expect(printCustomColumns("NAME:{.metadata.name},API_VERSION:{.apiVersion},NOT_FOUND:{.notFound}", [foo])).toBe("NAME   API_VERSION   NOT_FOUND\nfoo    baz           <none>\n");
  });
  it("keeps one tab writer for all rows (TestIndividualPrintObjOnExistingTabWriter)", () => {
    const pods = [
      { kind: "Pod", metadata: { name: "foo", labels: { label1: "foo", label2: "foo" } } },
      { kind: "Pod", metadata: { name: "bar", labels: { label1: "bar", label2: "bar" } } },
    ] as unknown as KubeObject[];
    expect(printCustomColumns("NAME:{.metadata.name},LONG COLUMN NAME:{.metadata.labels.label1},LABEL 2:{.metadata.labels.label2}", pods)).toBe(
      "NAME   LONG COLUMN NAME   LABEL 2\nfoo    foo                foo\nbar    bar                bar\n",
    );
  });
});
