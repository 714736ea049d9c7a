import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { applyDefaults } from "../defaults";
import { computeQOSClass } from "./qos";

const CORPUS = "/work/shared/corpus/website/pods/qos";

function corpusPod(file: string): KubeObject {
  return load(readFileSync(`${CORPUS}/${file}`, "utf8")) as KubeObject;
}

function pod(containers: unknown[], extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers, ...extra } } as unknown as KubeObject;
}

describe("computeQOSClass on the QoS task's manifests (corpus/oracles/11-qos.md)", () => {
  // The oracle quotes `status.qosClass` from `kubectl get pod -o yaml` after each manifest is applied,
  // i.e. after defaulting (limits become requests) — so the pods are defaulted first.
  it.each([
    ["qos-pod.yaml", "Guaranteed"],
    ["qos-pod-2.yaml", "Burstable"],
    ["qos-pod-3.yaml", "BestEffort"],
    ["qos-pod-4.yaml", "Burstable"],
    ["qos-pod-5.yaml", "Guaranteed"],
  ])("%s → %s", (file, qos) => {
    expect(computeQOSClass(applyDefaults(corpusPod(file)))).toBe(qos);
  });
});

describe("computeQOSClass rules (ComputePodQOS)", () => {
  it("a limit-only container is Guaranteed once defaulting copied the limits into requests", () => {
    const p = pod([{ name: "c", image: "nginx", resources: { limits: { cpu: "1", memory: "1Gi" } } }]);
    expect(computeQOSClass(p)).toBe("Burstable"); // undefaulted: no requests, limits only
    expect(computeQOSClass(applyDefaults(p))).toBe("Guaranteed");
  });

  it("compares summed requests and limits across containers, in any unit", () => {
    const p = pod([
      { name: "a", resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "0.5", memory: "1024Mi" } } },
      { name: "b", resources: { requests: { cpu: "1", memory: "128Mi" }, limits: { cpu: "1000m", memory: "128Mi" } } },
    ]);
    expect(computeQOSClass(p)).toBe("Guaranteed");
  });

  it("a container limiting only cpu makes the pod Burstable; init containers count; other resources do not", () => {
    expect(computeQOSClass(pod([{ name: "a", resources: { requests: { cpu: "1" }, limits: { cpu: "1" } } }]))).toBe("Burstable");
    expect(computeQOSClass(pod([{ name: "a" }], { initContainers: [{ name: "i", resources: { requests: { memory: "1Mi" } } }] }))).toBe("Burstable");
    expect(computeQOSClass(pod([{ name: "a", resources: { requests: { "ephemeral-storage": "1Gi" } } }]))).toBe("BestEffort");
    expect(computeQOSClass(pod([{ name: "a", resources: { requests: { cpu: "0" } } }]))).toBe("BestEffort");
  });

  it("pod-level resources decide when set (PodLevelResources)", () => {
    const p = pod([{ name: "a" }], { resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } } });
    expect(computeQOSClass(p)).toBe("Guaranteed");
  });
});
