import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/types";
import type { ControllerRevision } from "../daemonset/types";
import { controllerRevisionName, equalRevision, fnv32, goJsonRaw, hashControllerRevision, sortControllerRevisions } from "./controllerHistory";
import { getPersistentVolumeClaimRetentionPolicy, isClaimOwnerUpToDate } from "./claimRetention";
import { slowStartBatch } from "./statefulSetControl";
import { applyRevision, getParentNameAndOrdinal, newRevision, newVersionedStatefulSetPod, nextRevision } from "./statefulSetUtils";
import type { PersistentVolumeClaim, StatefulSet } from "./types";

function set(extra: Partial<StatefulSet["spec"]> = {}, status?: StatefulSet["status"]): StatefulSet {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "web", namespace: "default", uid: "set-uid", resourceVersion: "1", creationTimestamp: "2025-01-01T00:00:00Z" },
    spec: {
      replicas: 3,
      serviceName: "nginx",
      selector: { matchLabels: { app: "nginx" } },
      template: { metadata: { labels: { app: "nginx" } }, spec: { containers: [{ name: "nginx", image: "nginx:1" }] } },
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
      ...extra,
    },
    status,
  };
}

const podNamed = (name: string) => ({ metadata: { name } }) as unknown as Pod;

describe("stateful_set_utils.go", () => {
  it("getParentNameAndOrdinal splits on the last dash-number", () => {
    expect(getParentNameAndOrdinal(podNamed("web-0"))).toEqual({ parent: "web", ordinal: 0 });
    expect(getParentNameAndOrdinal(podNamed("my-db-12"))).toEqual({ parent: "my-db", ordinal: 12 });
    expect(getParentNameAndOrdinal(podNamed("web"))).toEqual({ parent: "", ordinal: -1 });
    expect(getParentNameAndOrdinal(podNamed("web-99999999999"))).toEqual({ parent: "web", ordinal: -1 });
  });

  it("newVersionedStatefulSetPod: ordinals below the partition are created at the current revision", () => {
    const cur = set({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 2 } } });
    const upd = set({ template: { metadata: { labels: { app: "nginx" } }, spec: { containers: [{ name: "nginx", image: "nginx:2" }] } } });
    const p1 = newVersionedStatefulSetPod(cur, upd, "web-a", "web-b", 1);
    const p2 = newVersionedStatefulSetPod(cur, upd, "web-a", "web-b", 2);
    expect([p1.metadata.labels!["controller-revision-hash"], p1.spec.containers[0]!.image]).toEqual(["web-a", "nginx:1"]);
    expect([p2.metadata.labels!["controller-revision-hash"], p2.spec.containers[0]!.image]).toEqual(["web-b", "nginx:2"]);
    // Without a rollingUpdate block, status.currentReplicas decides; OnDelete always uses the update revision.
    const noRU = set({ updateStrategy: { type: "RollingUpdate" } }, { replicas: 3, currentReplicas: 2, availableReplicas: 3 });
    expect(newVersionedStatefulSetPod(noRU, upd, "web-a", "web-b", 1).metadata.labels!["controller-revision-hash"]).toBe("web-a");
    const onDelete = set({ updateStrategy: { type: "OnDelete" } }, { replicas: 3, currentReplicas: 3, availableReplicas: 3 });
    expect(newVersionedStatefulSetPod(onDelete, upd, "web-a", "web-b", 0).metadata.labels!["controller-revision-hash"]).toBe("web-b");
  });

  it("a revision round-trips the template (ApplyRevision) and equal templates make equal revisions", () => {
    const s = set();
    const r1 = newRevision(s, 1, 0);
    const r2 = newRevision(set(), 2, 0);
    expect(equalRevision(r1, r2)).toBe(true);
    expect(r1.metadata.name).toBe(r2.metadata.name);
    expect(applyRevision(set({ template: { spec: { containers: [] } } }), r1).spec.template).toEqual(s.spec.template);
    const other = newRevision(set({ template: { metadata: { labels: { app: "nginx" } }, spec: { containers: [{ name: "nginx", image: "nginx:2" }] } } }), 3, 0);
    expect(equalRevision(r1, other)).toBe(false);
    // A collision count changes the name.
    expect(newRevision(s, 1, 1).metadata.name).not.toBe(r1.metadata.name);
  });

  it("orders revisions by number and finds the next one", () => {
    const rev = (name: string, revision: number) => ({ metadata: { name, creationTimestamp: "2025-01-01T00:00:00Z" }, revision }) as unknown as ControllerRevision;
    const list = [rev("c", 3), rev("a", 1), rev("b", 2)];
    sortControllerRevisions(list);
    expect(list.map((r) => r.revision)).toEqual([1, 2, 3]);
    expect(nextRevision(list)).toBe(4);
    expect(nextRevision([])).toBe(1);
  });

  it("PVC retention defaults to Retain/Retain: a claim with no owner refs is up to date", () => {
    const s = set();
    expect(getPersistentVolumeClaimRetentionPolicy(s)).toEqual({ whenDeleted: "Retain", whenScaled: "Retain" });
    const claim = { metadata: { name: "www-web-0" } } as unknown as PersistentVolumeClaim;
    const p = { metadata: { name: "web-0", uid: "p" } } as unknown as Pod;
    expect(isClaimOwnerUpToDate(claim, s, p)).toBe(true);
    expect(isClaimOwnerUpToDate(claim, set({ persistentVolumeClaimRetentionPolicy: { whenDeleted: "Delete", whenScaled: "Retain" } }), p)).toBe(false);
  });
});

describe("controller_history.go", () => {
  it("hashes with FNV-1 (hash/fnv New32), not FNV-1a", () => {
    expect(fnv32("")).toBe(0x811c9dc5);
    expect(fnv32("a")).toBe(0x050c5d7e);
    expect(fnv32("foobar")).toBe(0x31f0b262);
  });

  it("stores Data.Raw as Go marshals a map: sorted keys, HTML characters escaped", () => {
    expect(goJsonRaw({ b: 1, a: "<x&y>" })).toBe('{"a":"\\u003cx\\u0026y\\u003e","b":1}');
  });

  it("names revisions prefix-hash, cutting long prefixes to 223 characters", () => {
    expect(controllerRevisionName("web", "abc")).toBe("web-abc");
    expect(controllerRevisionName("x".repeat(300), "h")).toBe(`${"x".repeat(223)}-h`);
    const cr = { data: { a: 1 } } as unknown as ControllerRevision;
    expect(hashControllerRevision(cr, 1)).not.toBe(hashControllerRevision(cr, undefined));
  });
});

describe("slowStartBatch (stateful_set_control.go)", () => {
  it("runs 1, 2, 4, ... and stops after the first batch with an error", () => {
    const seen: number[] = [];
    const r = slowStartBatch(1, 10, (i) => {
      seen.push(i);
      if (i === 4) throw new Error("boom");
    });
    // Batches [0], [1,2], [3,4,5,6]: the third has the error, so 7..9 never run.
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(r.successes).toBe(6);
    expect(r.error?.message).toBe("boom");
  });
});
