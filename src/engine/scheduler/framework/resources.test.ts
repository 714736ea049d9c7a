import { describe, expect, it } from "vitest";
import { makeNode, makePod } from "../testing/wrappers";
import { allocatableOf, DefaultMemoryRequest, DefaultMilliCPURequest, isScalarResourceName, podRequests } from "./resources";

const Mi = 1024 * 1024;

describe("podRequests (resource.PodRequests)", () => {
  it("sums containers; a container without requests counts 100m / 200Mi only with nonMissing", () => {
    const pod = makePod("p", {
      containers: [
        { name: "a", resources: { requests: { cpu: "250m", memory: "64Mi" } } },
        { name: "b" },
      ],
    });
    expect(podRequests(pod, false)).toEqual({ cpu: 250, memory: 64 * Mi });
    expect(podRequests(pod, true)).toEqual({ cpu: 250 + DefaultMilliCPURequest, memory: 64 * Mi + DefaultMemoryRequest });
    expect(DefaultMilliCPURequest).toBe(100);
    expect(DefaultMemoryRequest).toBe(200 * Mi);
  });

  it("an explicit 0 request is kept (no default applied)", () => {
    const pod = makePod("p", { containers: [{ name: "a", resources: { requests: { cpu: "0" } } }] });
    expect(podRequests(pod, true)).toEqual({ cpu: 0, memory: DefaultMemoryRequest });
  });

  it("takes the max of the containers and the biggest regular init container", () => {
    const pod = makePod("p", {
      containers: [{ name: "app", resources: { requests: { cpu: "500m", memory: "100Mi" } } }],
      initContainers: [{ name: "init", resources: { requests: { cpu: "2", memory: "10Mi" } } }],
    });
    expect(podRequests(pod, false)).toEqual({ cpu: 2000, memory: 100 * Mi });
  });

  it("sidecars (restartPolicy Always) add to the containers and to later init containers", () => {
    // KEP-753 example: sidecar 100m + app 500m = 600m; init after the sidecar: 1000m + 100m = 1100m.
    const pod = makePod("p", {
      containers: [{ name: "app", resources: { requests: { cpu: "500m" } } }],
      initContainers: [
        { name: "sidecar", restartPolicy: "Always", resources: { requests: { cpu: "100m" } } },
        { name: "migrate", resources: { requests: { cpu: "1" } } },
      ],
    });
    expect(podRequests(pod, false)).toEqual({ cpu: 1100 });
  });
});

describe("allocatableOf", () => {
  it("parses cpu in millicores, memory in bytes, pods as a count and extended resources as scalars", () => {
    const r = allocatableOf(makeNode("n", { cpu: "3500m", memory: "7Gi", pods: "110", extra: { "nvidia.com/gpu": "2", "hugepages-2Mi": "0" } }));
    expect(r.milliCPU).toBe(3500);
    expect(r.memory).toBe(7 * 1024 * Mi);
    expect(r.allowedPodNumber).toBe(110);
    expect(r.scalar).toEqual({ "nvidia.com/gpu": 2, "hugepages-2Mi": 0 });
  });

  it("classifies scalar resource names like IsScalarResourceName", () => {
    expect(isScalarResourceName("example.com/foo")).toBe(true);
    expect(isScalarResourceName("hugepages-1Gi")).toBe(true);
    expect(isScalarResourceName("cpu")).toBe(false);
    expect(isScalarResourceName("requests.example.com/foo")).toBe(false);
  });
});
