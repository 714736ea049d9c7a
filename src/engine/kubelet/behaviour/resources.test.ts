import { describe, expect, it } from "vitest";
import type { Container } from "../../api/types";
import { lookupImage } from "./images";
import { compileBehaviour } from "./program";
import { stressBytes } from "./programs";
import { allocationMs, containerLimits, throttledCpuMilli } from "./resources";
import { createContainerProcess } from "./runtime";

describe("resources", () => {
  it("reads limits with resource.Quantity rules", () => {
    expect(containerLimits({ name: "c", resources: { limits: { cpu: "500m", memory: "200Mi" } } })).toEqual({ cpuMilli: 500, memoryBytes: 200 * 1024 * 1024 });
    expect(containerLimits({ name: "c", resources: { limits: { cpu: "0.1" } } })).toEqual({ cpuMilli: 100, memoryBytes: undefined });
    expect(containerLimits({ name: "c", resources: { limits: { memory: "lots" } } })).toEqual({ cpuMilli: undefined, memoryBytes: undefined });
  });

  it("throttles CPU at the limit (CFS quota), not memory", () => {
    expect(throttledCpuMilli(2000, 1000)).toBe(1000);
    expect(throttledCpuMilli(2000, undefined)).toBe(2000);
  });

  it("stress sizes are powers of 1024", () => {
    expect(stressBytes("150M")).toBe(150 * 1024 * 1024);
    expect(stressBytes("1g")).toBe(1024 ** 3);
    expect(stressBytes("512k")).toBe(512 * 1024);
  });

  it("allocation time grows with size", () => {
    expect(allocationMs(1024 ** 3)).toBe(1000);
    expect(allocationMs(1)).toBe(10);
  });

  it("resource/cpu-request-limit.yaml: vish/stress -cpus 2 wants two cores", () => {
    const c: Container = { name: "cpu-demo-ctr", image: "vish/stress", resources: { limits: { cpu: "1" }, requests: { cpu: "0.5" } }, args: ["-cpus", "2"] };
    const p = createContainerProcess(c, compileBehaviour(c, lookupImage("vish/stress") ?? (undefined as never)));
    p.start(0);
    expect(p.usage().cpuMilli).toBe(2000);
    expect(throttledCpuMilli(p.usage().cpuMilli, containerLimits(c).cpuMilli)).toBe(1000);
  });
});
