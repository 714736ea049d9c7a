// `kubectl get -o name|json|yaml|jsonpath=...|custom-columns=...`.
// mirrors cli-runtime pkg/printers (NamePrinter printObj, JSONPrinter, YAMLPrinter, JSONPathPrinter,
// CustomColumnsPrinter, RelaxedJSONPathExpression) and GetOptions.printGeneric (kubectl pkg/cmd/get/get.go),
// which wraps zero or several objects, or any list request, into a v1 List.
import type { KubeObject } from "../../api/types";
import { goJSONMarshal } from "./gojson";
import { goYAMLMarshal } from "./goyaml";
import { goSprint, JSONPathExecError, JSONPathParseError, JSONPathTemplate } from "./jsonpath";
import { escapeTerminal } from "./table";
import { newKubectlTableWriter } from "./tabwriter";

/** An output error worded as kubectl prints it after "error: ". */
export class PrintError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PrintError";
  }
}

/** The v1 List kubectl prints for list requests and multi-object gets. */
export interface PrintedList {
  apiVersion: "v1";
  items: KubeObject[];
  kind: "List";
  metadata: { resourceVersion: string };
}

// mirrors printGeneric: a single named object prints as itself; anything else (a list request, zero or
// several objects) is a List with an empty resourceVersion.
export function printable(objects: readonly KubeObject[], singleItem: boolean): KubeObject | PrintedList {
  if (singleItem && objects.length === 1) return objects[0] as KubeObject;
  return { apiVersion: "v1", items: [...objects], kind: "List", metadata: { resourceVersion: "" } };
}

/** schema.GroupKind of an object for NamePrinter: lower-cased kind, then ".group" if not core. */
export function resourceTypeName(obj: KubeObject): string {
  const apiVersion = obj.apiVersion ?? "";
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const kind = (obj.kind ?? "").toLowerCase();
  return group === "" ? kind : `${kind}.${group}`;
}

// mirrors printObj (cli-runtime pkg/printers/name.go): "deployment.apps/nginx created".
export function formatObjectName(obj: KubeObject, operation?: string): string {
  if (!obj.kind) throw new PrintError(`missing kind for resource with name ${obj.metadata?.name ?? ""}`);
  const op = operation ? ` ${operation}` : "";
  return `${resourceTypeName(obj)}/${obj.metadata?.name ?? ""}${op}\n`;
}

/** `-o name`: one line per object. */
export function printNames(objects: readonly KubeObject[]): string {
  return objects.map((o) => formatObjectName(o)).join("");
}

/** `-o json`: json.MarshalIndent with four spaces, plus a newline. */
export function printJSON(objects: readonly KubeObject[], singleItem: boolean): string {
  return goJSONMarshal(printable(objects, singleItem), "    ") + "\n";
}

/** `-o yaml`: sigs.k8s.io/yaml of the object's JSON. */
export function printYAML(objects: readonly KubeObject[], singleItem: boolean): string {
  return goYAMLMarshal(printable(objects, singleItem));
}

/** Compiles a `-o jsonpath=` template, with kubectl's parse error wording. */
export function compileJSONPath(template: string): JSONPathTemplate {
  try {
    return new JSONPathTemplate(template);
  } catch (e) {
    if (e instanceof JSONPathParseError) throw new PrintError(`error parsing jsonpath ${template}, ${e.message}\n`);
    throw e;
  }
}

export interface JSONPathPrintOptions {
  /** --allow-missing-template-keys (default true). */
  allowMissingKeys?: boolean;
}

// mirrors JSONPathPrinter.PrintObj: no newline is added after the template's own text.
export function printJSONPath(template: string, objects: readonly KubeObject[], singleItem: boolean, options: JSONPathPrintOptions = {}): string {
  const compiled = compileJSONPath(template);
  const data = printable(objects, singleItem);
  try {
    return compiled.execute(data, { allowMissingKeys: options.allowMissingKeys !== false });
  } catch (e) {
    if (!(e instanceof JSONPathExecError)) throw e;
    // Upstream also dumps the object with %#v; that Go-syntax dump is not reproduced.
    throw new PrintError(
      `error executing jsonpath ${JSON.stringify(template)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${template}\n`,
    );
  }
}

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

// mirrors RelaxedJSONPathExpression: "name1.name2", ".name1.name2", "{name1.name2}" all mean {.name1.name2}.
export function relaxedJSONPathExpression(expr: string): string {
  if (expr.length === 0) return expr;
  const m = RELAXED.exec(expr);
  if (!m) throw new PrintError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] ?? m[2] ?? ""}}`;
}

export interface CustomColumn {
  header: string;
  fieldSpec: string;
}

// mirrors NewCustomColumnsPrinterFromSpec: "HEADER:path,HEADER2:path2".
export function parseCustomColumnsSpec(spec: string): CustomColumn[] {
  if (spec.length === 0) throw new PrintError("custom-columns format specified but no custom columns given");
  return spec.split(",").map((part) => {
    const colon = part.indexOf(":");
    if (colon < 0) throw new PrintError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), fieldSpec: relaxedJSONPathExpression(part.slice(colon + 1)) };
  });
}

// mirrors CustomColumnsPrinter.PrintObj / printOneObject: headers as typed (even for an empty list),
// every value found joined by ",", "<none>" when a path finds nothing.
export function printCustomColumns(spec: string, objects: readonly KubeObject[], options: { noHeaders?: boolean } = {}): string {
  const columns = parseCustomColumnsSpec(spec);
  const templates = columns.map((c) => {
    try {
      return new JSONPathTemplate(c.fieldSpec);
    } catch (e) {
      if (e instanceof JSONPathParseError) throw new PrintError(e.message);
      throw e;
    }
  });
  const w = newKubectlTableWriter();
  if (!options.noHeaders) w.writeRow(columns.map((c) => c.header));
  for (const obj of objects) {
    const cells = templates.map((t) => {
      let results: unknown[][];
      try {
        results = t.findResults(obj, { allowMissingKeys: true });
      } catch (e) {
        if (e instanceof JSONPathExecError) throw new PrintError(e.message);
        throw e;
      }
      const strings: string[] = [];
      if (results.length === 0 || (results[0] as unknown[]).length === 0) strings.push("<none>");
      for (const v of results.flat()) strings.push(escapeTerminal(goSprint(v)));
      return strings.join(",");
    });
    w.writeRow(cells);
  }
  return w.toString();
}
