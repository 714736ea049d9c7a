import { describe, expect, it } from "vitest";
import { deployment, rs } from "../testing/objects";
import { getProportion, getReplicaSetFraction, maxSurge, maxUnavailable, minAvailable, newRSNewReplicas, resolveFenceposts } from "./strategy";

describe("resolveFenceposts (upstream TestResolveFenceposts)", () => {
  it.each([
    ["0%", "0%", 0, 0, 1],
    ["39%", "39%", 10, 4, 3],
    [undefined, "39%", 10, 0, 3],
    ["39%", undefined, 10, 4, 0],
    [undefined, undefined, 10, 0, 1],
  ] as const)("maxSurge=%s maxUnavailable=%s desired=%i → %i:%i", (s, u, desired, surge, unavailable) => {
    expect(resolveFenceposts(s, u, desired)).toEqual({ surge, unavailable });
  });

  it.each([
    ["oops", "39%"],
    ["55%", "urg"],
    ["5", "1"], // a string must be a percentage
  ])("rejects maxSurge=%s maxUnavailable=%s", (s, u) => {
    expect(() => resolveFenceposts(s, u, 10)).toThrow();
  });

  it("rounds 25% of 10 to surge 3 and unavailable 2 (KUBERNETES-FACTS §2)", () => {
    expect(resolveFenceposts("25%", "25%", 10)).toEqual({ surge: 3, unavailable: 2 });
  });
});

describe("maxUnavailable / minAvailable / maxSurge (upstream TestMaxUnavailable, TestMinAvailable)", () => {
  it.each([
    [10, 5, 5],
    [10, 10, 10],
    [5, 10, 5],
    [0, 10, 0],
    [10, "50%", 5],
    [10, "100%", 10],
    [5, "100%", 5],
  ] as const)("replicas %i, maxUnavailable %s → %i", (replicas, mu, expected) => {
    expect(maxUnavailable(deployment(replicas, 1, mu))).toBe(expected);
  });

  it.each([
    [10, 5, 5],
    [10, 10, 0],
    [5, 10, 0],
    [0, 10, 0],
    [10, "60%", 4],
  ] as const)("replicas %i, maxUnavailable %s → minAvailable %i", (replicas, mu, expected) => {
    expect(minAvailable(deployment(replicas, 1, mu))).toBe(expected);
  });

  it("is 0 for Recreate", () => {
    const d = deployment(10, 1, 1, "Recreate");
    expect([maxUnavailable(d), minAvailable(d), maxSurge(d)]).toEqual([0, 0, 0]);
  });
});

describe("newRSNewReplicas (upstream TestNewRSNewReplicas)", () => {
  it.each([
    ["can not scale up - to newRSReplicas", "RollingUpdate", 1, 5, 1, 5],
    ["scale up - to depReplicas", "RollingUpdate", 6, 2, 10, 6],
    ["recreate - to depReplicas", "Recreate", 3, 1, 1, 3],
  ] as const)("%s", (_name, type, depReplicas, newRSReplicas, surge, expected) => {
    const d = deployment(depReplicas, surge, 1);
    d.spec.strategy = type === "Recreate" ? { type, rollingUpdate: { maxSurge: surge, maxUnavailable: 1 } } : d.spec.strategy;
    const newRS = rs({ name: "new", replicas: newRSReplicas });
    expect(newRSNewReplicas(d, [rs({ name: "rs5", replicas: 5 })], newRS)).toBe(expected);
  });
});

describe("getReplicaSetFraction (upstream TestGetReplicaSetFraction)", () => {
  it.each([
    ["empty deployment always scales to 0", 0, 0, 0, 10, undefined, -10],
    ["no max-replicas annotation and no status replicas: no scaling", 10, 0, 0, 5, undefined, 0],
    ["max-replicas annotation 0 and no status replicas: no scaling", 10, 0, 0, 5, "0", 0],
    ["scale up by 1/5 without the annotation uses status.replicas", 120, 100, 0, 50, undefined, 10],
    ["scale up by 1/5 with annotation 0 uses status.replicas", 120, 100, 0, 50, "0", 10],
    ["scale up by 1/5", 120, 0, 0, 50, "100", 10],
    ["scale up with maxSurge by about 1/5", 120, 0, 10, 50, "110", 9],
    ["scale down by 1/6", 10, 0, 0, 6, "12", -1],
    ["scale down with maxSurge by about 1/6", 100, 0, 10, 50, "130", -8],
  ] as const)("%s", (_name, dReplicas, statusReplicas, surge, rsReplicas, maxAnn, expected) => {
    const d = deployment(dReplicas, surge, 1);
    d.status = { replicas: statusReplicas };
    const r = rs({ replicas: rsReplicas, annotations: maxAnn === undefined ? {} : { "deployment.kubernetes.io/max-replicas": maxAnn } });
    expect(getReplicaSetFraction(r, d)).toBe(expected);
  });
});

describe("getProportion", () => {
  it("never hands out more than is left to add or remove", () => {
    const d = deployment(20, 5, 2);
    const r = rs({ replicas: 8, annotations: { "deployment.kubernetes.io/max-replicas": "13" } });
    // Fraction is round(8·25/13) − 8 = 7, but only 4 are left to add.
    expect(getProportion(r, d, 12, 8)).toBe(4);
    expect(getProportion(r, d, 12, 0)).toBe(7);
    expect(getProportion(r, d, 0, 0)).toBe(0);
    expect(getProportion(rs({ replicas: 0 }), d, 12, 0)).toBe(0);
  });
});
