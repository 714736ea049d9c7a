// Expected messages are upstream's: the format strings in k/k pkg/apis/*/validation, and kubectl/API
// output captured from real v1.3x clusters (quoted in the test names where used).
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { applyDefaults } from "../defaults";
import { validateCreate, validateUpdate } from "./index";

const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

function k(apiVersion: string, kind: string, name: string, rest: Record<string, unknown>, namespace: string | null = "default"): KubeObject {
  const metadata: Record<string, unknown> = { name, uid: "u1", resourceVersion: "1" };
  if (namespace) metadata.namespace = namespace;
  return applyDefaults({ apiVersion, kind, metadata, ...rest } as unknown as KubeObject);
}

function deployment(name: string, spec: Record<string, unknown>): KubeObject {
  return k("apps/v1", "Deployment", name, { spec });
}

const nginx = { name: "nginx", image: "nginx:1.14.2" };

describe("validateCreate: messages captured from real clusters", () => {
  it("a Deployment with a bad name, no selector and a bad container name (kubectl apply of two documents)", () => {
    // Captured: Error from server (Invalid): error when creating "app.yaml": Deployment.apps "HelloWorld" is invalid: [...]
    const d = deployment("HelloWorld", {
      template: { metadata: { labels: { app: "HelloWorld" } }, spec: { containers: [{ name: "HelloWorld-container", image: "moonshayne/tp1-exo1:latest" }] } },
    });
    const f = validateCreate(d);
    expect(f?.statusMessage).toBe(
      `Deployment.apps "HelloWorld" is invalid: [metadata.name: Invalid value: "HelloWorld": ${DNS1123_SUBDOMAIN_MSG}, spec.selector: Required value, ` +
      "spec.template.metadata.labels: Invalid value: {\"app\":\"HelloWorld\"}: `selector` does not match template `labels`, " +
      `spec.template.spec.containers[0].name: Invalid value: "HelloWorld-container": ${DNS1123_LABEL_MSG}]`,
    );
    expect(f?.errors.map((e) => e.field)).toEqual(["metadata.name", "spec.selector", "spec.template.metadata.labels", "spec.template.spec.containers[0].name"]);
  });

  it("a Service with an upper-case name is refused as a DNS-1035 label", () => {
    // Captured: Service "TP2-service" is invalid: metadata.name: Invalid value: "TP2-service": a DNS-1035 label must ...
    const f = validateCreate(k("v1", "Service", "TP2-service", { spec: { selector: { app: "x" }, ports: [{ port: 80 }] } }));
    expect(f?.statusMessage).toBe(`Service "TP2-service" is invalid: metadata.name: Invalid value: "TP2-service": ${DNS1035_MSG}`);
  });

  it("kubectl prints several causes on their own lines", () => {
    // Captured: The Deployment "helloworld" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: ...
    const f = validateCreate(deployment("helloworld", { template: { metadata: { labels: { app: "helloworld" } }, spec: { containers: [nginx] } } }));
    expect(f?.message).toBe(
      "The Deployment \"helloworld\" is invalid: \n* spec.selector: Required value\n" +
      "* spec.template.metadata.labels: Invalid value: {\"app\":\"helloworld\"}: `selector` does not match template `labels`",
    );
  });

  it("a selector that does not match the template labels", () => {
    // Captured: The Deployment "selector-error-demo" is invalid: spec.template.metadata.labels: Invalid value: {"app":"wrong-app-name"}: ...
    const f = validateCreate(deployment("selector-error-demo", {
      selector: { matchLabels: { app: "correct-app-name" } },
      template: { metadata: { labels: { app: "wrong-app-name" } }, spec: { containers: [nginx] } },
    }));
    expect(f?.message).toBe("The Deployment \"selector-error-demo\" is invalid: spec.template.metadata.labels: Invalid value: {\"app\":\"wrong-app-name\"}: `selector` does not match template `labels`");
    expect(f?.error.code).toBe(422);
    expect(f?.error.reason).toBe("Invalid");
    expect(f?.error.toKubectl()).toBe(f?.message);
  });
});

describe("validateCreate: Deployments and ReplicaSets", () => {
  const valid = { selector: { matchLabels: { app: "nginx" } }, template: { metadata: { labels: { app: "nginx" } }, spec: { containers: [nginx] } } };

  it("accepts the docs' nginx-deployment", () => {
    expect(validateCreate(deployment("nginx-deployment", { replicas: 3, ...valid }))).toBeUndefined();
  });

  it("refuses negative replicas (ValidateNonnegativeField)", () => {
    expect(validateCreate(deployment("nginx", { ...valid, replicas: -1 }))?.message)
      .toBe("The Deployment \"nginx\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0");
  });

  it("refuses a restartPolicy other than Always", () => {
    const f = validateCreate(k("apps/v1", "ReplicaSet", "frontend", {
      spec: { ...valid, template: { ...valid.template, spec: { containers: [nginx], restartPolicy: "OnFailure" } } },
    }));
    expect(f?.statusMessage).toBe('ReplicaSet.apps "frontend" is invalid: spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"');
  });

  it("refuses an empty selector and maxSurge/maxUnavailable both 0", () => {
    const f = validateCreate(deployment("nginx", {
      ...valid, selector: {}, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } },
    }));
    expect(f?.errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
      "spec.selector: Invalid value: {}: empty selector is invalid for deployment",
      "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0",
    ]);
  });

  it("refuses a malformed percentage with the IsValidPercent message", () => {
    const f = validateCreate(deployment("nginx", { ...valid, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25", maxUnavailable: "150%" } } }));
    expect(f?.errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
      "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"25\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%",
    ]);
  });

  it("refuses duplicate container names and bad ports", () => {
    const f = validateCreate(deployment("nginx", {
      ...valid,
      template: { ...valid.template, spec: { containers: [{ ...nginx, ports: [{ containerPort: 70000 }] }, { name: "nginx", image: "busybox" }] } },
    }));
    expect(f?.errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
      "spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
      "spec.template.spec.containers[1].name: Duplicate value: \"nginx\"",
    ]);
  });

  it("refuses invalid label keys and values in metadata.labels", () => {
    const d = deployment("nginx", valid);
    d.metadata.labels = { "bad key": "ok", app: "bad value" };
    const f = validateCreate(d);
    expect(f?.errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
      "metadata.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      "metadata.labels: Invalid value: \"bad value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
  });
});

describe("validateUpdate: immutability", () => {
  const base = deployment("web-demo", {
    selector: { matchLabels: { app: "web-demo" } },
    template: { metadata: { labels: { app: "web-demo" } }, spec: { containers: [nginx] } },
  });

  it("refuses a changed Deployment selector, after the spec errors (strategy ValidateUpdate order)", () => {
    // Captured (older %#v era, same order): * spec.template.metadata.labels: ... * spec.selector: Invalid value: ...: field is immutable
    const next = deployment("web-demo", {
      selector: { matchLabels: { app: "web-demo-new" } },
      template: { metadata: { labels: { app: "web-demo" } }, spec: { containers: [nginx] } },
    });
    const f = validateUpdate(next, base);
    expect(f?.errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
      "spec.template.metadata.labels: Invalid value: {\"app\":\"web-demo\"}: `selector` does not match template `labels`",
      "spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"web-demo-new\"}}: field is immutable",
    ]);
  });

  it("lets a Deployment change replicas and its template", () => {
    const next = deployment("web-demo", {
      replicas: 5,
      selector: { matchLabels: { app: "web-demo" } },
      template: { metadata: { labels: { app: "web-demo" } }, spec: { containers: [{ ...nginx, image: "nginx:1.16.1" }] } },
    });
    expect(validateUpdate(next, base)).toBeUndefined();
  });
});

describe("validateCreate/Update: Pods", () => {
  function pod(name: string, spec: Record<string, unknown>): KubeObject {
    return k("v1", "Pod", name, { spec });
  }

  it("requires container name and image, listing both", () => {
    const f = validateCreate(pod("x", { containers: [{}] }));
    expect(f?.statusMessage).toBe('Pod "x" is invalid: [spec.containers[0].name: Required value, spec.containers[0].image: Required value]');
    expect(f?.message).toBe('The Pod "x" is invalid: \n* spec.containers[0].name: Required value\n* spec.containers[0].image: Required value');
  });

  it("requires at least one container", () => {
    expect(validateCreate(pod("x", { containers: [] }))?.message).toBe('The Pod "x" is invalid: spec.containers: Required value');
  });

  it("refuses a request above its limit, naming the resource and the limit", () => {
    const f = validateCreate(pod("cpu-demo", { containers: [{ name: "c", image: "vish/stress", resources: { limits: { cpu: "500m" }, requests: { cpu: "1" } } }] }));
    expect(f?.message).toBe('The Pod "cpu-demo" is invalid: spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m');
  });

  it("refuses a volume mount of an undeclared volume", () => {
    const f = validateCreate(pod("p", { containers: [{ name: "c", image: "nginx", volumeMounts: [{ name: "data", mountPath: "/data" }] }] }));
    expect(f?.message).toBe('The Pod "p" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"');
  });

  it("refuses a liveness probe with successThreshold other than 1 and a probe without handler", () => {
    const f = validateCreate(pod("p", { containers: [{ name: "c", image: "nginx", livenessProbe: { successThreshold: 2 } }] }));
    expect(f?.errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
      "spec.containers[0].livenessProbe: Required value: must specify a handler type",
      "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1",
    ]);
  });

  it("a string port must be a port name", () => {
    const f = validateCreate(pod("p", { containers: [{ name: "c", image: "nginx", readinessProbe: { tcpSocket: { port: "8080" } } }] }));
    expect(f?.errors[0]?.message).toBe('Invalid value: "8080": must contain at least one letter (a-z)');
  });

  it("forbids changing anything but images, activeDeadlineSeconds, tolerations (additions) and grace period", () => {
    const old = pod("p", { containers: [{ name: "c", image: "nginx" }] });
    // A patch edits the stored object, so the defaulted imagePullPolicy stays as it was.
    const imageOnly = JSON.parse(JSON.stringify(old)) as KubeObject;
    imageOnly.spec.containers[0].image = "nginx:1.25";
    expect(validateUpdate(imageOnly, old)).toBeUndefined();
    const restart = pod("p", { containers: [{ name: "c", image: "nginx" }], restartPolicy: "Never" });
    const f = validateUpdate(restart, old);
    expect(f?.errors).toHaveLength(1);
    expect(f?.errors[0]?.field).toBe("spec");
    expect(f?.errors[0]?.message.split("\n")[0]).toBe(
      "Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`," +
      "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations)," +
      "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
    );
    expect(f?.errors[0]?.message).toContain('- \tRestartPolicy:');
  });

  it("forbids adding or removing containers on update", () => {
    const old = pod("p", { containers: [{ name: "c", image: "nginx" }] });
    const two = pod("p", { containers: [{ name: "c", image: "nginx" }, { name: "d", image: "redis" }] });
    expect(validateUpdate(two, old)?.errors.map((e) => `${e.field}: ${e.message}`)).toEqual(["spec.containers: Forbidden: pod updates may not add or remove containers"]);
  });
});

describe("validateCreate: other kinds", () => {
  it("Job: restartPolicy Always is refused with the valid values", () => {
    const job = k("batch/v1", "Job", "pi", { spec: { template: { spec: { containers: [{ name: "pi", image: "perl" }] } } } });
    job.spec.selector = { matchLabels: { "batch.kubernetes.io/controller-uid": "u1" } };
    job.spec.template.metadata = { labels: { "controller-uid": "u1", "job-name": "pi", "batch.kubernetes.io/controller-uid": "u1", "batch.kubernetes.io/job-name": "pi" } };
    expect(validateCreate(job)?.message).toBe('The Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
  });

  it("CronJob: a malformed schedule carries the cron parser's error", () => {
    const cj = k("batch/v1", "CronJob", "hello", {
      spec: { schedule: "* * * *", jobTemplate: { spec: { template: { spec: { containers: [{ name: "h", image: "busybox" }], restartPolicy: "OnFailure" } } } } },
    });
    expect(validateCreate(cj)?.message).toBe('The CronJob "hello" is invalid: spec.schedule: Invalid value: "* * * *": expected exactly 5 fields, found 4: [* * * *]');
  });

  it("Namespace names are DNS labels", () => {
    const f = validateCreate(k("v1", "Namespace", "my.ns", {}, null));
    expect(f?.message).toBe('The Namespace "my.ns" is invalid: metadata.name: Invalid value: "my.ns": must not contain dots');
  });

  it("ConfigMap and Secret keys follow IsConfigMapKey; a TLS secret needs tls.crt and tls.key", () => {
    const cm = k("v1", "ConfigMap", "game-config", { data: { "bad/key": "x" } });
    expect(validateCreate(cm)?.errors[0]?.field).toBe("data[bad/key]");
    const tls = k("v1", "Secret", "tls", { type: "kubernetes.io/tls", data: {} });
    expect(validateCreate(tls)?.errors.map((e) => `${e.field}: ${e.message}`)).toEqual(["data[tls.crt]: Required value", "data[tls.key]: Required value"]);
  });

  it("Service: ports out of range, duplicate port names, nodePort on ClusterIP", () => {
    const svc = k("v1", "Service", "web", {
      spec: { selector: { app: "web" }, ports: [{ name: "http", port: 70000 }, { name: "http", port: 81, nodePort: 30080 }] },
    });
    expect(validateCreate(svc)?.errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
      "spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
      "spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
      "spec.ports[1].name: Duplicate value: \"http\"",
      "spec.ports[1].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
  });

  it("Node taints: the effect is required (note upstream's metadata.taints path)", () => {
    const node = k("v1", "Node", "n1", { spec: { taints: [{ key: "dedicated", value: "gpu" }] } }, null);
    expect(validateCreate(node)?.message).toBe('The Node "n1" is invalid: metadata.taints[0].effect: Required value');
  });

  it("kinds without a validator still get ObjectMeta checks; RBAC names may contain ':'", () => {
    const sa = k("v1", "ServiceAccount", "Build_Robot", {});
    expect(validateCreate(sa)?.errors[0]?.field).toBe("metadata.name");
    const role = k("rbac.authorization.k8s.io/v1", "ClusterRole", "system:aggregate-to-edit", {}, null);
    expect(validateCreate(role)).toBeUndefined();
  });
});
