import { describe, expect, it } from "vitest";
import type { Container } from "../../api/types";
import { lookupImage } from "./images";
import { compileBehaviour } from "./program";
import { ContainerProcess, createContainerProcess } from "./runtime";
import type { VolumeStore } from "./containerFs";

function proc(c: Container, volumes?: VolumeStore, env: Record<string, string> = {}): ContainerProcess {
  const img = lookupImage(c.image ?? "");
  if (!img) throw new Error("image");
  return createContainerProcess(c, compileBehaviour(c, img, { env }), { volumes });
}

describe("servers", () => {
  it("nginx writes its start-up log, listens at once and needs no clock", () => {
    const p = proc({ name: "web", image: "nginx:1.14.2" });
    const effects = p.start(1_000);
    expect(effects.filter((e) => e.kind === "log")[0]).toEqual({
      kind: "log",
      atMs: 1_000,
      stream: "stdout",
      line: "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
    });
    expect(effects.at(-1)).toEqual({ kind: "listen", atMs: 1_000, port: 80 });
    expect(p.nextEventTime()).toBeUndefined();
    expect(p.advance(1e12)).toEqual([]);
  });

  it("a database opens its port after initialising", () => {
    const p = proc({ name: "db", image: "mysql:8.0", env: [{ name: "MYSQL_ROOT_PASSWORD", value: "pw" }] });
    p.start(0);
    expect(p.isListening(3306, 1_000)).toBe(false);
    expect(p.nextEventTime()).toBe(15_000);
    expect(p.advance(15_000)).toEqual([{ kind: "listen", atMs: 15_000, port: 3306 }]);
    expect(p.exec(["mysqladmin", "ping"], 16_000)).toMatchObject({ exitCode: 0, output: "mysqld is alive\n" });
  });

  it("mysql without a root password option fails like its entrypoint", () => {
    const p = proc({ name: "db", image: "mysql:5.7" });
    const effects = p.start(0);
    expect(effects.some((e) => e.kind === "log" && e.line.includes("[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified"))).toBe(true);
    expect(effects.at(-1)).toMatchObject({ kind: "exit", exitCode: 1, reason: "Error" });
  });

  it("plain `nginx` daemonizes: the container completes at once", () => {
    expect(proc({ name: "c", image: "nginx", command: ["nginx"] }).start(0)).toEqual([{ kind: "exit", atMs: 0, exitCode: 0, reason: "Completed" }]);
  });
});

describe("stopping (SIGTERM, then SIGKILL after the grace period)", () => {
  it("nginx exits 0 on SIGTERM", () => {
    const p = proc({ name: "web", image: "nginx" });
    p.start(0);
    expect(p.signal("TERM", 5_000)).toEqual([{ kind: "exit", atMs: 5_000, exitCode: 0, reason: "Completed" }]);
  });
  it("a Go server without a handler exits 2", () => {
    const p = proc({ name: "l", image: "registry.k8s.io/liveness", args: ["/server"] });
    p.start(0);
    expect(p.signal("TERM", 1)).toMatchObject([{ exitCode: 2, reason: "Error" }]);
  });
  it("`sleep 3600` ignores SIGTERM and is killed with 137", () => {
    const p = proc({ name: "s", image: "busybox", command: ["sleep", "3600"] });
    p.start(0);
    expect(p.signal("TERM", 1_000)).toEqual([]);
    expect(p.signal("KILL", 31_000)).toEqual([{ kind: "exit", atMs: 31_000, exitCode: 137, reason: "Error", signal: 9 }]);
    expect(p.exitStatus).toEqual({ exitCode: 137, reason: "Error", finishedAtMs: 31_000, signal: 9 });
  });
  it("a server started by sh -c becomes PID 1 (exec of the last command)", () => {
    const p = proc({ name: "c", image: "nginx", command: ["sh", "-c", "echo starting; exec nginx -g 'daemon off;'"] });
    p.start(0);
    expect(p.signal("TERM", 10)).toMatchObject([{ exitCode: 0 }]);
  });
});

describe("volumes and the writable layer", () => {
  it("files under a mount survive a restart, files elsewhere do not", () => {
    const data = new Map<string, string>();
    const volumes: VolumeStore = { get: () => ({ files: data }) };
    const c: Container = { name: "c", image: "busybox", command: ["sh", "-c", "echo x >> /data/count; echo y > /tmp/own; sleep 3600"], volumeMounts: [{ name: "d", mountPath: "/data" }] };
    const first = proc(c, volumes);
    expect(first.start(0).filter((e) => e.kind === "file")).toEqual([
      { kind: "file", atMs: 0, op: "write", path: "/data/count" },
      { kind: "file", atMs: 0, op: "write", path: "/tmp/own" },
    ]);
    first.signal("KILL", 10);
    const second = proc(c, volumes);
    expect(second.fs.read("/tmp/own")).toBeUndefined();
    second.start(20);
    expect(data.get("count")).toBe("x\nx\n");
  });

  it("kubectl exec can delete a file the liveness probe checks", () => {
    const p = proc({ name: "c", image: "busybox", command: ["sh", "-c", "touch /tmp/healthy; sleep 3600"] });
    p.start(0);
    expect(p.exec(["rm", "/tmp/healthy"], 1_000)).toMatchObject({ exitCode: 0, effects: [{ kind: "file", atMs: 1_000, op: "remove", path: "/tmp/healthy" }] });
    expect(p.exec(["cat", "/tmp/healthy"], 2_000).exitCode).toBe(1);
  });
});

describe("exec sessions", () => {
  it("reports how long a command waits and times out past the limit", () => {
    const p = proc({ name: "c", image: "busybox", command: ["sleep", "3600"] });
    p.start(0);
    expect(p.exec(["sleep", "2"], 0)).toMatchObject({ exitCode: 0, durationMs: 2_000, timedOut: false });
    expect(p.exec(["sleep", "5"], 0, 1_000)).toMatchObject({ timedOut: true, durationMs: 1_000 });
    expect(p.exec(["tail", "-f", "/dev/null"], 0)).toMatchObject({ timedOut: true, durationMs: Infinity });
  });

  it("an interactive shell keeps its directory and variables between lines", () => {
    const p = proc({ name: "c", image: "busybox", command: ["sleep", "3600"] });
    p.start(0);
    const shell = p.openShell();
    shell.run("cd /tmp; X=42", 0);
    expect(shell.run("pwd 2>/dev/null || echo $PWD; echo $X; touch f; ls", 0).output).toContain("42\nf\n");
  });

  it("commands missing from a distroless image fail to start", () => {
    const p = proc({ name: "c", image: "registry.k8s.io/pause:3.10" });
    p.start(0);
    expect(p.exec(["sh"], 0)).toMatchObject({ exitCode: 126, error: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown' });
  });
});

describe("resources", () => {
  it("reports idle usage of a server and zero once exited", () => {
    const p = proc({ name: "web", image: "nginx" });
    p.start(0);
    expect(p.usage()).toEqual({ cpuMilli: 1, memoryBytes: 3 * 1024 * 1024 });
    p.signal("KILL", 1);
    expect(p.usage()).toEqual({ cpuMilli: 0, memoryBytes: 0 });
  });

  it("perl computing pi burns one core until it prints", () => {
    const p = proc({ name: "pi", image: "perl", command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(500)"] });
    p.start(0);
    expect(p.usage().cpuMilli).toBe(1000);
    p.advance(60_000);
    expect(p.exitStatus?.exitCode).toBe(0);
  });

  it("is deterministic: same program, same effects", () => {
    const c: Container = { name: "c", image: "busybox", command: ["sh", "-c", 'for i in 1 2 3; do echo "$i $(date)"; sleep 0.25; done'] };
    const run = () => {
      const p = proc(c);
      return [...p.start(0), ...p.advance(10_000)];
    };
    expect(run()).toEqual(run());
  });
});

describe("direct construction", () => {
  it("a StartError program terminates at start with exit code 128", () => {
    const c: Container = { name: "c", image: "registry.k8s.io/pause", command: ["sh"] };
    const p = new ContainerProcess(compileBehaviour(c, lookupImage("registry.k8s.io/pause") ?? (undefined as never)));
    expect(p.start(5)).toEqual([{ kind: "exit", atMs: 5, exitCode: 128, reason: "StartError" }]);
  });
});
