import { describe, expect, it } from "vitest";
import { AffinityTable } from "./affinity";
import type { ProxyEndpoint } from "./endpointsCache";
import { BURST, clientAddresses, newGenerator, parseTarget, requestsThisTick, type GeneratorSpec } from "./generator";
import { perClient } from "./network";

const spec = (rate: number, burst = false): GeneratorSpec => ({ name: "g", namespace: "default", to: "web", host: "web", port: 80, path: "/", rate, burst, clients: 1, url: false });

describe("parseTarget", () => {
  it("reads Service names, ports, URLs and node ports", () => {
    expect(parseTarget("web")).toEqual({ host: "web", port: undefined, path: "/", url: false });
    expect(parseTarget("web:8080")).toEqual({ host: "web", port: 8080, path: "/", url: false });
    expect(parseTarget("node-1:30080")).toEqual({ host: "node-1", port: 30080, path: "/", url: false });
    expect(parseTarget("http://Hello-World.example/v2?x=1")).toEqual({ host: "hello-world.example", port: 80, path: "/v2?x=1", url: true });
    expect(parseTarget("https://10.96.0.1")).toEqual({ host: "10.96.0.1", port: 443, path: "/", url: true });
  });

  it("refuses malformed targets", () => {
    expect(parseTarget("ftp://x")).toMatch(/unsupported URL/);
    expect(parseTarget("Web_1")).toMatch(/invalid target/);
    expect(parseTarget("web:99999")).toMatch(/invalid port/);
  });
});

describe("requestsThisTick", () => {
  it("carries fractions over", () => {
    const g = newGenerator(spec(2.5), 0);
    expect([1, 2, 3, 4].map(() => requestsThisTick(g, 1000))).toEqual([2, 3, 2, 3]);
  });

  it("sends 5× the rate for 2 s of every 10 s in bursts: the same average", () => {
    const g = newGenerator(spec(10, true), 0);
    const ticks = Array.from({ length: BURST.periodTicks }, () => requestsThisTick(g, 1000));
    expect(ticks).toEqual([50, 50, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(ticks.reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe("clients", () => {
  it("gives each simulated client its own address and an equal share", () => {
    expect(clientAddresses(3, "203.0.113.10")).toEqual(["203.0.113.10", "203.0.113.11", "203.0.113.12"]);
    expect(clientAddresses(2, "10.244.1.254")).toEqual(["10.244.1.254", "10.244.1.253"]);
    expect(perClient(10, 3)).toEqual([4, 3, 3]);
  });
});

describe("AffinityTable", () => {
  const ep = (ip: string): ProxyEndpoint => ({ ip, port: 80, ready: true, serving: true, terminating: false, nodeName: undefined, zone: undefined, podNamespace: undefined, podName: undefined, podKey: undefined, podUid: undefined, hostname: undefined });
  const eps = [ep("10.244.1.2"), ep("10.244.1.3")];

  it("sends a client back to its endpoint within the timeout, refreshed on each use", () => {
    const t = new AffinityTable();
    t.record("default/web:", "203.0.113.10", eps[1]!, 0, 10_800);
    expect(t.lookup("default/web:", "203.0.113.10", eps, 10_000_000, 10_800)).toBe(1);
    t.record("default/web:", "203.0.113.10", eps[1]!, 10_000_000, 10_800);
    expect(t.lookup("default/web:", "203.0.113.10", eps, 20_000_000, 10_800)).toBe(1);
    expect(t.lookup("default/web:", "203.0.113.10", eps, 20_000_000 + 10_800_001, 10_800)).toBe(-1);
  });

  it("forgets a client whose endpoint left the rules", () => {
    const t = new AffinityTable();
    t.record("default/web:", "203.0.113.10", eps[1]!, 0, 10_800);
    expect(t.lookup("default/web:", "203.0.113.10", [eps[0]!], 1_000, 10_800)).toBe(-1);
  });
});
