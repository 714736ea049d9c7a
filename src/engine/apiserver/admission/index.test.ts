import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { ApiError } from "../errors";
import { admit, admitInPlace, generateJobSelector, type AdmissionContext } from "./index";

function pod(spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "v1", kind: "Pod",
    metadata: { name: "x", namespace: "default", ...meta },
    spec: { containers: [{ name: "c", image: "nginx" }], ...spec },
  } as unknown as KubeObject;
}

function ctx(over: Partial<AdmissionContext> = {}): AdmissionContext {
  return {
    operation: "CREATE",
    namespaceExists: (ns) => (ns === "default" || ns === "kube-system" ? "Active" : ns === "dying" ? "Terminating" : undefined),
    priorityClassValue: (name) => (name === "high-priority" ? 1000000 : undefined),
    ...over,
  };
}

function refusal(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected an ApiError");
}

describe("NamespaceLifecycle", () => {
  it("refuses a create in a namespace that does not exist with the storage NotFound", () => {
    const e = refusal(() => admit(pod({}, { namespace: "foo" }), ctx()));
    expect([e.code, e.reason, e.message]).toEqual([404, "NotFound", 'namespaces "foo" not found']);
  });

  it("refuses a create in a terminating namespace", () => {
    const e = refusal(() => admit(pod({}, { namespace: "dying" }), ctx()));
    expect([e.code, e.reason]).toEqual([403, "Forbidden"]);
    expect(e.message).toBe('pods "x" is forbidden: unable to create new content in namespace dying because it is being terminated');
  });

  it("names a generateName object by its prefix (name generation comes after admission)", () => {
    const e = refusal(() => admit(pod({}, { name: undefined, generateName: "web-", namespace: "dying" }), ctx()));
    expect(e.message).toBe('pods "web-" is forbidden: unable to create new content in namespace dying because it is being terminated');
  });

  it("lets updates through in a terminating namespace, and ignores namespaces and cluster-scoped kinds", () => {
    expect(() => admit(pod({}, { namespace: "dying" }), ctx({ operation: "UPDATE" }))).not.toThrow();
    const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: "new" } } as unknown as KubeObject;
    expect(() => admit(ns, ctx())).not.toThrow();
  });
});

describe("ServiceAccount", () => {
  it("sets serviceAccountName default (and the deprecated serviceAccount mirror)", () => {
    const out = admit(pod(), ctx());
    expect(out.spec.serviceAccountName).toBe("default");
    expect(out.spec.serviceAccount).toBe("default");
  });

  it("refuses a pod whose service account does not exist", () => {
    const e = refusal(() => admit(pod({ serviceAccountName: "build-robot" }), ctx({ serviceAccount: () => undefined })));
    expect(e.message).toBe('pods "x" is forbidden: error looking up service account default/build-robot: serviceaccount "build-robot" not found');
  });

  it("mounts the projected kube-api-access-<5 chars> token volume into every container", () => {
    const out = admit(pod({ initContainers: [{ name: "i", image: "busybox" }] }), ctx({ random: () => 0 }));
    const vol = out.spec.volumes[0];
    expect(vol.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(vol.projected.sources[0]).toEqual({ serviceAccountToken: { expirationSeconds: 3607, path: "token" } });
    expect(vol.projected.sources[1]).toEqual({ configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } });
    const mount = { name: vol.name, readOnly: true, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" };
    expect(out.spec.containers[0].volumeMounts).toEqual([mount]);
    expect(out.spec.initContainers[0].volumeMounts).toEqual([mount]);
  });

  it("does not mount a token when the pod opts out", () => {
    const out = admit(pod({ automountServiceAccountToken: false }), ctx({ random: () => 0 }));
    expect(out.spec.volumes).toBeUndefined();
  });
});

describe("Priority", () => {
  it("gives a pod without a class priority 0 and PreemptLowerPriority", () => {
    const out = admit(pod(), ctx());
    expect(out.spec.priority).toBe(0);
    expect(out.spec.preemptionPolicy).toBe("PreemptLowerPriority");
  });

  it("resolves the system classes", () => {
    expect(admit(pod({ priorityClassName: "system-node-critical" }, { namespace: "kube-system" }), ctx()).spec.priority).toBe(2000001000);
    expect(admit(pod({ priorityClassName: "system-cluster-critical" }), ctx()).spec.priority).toBe(2000000000);
    expect(admit(pod({ priorityClassName: "high-priority" }), ctx()).spec.priority).toBe(1000000);
  });

  it("refuses an unknown class", () => {
    const e = refusal(() => admit(pod({ priorityClassName: "low-priority" }), ctx()));
    expect([e.code, e.message]).toEqual([403, 'pods "x" is forbidden: no PriorityClass with name low-priority was found']);
  });

  it("refuses a user-supplied priority that differs from the class's", () => {
    const e = refusal(() => admit(pod({ priority: 5 }), ctx()));
    expect(e.message).toBe('pods "x" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name');
  });

  it("uses the globalDefault class when the pod names none", () => {
    const out = admit(pod(), ctx({ defaultPriorityClass: () => ({ name: "everyday", value: 100 }) }));
    expect([out.spec.priorityClassName, out.spec.priority]).toEqual(["everyday", 100]);
  });

  it("keeps the stored priority on update", () => {
    const old = admit(pod({ priorityClassName: "high-priority" }), ctx());
    const next = pod({ priorityClassName: "high-priority" });
    expect(admit(next, ctx({ operation: "UPDATE", oldObject: old })).spec.priority).toBe(1000000);
  });
});

describe("DefaultTolerationSeconds", () => {
  const notReady = { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 };
  const unreachable = { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 };

  it("adds not-ready and unreachable NoExecute tolerations for 300s", () => {
    expect(admit(pod(), ctx()).spec.tolerations).toEqual([notReady, unreachable]);
  });

  it("leaves a pod that already tolerates them: a specific key, an empty key with Exists, an empty effect", () => {
    const own = { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 6000 };
    expect(admit(pod({ tolerations: [own] }), ctx()).spec.tolerations).toEqual([own, unreachable]);
    const all = { operator: "Exists" };
    expect(admit(pod({ tolerations: [all] }), ctx()).spec.tolerations).toEqual([all]);
    const anyEffect = { key: "node.kubernetes.io/unreachable", operator: "Exists" };
    expect(admit(pod({ tolerations: [anyEffect] }), ctx()).spec.tolerations).toEqual([anyEffect, notReady]);
  });

  it("does not count a NoSchedule toleration", () => {
    const ns = { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoSchedule" };
    expect(admit(pod({ tolerations: [ns] }), ctx()).spec.tolerations).toEqual([ns, notReady, unreachable]);
  });
});

describe("TaintNodesByCondition", () => {
  it("taints a new node not-ready:NoSchedule, once", () => {
    const node = { apiVersion: "v1", kind: "Node", metadata: { name: "n1" }, spec: {} } as unknown as KubeObject;
    const out = admit(node, ctx());
    expect(out.spec.taints).toEqual([{ key: "node.kubernetes.io/not-ready", effect: "NoSchedule" }]);
    expect(admit(out, ctx()).spec.taints).toHaveLength(1);
    expect(admit(node, ctx(), { disabledPlugins: ["TaintNodesByCondition"] }).spec.taints).toBeUndefined();
  });
});

describe("admit: create-time strategy steps and purity", () => {
  it("sets status.qosClass on new pods and the kubernetes finalizer on new namespaces", () => {
    expect(admit(pod(), ctx()).status).toEqual({ qosClass: "BestEffort" });
    const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: "new" } } as unknown as KubeObject;
    expect(admit(ns, ctx()).spec).toEqual({ finalizers: ["kubernetes"] });
  });

  it("never mutates its input", () => {
    const input = pod();
    const before = JSON.stringify(input);
    admit(input, ctx({ random: () => 0.5 }));
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe("generateJobSelector (jobStrategy.PrepareForCreate)", () => {
  it("labels the template with the job name and uid and selects by batch.kubernetes.io/controller-uid", () => {
    const job = {
      apiVersion: "batch/v1", kind: "Job", metadata: { name: "pi", uid: "863452e6-270d-420e-9b94-53a54146c223" },
      spec: { template: { spec: { containers: [{ name: "pi", image: "perl" }] } } },
    } as unknown as KubeObject;
    generateJobSelector(job);
    const labels = {
      "job-name": "pi",
      "batch.kubernetes.io/job-name": "pi",
      "controller-uid": "863452e6-270d-420e-9b94-53a54146c223",
      "batch.kubernetes.io/controller-uid": "863452e6-270d-420e-9b94-53a54146c223",
    };
    expect(job.spec.template.metadata.labels).toEqual(labels);
    expect(job.spec.selector).toEqual({ matchLabels: { "batch.kubernetes.io/controller-uid": "863452e6-270d-420e-9b94-53a54146c223" } });
    expect(job.metadata.labels).toEqual(labels);
  });

  it("leaves a manual selector alone", () => {
    const job = { apiVersion: "batch/v1", kind: "Job", metadata: { name: "pi", uid: "u" }, spec: { manualSelector: true, template: {} } } as unknown as KubeObject;
    generateJobSelector(job);
    expect(job.spec.selector).toBeUndefined();
  });
});

describe("admitInPlace", () => {
  it("mutates and returns its argument, with the same result as admit", () => {
    const a = pod({ priorityClassName: "system-node-critical" });
    const b = pod({ priorityClassName: "system-node-critical" });
    const copied = admit(a, ctx());
    const inPlace = admitInPlace(b, ctx());
    expect(inPlace).toBe(b);
    expect(inPlace).toEqual(copied);
    expect(b.spec.priority).toBe(2000001000);
  });
});
