// Workload failures: a killed pod, a crashed or OOM-killed container, a failing readiness probe.
import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/types";
import { isPodReady, lab, webDeployment, type Lab } from "./testing";

function withReadinessProbe(l: Lab): string {
  l.c.api.create("kubectl", {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "probed", labels: { app: "probed" } },
    spec: { containers: [{ name: "web", image: "nginx:1.27", readinessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 10 } }] },
  } as never);
  l.c.advance(30_000);
  return "probed";
}

const pod = (l: Lab, name: string) => l.c.store.get("pods", `pods/default/${name}`) as Pod;

describe("sim pod kill", () => {
  it("deletes the pod at once (grace period 0); its ReplicaSet replaces it", () => {
    const l = lab();
    webDeployment(l, 2);
    const victim = l.pods()[0]!.metadata.name;
    expect(l.run(`sim pod kill ${victim}`)).toBe(`pod "${victim}" killed\n`);
    expect(pod(l, victim)).toBeUndefined();
    l.c.advance(10_000);
    expect(l.pods().filter((p) => isPodReady(p))).toHaveLength(2);
    expect(l.run("sim pod kill nope")).toBe('error: pods "nope" not found in namespace "default"\n');
  });
});

describe("sim pod crash", () => {
  it("exits the container with the code; the kubelet restarts it (restartCount 1, lastState terminated)", () => {
    const l = lab();
    webDeployment(l, 1);
    const name = l.pods()[0]!.metadata.name;
    expect(l.run(`sim pod crash ${name} --exit-code=3`)).toBe(`container nginx of pod ${name} exited with code 3\n`);
    l.c.advance(5_000);
    const cs = pod(l, name).status!.containerStatuses![0]!;
    expect(cs.restartCount).toBe(1);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 3, reason: "Error" });
    expect(cs.state.running).toBeDefined();
  });

  it("--oom ends it as the OOM killer does: exit code 137, reason OOMKilled", () => {
    const l = lab();
    webDeployment(l, 1);
    const name = l.pods()[0]!.metadata.name;
    l.run(`sim pod crash ${name} --oom`);
    l.c.advance(5_000);
    expect(pod(l, name).status!.containerStatuses![0]!.lastState.terminated).toMatchObject({ exitCode: 137, reason: "OOMKilled" });
    // Crash again at once: the second restart waits 10s (CrashLoopBackOff).
    l.run(`sim pod crash ${name} --oom`);
    l.c.advance(2_000);
    expect(pod(l, name).status!.containerStatuses![0]!.state.waiting?.reason).toBe("CrashLoopBackOff");
    expect(l.run(`sim pod crash ${name} --exit-code=300`)).toBe('error: invalid --exit-code "300": a whole number from 0 to 255\n');
    expect(l.run(`sim pod crash ${name} --container=nope`)).toBe(`error: container nope is not valid for pod ${name}\n`);
  });
});

describe("sim pod unready", () => {
  it("fails the readiness probe: Ready=False after failureThreshold (3) probes, back after one success", () => {
    const l = lab();
    const name = withReadinessProbe(l);
    expect(isPodReady(pod(l, name))).toBe(true);
    l.run(`sim pod unready ${name}`);
    l.c.advance(15_000);
    expect(isPodReady(pod(l, name))).toBe(true); // 2 failures or fewer so far
    l.c.advance(20_000);
    expect(isPodReady(pod(l, name))).toBe(false);
    const unhealthy = l.c.list("events").find((e) => (e as { reason?: string }).reason === "Unhealthy") as { message?: string } | undefined;
    expect(unhealthy?.message).toBe("Readiness probe failed: HTTP probe failed with statuscode: 503");
    l.run(`sim pod ready ${name}`);
    l.c.advance(11_000);
    expect(isPodReady(pod(l, name))).toBe(true);
  });

  it("needs a readiness probe", () => {
    const l = lab();
    webDeployment(l, 1);
    const name = l.pods()[0]!.metadata.name;
    expect(l.run(`sim pod unready ${name}`)).toBe(`error: container nginx of pod ${name} has no readiness probe: without one the kubelet counts it as always ready\n`);
  });
});
