// Build-time tool (Node, not engine code): regenerates ../schemaBundle.json, the compact type
// schema that validateSchema.ts decodes manifests against. Run from the repo root:
//
//   node src/engine/manifests/tools/generateSchemaBundle.mjs
//
// Source: kubernetes-models 4.5 (generated from the Kubernetes 1.33 OpenAPI spec). Field names,
// required lists and TypeScript shapes come from its .d.ts models (parsed with the TypeScript
// compiler API); integer widths (int32/int64/double) and string formats (byte, date-time) are
// probed through its compiled validators. The few fields Kubernetes 1.34 added to the kinds the
// engine serves are overlaid from k8s.io/api v0.34 core/v1/types.go (see V134_OVERLAY).
//
// Only the types reachable from the kinds in src/engine/api/registry.ts are emitted.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../../..");
const modelsRoot = path.join(repo, "node_modules/kubernetes-models");
const apimachineryRoot = path.join(repo, "node_modules/@kubernetes-models/apimachinery");
const outFile = path.resolve(here, "../schemaBundle.json");

// ---- 1. Index every model .d.ts: long name (IoK8s...) -> { file, local interface/alias name }.

function walk(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "_schemas") continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (entry.name.endsWith(".d.ts") && entry.name !== "index.d.ts") out.push(p);
  }
  return out;
}

const files = [...walk(modelsRoot, []), ...walk(apimachineryRoot, [])];
/** @type {Map<string, {file: string, local: string, sf: ts.SourceFile}>} */
const byLongName = new Map();
/** "apps/v1/Deployment" -> long name */
const byGvk = new Map();

for (const file of files) {
  const text = fs.readFileSync(file, "utf8");
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  for (const stmt of sf.statements) {
    if (ts.isExportDeclaration(stmt) && stmt.exportClause && ts.isNamedExports(stmt.exportClause)) {
      for (const el of stmt.exportClause.elements) {
        const exported = el.name.text;
        const local = el.propertyName ? el.propertyName.text : exported;
        if (exported.startsWith("IIoK8s")) byLongName.set(exported.slice(1), { file, local, sf });
      }
    }
  }
}

function findDecl(entry) {
  for (const stmt of entry.sf.statements) {
    if ((ts.isInterfaceDeclaration(stmt) || ts.isTypeAliasDeclaration(stmt)) && stmt.name.text === entry.local) return stmt;
  }
  return undefined;
}

function literalOf(typeNode) {
  if (typeNode && ts.isLiteralTypeNode(typeNode) && ts.isStringLiteral(typeNode.literal)) return typeNode.literal.text;
  return undefined;
}

for (const [longName, entry] of byLongName) {
  const decl = findDecl(entry);
  if (!decl || !ts.isInterfaceDeclaration(decl)) continue;
  let apiVersion;
  let kind;
  for (const m of decl.members) {
    if (!ts.isPropertySignature(m) || !m.name) continue;
    const name = m.name.text;
    if (name === "apiVersion") apiVersion = literalOf(m.type);
    if (name === "kind") kind = literalOf(m.type);
  }
  if (apiVersion && kind) byGvk.set(`${apiVersion}/${kind}`, longName);
}

// ---- 2. Roots: the kinds the registry serves.

const registryText = fs.readFileSync(path.join(repo, "src/engine/api/registry.ts"), "utf8");
const roots = [];
for (const m of registryText.matchAll(/rt\("([^"]+)",\s*"([^"]+)"/g)) {
  const gvk = `${m[1]}/${m[2]}`;
  const longName = byGvk.get(gvk);
  if (!longName) throw new Error(`kubernetes-models has no type for ${gvk}`);
  roots.push([gvk, longName]);
}

// ---- 3. Identity of a type: short id ("core.v1.Container") and Go type string ("v1.Container").

const SPECIAL = {
  IoK8sApimachineryPkgUtilIntstrIntOrString: "I",
  IoK8sApimachineryPkgApiResourceQuantity: "q",
  IoK8sApimachineryPkgApisMetaV1Time: "t",
  IoK8sApimachineryPkgApisMetaV1MicroTime: "t",
  IoK8sApimachineryPkgRuntimeRawExtension: "a",
  IoK8sApimachineryPkgApisMetaV1FieldsV1: "a",
  IoK8sApiextensionsApiserverPkgApisApiextensionsV1JSON: "a",
  IoK8sApiextensionsApiserverPkgApisApiextensionsV1JSONSchemaPropsOrArray: "a",
  IoK8sApiextensionsApiserverPkgApisApiextensionsV1JSONSchemaPropsOrBool: "a",
  IoK8sApiextensionsApiserverPkgApisApiextensionsV1JSONSchemaPropsOrStringArray: "a",
};

const EMBEDDED = { "/volumeClaimTemplates/0": "IoK8sApiCoreV1PersistentVolumeClaim" };

function identity(longName) {
  const m = /^(IoK8sApi|IoK8sApimachineryPkgApis|IoK8sApiextensionsApiserverPkgApis|IoK8sKubeAggregatorPkgApis)([A-Z][a-z0-9]*)(V\d+(?:(?:alpha|beta)\d+)?)([A-Z].*)$/.exec(longName);
  if (!m) throw new Error(`cannot split ${longName}`);
  const group = m[2].toLowerCase();
  const version = m[3].toLowerCase();
  const name = m[4];
  return { id: `${group}.${version}.${name}`, go: `${version}.${name}`, name };
}

// ---- 4. Probing formats through the compiled validators.

async function loadValidator(longName) {
  const root = longName.startsWith("IoK8sApimachinery") ? apimachineryRoot : modelsRoot;
  const mod = await import(pathToFileURL(path.join(root, "_schemas", `${longName}.mjs`)).href);
  return mod.validate;
}

/** Errors the validator reports at exactly `instancePath` for `value` placed at `build(value)`. */
function probe(validate, build, instancePath, value) {
  validate(build(value));
  return (validate.errors ?? []).filter((e) => e.instancePath === instancePath);
}

function numberCode(validate, build, p) {
  const fractional = probe(validate, build, p, 1.5);
  if (!fractional.some((e) => e.keyword === "type" && e.params.type === "integer")) return "f";
  const big = probe(validate, build, p, 2 ** 40);
  return big.some((e) => e.keyword === "format" && e.params.format === "int32") ? "i" : "l";
}

function stringCode(validate, build, p) {
  const errs = probe(validate, build, p, "%%% not base64 nor a date %%%");
  if (errs.some((e) => e.keyword === "format" && e.params.format === "byte")) return "y";
  if (errs.some((e) => e.keyword === "format" && e.params.format === "date-time")) return "t";
  return "s";
}

// ---- 5. Walk the types.

/** @type {Map<string, {go: string, fields: Record<string, string>, required: string[]}>} */
const types = new Map();
const pending = [];

function refCode(longName) {
  if (SPECIAL[longName]) return SPECIAL[longName];
  const { id } = identity(longName);
  if (!types.has(id) && !pending.some((p) => p.id === id)) pending.push({ id, longName });
  return `#${id}`;
}

function resolveLocal(entry, name) {
  if (name.startsWith("IIoK8s")) return name.slice(1);
  // A self reference inside the same file (IJSONSchemaProps within JSONSchemaProps.d.ts).
  for (const [longName, e] of byLongName) if (e.file === entry.file && e.local === name) return longName;
  throw new Error(`unresolved type ${name} in ${entry.file}`);
}

function typeCode(entry, node, validate, build, p) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return stringCode(validate, build, p);
    case ts.SyntaxKind.NumberKeyword:
      return numberCode(validate, build, p);
    case ts.SyntaxKind.BooleanKeyword:
      return "b";
    case ts.SyntaxKind.LiteralType:
    case ts.SyntaxKind.UnionType:
    case ts.SyntaxKind.IndexedAccessType:
      return "s";
    case ts.SyntaxKind.ArrayType:
      return "[" + typeCode(entry, node.elementType, validate, (v) => build([v]), `${p}/0`);
    case ts.SyntaxKind.TypeLiteral: {
      const sig = node.members.find((m) => ts.isIndexSignatureDeclaration(m));
      // kubernetes-models inlines embedded objects whose apiVersion/kind became optional; upstream
      // they are plain struct types (StatefulSetSpec.volumeClaimTemplates is []v1.PersistentVolumeClaim).
      if (!sig && EMBEDDED[p]) return refCode(EMBEDDED[p]);
      if (!sig) throw new Error(`unsupported type literal at ${p} in ${entry.file}`);
      return "{" + typeCode(entry, sig.type, validate, (v) => build({ k: v }), `${p}/k`);
    }
    case ts.SyntaxKind.TypeReference: {
      const name = node.typeName.getText();
      if (name === "Array") return "[" + typeCode(entry, node.typeArguments[0], validate, (v) => build([v]), `${p}/0`);
      return refCode(resolveLocal(entry, name));
    }
    default:
      throw new Error(`unsupported TS type ${ts.SyntaxKind[node.kind]} at ${p} in ${entry.file}`);
  }
}

async function emit({ id, longName }) {
  const entry = byLongName.get(longName);
  const decl = findDecl(entry);
  if (!decl || !ts.isInterfaceDeclaration(decl)) throw new Error(`${longName} is not an interface`);
  const validate = await loadValidator(longName);
  const { go } = identity(longName);
  const fields = {};
  const required = [];
  const members = [...decl.members].filter((m) => ts.isPropertySignature(m));
  for (const m of members) {
    const name = m.name.text;
    const build = (v) => ({ [name]: v });
    fields[name] = typeCode(entry, m.type, validate, build, `/${name}`);
    if (!m.questionToken && name !== "apiVersion" && name !== "kind") required.push(name);
  }
  types.set(id, { go, fields, required });
}

// ---- 6. Kubernetes 1.34 additions missing from the 1.33-based models (k8s.io/api v0.34 core/v1/types.go).

const V134_OVERLAY = {
  "core.v1.PodSpec": { hostnameOverride: "s" },
  "core.v1.Container": { restartPolicyRules: "[#core.v1.ContainerRestartRule" },
  "core.v1.EnvVarSource": { fileKeyRef: "#core.v1.FileKeySelector" },
  "core.v1.VolumeProjection": { podCertificate: "#core.v1.PodCertificateProjection" },
};
const V134_TYPES = {
  "core.v1.ContainerRestartRule": { go: "v1.ContainerRestartRule", fields: { action: "s", exitCodes: "#core.v1.ContainerRestartRuleOnExitCodes" }, required: ["action"] },
  "core.v1.ContainerRestartRuleOnExitCodes": { go: "v1.ContainerRestartRuleOnExitCodes", fields: { operator: "s", values: "[i" }, required: ["operator"] },
  "core.v1.FileKeySelector": { go: "v1.FileKeySelector", fields: { key: "s", optional: "b", path: "s", volumeName: "s" }, required: ["key", "path", "volumeName"] },
  "core.v1.PodCertificateProjection": {
    go: "v1.PodCertificateProjection",
    fields: { certificateChainPath: "s", credentialBundlePath: "s", keyPath: "s", keyType: "s", maxExpirationSeconds: "i", signerName: "s" },
    required: ["keyType", "signerName"],
  },
};

// ---- 7. Run.

const kinds = {};
for (const [gvk, longName] of roots) kinds[gvk] = refCode(longName).slice(1);
while (pending.length > 0) await emit(pending.shift());
for (const [id, extra] of Object.entries(V134_OVERLAY)) {
  const t = types.get(id);
  if (!t) throw new Error(`overlay target ${id} missing`);
  Object.assign(t.fields, extra);
}
for (const [id, t] of Object.entries(V134_TYPES)) types.set(id, t);

// Compact, deterministic output: ids sorted, fields sorted, "!" marks a required field.
const out = { source: "kubernetes-models 4.5.1 (Kubernetes 1.33 OpenAPI) + Kubernetes 1.34 overlay", kinds, types: {} };
for (const id of [...types.keys()].sort()) {
  const t = types.get(id);
  const fields = {};
  for (const name of Object.keys(t.fields).sort()) fields[name] = (t.required.includes(name) ? "!" : "") + t.fields[name];
  out.types[id] = [t.go, fields];
}
fs.writeFileSync(outFile, JSON.stringify(out) + "\n");
console.log(`wrote ${outFile}: ${types.size} types, ${Object.keys(kinds).length} kinds, ${fs.statSync(outFile).size} bytes`);
