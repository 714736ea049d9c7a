import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/types";
import { makePod } from "../testing/wrappers";
import { PodInfo } from "./podInfo";

/** What NewPodInfo parses, for comparing a reused PodInfo with a fresh one. */
function parsed(pi: PodInfo) {
  const term = (t: PodInfo["requiredAffinityTerms"][number]) => ({ ns: [...t.namespaces], sel: t.selector.canonical, key: t.topologyKey });
  return {
    requests: pi.requests,
    non0: [pi.non0CPU, pi.non0Mem],
    ports: pi.hostPorts,
    required: pi.requiredAffinityTerms.map(term),
    anti: pi.requiredAntiAffinityTerms.map(term),
    preferred: pi.preferredAffinityTerms.map((t) => ({ ...term(t), w: t.weight })),
    images: pi.images,
    n: pi.numContainers,
    labels: pi.labels,
    priority: pi.priority,
    deleting: pi.deleting,
  };
}

const copy = (p: Pod): Pod => JSON.parse(JSON.stringify(p)) as Pod;

describe("PodInfo built from an earlier version of the pod", () => {
  it("equals a fresh parse after a status update (the API server's deep copy)", () => {
    const prev = new PodInfo(makePod("p", { cpu: "250m", memory: "64Mi", hostPort: 8080 }));
    const next = copy(prev.pod);
    next.status = { phase: "Running", podIP: "10.0.0.1" };
    const pi = new PodInfo(next, prev);
    expect(parsed(pi)).toEqual(parsed(new PodInfo(next)));
    expect(pi.requests).toBe(prev.requests); // reused, not parsed again
  });

  it("parses again when requests, images, init containers or overhead change", () => {
    const prev = new PodInfo(makePod("p", { cpu: "250m", memory: "64Mi" }));
    const changes: ((p: Pod) => void)[] = [
      (p) => (p.spec.containers[0]!.resources = { requests: { cpu: "500m" } }),
      (p) => (p.spec.containers[0]!.image = "nginx:1.27"),
      (p) => (p.spec.initContainers = [{ name: "i", image: "busybox", resources: { requests: { memory: "1Gi" } } }]),
      (p) => ((p.spec as { overhead?: Record<string, string> }).overhead = { cpu: "100m" }),
      (p) => (p.spec.containers[0]!.ports = [{ containerPort: 80, hostPort: 9090 }]),
    ];
    for (const change of changes) {
      const next = copy(prev.pod);
      change(next);
      expect(parsed(new PodInfo(next, prev))).toEqual(parsed(new PodInfo(next)));
    }
  });

  it("parses affinity terms again when the labels their matchLabelKeys read change", () => {
    const affinity = {
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: { app: "a" } }, matchLabelKeys: ["rev"] }] },
    };
    const prev = new PodInfo(makePod("p", { labels: { app: "a", rev: "1" }, affinity }));
    const next: Pod = { ...prev.pod, metadata: { ...prev.pod.metadata, labels: { app: "a", rev: "2" } } };
    const pi = new PodInfo(next, prev);
    expect(parsed(pi)).toEqual(parsed(new PodInfo(next)));
    expect(pi.requiredAntiAffinityTerms[0]!.selector.canonical).toContain("rev in (2)");
  });
});
