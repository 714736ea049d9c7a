// The editor's schema, checked with a real JSON Schema validator (Ajv, draft-07 like monaco-yaml's
// language service): every gallery example is valid, and the mistakes the API server's strict decoding
// refuses (unknown fields, wrong types, bad enum values) are flagged at the right path.
import Ajv from "ajv";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import bundle from "../../../engine/manifests/schemaBundle.json";
import { EXAMPLES } from "../../../examples";
import { buildKubernetesJsonSchema, type SchemaDocs, type TypeBundle } from "./kubernetesJsonSchema";
import docs from "./schemaDocs.json";

const schema = buildKubernetesJsonSchema(bundle as unknown as TypeBundle, docs as SchemaDocs);
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validate = ajv.compile(schema);

function errorsOf(text: string): string[] {
  const ok = validate(yaml.load(text));
  if (ok) return [];
  // Ajv also reports the failing `if` branch itself; keep the errors about the object.
  return (validate.errors ?? []).filter((e) => e.keyword !== "if").map((e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`);
}

const deployment = (spec: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
${spec}`;

describe("buildKubernetesJsonSchema", () => {
  it("accepts every gallery example", () => {
    for (const e of EXAMPLES) {
      for (const doc of yaml.loadAll(e.yaml)) {
        expect(validate(doc), `${e.id}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    }
  });

  it("has one branch per kind the cluster serves, selecting by apiVersion and kind", () => {
    const branch = schema.allOf!.find((b) => b.if?.properties?.kind?.const === "Deployment");
    expect(branch?.if?.properties?.apiVersion?.const).toBe("apps/v1");
    expect(branch?.then?.$ref).toBe("#/definitions/apps.v1.Deployment");
    expect(schema.allOf!.length).toBe(Object.keys(bundle.kinds).length + 1); // + kind: List
    expect(schema.properties!.kind!.enum).toContain("CronJob");
    expect(schema.properties!.apiVersion!.enum).toContain("batch/v1");
  });

  it("carries upstream descriptions and enums for hover and completion", () => {
    const container = schema.definitions!["core.v1.Container"]!;
    expect(container.description).toBe("A single application container that you want to run within a pod.");
    expect(container.properties!.image!.description).toMatch(/^Container image name\./);
    expect(container.properties!.imagePullPolicy!.enum).toEqual(["Always", "IfNotPresent", "Never", null]);
    expect(container.required).toEqual(["name"]);
  });

  it("flags an unknown field where the server's strict decoding would", () => {
    const errs = errorsOf(deployment(`  replica: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx
        imagePullPolicyy: Always
`));
    expect(errs).toContain('/spec additionalProperties {"additionalProperty":"replica"}');
    expect(errs).toContain('/spec/template/spec/containers/0 additionalProperties {"additionalProperty":"imagePullPolicyy"}');
  });

  it("flags wrong types and values outside an enum, and accepts null anywhere", () => {
    const errs = errorsOf(deployment(`  replicas: "3"
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}, annotations: null}
    spec:
      containers:
      - name: web
        image: nginx
        imagePullPolicy: Sometimes
        ports:
        - containerPort: 80
          protocol: TCP
`));
    expect(errs).toContain('/spec/replicas type {"type":["integer","null"]}');
    expect(errs).toContain('/spec/template/spec/containers/0/imagePullPolicy enum {"allowedValues":["Always","IfNotPresent","Never",null]}');
    expect(errs).toHaveLength(2);
  });

  it("accepts IntOrString and Quantity in both spellings", () => {
    expect(errorsOf(deployment(`  selector: {matchLabels: {app: web}}
  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: "25%"}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx
        resources: {requests: {cpu: 0.5, memory: 64Mi}}
`))).toEqual([]);
  });

  it("requires apiVersion and kind, and checks the items of a List", () => {
    expect(errorsOf("metadata: {name: x}\n")).toEqual([
      '/ required {"missingProperty":"apiVersion"}',
      '/ required {"missingProperty":"kind"}',
    ].map((e) => e.replace("/ ", " ")));
    expect(errorsOf("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n  dta: {}\n")).toContain(
      '/items/0 additionalProperties {"additionalProperty":"dta"}',
    );
  });
});
