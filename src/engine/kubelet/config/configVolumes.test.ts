import { describe, expect, it } from "vitest";
import type { KubeObject, Pod } from "../../api/types";
import { SimClock } from "../../sim/clock";
import { EventQueue } from "../../sim/eventQueue";
import { PodVolumes } from "../podVolumes";
import type { ConfigSource } from "./configSources";
import { ConfigVolumes, VOLUME_RESYNC_MS } from "./configVolumes";

function configMap(data: Record<string, string>): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "default" }, data } as unknown as KubeObject;
}

function setup() {
  const clock = new SimClock();
  const events = new EventQueue(clock);
  const objects = new Map<string, KubeObject>();
  let reads = 0;
  // A store-like source: writes replace the object (stored objects are never mutated).
  const source: ConfigSource = {
    configMap: (ns, name) => {
      reads++;
      return objects.get(`${ns}/${name}`);
    },
    secret: () => undefined,
  };
  const cv = new ConfigVolumes(source, {
    now: () => clock.now(),
    event: () => undefined,
    after: (ms, label, fn) => {
      events.after(ms, label, fn);
    },
  });
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "default", uid: "u1" },
    spec: { containers: [{ name: "c", image: "busybox" }], volumes: [{ name: "v", configMap: { name: "cfg" } }] },
  } as unknown as Pod;
  const w = { pod, terminating: false, volumes: new PodVolumes({ pod }) };
  const files = () => Object.fromEntries(w.volumes.get("v")!.files);
  return { clock, events, objects, cv, w, files, reads: () => reads };
}

describe("ConfigVolumes", () => {
  it("mounts, then refreshes the files at each periodic sync from the current object", () => {
    const s = setup();
    s.objects.set("default/cfg", configMap({ a: "1" }));
    let started = false;
    s.cv.waitForConfigVolumes(s.w, () => (started = true));
    expect(started).toBe(true);
    expect(s.files()).toEqual({ a: "1" });
    s.events.runUntil(10_000);
    s.objects.set("default/cfg", configMap({ a: "2", b: "3" }));
    s.events.runUntil(VOLUME_RESYNC_MS - 1);
    expect(s.files()).toEqual({ a: "1" }); // not before the kubelet's next sync
    s.events.runUntil(VOLUME_RESYNC_MS);
    expect(s.files()).toEqual({ a: "2", b: "3" });
    expect(s.cv.modesOf("u1", "v")).toEqual(new Map([["a", 0o644], ["b", 0o644]]));
  });

  it("a sync that finds the same objects changes nothing; a deleted object keeps the last files", () => {
    const s = setup();
    s.objects.set("default/cfg", configMap({ a: "1" }));
    s.cv.waitForConfigVolumes(s.w, () => undefined);
    const handle = s.w.volumes.get("v")!;
    s.events.runUntil(3 * VOLUME_RESYNC_MS);
    expect(s.files()).toEqual({ a: "1" });
    expect(s.w.volumes.get("v")).toBe(handle);
    // Deleted: SetUp fails, the files stay as they were (upstream keeps the last payload).
    s.objects.delete("default/cfg");
    s.events.runUntil(5 * VOLUME_RESYNC_MS);
    expect(s.files()).toEqual({ a: "1" });
    // Recreated with other data: a new object, so the next sync projects it.
    s.objects.set("default/cfg", configMap({ c: "9" }));
    s.events.runUntil(6 * VOLUME_RESYNC_MS);
    expect(s.files()).toEqual({ c: "9" });
  });

  it("reads each source once per sync and stops syncing a terminated pod", () => {
    const s = setup();
    s.objects.set("default/cfg", configMap({ a: "1" }));
    s.cv.waitForConfigVolumes(s.w, () => undefined);
    const before = s.reads();
    s.events.runUntil(4 * VOLUME_RESYNC_MS);
    expect(s.reads() - before).toBe(4);
    (s.w as { terminating: boolean }).terminating = true;
    s.events.runUntil(10 * VOLUME_RESYNC_MS);
    expect(s.reads() - before).toBe(4);
    expect(s.cv.modesOf("u1", "v")).toBeUndefined();
  });
});
