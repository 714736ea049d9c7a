import { describe, expect, it } from "vitest";
import { parseManifests } from "./parse";
import { schemaErrorsToManifestError, validateAgainstSchema } from "./validateSchema";

function check(text: string) {
  const { documents, errors } = parseManifests("x.yaml", text);
  expect(errors).toEqual([]);
  const doc = documents[0];
  if (doc === undefined) throw new Error("no document");
  return { doc, errors: validateAgainstSchema(doc) };
}

const deployment = (spec: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n${spec}`;
const pod = (containers: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n${containers}`;

describe("validateAgainstSchema: strict decoding (unknown fields)", () => {
  it("names an unknown field by its full path with list indices, at its line", () => {
    const { errors } = check(pod("  - name: a\n    image: nginx\n    imagePullPolicyy: Always\n"));
    expect(errors).toEqual([
      { type: "UnknownField", path: "spec.containers[0].imagePullPolicyy", message: 'unknown field "spec.containers[0].imagePullPolicyy"', line: 9, column: 5 },
    ]);
  });

  it("reports every unknown field in the order the server reads them (keys sorted, as kubectl sends them)", () => {
    const { doc, errors } = check(deployment("  zzz: 1\n  replicas: 1\n  selector: {matchLabels: {app: w}}\n  template:\n    metadata: {labels: {app: w}}\n    spec:\n      containers: [{name: a, image: b, colour: red}]\n  aaa: 2\n"));
    expect(errors.map((e) => e.message)).toEqual(['unknown field "spec.aaa"', 'unknown field "spec.template.spec.containers[0].colour"', 'unknown field "spec.zzz"']);
    expect(schemaErrorsToManifestError(doc, errors)?.message).toBe(
      'Error from server (BadRequest): error when creating "x.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.aaa", unknown field "spec.template.spec.containers[0].colour", unknown field "spec.zzz"',
    );
  });

  it("accepts fields Kubernetes 1.34 added (hostnameOverride, restartPolicyRules, fileKeyRef)", () => {
    const { errors } = check(
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostnameOverride: h\n  containers:\n  - name: a\n    image: b\n    restartPolicy: Never\n    restartPolicyRules: [{action: Restart, exitCodes: {operator: In, values: [42]}}]\n    env: [{name: X, valueFrom: {fileKeyRef: {path: p, volumeName: v, key: k}}}]\n",
    );
    expect(errors).toEqual([]);
  });
});

describe("validateAgainstSchema: type errors (json: cannot unmarshal ...)", () => {
  it("reports a string where an int32 is expected with the struct name and the path without indices", () => {
    const { doc, errors } = check(deployment('  replicas: "3"\n  selector: {matchLabels: {app: w}}\n'));
    expect(errors).toEqual([
      { type: "Decode", path: "spec.replicas", message: "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32", line: 6, column: 3 },
    ]);
    expect(schemaErrorsToManifestError(doc, errors, "patching")?.message).toBe(
      'Error from server (BadRequest): error when patching "x.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
  });

  it("reports numbers and booleans in string fields, maps and lists", () => {
    expect(check(pod("  - name: a\n    image: b\n    env: [{name: X, value: 8080}]\n")).errors[0]?.message).toBe(
      "json: cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string",
    );
    expect(check("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: {enabled: yes}\n").errors[0]?.message).toBe(
      "json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string",
    );
    expect(check("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: {name: a}\n").errors[0]?.message).toBe(
      "json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container",
    );
    expect(check("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations: [a, b]\n").errors[0]?.message).toBe(
      "json: cannot unmarshal array into Go struct field ObjectMeta.metadata.annotations of type map[string]string",
    );
  });

  it("names Go's named types where reflect would", () => {
    expect(check(pod("  - name: a\n    image: b\n    ports: [{containerPort: 80, protocol: 6}]\n")).errors[0]?.message).toBe(
      "json: cannot unmarshal number into Go struct field ContainerPort.spec.containers.ports.protocol of type v1.Protocol",
    );
  });

  it("quotes the literal of a number that does not fit", () => {
    expect(check(deployment("  replicas: 1.5\n")).errors[0]?.message).toBe("json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32");
    expect(check(deployment("  replicas: 3000000000\n")).errors[0]?.message).toBe("json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32");
  });

  it("reports the first type error in sorted key order and no strict errors after it", () => {
    const { errors } = check(deployment('  template:\n    spec:\n      containers: [{name: a, image: b, env: [{name: X, value: 1}]}]\n  replicas: "2"\n  typo: 1\n'));
    expect(errors.map((e) => e.message)).toEqual(["json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"]);
  });

  it("accepts null anywhere, as Go leaves the zero value", () => {
    expect(check("apiVersion: v1\nkind: Pod\nmetadata: {name: p, creationTimestamp: null, labels: null}\nspec:\n  containers: [{name: a, image: b, resources: null}]\n").errors).toEqual([]);
  });

  it("returns nothing for kinds the cluster does not serve (the caller reports those)", () => {
    expect(check("apiVersion: batch/v1beta1\nkind: CronJob\nspec: {nonsense: 1}\n").errors).toEqual([]);
  });
});

describe("validateAgainstSchema: IntOrString, Quantity, []byte, Time", () => {
  const svc = (targetPort: string): string => `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80, targetPort: ${targetPort}}]\n`;

  it("accepts IntOrString as a number or a string and refuses other JSON types with the int32 error", () => {
    expect(check(svc("8080")).errors).toEqual([]);
    expect(check(svc("http")).errors).toEqual([]);
    expect(check(svc("true")).errors[0]?.message).toBe("json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type int32");
    expect(check(svc("1.5")).errors[0]?.message).toBe("json: cannot unmarshal number 1.5 into Go struct field ServicePort.spec.ports.targetPort of type int32");
  });

  it("an IntOrString error ends the decode, even after an earlier type error", () => {
    // IntOrString.UnmarshalJSON returns its error; decodeState.unmarshal returns it before savedError.
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: s, labels: {a: 1}}\nspec:\n  ports: [{port: 80, targetPort: [1]}]\n';
    expect(check(text).errors.map((e) => e.message)).toEqual(["json: cannot unmarshal array into Go struct field ServicePort.spec.ports.targetPort of type int32"]);
  });

  it("accepts quantities as strings or numbers and refuses bad ones with ParseQuantity's errors", () => {
    const res = (v: string): string => pod(`  - name: a\n    image: b\n    resources: {limits: {memory: ${v}}}\n`);
    expect(check(res("1Gi")).errors).toEqual([]);
    expect(check(res("0.5")).errors).toEqual([]);
    expect(check(res("1Gb")).errors[0]?.message).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    expect(check(res("1mi")).errors[0]?.message).toBe("unable to parse quantity's suffix");
    expect(check(res("true")).errors[0]?.message).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });

  it("checks base64 in Secret data with the byte offset Go reports", () => {
    const secret = (v: string): string => `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  a: ${v}\n`;
    expect(check(secret("aGVsbG8=")).errors).toEqual([]);
    expect(check(secret("hello world")).errors[0]).toMatchObject({ type: "Decode", path: "data.a", message: "illegal base64 data at input byte 5", line: 5, column: 3 });
  });

  it("checks RFC 3339 times", () => {
    const meta = (t: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, creationTimestamp: "${t}"}\n`;
    expect(check(meta("2024-05-06T07:08:09Z")).errors).toEqual([]);
    expect(check(meta("yesterday")).errors[0]?.message).toBe('parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"');
  });
});

describe("validateAgainstSchema: required values", () => {
  it("reports a container without a name as the apiserver does, after a clean decode", () => {
    const { doc, errors } = check(pod("  - image: nginx\n"));
    expect(errors).toEqual([{ type: "Required", path: "spec.containers[0].name", message: "Required value", line: 7, column: 5 }]);
    expect(schemaErrorsToManifestError(doc, errors)).toMatchObject({
      message: 'The Pod "p" is invalid: spec.containers[0].name: Required value',
      code: "Invalid",
      documentIndex: 0,
      fieldPath: "spec.containers[0].name",
    });
  });

  it("lists several missing fields one per line, as kubectl's MultilineError", () => {
    const { doc, errors } = check(pod("  - name: ''\n"));
    expect(schemaErrorsToManifestError(doc, errors)?.message).toBe(
      'The Pod "p" is invalid: \n* spec.containers[0].name: Required value\n* spec.containers[0].image: Required value',
    );
    expect(check(deployment("  template:\n    spec:\n      containers: [{name: a, image: b}]\n")).errors.map((e) => e.path)).toEqual(["spec.selector"]);
  });

  it("does not report required values while the decode fails", () => {
    expect(check(pod("  - image: nginx\n    ports: [{containerPort: x}]\n")).errors.map((e) => e.type)).toEqual(["Decode"]);
  });
});
