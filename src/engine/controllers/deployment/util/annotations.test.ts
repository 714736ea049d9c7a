import { describe, expect, it } from "vitest";
import { deployment, rs } from "../testing/objects";
import {
  RevisionAnnotation,
  RevisionHistoryAnnotation,
  getDesiredReplicasAnnotation,
  maxRevision,
  replicasAnnotationsNeedUpdate,
  revision,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from "./annotations";

describe("setNewReplicaSetAnnotations (upstream TestAnnotationUtils)", () => {
  it("raises the revision and keeps a history bounded by the character limit", () => {
    const d = deployment(1);
    d.metadata.annotations = { [RevisionAnnotation]: "1" };
    const r = rs({ annotations: {} });
    for (let i = 10; i < 20; i++) {
      const next = String(i + 1);
      setNewReplicaSetAnnotations(d, r, next, true, 5);
      if (i >= 12) expect(r.metadata.annotations?.[RevisionHistoryAnnotation]).toBe(`${i - 1},${i}`);
      expect(r.metadata.annotations?.[RevisionAnnotation]).toBe(next);
    }
  });

  it("records the old revision of a reused ReplicaSet (a rollback) and never lowers a revision", () => {
    const d = deployment(3);
    const r = rs({ annotations: { [RevisionAnnotation]: "1" } });
    expect(setNewReplicaSetAnnotations(d, r, "3", true, 2000)).toBe(true);
    expect(r.metadata.annotations?.[RevisionAnnotation]).toBe("3");
    expect(r.metadata.annotations?.[RevisionHistoryAnnotation]).toBe("1");
    expect(setNewReplicaSetAnnotations(d, r, "2", true, 2000)).toBe(false);
    expect(r.metadata.annotations?.[RevisionAnnotation]).toBe("3");
  });

  it("copies the Deployment's annotations except the skipped ones, and adds replica annotations on create", () => {
    const d = deployment(10, 3, 2);
    d.metadata.annotations = {
      team: "web",
      [RevisionAnnotation]: "7",
      "kubectl.kubernetes.io/last-applied-configuration": "{}",
      "deployment.kubernetes.io/desired-replicas": "99",
    };
    const r = rs();
    setNewReplicaSetAnnotations(d, r, "1", false, 2000);
    expect(r.metadata.annotations).toEqual({
      team: "web",
      [RevisionAnnotation]: "1",
      "deployment.kubernetes.io/desired-replicas": "10",
      "deployment.kubernetes.io/max-replicas": "13",
    });
  });

  it("leaves a malformed revision alone", () => {
    const r = rs({ annotations: { [RevisionAnnotation]: "x" } });
    expect(setNewReplicaSetAnnotations(deployment(1), r, "2", true, 2000)).toBe(false);
    expect(r.metadata.annotations?.[RevisionAnnotation]).toBe("x");
  });
});

describe("replica annotations (upstream TestReplicasAnnotationsNeedUpdate)", () => {
  it.each([
    [undefined, true],
    [{ "deployment.kubernetes.io/desired-replicas": "8", "deployment.kubernetes.io/max-replicas": "20" }, true],
    [{ "deployment.kubernetes.io/desired-replicas": "10", "deployment.kubernetes.io/max-replicas": "16" }, true],
    [{ "deployment.kubernetes.io/desired-replicas": "10", "deployment.kubernetes.io/max-replicas": "20" }, false],
  ])("%j → %s", (annotations, expected) => {
    expect(replicasAnnotationsNeedUpdate(rs({ annotations }), 10, 20)).toBe(expected);
  });

  it("sets desired and max replicas", () => {
    const r = rs();
    expect(setReplicasAnnotations(r, 10, 11)).toBe(true);
    expect(r.metadata.annotations).toEqual({ "deployment.kubernetes.io/desired-replicas": "10", "deployment.kubernetes.io/max-replicas": "11" });
    expect(setReplicasAnnotations(r, 10, 11)).toBe(false);
  });

  it.each([
    ["13", 13],
    ["0", 0],
    ["2147483647", 2147483647],
    ["2147483648", undefined],
    ["-1", undefined],
    ["invalid", undefined],
  ])("reads %s as a non-negative int32 (upstream TestGetNonNegativeInt32FromAnnotation)", (v, expected) => {
    expect(getDesiredReplicasAnnotation(rs({ annotations: { "deployment.kubernetes.io/desired-replicas": v } }))).toBe(expected);
  });
});

describe("revisions", () => {
  it("reads revisions, skipping malformed ones for the maximum", () => {
    expect(revision(rs())).toBe(0);
    expect(revision(rs({ annotations: { [RevisionAnnotation]: "4" } }))).toBe(4);
    expect(Number.isNaN(revision(rs({ annotations: { [RevisionAnnotation]: "four" } })))).toBe(true);
    const all = [rs({ annotations: { [RevisionAnnotation]: "4" } }), rs({ annotations: { [RevisionAnnotation]: "x" } }), undefined, rs()];
    expect(maxRevision(all)).toBe(4);
  });

  it("copies the revision onto the Deployment only when it differs", () => {
    const d = deployment(1);
    expect(setDeploymentRevision(d, "2")).toBe(true);
    expect(d.metadata.annotations?.[RevisionAnnotation]).toBe("2");
    expect(setDeploymentRevision(d, "2")).toBe(false);
  });
});
