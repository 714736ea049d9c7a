// Expected texts from kubectl pkg/cmd/drain/drain.go (RunDrain, deleteOrEvictPodsSimple,
// onPodDeletionOrEvictionFinished) and pkg/drain/filters.go (daemonSetFatal, unmanagedFatal, warnings).
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { controllerRef, daemonSetObject, nodeObject, podObject } from "../util/fixtures";
import { TestCluster } from "../util/testCluster";

/** node-1 runs kube-proxy (a DaemonSet pod), two ReplicaSet pods and, optionally, a bare pod. */
function cluster(bare: boolean): TestCluster {
  const c = new TestCluster();
  c.create(nodeObject("node-1"));
  const ds = c.create(daemonSetObject("kube-proxy"));
  const rs: KubeObject = c.create({
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "web-5d4f8", namespace: "default" },
    spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } } },
  } as unknown as KubeObject);
  c.create(podObject("kube-proxy-x7k2p", { namespace: "kube-system", owner: controllerRef("DaemonSet", "kube-proxy", ds.metadata.uid) }));
  c.create(podObject("web-5d4f8-abcde", { owner: controllerRef("ReplicaSet", "web-5d4f8", rs.metadata.uid), grace: 10 }));
  c.create(podObject("web-5d4f8-fghij", { owner: controllerRef("ReplicaSet", "web-5d4f8", rs.metadata.uid), grace: 10 }));
  if (bare) c.create(podObject("standalone", { grace: 5 }));
  c.advance(5000);
  return c;
}

describe("kubectl drain", () => {
  it("refuses DaemonSet pods without --ignore-daemonsets, after cordoning", () => {
    const c = cluster(false);
    expect(c.run("drain node-1")).toEqual({
      out: "node/node-1 cordoned\n",
      err:
        'error: unable to drain node "node-1" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/kube-proxy-x7k2p, continuing command...\n' +
        "There are pending nodes to be drained:\n node-1\n" +
        "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/kube-proxy-x7k2p\n",
      code: 1,
    });
    expect(c.get("nodes", undefined, "node-1")?.spec.unschedulable).toBe(true);
  });

  // Upstream groups reasons in a Go map (any order); Kubelab keeps the order the pods are listed in.
  it("lists every reason on its own line when several filters refuse", () => {
    const c = cluster(true);
    const r = c.run("drain node-1");
    expect(r.err).toBe(
      'error: unable to drain node "node-1" due to error: [cannot delete Pods that declare no controller (use --force to override): default/standalone, cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/kube-proxy-x7k2p], continuing command...\n' +
        "There are pending nodes to be drained:\n node-1\n" +
        "cannot delete Pods that declare no controller (use --force to override): default/standalone\n" +
        "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/kube-proxy-x7k2p\n",
    );
  });

  it("evicts the other pods, waits until they are gone, and reports the node drained", () => {
    const c = cluster(true);
    const t0 = c.clock.now();
    const r = c.run("drain node-1 --ignore-daemonsets --force");
    expect(r).toEqual({
      out:
        "node/node-1 cordoned\n" +
        "evicting pod default/standalone\n" +
        "evicting pod default/web-5d4f8-abcde\n" +
        "evicting pod default/web-5d4f8-fghij\n" +
        "pod/standalone evicted\n" +
        "pod/web-5d4f8-abcde evicted\n" +
        "pod/web-5d4f8-fghij evicted\n" +
        "node/node-1 drained\n",
      err: "Warning: deleting Pods that declare no controller: default/standalone; ignoring DaemonSet-managed Pods: kube-system/kube-proxy-x7k2p\n",
      code: 0,
    });
    // The longest grace period (10 s) decides; waitForDelete polls once a second.
    expect(c.clock.now() - t0).toBe(10_000);
    expect(c.list("pods", "default")).toEqual([]);
    expect(c.list("pods", "kube-system")).toHaveLength(1);
  });

  it("applies --grace-period to every eviction", () => {
    const c = cluster(false);
    const t0 = c.clock.now();
    expect(c.run("drain node-1 --ignore-daemonsets --grace-period=2").code).toBe(0);
    expect(c.clock.now() - t0).toBe(2_000);
  });

  it("gives up at --timeout with kubectl's per-pod error", () => {
    const c = cluster(false);
    const r = c.run("drain node-1 --ignore-daemonsets --timeout=3s");
    expect(r.code).toBe(1);
    expect(r.err).toContain('error when waiting for pod "web-5d4f8-abcde" in namespace "default" to terminate: global timeout reached: 3s');
  });

  it("needs a node", () => {
    const c = new TestCluster();
    expect(c.run("drain").err).toBe("error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n");
  });
});
