// kubectl logs on a whole cluster: the kubelet keeps an exited container's log (CRI keeps the last
// terminated instance per container), so a finished Job's output stays readable, and a container in
// CrashLoopBackOff shows the instance that just exited.
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types";
import { Session } from "../sim/session";
import { newCluster } from "./testCluster";

describe("kubectl logs", () => {
  it("prints a completed Job's output, and a crash-looping container's last instance (also as --previous)", () => {
    const c = newCluster();
    const s = new Session(c);
    c.api.create("kubectl", {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "hello", namespace: "default" },
      spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "hello", image: "busybox:1.36", command: ["sh", "-c", "echo hello from the job"] }] } } },
    } as unknown as KubeObject);
    expect(s.run("sim advance 60s").code).toBe(0);
    expect(s.run("kubectl get jobs hello -o jsonpath={.status.succeeded}").out.trim()).toBe("1");
    expect(s.run("kubectl logs job/hello")).toMatchObject({ out: "hello from the job\n", code: 0 });

    // A container that prints the time and crashes. In CrashLoopBackOff the kubelet serves the instance that
    // just exited both as the current log and as --previous (status.lastTerminationState), as upstream.
    c.api.create("kubectl", {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "crasher", namespace: "default" },
      spec: { containers: [{ name: "crasher", image: "busybox:1.36", command: ["sh", "-c", "date +%s; exit 1"] }] },
    } as unknown as KubeObject);
    s.run("kubectl get pods");
    let waiting = false;
    c.runUntil(() => {
      const pod = c.list("pods", "default").find((p) => p.metadata.name === "crasher") as { status?: { containerStatuses?: { restartCount: number; state?: { waiting?: { reason?: string } } }[] } } | undefined;
      const st = pod?.status?.containerStatuses?.[0];
      waiting = (st?.restartCount ?? 0) >= 1 && st?.state?.waiting?.reason === "CrashLoopBackOff";
      return waiting;
    }, 120_000);
    expect(waiting).toBe(true);
    const current = s.run("kubectl logs crasher");
    const previous = s.run("kubectl logs crasher --previous");
    expect(current.out).toMatch(/^\d+\n$/);
    expect(previous).toEqual(current);
  });
});
