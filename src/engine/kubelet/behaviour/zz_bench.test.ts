import { it } from "vitest";
import { compileBehaviour } from "./program";
import { lookupImage } from "./images";
import { ContainerProcess } from "./runtime";

it("bench", () => {
  const c = { name: "web", image: "nginx:1.14.2" };
  const prog = compileBehaviour(c, lookupImage(c.image)!);
  globalThis.gc?.();
  const m0 = process.memoryUsage().heapUsed;
  let t = performance.now();
  const procs: ContainerProcess[] = [];
  let n = 0;
  for (let i = 0; i < 150000; i++) { const p = new ContainerProcess(prog); n += p.start(i).length; procs.push(p); }
  console.log("nginx start 150k ms", performance.now() - t, "effects", n, "heap MB", (process.memoryUsage().heapUsed - m0) / 1e6);
  t = performance.now();
  for (const p of procs) p.nextEventTime();
  console.log("nextEventTime 150k ms", performance.now() - t);
  const c2 = { name: "s", image: "busybox", command: ["sh", "-c", "while true; do sleep 3600; done"] };
  const prog2 = compileBehaviour(c2, lookupImage(c2.image)!);
  const m1 = process.memoryUsage().heapUsed;
  t = performance.now();
  const p2: ContainerProcess[] = [];
  for (let i = 0; i < 20000; i++) { const p = new ContainerProcess(prog2); p.start(i); p2.push(p); }
  console.log("sh loop start 20k ms", performance.now() - t, "heap MB", (process.memoryUsage().heapUsed - m1) / 1e6);
  const c3 = { name: "s", image: "busybox", command: ["sh", "-c", 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'] };
  const p3 = new ContainerProcess(compileBehaviour(c3, lookupImage(c3.image)!));
  p3.start(0);
  t = performance.now();
  const e = p3.advance(86_400_000);
  console.log("counter one day ms", performance.now() - t, e.length);
});
