import { describe, expect, it } from "vitest";
import { deployment, rs } from "../testing/objects";
import {
  byRevision,
  bySizeNewer,
  bySizeOlder,
  equalIgnoreHash,
  filterActiveReplicaSets,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  getActualReplicaCountForReplicaSets,
  getAvailableReplicaCountForReplicaSets,
  isSaturated,
  semanticEqual,
} from "./replicaSetUtil";
import { getReplicaCountForReplicaSets } from "./strategy";

const names = (l: { metadata: { name: string } }[]) => l.map((r) => r.metadata.name);

describe("templates", () => {
  it("equalIgnoreHash ignores only the pod-template-hash label", () => {
    const a = rs().spec.template;
    const b = rs().spec.template;
    b.metadata = { labels: { app: "nginx", "pod-template-hash": "abc" } };
    expect(equalIgnoreHash(a, b)).toBe(true);
    b.metadata = { labels: { app: "nginx", tier: "web" } };
    expect(equalIgnoreHash(a, b)).toBe(false);
    const c = rs({ image: "nginx:1.16.1" }).spec.template;
    expect(equalIgnoreHash(a, c)).toBe(false);
  });

  it("semanticEqual treats nil and empty maps and slices alike", () => {
    expect(semanticEqual({ a: [], b: {} }, {})).toBe(true);
    expect(semanticEqual({ a: [1] }, {})).toBe(false);
    expect(semanticEqual({ a: 0 }, {})).toBe(false);
  });
});

describe("new and old ReplicaSets", () => {
  it("the new ReplicaSet is the oldest one with the Deployment's template", () => {
    const d = deployment(3);
    const list = [rs({ name: "b", created: 20 }), rs({ name: "old", created: 5, image: "nginx:1.0" }), rs({ name: "a", created: 10 })];
    expect(findNewReplicaSet(d, list)?.metadata.name).toBe("a");
    const [required, all] = findOldReplicaSets(d, [
      rs({ name: "new", created: 1 }),
      rs({ name: "o1", image: "x:1", replicas: 2 }),
      rs({ name: "o2", image: "x:2", replicas: 0 }),
    ]);
    expect(names(required)).toEqual(["o1"]);
    expect(names(all)).toEqual(["o1", "o2"]);
  });

  it("findActiveOrLatest: the one active, else the newest; undefined when several are active", () => {
    const n = rs({ name: "new", replicas: 0, created: 30 });
    expect(findActiveOrLatest(n, [rs({ name: "o", replicas: 3, created: 10 })])?.metadata.name).toBe("o");
    expect(findActiveOrLatest(n, [rs({ name: "o", replicas: 0, created: 10 })])?.metadata.name).toBe("new");
    expect(findActiveOrLatest(undefined, [rs({ name: "o1", created: 10 }), rs({ name: "o2", created: 20 })])?.metadata.name).toBe("o2");
    expect(findActiveOrLatest(rs({ name: "new", replicas: 1 }), [rs({ name: "o", replicas: 1 })])).toBeUndefined();
    expect(findActiveOrLatest(undefined, [])).toBeUndefined();
  });

  it("isSaturated needs size, desired-replicas annotation and available pods all equal to replicas", () => {
    const d = deployment(3);
    const ok = rs({ replicas: 3, available: 3, annotations: { "deployment.kubernetes.io/desired-replicas": "3" } });
    expect(isSaturated(d, ok)).toBe(true);
    expect(isSaturated(d, rs({ replicas: 3, available: 2, annotations: { "deployment.kubernetes.io/desired-replicas": "3" } }))).toBe(false);
    expect(isSaturated(d, rs({ replicas: 3, available: 3 }))).toBe(false);
    expect(isSaturated(d, undefined)).toBe(false);
  });
});

describe("sorting and counting", () => {
  it("sorts by creation time (name breaks ties), by size, and by revision", () => {
    const list = [rs({ name: "c", created: 5, replicas: 1 }), rs({ name: "a", created: 5, replicas: 1 }), rs({ name: "b", created: 1, replicas: 3 })];
    expect(names([...list].sort(bySizeOlder))).toEqual(["b", "a", "c"]);
    expect(names([...list].sort(bySizeNewer))).toEqual(["b", "c", "a"]);
    const revs = [
      rs({ name: "r10", created: 1, annotations: { "deployment.kubernetes.io/revision": "10" } }),
      rs({ name: "r9", created: 2, annotations: { "deployment.kubernetes.io/revision": "9" } }),
      rs({ name: "bad", created: 0, annotations: { "deployment.kubernetes.io/revision": "x" } }),
    ];
    expect(names([revs[0]!, revs[1]!].sort(byRevision))).toEqual(["r9", "r10"]);
    expect(byRevision(revs[2]!, revs[1]!)).toBeLessThan(0); // unparsable: by creation time
  });

  it("counts spec, status and available replicas (upstream TestGetReplicaCountForReplicaSets)", () => {
    const rs1 = rs({ name: "1", replicas: 1, statusReplicas: 2, available: 1 });
    const rs2 = rs({ name: "2", replicas: 2, statusReplicas: 3, available: 2 });
    expect([getReplicaCountForReplicaSets([rs1]), getActualReplicaCountForReplicaSets([rs1])]).toEqual([1, 2]);
    expect([getReplicaCountForReplicaSets([rs1, rs2, undefined]), getActualReplicaCountForReplicaSets([rs1, rs2])]).toEqual([3, 5]);
    expect(getAvailableReplicaCountForReplicaSets([rs1, rs2])).toBe(3);
    expect(names(filterActiveReplicaSets([rs1, rs({ name: "0", replicas: 0 }), undefined]))).toEqual(["1"]);
  });
});
