import { it } from "vitest";
import { compileBehaviour } from "./program";
import { lookupImage } from "./images";
import { ContainerProcess } from "./runtime";
import { runProbe } from "./probes";

it("smoke", () => {
  const c = { name: "liveness", image: "k8s.gcr.io/busybox", args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"] };
  const p = compileBehaviour(c, lookupImage(c.image)!);
  console.log(JSON.stringify(p.argv), p.main.kind, p.onSigterm);
  const proc = new ContainerProcess(p);
  console.log(proc.start(0));
  console.log(proc.nextEventTime());
  console.log(runProbe({ exec: { command: ["cat", "/tmp/healthy"] } }, { process: proc, container: c, podIP: "10.244.1.5", nowMs: 5000 }));
  console.log(proc.advance(30000), proc.nextEventTime());
  console.log(runProbe({ exec: { command: ["cat", "/tmp/healthy"] } }, { process: proc, container: c, podIP: "10.244.1.5", nowMs: 35000 }));
  console.log(proc.advance(700000), proc.exitStatus);
  const c2 = { name: "counter", image: "busybox:1.28", args: ["/bin/sh", "-c", 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'] };
  const p2 = new ContainerProcess(compileBehaviour(c2, lookupImage(c2.image)!));
  console.log(p2.start(0), p2.advance(3000).map(e => JSON.stringify(e)));
});
