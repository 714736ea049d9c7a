import { describe, expect, it } from "vitest";
import { GarbageCollector } from "../garbagecollector/garbageCollector";
import { JobController } from "./jobController";
import { TTLAfterFinishedController } from "./ttlAfterFinishedController";
import { FakeKubelet } from "./testing/fakeKubelet";
import { defaultingKernel, getJob, podsOf, simpleJob } from "./testing/fixtures";

describe("TTLAfterFinishedController (ttlafterfinished_controller.go)", () => {
  it("deletes a finished Job ttlSecondsAfterFinished after its Complete condition, Foreground, with a UID precondition", () => {
    const k = defaultingKernel();
    new JobController(k.ctx).start();
    new TTLAfterFinishedController(k.ctx).start();
    new FakeKubelet(k, () => ({ runMs: 3_000, exitCode: 0 })).start();
    k.informers.startAll();
    k.api.create("kubectl", simpleJob("short", { ttlSecondsAfterFinished: 100 }));
    k.advance(10_000);
    const done = getJob(k, "short");
    const finishedAt = Date.parse(done.status!.conditions!.find((c) => c.type === "Complete")!.lastTransitionTime!);
    const expireAt = finishedAt + 100_000 - k.clock.absolute(0);
    k.advance(expireAt - k.clock.now() - 1);
    expect(getJob(k, "short").metadata.deletionTimestamp).toBeUndefined();
    k.advance(2);
    const deleting = getJob(k, "short");
    // Without a garbage collector the Job waits on the foregroundDeletion finalizer.
    expect(deleting.metadata.deletionTimestamp).toBeDefined();
    expect(deleting.metadata.finalizers).toEqual(["foregroundDeletion"]);
    const del = k.audit.since(0).filter((e) => e.verb === "delete" && e.resource === "jobs");
    expect(del.map((e) => `${e.actor} ${e.name} ${e.code}`)).toEqual(["ttl-after-finished-controller short 200"]);
  });

  it("with the garbage collector the Job and its pods disappear", () => {
    const k = defaultingKernel();
    new JobController(k.ctx).start();
    new TTLAfterFinishedController(k.ctx).start();
    new GarbageCollector(k.ctx).start();
    new FakeKubelet(k, () => ({ runMs: 1_000, exitCode: 0 })).start();
    k.informers.startAll();
    k.api.create("kubectl", simpleJob("ttl0", { ttlSecondsAfterFinished: 0 }));
    k.advance(30_000);
    expect(getJob(k, "ttl0")).toBeUndefined();
    expect(podsOf(k)).toEqual([]);
  });

  it("ignores Jobs without a TTL or not finished", () => {
    const k = defaultingKernel();
    new JobController(k.ctx).start();
    new TTLAfterFinishedController(k.ctx).start();
    new FakeKubelet(k, (p) => (p.metadata.name.startsWith("keep") ? { runMs: 1_000, exitCode: 0 } : {})).start();
    k.informers.startAll();
    k.api.create("kubectl", simpleJob("keep"));
    k.api.create("kubectl", simpleJob("running", { ttlSecondsAfterFinished: 1 }));
    k.advance(600_000);
    expect(getJob(k, "keep").metadata.deletionTimestamp).toBeUndefined();
    expect(getJob(k, "running").metadata.deletionTimestamp).toBeUndefined();
  });
});
