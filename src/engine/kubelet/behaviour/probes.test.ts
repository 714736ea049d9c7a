// Probe answers and the text of kubelet's Unhealthy events (pkg/probe/http, pkg/probe/tcp, pkg/probe/exec,
// pkg/probe/grpc, pkg/probe/util.go ResolveContainerPort, remote_runtime.go exec timeouts).

import { describe, expect, it } from "vitest";
import type { Container, Probe } from "../../api/types";
import { lookupImage } from "./images";
import { goDuration, resolveContainerPort, runProbe } from "./probes";
import { compileBehaviour } from "./program";
import { createContainerProcess, type ContainerProcess } from "./runtime";

const IP = "10.244.1.5";

function running(c: Container): ContainerProcess {
  const p = createContainerProcess(c, compileBehaviour(c, lookupImage(c.image ?? "") ?? (undefined as never)));
  p.start(0);
  return p;
}

function probe(p: Probe, c: Container, proc: ContainerProcess | undefined, nowMs = 1_000) {
  return runProbe(p, { process: proc, container: c, podIP: IP, nowMs });
}

const busybox: Container = { name: "c", image: "busybox", command: ["sh", "-c", "touch /tmp/ready; sleep 3600"], env: [{ name: "FILE", value: "/tmp/ready" }, { name: "FROM", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }] };
const nginx: Container = { name: "web", image: "nginx", ports: [{ name: "http", containerPort: 80 }] };

describe("resolveContainerPort", () => {
  it("resolves names, numeric strings and rejects the rest with upstream's errors", () => {
    expect(resolveContainerPort("http", nginx)).toEqual({ port: 80 });
    expect(resolveContainerPort("8080", nginx)).toEqual({ port: 8080 });
    expect(resolveContainerPort("metrics", nginx)).toEqual({ error: 'strconv.Atoi: parsing "metrics": invalid syntax' });
    expect(resolveContainerPort(0, nginx)).toEqual({ error: "invalid port number: 0" });
  });
});

describe("exec probes", () => {
  const proc = running(busybox);
  const cases: [string[], "Success" | "Failure"][] = [
    [["cat", "/tmp/ready"], "Success"],
    [["ls", "/tmp/ready"], "Success"],
    [["test", "-f", "/tmp/ready"], "Success"],
    [["test", "-e", "/tmp/missing"], "Failure"],
    [["[", "-f", "/tmp/ready", "]"], "Success"],
    [["true"], "Success"],
    [["false"], "Failure"],
    [["/bin/sh", "-c", "test -f /tmp/ready && exit 0 || exit 1"], "Success"],
    [["/bin/sh", "-c", "exit 3"], "Failure"],
    [["grpc_health_probe", "-addr=:8080"], "Success"],
    [["some-vendor-healthcheck", "--deep"], "Success"],
  ];
  for (const [command, result] of cases) {
    it(`${command.join(" ")} → ${result}`, () => {
      expect(probe({ exec: { command } }, busybox, proc).result).toBe(result);
    });
  }

  it("expands $(VAR) from literal env values only (ExpandContainerCommandOnlyStatic)", () => {
    expect(probe({ exec: { command: ["cat", "$(FILE)"] } }, busybox, proc).result).toBe("Success");
    expect(probe({ exec: { command: ["cat", "$(FROM)"] } }, busybox, proc).output).toBe("cat: can't open '$(FROM)': No such file or directory\n");
  });

  it("fails with the CRI timeout message past timeoutSeconds", () => {
    expect(probe({ exec: { command: ["sleep", "5"] }, timeoutSeconds: 1 }, busybox, proc)).toMatchObject({ result: "Failure", output: 'command "sleep 5" timed out' });
  });

  it("errors when the command is not in the image", () => {
    const pause = running({ name: "p", image: "registry.k8s.io/pause:3.10" });
    const r = probe({ exec: { command: ["cat", "/tmp/x"] } }, { name: "p", image: "registry.k8s.io/pause:3.10" }, pause);
    expect(r.errored).toBe(true);
    expect(r.output).toContain('exec: "cat": executable file not found in $PATH');
  });
});

describe("httpGet probes", () => {
  const proc = running(nginx);
  it("succeeds on a named port", () => {
    expect(probe({ httpGet: { path: "/", port: "http" } }, nginx, proc).result).toBe("Success");
  });
  it("refuses on a port nobody listens on", () => {
    expect(probe({ httpGet: { path: "/healthz", port: 8080 } }, nginx, proc).output).toBe(`Get "http://${IP}:8080/healthz": dial tcp ${IP}:8080: connect: connection refused`);
  });
  it("reports the status code, never the body, on failure", () => {
    expect(probe({ httpGet: { path: "/missing", port: 80 } }, nginx, proc).output).toBe("HTTP probe failed with statuscode: 404");
  });
  it("an HTTPS probe against an HTTP server fails", () => {
    expect(probe({ httpGet: { path: "/", port: 80, scheme: "HTTPS" } }, nginx, proc).output).toBe(`Get "https://${IP}:80/": http: server gave HTTP response to HTTPS client`);
  });
  it("errors on an unknown named port", () => {
    expect(probe({ httpGet: { path: "/", port: "web" } }, nginx, proc)).toMatchObject({ errored: true, output: 'strconv.Atoi: parsing "web": invalid syntax' });
  });
  it("a non-HTTP server closes the connection", () => {
    const redis: Container = { name: "r", image: "redis" };
    expect(probe({ httpGet: { path: "/", port: 6379 } }, redis, running(redis)).output).toBe(`Get "http://${IP}:6379/": EOF`);
  });
});

describe("goDuration", () => {
  it("formats like Go's time.Duration", () => {
    expect(goDuration(1000)).toBe("1s");
    expect(goDuration(5000)).toBe("5s");
    expect(goDuration(500)).toBe("500ms");
  });
});
