// PodDisruptionBudgets and `kubectl drain`, after web tasks/run-application/configure-pdb.md (the zk-pdb
// examples: `kubectl get pdbs` NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE) and
// tasks/administer-cluster/safely-drain-node.md: an eviction the budget forbids answers 429 and drain
// retries it every 5 s ("error when evicting pods/... (will retry after 5s): Cannot evict pod as it would
// violate the pod's disruption budget.") until a replacement is Ready, or --timeout expires.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { KubeObject, Pod } from "../api/types";
import { Session } from "../sim/session";
import { newCluster } from "./testCluster";

const RETRY = "(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.";

/**
 * A Deployment of zookeeper-labelled pods (the docs' PDBs select app.kubernetes.io/name=zookeeper) that
 * become Ready 15 s after they start, as a quorum member would once it has synced.
 */
function zookeeper(replicas = 3): KubeObject {
  const labels = { "app.kubernetes.io/name": "zookeeper" };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "zk", namespace: "default" },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "zk", image: "registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10", readinessProbe: { exec: { command: ["true"] }, initialDelaySeconds: 15, periodSeconds: 5 } }] } } },
  } as unknown as KubeObject;
}

function setup(pdbFile: string, replicas = 3) {
  const c = newCluster();
  const dir = join(import.meta.dirname, "fixtures", "pdb");
  const s = new Session(c, { readFile: (p) => { try { return readFileSync(join(dir, p), "utf8"); } catch { return undefined; } }, readDir: () => undefined });
  c.api.create("kubectl", zookeeper(replicas));
  s.run("sim advance 60s");
  expect(s.run(`kubectl apply -f ${pdbFile}`).out).toBe("poddisruptionbudget.policy/zk-pdb created\n");
  s.run("sim advance 1s");
  const zkPods = () => c.list<Pod>("pods", "default").filter((p) => !p.metadata.deletionTimestamp);
  const nodeOf = (p: Pod) => p.spec.nodeName as string;
  return { c, run: (l: string) => s.run(l), zkPods, nodeOf };
}

describe("PodDisruptionBudget status", () => {
  it("shows minAvailable 2 of 3 healthy as one allowed disruption", () => {
    const { run, c } = setup("zookeeper-pod-disruption-budget-minavailable.yaml");
    expect(run("kubectl get poddisruptionbudgets").out).toBe(
      "NAME     MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nzk-pdb   2               N/A               1                     1s\n",
    );
    expect(c.store.get("poddisruptionbudgets", "poddisruptionbudgets/default/zk-pdb")!.status).toMatchObject({
      currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1, observedGeneration: 1,
    });
  });

  it("shows maxUnavailable 1 the same way, with the desired count from the Deployment's replicas", () => {
    const { run } = setup("zookeeper-pod-disruption-budget-maxunavailable.yaml");
    expect(run("kubectl get pdb zk-pdb").out).toBe(
      "NAME     MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nzk-pdb   N/A             1                 1                     1s\n",
    );
  });
});

describe("kubectl drain with a PodDisruptionBudget", () => {
  it("evicts one pod, then retries the next every 5 s until its replacement is Ready", () => {
    const { c, run, zkPods, nodeOf } = setup("zookeeper-pod-disruption-budget-minavailable.yaml");
    const nodes = [...new Set(zkPods().map(nodeOf))].sort();
    expect(nodes.length).toBeGreaterThanOrEqual(2);
    const [first, second] = nodes as [string, string];
    const firstPods = zkPods().filter((p) => nodeOf(p) === first);
    const drained = run(`kubectl drain ${first} --ignore-daemonsets --delete-emptydir-data`);
    expect(drained.code).toBe(0);
    if (firstPods.length === 1) expect(drained.err).not.toContain(RETRY);
    const secondPod = zkPods().find((p) => nodeOf(p) === second) as Pod;
    const t0 = c.now();
    const r = run(`kubectl drain ${second} --ignore-daemonsets --delete-emptydir-data`);
    expect(r.code).toBe(0);
    const retries = r.err.split("\n").filter((l) => l === `error when evicting pods/"${secondPod.metadata.name}" -n "default" ${RETRY}`);
    expect(retries.length).toBeGreaterThan(0);
    // One "evicting pod" line per attempt: the refused ones and the one that went through.
    expect(r.out.split("\n").filter((l) => l === `evicting pod default/${secondPod.metadata.name}`)).toHaveLength(retries.length + 1);
    expect(r.out).toContain(`pod/${secondPod.metadata.name} evicted\n`);
    expect(r.out.endsWith(`node/${second} drained\n`)).toBe(true);
    expect(c.now() - t0).toBeGreaterThanOrEqual(5000 * retries.length);
    // The budget held: never fewer than 2 ready zookeepers.
    expect(c.store.get("poddisruptionbudgets", "poddisruptionbudgets/default/zk-pdb")!.status.currentHealthy).toBeGreaterThanOrEqual(2);
  });

  it("gives up at --timeout with drain's errors when the budget allows nothing", () => {
    const { c, run, zkPods, nodeOf } = setup("zookeeper-pod-disruption-budget-minavailable.yaml", 2);
    const pod = zkPods()[0] as Pod;
    const node = nodeOf(pod);
    const others = zkPods().filter((p) => nodeOf(p) === node && p !== pod);
    expect(others).toEqual([]);
    const t0 = c.now();
    const r = run(`kubectl drain ${node} --ignore-daemonsets --timeout=12s`);
    const ref = `pods/"${pod.metadata.name}" -n "default"`;
    const evicting = `evicting pod default/${pod.metadata.name}\n`;
    // Other pods of the node (CoreDNS) go at once; only the zookeeper pod's lines are checked.
    const mine = (text: string) => text.split("\n").filter((l) => !l.includes("kube-system/") && !l.includes("coredns")).join("\n");
    expect(mine(r.out)).toBe(`node/${node} cordoned\n${evicting.repeat(4)}`);
    const timeout = `error when evicting ${ref}: global timeout reached: 12s`;
    expect(mine(r.err)).toBe(
      `error when evicting ${ref} ${RETRY}\n`.repeat(3) +
      `There are pending pods in node "${node}" when an error occurred: ${timeout}\npod/${pod.metadata.name}\n` +
      `error: unable to drain node "${node}" due to error: ${timeout}, continuing command...\n` +
      `There are pending nodes to be drained:\n ${node}\n` +
      // CheckErr prints drain's aggregate of errors one per line, without "error: " (MultipleErrors).
      `${timeout}\n`,
    );
    expect(r.code).toBe(1);
    expect(c.now() - t0).toBe(15_000);
    expect(c.store.get("pods", `pods/default/${pod.metadata.name}`)?.metadata.deletionTimestamp).toBeUndefined();
  });
});

// The ZooKeeper tutorial (web tutorials/stateful-application/zookeeper.md, "Surviving maintenance"):
// zookeeper.yaml's zk-pdb (maxUnavailable 1) lets one server go; with zk-0 unable to come back (its
// local volume lives on the cordoned node), draining another server's node is refused until it does.
describe("ZooKeeper tutorial: draining with zk-pdb", () => {
  it("blocks the second drain while zk-0 is Pending, and lets it through once zk-0 is back", () => {
    const c = newCluster();
    const dir = join(import.meta.dirname, "fixtures", "pdb");
    const s = new Session(c, { readFile: (p) => { try { return readFileSync(join(dir, p), "utf8"); } catch { return undefined; } }, readDir: () => undefined });
    const run = (l: string) => s.run(l);
    expect(run("kubectl apply -f zookeeper.yaml").out).toBe("service/zk-hs created\nservice/zk-cs created\npoddisruptionbudget.policy/zk-pdb created\nstatefulset.apps/zk created\n");
    run("sim advance 3m");
    expect(run("kubectl get pdb zk-pdb").out).toBe("NAME     MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nzk-pdb   N/A             1                 1                     3m\n");
    const nodeOf = (name: string) => (c.store.get("pods", `pods/default/${name}`) as Pod | undefined)?.spec.nodeName;
    const first = nodeOf("zk-0") as string;
    const second = nodeOf("zk-1") as string;
    expect(run(`kubectl drain ${first} --ignore-daemonsets --delete-emptydir-data`).out).toContain("pod/zk-0 evicted\n");
    run("sim advance 5s");
    expect((c.store.get("pods", "pods/default/zk-0") as Pod).status?.phase).toBe("Pending");
    expect(run("kubectl get pdb zk-pdb").out).toContain("zk-pdb   N/A             1                 0   ");
    const blocked = run(`kubectl drain ${second} --ignore-daemonsets --delete-emptydir-data --timeout=30s`);
    expect(blocked.code).toBe(1);
    expect(blocked.err).toContain(`error when evicting pods/"zk-1" -n "default" ${RETRY}\n`);
    expect(blocked.err).toContain('error when evicting pods/"zk-1" -n "default": global timeout reached: 30s');
    run(`kubectl uncordon ${first}`);
    run("sim advance 2m");
    expect(nodeOf("zk-0")).toBe(first);
    const r = run(`kubectl drain ${second} --ignore-daemonsets --delete-emptydir-data`);
    expect(r.code).toBe(0);
    expect(r.out).toContain("pod/zk-1 evicted\n");
  });
});
