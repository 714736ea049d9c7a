import { describe, expect, it } from "vitest";
import { SchedulerCache } from "../cache";
import { normalizedImageName, PodInfo } from "../framework/podInfo";
import { CycleState } from "../framework/types";
import { makeNode, makePod } from "../testing/wrappers";
import { calculatePriority, ImageLocality, maxContainerThreshold, minThreshold, scaledImageScore } from "./imageLocality";

const MB = 1024 * 1024;

describe("ImageLocality", () => {
  it("normalizes untagged images to :latest", () => {
    expect(normalizedImageName("nginx")).toBe("nginx:latest");
    expect(normalizedImageName("localhost:5000/app")).toBe("localhost:5000/app:latest");
    expect(normalizedImageName("nginx:1.27")).toBe("nginx:1.27");
  });

  it("calculatePriority clamps to [23MB, 1000MB × containers] and scales to 0..100", () => {
    expect(minThreshold).toBe(23 * MB);
    expect(maxContainerThreshold).toBe(1000 * MB);
    expect(calculatePriority(10 * MB, 1)).toBe(0);
    expect(calculatePriority(2000 * MB, 1)).toBe(100);
    // (500 − 23)·100 / (1000 − 23) = 48.8 → 48
    expect(calculatePriority(500 * MB, 1)).toBe(48);
    // two containers: (500 − 23)·100 / (2000 − 23) = 24.1 → 24
    expect(calculatePriority(500 * MB, 2)).toBe(24);
  });

  it("scales an image's size by the fraction of nodes that have it", () => {
    expect(scaledImageScore(600 * MB, 1, 4)).toBe(150 * MB);
    const cache = new SchedulerCache();
    const images = [{ names: ["docker.io/library/big:1"], sizeBytes: 600 * MB }];
    cache.addNode(makeNode("n1", { images }));
    cache.addNode(makeNode("n2"));
    const pod = new PodInfo(makePod("p", { image: "docker.io/library/big:1" }));
    const pl = new ImageLocality(cache);
    // 600MB × 1/2 = 300MB → (300 − 23)·100/(1000 − 23) = 28.3 → 28; the other node has nothing.
    expect(pl.score(new CycleState(), pod, cache.get("n1")!)).toBe(28);
    expect(pl.score(new CycleState(), pod, cache.get("n2")!)).toBe(0);
  });
});
