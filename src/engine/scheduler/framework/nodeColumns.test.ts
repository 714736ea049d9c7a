import { describe, expect, it } from "vitest";
import { SeededRandom } from "../../sim/random";
import { countKey, countPodsMatchSelector } from "../plugins/podTopologySpreadCommon";
import { makeNode, makePod } from "../testing/wrappers";
import { labelSelectorAsSelector } from "./labels";
import { NO_DOMAIN, NodeColumns } from "./nodeColumns";
import { NodeInfo } from "./nodeInfo";
import { PodInfo } from "./podInfo";
import { topologyDomainAt, topologyKeyId } from "./topologyDomains";

/** countPodsMatchSelector as upstream computes it: a walk over the node's pods. */
function walk(ni: NodeInfo, app: string, namespace: string): number {
  return ni.pods.filter((p) => !p.deleting && p.namespace === namespace && p.labels?.app === app).length;
}

describe("NodeColumns", () => {
  it("gives every NodeInfo its own row and hands released rows out again, zeroed", () => {
    const cols = new NodeColumns(2);
    const a = new NodeInfo("a", cols);
    const b = new NodeInfo("b", cols);
    const c = new NodeInfo("c", cols); // beyond the initial capacity: the columns grow
    expect(new Set([a.index, b.index, c.index]).size).toBe(3);
    a.setNode(makeNode("a", { memory: "8Gi" }));
    a.addPod(new PodInfo(makePod("p", { memory: "1Gi" })));
    expect(a.allocMemory).toBe(8 * 1024 ** 3);
    expect(a.reqMemory).toBe(1024 ** 3);
    cols.release(a.index);
    const d = new NodeInfo("d", cols);
    expect(d.index).toBe(a.index);
    expect(d.allocMemory).toBe(0);
    expect(d.reqMemory).toBe(0);
  });

  it("keeps match counts equal to a walk over the node's pods as pods come, change and go", () => {
    const cols = new NodeColumns();
    const ni = new NodeInfo("n", cols);
    ni.setNode(makeNode("n"));
    const web = labelSelectorAsSelector({ matchLabels: { app: "web" } });
    const db = labelSelectorAsSelector({ matchLabels: { app: "db" } });
    const rnd = new SeededRandom(7);
    const live = new Map<string, PodInfo>();
    for (let step = 0; step < 400; step++) {
      const uid = `u${Math.floor(rnd.next() * 30)}`;
      const app = rnd.next() < 0.5 ? "web" : "db";
      const namespace = rnd.next() < 0.8 ? "default" : "other";
      const old = live.get(uid);
      if (old) ni.removePod(uid);
      if (!old || rnd.next() < 0.7) {
        const pod = makePod(uid, { uid, namespace, labels: { app } });
        // Some pods are terminating: they do not count (#87621).
        if (rnd.next() < 0.1) pod.metadata.deletionTimestamp = "2025-01-01T00:00:00Z";
        const pi = new PodInfo(pod);
        ni.addPod(pi);
        live.set(uid, pi);
      } else live.delete(uid);
      // Ask for counts now and then, so that some are cached while pods change.
      if (step % 7 === 0) {
        for (const [sel, label] of [[web, "web"], [db, "db"]] as const) {
          for (const ns of ["default", "other"]) expect(countPodsMatchSelector(ni, sel, ns, countKey(sel, ns))).toBe(walk(ni, label, ns));
        }
      }
    }
  });

  it("looks a node's topology domain up again when its Node changes", () => {
    const ni = new NodeInfo("n", new NodeColumns());
    const zone = topologyKeyId("topology.kubernetes.io/zone");
    ni.setNode(makeNode("n", { labels: { "topology.kubernetes.io/zone": "a" } }));
    expect(topologyDomainAt(zone, ni.topologyDomainIndex(zone)).value).toBe("a");
    ni.setNode(makeNode("n", { labels: { "topology.kubernetes.io/zone": "b" } }));
    expect(ni.topologyDomain(zone)?.value).toBe("b");
    ni.setNode(makeNode("n"));
    expect(ni.topologyDomainIndex(zone)).toBe(NO_DOMAIN);
    expect(ni.topologyDomain(zone)).toBeNull();
  });
});
