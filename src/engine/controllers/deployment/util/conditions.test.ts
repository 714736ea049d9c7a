import { describe, expect, it } from "vitest";
import type { DeploymentCondition, DeploymentStatus } from "../../../api/types";
import { deployment } from "../testing/objects";
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getDeploymentCondition,
  MaxInt32,
  removeDeploymentCondition,
  setDeploymentCondition,
} from "./conditions";

const condProgressing = (): DeploymentCondition => ({ type: "Progressing", status: "False", reason: "ForSomeReason" });
const condProgressing2 = (): DeploymentCondition => ({ type: "Progressing", status: "True", reason: "BecauseItIs" });
const condAvailable = (): DeploymentCondition => ({ type: "Available", status: "True", reason: "AwesomeController" });

describe("conditions (upstream TestGetCondition / TestSetCondition / TestRemoveCondition)", () => {
  it("gets, sets, overwrites and removes", () => {
    const status: DeploymentStatus = { conditions: [condProgressing(), condAvailable()] };
    expect(getDeploymentCondition(status, "Available")).toBeDefined();
    expect(getDeploymentCondition(status, "ReplicaFailure")).toBeUndefined();

    const s1: DeploymentStatus = {};
    setDeploymentCondition(s1, condAvailable());
    expect(s1.conditions).toEqual([condAvailable()]);
    const s2: DeploymentStatus = { conditions: [condProgressing()] };
    setDeploymentCondition(s2, condAvailable());
    expect(s2.conditions).toEqual([condProgressing(), condAvailable()]);
    const s3: DeploymentStatus = { conditions: [condProgressing()] };
    setDeploymentCondition(s3, condProgressing2());
    expect(s3.conditions).toEqual([condProgressing2()]);

    const s4: DeploymentStatus = { conditions: [condProgressing()] };
    removeDeploymentCondition(s4, "Progressing");
    expect(s4.conditions).toEqual([]);
    const s5: DeploymentStatus = { conditions: [condProgressing(), condAvailable()] };
    removeDeploymentCondition(s5, "ReplicaFailure");
    expect(s5.conditions).toEqual([condProgressing(), condAvailable()]);
  });

  it("keeps lastTransitionTime when only the reason changes, and ignores same status+reason", () => {
    const s: DeploymentStatus = {
      conditions: [{ type: "Progressing", status: "True", reason: "NewReplicaSetCreated", lastUpdateTime: "t0", lastTransitionTime: "t0" }],
    };
    setDeploymentCondition(s, { type: "Progressing", status: "True", reason: "NewReplicaSetCreated", lastUpdateTime: "t1", lastTransitionTime: "t1" });
    expect(s.conditions![0]!.lastUpdateTime).toBe("t0");
    setDeploymentCondition(s, { type: "Progressing", status: "True", reason: "ReplicaSetUpdated", lastUpdateTime: "t2", lastTransitionTime: "t2" });
    expect(s.conditions![0]).toMatchObject({ reason: "ReplicaSetUpdated", lastUpdateTime: "t2", lastTransitionTime: "t0" });
  });
});

describe("deploymentComplete (upstream TestDeploymentComplete)", () => {
  it.each([
    ["min but not all pods available", 5, 5, 5, 4, 1, 0, false],
    ["min availability is not honored", 5, 5, 5, 3, 1, 0, false],
    ["complete", 5, 5, 5, 5, 0, 0, true],
    ["all pods are available but not updated", 5, 5, 4, 5, 0, 0, false],
    ["still running old pods", 1, 2, 1, 1, 0, 1, false],
    ["one replica deployment never comes up", 1, 1, 1, 0, 1, 1, false],
  ])("%s", (_n, desired, current, updated, available, mu, ms, expected) => {
    const d = deployment(desired, ms, mu);
    d.metadata.generation = 0;
    d.status = { replicas: current, updatedReplicas: updated, availableReplicas: available };
    expect(deploymentComplete(d, d.status)).toBe(expected);
  });
});

describe("deploymentProgressing (upstream TestDeploymentProgressing)", () => {
  it.each([
    ["updated pods", [10, 4, 4, 4], [10, 6, 4, 4], true],
    ["not progressing", [10, 4, 4, 4], [10, 4, 4, 4], false],
    ["old pods removed", [10, 4, 6, 6], [8, 4, 6, 6], true],
    ["less new pods", [10, 7, 3, 3], [10, 6, 3, 3], false],
    ["less overall but more new pods", [10, 4, 7, 7], [8, 8, 5, 5], true],
    ["more ready pods", [10, 10, 9, 8], [10, 10, 10, 8], true],
    ["more available pods", [10, 10, 10, 9], [10, 10, 10, 10], true],
  ] as const)("%s", (_n, old, next, expected) => {
    const st = (v: readonly number[]): DeploymentStatus => ({ replicas: v[0], updatedReplicas: v[1], readyReplicas: v[2], availableReplicas: v[3] });
    const d = deployment(10);
    d.status = st(old);
    expect(deploymentProgressing(d, st(next))).toBe(expected);
  });
});

describe("deploymentTimedOut (upstream TestDeploymentTimedOut)", () => {
  const at = (min: number, sec: number) => Date.UTC(2016, 0, 1, 0, min, sec);
  const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
  it.each([
    ["nil progressDeadlineSeconds - no timeout", undefined, "", at(1, 9), at(1, 20), false],
    ["infinite progressDeadlineSeconds - no timeout", MaxInt32, "", at(1, 9), at(1, 20), false],
    ["10s deadline, 11s since the last update", 10, "", at(1, 9), at(1, 20), true],
    ["10s deadline, 9s since the last update", 10, "", at(1, 11), at(1, 20), false],
    ["exactly 10s is not yet timed out (Before)", 10, "", at(1, 10), at(1, 20), false],
    ["previous status was a complete deployment", 10, "NewReplicaSetAvailable", at(0, 0), at(59, 0), false],
  ] as const)("%s", (_n, pds, reason, from, now, expected) => {
    const d = deployment(1);
    if (pds === undefined) delete d.spec.progressDeadlineSeconds;
    else d.spec.progressDeadlineSeconds = pds;
    d.status = { conditions: [{ type: "Progressing", status: "True", reason, lastUpdateTime: iso(from) }] };
    expect(deploymentTimedOut(d, d.status, now)).toBe(expected);
  });
});
