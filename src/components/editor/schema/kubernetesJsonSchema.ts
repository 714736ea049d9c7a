// The JSON Schema the editor gives monaco-yaml for completion, hover docs and inline validation. It is
// derived from the engine's own type bundle (src/engine/manifests/schemaBundle.json: the structs the
// API server decodes manifests into, from the upstream OpenAPI definitions) so the editor and the
// server agree on which fields exist, plus schemaDocs.json (upstream descriptions and enums).
//
// The root selects a definition by apiVersion + kind with draft-07 `if`/`then`, one branch per kind the
// cluster serves: typing `kind: Deployment` under `apiVersion: apps/v1` turns on Deployment's schema.
// Structs are closed (`additionalProperties: false`), as the server's strict field validation is.

/** The subset of JSON Schema draft-07 this file produces. */
export interface JsonSchema {
  $schema?: string;
  $ref?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: (string | null)[];
  const?: string;
  format?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  allOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  definitions?: Record<string, JsonSchema>;
}

/** schemaBundle.json: kinds ("apps/v1/Deployment" → struct id) and structs (id → [Go type, field codes]). */
export interface TypeBundle {
  kinds: Record<string, string>;
  types: Record<string, [string, Record<string, string>]>;
}

/** schemaDocs.json: per struct, its description (d), field descriptions (f) and string enums (e). */
export interface SchemaDocs {
  types: Record<string, { d?: string; f?: Record<string, string>; e?: Record<string, string[]> }>;
}

const API_VERSION_DOC =
  "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.";
const KIND_DOC =
  "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. In CamelCase.";

/** One field code of the bundle (see src/engine/manifests/schema.ts) as a JSON Schema. */
function fieldSchema(code: string, enumValues: string[] | undefined): JsonSchema {
  const head = code[0];
  // null is every Go field's zero value: the server accepts it anywhere, so the editor does too.
  if (head === "[") return { type: ["array", "null"], items: fieldSchema(code.slice(1), undefined) };
  if (head === "{") return { type: ["object", "null"], additionalProperties: fieldSchema(code.slice(1), undefined) };
  if (head === "#") return { $ref: `#/definitions/${code.slice(1)}` };
  switch (code) {
    case "s":
      return enumValues ? { type: ["string", "null"], enum: [...enumValues, null] } : { type: ["string", "null"] };
    case "i":
    case "l":
      return { type: ["integer", "null"] };
    case "f":
      return { type: ["number", "null"] };
    case "b":
      return { type: ["boolean", "null"] };
    case "y":
      return { type: ["string", "null"], format: "byte" };
    case "t":
      return { type: ["string", "null"], format: "date-time" };
    case "I":
      return { type: ["integer", "string", "null"] }; // intstr.IntOrString
    case "q":
      return { type: ["string", "number", "null"] }; // resource.Quantity
    default:
      return {}; // "a": any JSON (RawExtension, FieldsV1)
  }
}

function definition(id: string, bundle: TypeBundle, docs: SchemaDocs): JsonSchema {
  const [, codes] = bundle.types[id]!;
  const doc = docs.types[id];
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const name of Object.keys(codes)) {
    let code = codes[name]!;
    if (code.startsWith("!")) {
      code = code.slice(1);
      if (name !== "apiVersion" && name !== "kind") required.push(name);
    }
    const s = fieldSchema(code, doc?.e?.[name]);
    const description = name === "apiVersion" ? API_VERSION_DOC : name === "kind" ? KIND_DOC : doc?.f?.[name];
    properties[name] = description === undefined ? s : { ...s, description };
  }
  const out: JsonSchema = { type: "object", properties, additionalProperties: false };
  if (doc?.d !== undefined) out.description = doc.d;
  if (required.length > 0) out.required = required;
  return out;
}

/** Builds the editor's schema: one definition per struct, and one `if`/`then` per served kind. */
export function buildKubernetesJsonSchema(bundle: TypeBundle, docs: SchemaDocs): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  for (const id of Object.keys(bundle.types).sort()) definitions[id] = definition(id, bundle, docs);
  const apiVersions = new Set<string>();
  const kinds = new Set<string>(["List"]);
  const branches: JsonSchema[] = [];
  for (const gvk of Object.keys(bundle.kinds)) {
    const slash = gvk.lastIndexOf("/");
    const apiVersion = gvk.slice(0, slash);
    const kind = gvk.slice(slash + 1);
    apiVersions.add(apiVersion);
    kinds.add(kind);
    const id = bundle.kinds[gvk]!;
    const described = definitions[id]!;
    branches.push({
      if: { properties: { apiVersion: { const: apiVersion }, kind: { const: kind } }, required: ["apiVersion", "kind"] },
      then: described.description === undefined ? { $ref: `#/definitions/${id}` } : { $ref: `#/definitions/${id}`, description: described.description },
    });
  }
  // kubectl also reads `kind: List` (any apiVersion): each item is an object of its own.
  branches.push({
    if: { properties: { kind: { const: "List" } }, required: ["kind"] },
    then: { properties: { items: { type: "array", items: { $ref: "#" } } } },
  });
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Kubernetes v1.34 object",
    type: "object",
    required: ["apiVersion", "kind"],
    properties: {
      apiVersion: { type: "string", enum: [...apiVersions].sort(), description: API_VERSION_DOC },
      kind: { type: "string", enum: [...kinds].sort(), description: KIND_DOC },
    },
    allOf: branches,
    definitions,
  };
}
