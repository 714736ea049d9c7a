// etcd snapshot save and restore: the cluster state goes back to the snapshot; what changed since is
// lost; controllers and kubelets reconcile with the restored state.
import { describe, expect, it } from "vitest";
import { Store } from "../../apiserver/store";
import type { KubeObject } from "../../api/types";
import { isPodReady, lab, webDeployment } from "./testing";

describe("Store snapshot/restore", () => {
  it("writes every difference as a change with a new revision", () => {
    const s = new Store();
    const obj = (name: string, v: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, data: { v } }) as unknown as KubeObject;
    s.put("configmaps", "configmaps/default/a", obj("a", "1"));
    s.put("configmaps", "configmaps/default/b", obj("b", "1"));
    const snap = s.snapshot();
    s.put("configmaps", "configmaps/default/a", obj("a", "2"));
    s.remove("configmaps", "configmaps/default/b");
    s.put("configmaps", "configmaps/default/c", obj("c", "1"));
    const rev = s.currentRevision;
    const seen: string[] = [];
    s.onEvent((e) => seen.push(`${e.type} ${e.key} ${e.rev}`));
    expect(s.restore(snap, (o) => structuredClone(o))).toBe(3);
    expect(seen).toEqual([`MODIFIED configmaps/default/a ${rev + 1}`, `ADDED configmaps/default/b ${rev + 2}`, `DELETED configmaps/default/c ${rev + 3}`]);
    expect((s.get("configmaps", "configmaps/default/a") as unknown as { data: { v: string } }).data.v).toBe("1");
    expect(s.restore(snap, (o) => structuredClone(o))).toBe(2); // restored copies are new objects
  });
});

describe("sim etcd snapshot", () => {
  it("brings back the state as it was: later objects are gone and their pods killed, the scale is undone", () => {
    const l = lab();
    webDeployment(l, 2);
    expect(l.run("sim etcd snapshot save before")).toMatch(/^Snapshot saved at before \(revision \d+, \d+ keys\)\n$/);
    l.run("kubectl scale deployment web --replicas=4");
    l.run("kubectl create deployment extra --image=nginx:1.27");
    l.c.advance(20_000);
    expect(l.pods().filter(isPodReady)).toHaveLength(5);
    expect(l.run("sim etcd snapshot restore before")).toMatch(/^restored snapshot before \(taken at t=.*\): \d+ keys changed; kube-controller-manager and kube-scheduler restarted\n$/);
    l.c.advance(30_000);
    expect(l.c.store.get("deployments", "deployments/default/extra")).toBeUndefined();
    expect((l.c.store.get("deployments", "deployments/default/web") as { spec: { replicas: number } }).spec.replicas).toBe(2);
    const live = l.pods().filter((p) => !p.metadata.deletionTimestamp);
    expect(live).toHaveLength(2);
    expect(live.every(isPodReady)).toBe(true);
    // The kubelets stopped the containers of pods that no longer exist.
    let workers = 0;
    for (const k of l.c.kubelets.values()) workers += k.activePods().filter((w) => w.pod.metadata.namespace === "default").length;
    expect(workers).toBe(2);
    expect(l.run("sim etcd snapshot restore nope")).toBe('error: snapshot "nope" not found (saved: before)\n');
    expect(l.c.internalErrors).toEqual([]);
  });
});
