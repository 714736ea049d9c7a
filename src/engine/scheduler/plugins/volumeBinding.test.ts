// VolumeBinding against hand-made objects. Expected statuses and reasons from k/k
// pkg/scheduler/framework/plugins/volumebinding/volume_binding.go (PreFilter: "pod has unbound immediate
// PersistentVolumeClaims", `persistentvolumeclaim "x" not found`) and binder.go (ErrReasonBindConflict,
// ErrReasonNodeConflict, ErrReasonPVNotExist; the selected-node fast path; checkBindings).
import { describe, expect, it } from "vitest";
import type { KubeObject, Pod } from "../../api/types";
import { NodeInfo } from "../framework/nodeInfo";
import { PodInfo } from "../framework/podInfo";
import { CycleState } from "../framework/types";
import { makeNode, makePod } from "../testing/wrappers";
import { ErrReasonBindConflict, ErrReasonNodeConflict, ErrReasonPVNotExist, VolumeBinding, type VolumeBindingHost } from "./volumeBinding";

interface World {
  pvcs: Map<string, KubeObject>;
  pvs: Map<string, KubeObject>;
  classes: Map<string, KubeObject>;
}

function world(): World {
  const classes = new Map<string, KubeObject>();
  const sc = (name: string, provisioner: string, mode: string) =>
    ({ apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name }, provisioner, volumeBindingMode: mode }) as unknown as KubeObject;
  classes.set("standard", sc("standard", "rancher.io/local-path", "WaitForFirstConsumer"));
  classes.set("local", sc("local", "kubernetes.io/no-provisioner", "WaitForFirstConsumer"));
  classes.set("fast", sc("fast", "example.com/fast", "Immediate"));
  return { pvcs: new Map(), pvs: new Map(), classes };
}

let rv = 10;
function claim(w: World, name: string, cls: string, extra: { volumeName?: string; annotations?: Record<string, string>; phase?: string } = {}): KubeObject {
  const o = {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name, namespace: "default", uid: `uid-${name}`, resourceVersion: String(rv++), annotations: extra.annotations },
    spec: { storageClassName: cls, accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, volumeName: extra.volumeName },
    status: { phase: extra.phase ?? "Pending" },
  } as unknown as KubeObject;
  w.pvcs.set(`default/${name}`, o);
  return o;
}

function volume(w: World, name: string, cls: string, host?: string, claimRef?: object): KubeObject {
  const o = {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name, uid: `uid-${name}`, resourceVersion: String(rv++) },
    spec: {
      storageClassName: cls,
      capacity: { storage: "10Gi" },
      accessModes: ["ReadWriteOnce"],
      local: { path: "/mnt/disks/ssd1" },
      claimRef,
      ...(host ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: [host] }] }] } } } : {}),
    },
    status: { phase: claimRef ? "Bound" : "Available" },
  } as unknown as KubeObject;
  w.pvs.set(name, o);
  return o;
}

function plugin(w: World, pods: Map<string, Pod> = new Map()): VolumeBinding {
  return new VolumeBinding({
    pvc: (ns, name) => w.pvcs.get(`${ns}/${name}`),
    storageClass: (name) => w.classes.get(name),
    defaultStorageClass: () => undefined,
    pv: (name) => w.pvs.get(name),
    pvs: () => [...w.pvs.values()],
    node: (name) => makeNode(name),
    pod: (ns, name) => pods.get(`${ns}/${name}`),
  });
}

function podWith(...claims: string[]): Pod {
  const p = makePod("p");
  p.spec.volumes = claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } }));
  return p;
}

function ni(name: string): NodeInfo {
  const n = new NodeInfo(name);
  n.setNode(makeNode(name));
  return n;
}

function run(pl: VolumeBinding, pod: Pod, node: string) {
  const st = new CycleState();
  const pi = new PodInfo(pod);
  const pre = pl.preFilter(st, pi);
  if (pre.status !== null) return pre.status;
  return pl.filter(st, pi, ni(node));
}

describe("VolumeBinding PreFilter", () => {
  it("skips pods without claims and refuses missing, deleted, Lost and unbound Immediate claims", () => {
    const w = world();
    const pl = plugin(w);
    expect(run(pl, makePod("p"), "node-1")).toEqual({ code: "Skip", reasons: [] });
    expect(run(pl, podWith("nope"), "node-1")).toEqual({ code: "UnschedulableAndUnresolvable", reasons: ['persistentvolumeclaim "nope" not found'] });
    claim(w, "imm", "fast");
    expect(run(pl, podWith("imm"), "node-1")).toEqual({ code: "UnschedulableAndUnresolvable", reasons: ["pod has unbound immediate PersistentVolumeClaims"] });
    claim(w, "lost", "fast", { volumeName: "gone", phase: "Lost" });
    expect(run(pl, podWith("lost"), "node-1")).toEqual({ code: "UnschedulableAndUnresolvable", reasons: ['persistentvolumeclaim "lost" bound to non-existent persistentvolume "gone"'] });
  });
});

describe("VolumeBinding Filter", () => {
  it("a bound claim's volume must accept the node; a missing volume makes every node unusable", () => {
    const w = world();
    volume(w, "pinned", "local", "node-2", { namespace: "default", name: "data", uid: "uid-data" });
    claim(w, "data", "local", { volumeName: "pinned", annotations: { "pv.kubernetes.io/bind-completed": "yes" }, phase: "Bound" });
    const pl = plugin(w);
    expect(run(pl, podWith("data"), "node-2")).toBeNull();
    expect(run(pl, podWith("data"), "node-1")).toEqual({ code: "UnschedulableAndUnresolvable", reasons: [ErrReasonNodeConflict] });
    w.pvs.delete("pinned");
    expect(run(pl, podWith("data"), "node-2")).toEqual({ code: "UnschedulableAndUnresolvable", reasons: [ErrReasonPVNotExist] });
  });

  it("WaitForFirstConsumer: a free static PV on the node, or a class that provisions; no-provisioner without a PV is a bind conflict", () => {
    const w = world();
    volume(w, "ssd", "local", "node-2");
    claim(w, "local-claim", "local");
    claim(w, "dyn", "standard");
    const pl = plugin(w);
    expect(run(pl, podWith("local-claim"), "node-2")).toBeNull();
    expect(run(pl, podWith("local-claim"), "node-1")).toEqual({ code: "UnschedulableAndUnresolvable", reasons: [ErrReasonBindConflict] });
    expect(run(pl, podWith("dyn"), "node-1")).toBeNull();
    // Two claims cannot take the same volume.
    claim(w, "local-2", "local");
    expect(run(pl, podWith("local-claim", "local-2"), "node-2")).toEqual({ code: "UnschedulableAndUnresolvable", reasons: [ErrReasonBindConflict] });
  });

  it("a claim whose provisioning started on a node (selected-node) fits only that node", () => {
    const w = world();
    claim(w, "dyn", "standard", { annotations: { "volume.kubernetes.io/selected-node": "node-3" } });
    const pl = plugin(w);
    expect(run(pl, podWith("dyn"), "node-3")).toBeNull();
    expect(run(pl, podWith("dyn"), "node-1")).toEqual({ code: "UnschedulableAndUnresolvable", reasons: [ErrReasonBindConflict] });
  });
});

/** A host that records writes and runs timers on a fake clock. */
function fakeHost(w: World) {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const writes: string[] = [];
  const host: VolumeBindingHost = {
    updatePV: (pv) => {
      writes.push(`pv/${pv.metadata.name}`);
      const out = { ...pv, metadata: { ...pv.metadata, resourceVersion: String(rv++) } };
      w.pvs.set(pv.metadata.name, out);
      return out;
    },
    updatePVC: (pvc) => {
      writes.push(`pvc/${pvc.metadata.name}`);
      const out = { ...pvc, metadata: { ...pvc.metadata, resourceVersion: String(rv++) } };
      w.pvcs.set(`default/${pvc.metadata.name}`, out);
      return out;
    },
    after: (ms, fn) => {
      const t = { at: now + ms, fn };
      timers.push(t);
      return () => void timers.splice(timers.indexOf(t), 1);
    },
    now: () => now,
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const t = timers[0];
      if (!t || t.at > end) break;
      timers.shift();
      now = t.at;
      t.fn();
    }
    now = end;
  };
  return { host, writes, advance };
}

describe("VolumeBinding Reserve / PreBind", () => {
  it("writes the selected node on a WaitForFirstConsumer claim, then waits for the claim to be bound", () => {
    const w = world();
    claim(w, "dyn", "standard");
    const pod = podWith("dyn");
    const pl = plugin(w, new Map([["default/p", pod]]));
    expect(run(pl, pod, "node-1")).toBeNull();
    expect(pl.reserve(pod, "node-1")).toBeNull();
    const { host, writes, advance } = fakeHost(w);
    const results: (string | null)[] = [];
    pl.preBind(pod, "node-1", host, (s) => results.push(s === null ? null : s.reasons.join("")));
    expect(writes).toEqual(["pvc/dyn"]);
    expect(w.pvcs.get("default/dyn")!.metadata.annotations).toEqual({ "volume.kubernetes.io/selected-node": "node-1" });
    advance(5_000);
    expect(results).toEqual([]); // still polling: not bound yet
    // The provisioner and the PV controller finish.
    volume(w, "pvc-uid-dyn", "standard", "node-1", { namespace: "default", name: "dyn", uid: "uid-dyn" });
    const bound = w.pvcs.get("default/dyn")!;
    w.pvcs.set("default/dyn", { ...bound, metadata: { ...bound.metadata, annotations: { ...bound.metadata.annotations, "pv.kubernetes.io/bind-completed": "yes" }, resourceVersion: String(rv++) }, spec: { ...bound.spec, volumeName: "pvc-uid-dyn" } });
    advance(1_000);
    expect(results).toEqual([null]);
  });

  it("pre-binds a static PV and fails when the provisioner gives up (selected node removed)", () => {
    const w = world();
    volume(w, "ssd", "local", "node-2");
    claim(w, "local-claim", "local");
    const pod = podWith("local-claim");
    const pl = plugin(w, new Map([["default/p", pod]]));
    run(pl, pod, "node-2");
    pl.reserve(pod, "node-2");
    const { host, writes } = fakeHost(w);
    pl.preBind(pod, "node-2", host, () => {});
    expect(writes).toEqual(["pv/ssd"]);
    expect(w.pvs.get("ssd")!.spec.claimRef).toMatchObject({ name: "local-claim", uid: "uid-local-claim" });

    const w2 = world();
    claim(w2, "dyn", "standard");
    const pod2 = podWith("dyn");
    const pl2 = plugin(w2, new Map([["default/p", pod2]]));
    run(pl2, pod2, "node-1");
    pl2.reserve(pod2, "node-1");
    const h2 = fakeHost(w2);
    const results: string[] = [];
    pl2.preBind(pod2, "node-1", h2.host, (s) => results.push(s === null ? "ok" : s.reasons.join("")));
    const c = w2.pvcs.get("default/dyn")!;
    w2.pvcs.set("default/dyn", { ...c, metadata: { ...c.metadata, annotations: {}, resourceVersion: String(rv++) } });
    h2.advance(1_000);
    expect(results).toEqual(['running PreBind plugin "VolumeBinding": binding volumes: provisioning failed for PVC "dyn"']);
  });

  it("gives up after the bind timeout (600s)", () => {
    const w = world();
    claim(w, "dyn", "standard");
    const pod = podWith("dyn");
    const pl = plugin(w, new Map([["default/p", pod]]));
    run(pl, pod, "node-1");
    pl.reserve(pod, "node-1");
    const { host, advance } = fakeHost(w);
    const results: string[] = [];
    pl.preBind(pod, "node-1", host, (s) => results.push(s === null ? "ok" : s.reasons.join("")));
    advance(599_000);
    expect(results).toEqual([]);
    advance(2_000);
    expect(results).toEqual(['running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded']);
  });
});
