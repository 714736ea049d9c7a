import { it } from "vitest";
import { TestCluster } from "./testHarness";
import { NodeLifecycleController } from "./nodeLifecycleController";
import { TaintEvictionController } from "../tainteviction/taintEvictionController";
import { PodGCController } from "../podgc/podGCController";

it("perf", () => {
  const c = new TestCluster();
  const N = 5000;
  let t = Date.now();
  for (let i = 0; i < N; i++) c.addNode(`node-${i}`);
  for (let i = 0; i < 150_000; i++) c.addPod(`p-${i}`, `node-${i % N}`, [{ key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }]);
  console.log("setup", Date.now() - t); t = Date.now();
  c.start(new NodeLifecycleController(c.ctx), new TaintEvictionController(c.ctx), new PodGCController(c.ctx));
  c.runUntil(1);
  console.log("start", Date.now() - t); t = Date.now();
  c.runUntil(60_000);
  console.log("60s no heartbeats (-> Unknown at 50s for all; master disruption)", Date.now() - t); t = Date.now();
  c.runUntil(120_000);
  console.log("next 60s", Date.now() - t);
});
