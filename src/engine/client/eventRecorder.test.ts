import { describe, expect, it } from "vitest";
import type { KubeEvent, KubeObject } from "../api/types";
import { newKernel } from "../testing/kernel";
import { EventRecorder } from "./eventRecorder";
import { ApiClient } from "./apiClient";

const pod = (rv: string): KubeObject =>
  ({ apiVersion: "v1", kind: "Pod", metadata: { name: "web-1", namespace: "default", uid: "u-1", resourceVersion: rv } }) as KubeObject;

function setup() {
  const k = newKernel({ freeze: false });
  const rec = new EventRecorder(new ApiClient(k.api, "kubelet/node-1"), k.clock, { component: "kubelet", host: "node-1" });
  const events = () => k.store.list("events") as KubeEvent[];
  return { k, rec, events };
}

describe("EventRecorder (client-go tools/record)", () => {
  it("writes v1.Events named <object>.<hex nanoseconds> with the involved object, source and reporting fields", () => {
    const { rec, events } = setup();
    rec.event(pod("7"), "Normal", "Started", "Started container web", "spec.containers{web}");
    const [ev] = events();
    // makeEvent (record/event.go): name = fmt.Sprintf("%v.%x", ref.Name, t.UnixNano()); the sim epoch is 2025-01-01.
    expect(ev!.metadata.name).toBe(`web-1.${(BigInt(Date.UTC(2025, 0, 1)) * 1_000_000n).toString(16)}`);
    expect(JSON.stringify(ev!.involvedObject)).toBe(
      '{"kind":"Pod","namespace":"default","name":"web-1","uid":"u-1","apiVersion":"v1","resourceVersion":"7","fieldPath":"spec.containers{web}"}',
    );
    expect(ev).toMatchObject({
      reason: "Started", message: "Started container web", source: { component: "kubelet", host: "node-1" },
      firstTimestamp: "2025-01-01T00:00:00Z", lastTimestamp: "2025-01-01T00:00:00Z", count: 1, type: "Normal",
      reportingComponent: "kubelet", reportingInstance: "node-1",
    });
  });

  it("shares one frozen involvedObject between consecutive events about the same object version and field", () => {
    const { rec, events } = setup();
    const p = pod("7");
    rec.event(p, "Normal", "Pulled", 'Container image "nginx" already present on machine', "spec.containers{web}");
    rec.event(p, "Normal", "Created", "Created container: web", "spec.containers{web}");
    rec.event(pod("8"), "Normal", "Started", "Started container web", "spec.containers{web}");
    const [a, b, c] = events().sort((x, y) => x.reason.localeCompare(y.reason));
    // Created, Pulled: the same version → the same reference; Started: a newer version → its own.
    expect(a!.involvedObject).toBe(b!.involvedObject);
    expect(Object.isFrozen(a!.involvedObject)).toBe(true);
    expect(c!.involvedObject).not.toBe(a!.involvedObject);
    expect(c!.involvedObject.resourceVersion).toBe("8");
    // The source object is shared and frozen too.
    expect(a!.source).toBe(c!.source);
    expect(Object.isFrozen(a!.source)).toBe(true);
  });

  it("leaves fieldPath out when none is given, and copies a caller's reference for record()", () => {
    const { rec, events } = setup();
    const ref = { apiVersion: "v1", kind: "Node", name: "node-1", uid: "node-1", namespace: "" };
    rec.record(ref, "Normal", "Starting", "Starting kubelet.");
    rec.event(pod("7"), "Warning", "FailedMount", "no fieldPath");
    const [node, p] = events().sort((x, y) => x.involvedObject.kind!.localeCompare(y.involvedObject.kind!));
    expect(node!.involvedObject).toEqual(ref);
    expect(node!.involvedObject).not.toBe(ref);
    expect("fieldPath" in p!.involvedObject).toBe(false);
  });

  it("patches a repeat (count, lastTimestamp) and keeps firstTimestamp, as eventObserve does", () => {
    const { k, rec, events } = setup();
    rec.event(pod("7"), "Warning", "BackOff", "Back-off restarting failed container web", "spec.containers{web}");
    k.clock.set(65_000);
    rec.event(pod("9"), "Warning", "BackOff", "Back-off restarting failed container web", "spec.containers{web}");
    const all = events();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ count: 2, firstTimestamp: "2025-01-01T00:00:00Z", lastTimestamp: "2025-01-01T00:01:05Z" });
  });

  it("keeps the correlation of two recorders of the same component apart by host", () => {
    const { k, events } = setup();
    const a = new EventRecorder(new ApiClient(k.api, "kubelet/node-1"), k.clock, { component: "kubelet", host: "node-1" });
    const b = new EventRecorder(new ApiClient(k.api, "kubelet/node-2"), k.clock, { component: "kubelet", host: "node-2" });
    a.event(pod("7"), "Normal", "Killing", "Stopping container web");
    b.event(pod("7"), "Normal", "Killing", "Stopping container web");
    expect(events().map((e) => [e.source.host, e.count])).toEqual([["node-1", 1], ["node-2", 1]]);
  });
});
