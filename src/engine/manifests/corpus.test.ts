// The manifest front door over Kubelab's own fixtures (src/engine/manifests/fixtures): every file is
// either accepted or refused with kubectl's exact text, at the right document, line and field.
// The documentation corpus in ../shared is checked by the lead's CLI (scanCorpus.ts); this test
// must not depend on it.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatManifestError } from "./errors";
import { scanManifestFile } from "./scanCorpus";

const dir = join(__dirname, "fixtures");
const scan = (name: string) => scanManifestFile(name, readFileSync(join(dir, name), "utf8"));

const ACCEPTED: Record<string, string[]> = {
  "good-deployment.yaml": ["apps/v1/Deployment web"],
  "good-flow-pod.yaml": ["v1/Pod flow"],
  "good-list.yaml": ["v1/Service web", "v1/ConfigMap settings"],
  "multi-doc.yaml": ["v1/Namespace shop", "v1/ConfigMap shop-config"],
  "json-pod.json": ["v1/Pod from-json"],
};

const REFUSED: Record<string, string> = {
  "bad-tab.yaml":
    "error: error parsing bad-tab.yaml: error converting YAML to JSON: yaml: line 8: found character that cannot start any token (bad-tab.yaml, document 1, line 8, column 1)",
  "bad-escape.yaml":
    "error: error parsing bad-escape.yaml: error converting YAML to JSON: yaml: line 9: found unknown escape character (bad-escape.yaml, document 1, line 9, column 34)",
  "missing-apiversion.yaml":
    'error: error validating "missing-apiversion.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false (missing-apiversion.yaml, document 1, line 1, column 1)',
  "missing-typemeta.yaml":
    'error: error validating "missing-typemeta.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false (missing-typemeta.yaml, document 1, line 1, column 1)',
  "unknown-field.yaml":
    'Error from server (BadRequest): error when creating "unknown-field.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyy", unknown field "spec.template.spec.containers[1].comand" (unknown-field.yaml, document 1, line 18, column 9, field spec.template.spec.containers[0].imagePullPolicyy)',
  "wrong-type.yaml":
    'Error from server (BadRequest): error when creating "wrong-type.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32 (wrong-type.yaml, document 1, line 6, column 3, field spec.replicas)',
  "removed-api.yaml":
    'error: resource mapping not found for name: "hello" namespace: "" from "removed-api.yaml": no matches for kind "CronJob" in version "batch/v1beta1"\nensure CRDs are installed first (removed-api.yaml, document 1, line 1, column 1)',
  "bad-secret.yaml":
    'Error from server (BadRequest): error when creating "bad-secret.yaml": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3 (bad-secret.yaml, document 1, line 7, column 3, field data.password)',
  "bad-quantity.yaml":
    "Error from server (BadRequest): error when creating \"bad-quantity.yaml\": Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (bad-quantity.yaml, document 1, line 11, column 9, field spec.containers[0].resources.limits.memory)",
  "missing-name.yaml":
    'The Pod "nameless" is invalid: spec.containers[0].name: Required value (missing-name.yaml, document 1, line 7, column 5, field spec.containers[0].name)',
};

describe("fixtures", () => {
  it("covers every fixture file", () => {
    expect(readdirSync(dir).sort()).toEqual([...Object.keys(ACCEPTED), ...Object.keys(REFUSED)].sort());
  });

  for (const [file, objects] of Object.entries(ACCEPTED)) {
    it(`accepts ${file}`, () => {
      const result = scan(file);
      expect(result.errors.map(formatManifestError)).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.documents.map((d) => `${d.document.object.apiVersion}/${d.document.object.kind} ${(d.document.object.metadata as { name: string }).name}`)).toEqual(objects);
    });
  }

  for (const [file, expected] of Object.entries(REFUSED)) {
    it(`refuses ${file} with kubectl's words and a location`, () => {
      const result = scan(file);
      expect(result.ok).toBe(false);
      expect(result.errors.map(formatManifestError)).toEqual([expected]);
    });
  }

  it("gives positions inside flow-style and List documents", () => {
    const flow = scan("good-flow-pod.yaml").documents[0]?.document;
    expect(flow?.positionOf("spec.containers[0].command[1]")).toEqual({ line: 13, column: 26 });
    const list = scan("good-list.yaml").documents[1]?.document;
    expect(list?.positionOf("data.mode")).toEqual({ line: 19, column: 5 });
  });

  it("never throws, whatever the input", () => {
    for (const text of ["", "\u0000", "{", "[", "- - -", "? ? ?", "&a *a", "!!binary zz", "%YAML 9.9\n---\na: 1", "a: !!int x"]) {
      expect(() => scanManifestFile("any.yaml", text)).not.toThrow();
    }
  });
});
