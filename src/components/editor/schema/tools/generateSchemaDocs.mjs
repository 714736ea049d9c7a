// Build-time tool (Node, not page code): regenerates ../schemaDocs.json, the field documentation and
// enum values that the editor's JSON Schema adds to the engine's type bundle (schemaBundle.json has the
// structure only). Run from the repo root:
//
//   node src/components/editor/schema/tools/generateSchemaDocs.mjs
//
// Source: the doc comments of kubernetes-models 4.5 (generated from the Kubernetes OpenAPI spec, so
// the text is upstream's `description` of each definition and property) and its string-literal unions
// (the OpenAPI `enum`s). Only the types schemaBundle.json lists are emitted.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../../../..");
const roots = [path.join(repo, "node_modules/kubernetes-models"), path.join(repo, "node_modules/@kubernetes-models/apimachinery")];
const bundle = JSON.parse(fs.readFileSync(path.join(repo, "src/engine/manifests/schemaBundle.json"), "utf8"));
const outFile = path.resolve(here, "../schemaDocs.json");

function walk(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "_schemas") continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (entry.name.endsWith(".d.ts") && entry.name !== "index.d.ts") out.push(p);
  }
  return out;
}

// The same id scheme as src/engine/manifests/tools/generateSchemaBundle.mjs: IoK8sApiCoreV1Container -> core.v1.Container.
function idOf(longName) {
  const m = /^(IoK8sApi|IoK8sApimachineryPkgApis|IoK8sApiextensionsApiserverPkgApis|IoK8sKubeAggregatorPkgApis)([A-Z][a-z0-9]*)(V\d+(?:(?:alpha|beta)\d+)?)([A-Z].*)$/.exec(longName);
  return m ? `${m[2].toLowerCase()}.${m[3].toLowerCase()}.${m[4]}` : undefined;
}

/** Doc comment text of a node, without the leading `*`s; blank lines kept as paragraph breaks. */
function docOf(node) {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const text = docs.map((d) => (typeof d.comment === "string" ? d.comment : ts.getTextOfJSDocComment(d.comment) ?? "")).join("\n").trim();
  return text === "" ? undefined : text;
}

function enumOf(typeNode) {
  if (!typeNode || !ts.isUnionTypeNode(typeNode)) return undefined;
  const values = [];
  for (const t of typeNode.types) {
    if (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal)) values.push(t.literal.text);
    else return undefined;
  }
  return values.length > 0 ? values : undefined;
}

const wanted = new Set(Object.keys(bundle.types));
const types = {};
for (const root of roots) {
  for (const file of walk(root, [])) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const exported = new Map();
    for (const stmt of sf.statements) {
      if (ts.isExportDeclaration(stmt) && stmt.exportClause && ts.isNamedExports(stmt.exportClause)) {
        for (const el of stmt.exportClause.elements) {
          const name = el.name.text;
          if (name.startsWith("IIoK8s")) exported.set(el.propertyName ? el.propertyName.text : name, name.slice(1));
        }
      }
    }
    for (const stmt of sf.statements) {
      if (!ts.isInterfaceDeclaration(stmt)) continue;
      const longName = exported.get(stmt.name.text);
      const id = longName && idOf(longName);
      if (!id || !wanted.has(id) || types[id]) continue;
      const entry = {};
      const d = docOf(stmt);
      if (d) entry.d = d;
      const fields = {};
      const enums = {};
      for (const m of stmt.members) {
        if (!ts.isPropertySignature(m) || !m.name) continue;
        const name = m.name.text;
        if (name === "apiVersion" || name === "kind") continue;
        const fd = docOf(m);
        if (fd) fields[name] = fd;
        const e = enumOf(m.type);
        if (e) enums[name] = e;
      }
      if (Object.keys(fields).length > 0) entry.f = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1)));
      if (Object.keys(enums).length > 0) entry.e = Object.fromEntries(Object.entries(enums).sort(([a], [b]) => (a < b ? -1 : 1)));
      types[id] = entry;
    }
  }
}

const out = { source: "kubernetes-models 4.5.1 doc comments (Kubernetes OpenAPI descriptions and enums)", types: {} };
for (const id of Object.keys(types).sort()) out.types[id] = types[id];
fs.writeFileSync(outFile, JSON.stringify(out) + "\n");
const missing = [...wanted].filter((id) => !types[id]);
console.log(`wrote ${outFile}: ${Object.keys(types).length} types, ${fs.statSync(outFile).size} bytes; without docs: ${missing.join(", ") || "none"}`);
