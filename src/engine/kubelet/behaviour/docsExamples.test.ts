// The probe examples of the Kubernetes docs (kubernetes/website content/en/examples/pods/probe/*.yaml) and
// other docs containers, copied here as fixtures: each must behave as its page says.
// Expected values come from the docs and from upstream sources, not from this model's output:
// - exec-liveness: "For the first 30 seconds of the container's life, there is a /tmp/healthy file ...
//   After 30 seconds, cat /tmp/healthy returns a failure code"; event text
//   "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory" (busybox cat).
// - http-liveness: "/healthz returns 200 for the first 10 seconds ... after that 500"
//   (test/images/agnhost/liveness/server.go: `duration.Seconds() > 10`).
// - pkg/probe/http: "HTTP probe failed with statuscode: %d"; pkg/probe/tcp: err.Error() of the dial.

import { describe, expect, it } from "vitest";
import type { Container, Probe } from "../../api/types";
import { lookupImage } from "./images";
import { compileBehaviour } from "./program";
import { runProbe } from "./probes";
import { createContainerProcess, type ContainerProcess } from "./runtime";
import type { VolumeStore } from "./containerFs";
import type { Effect } from "./types";

const POD_IP = "10.244.1.5";

function start(container: Container, env: Record<string, string> = {}, volumes?: VolumeStore): { proc: ContainerProcess; effects: Effect[] } {
  const image = lookupImage(container.image ?? "");
  if (!image) throw new Error(`bad image ${container.image}`);
  const program = compileBehaviour(container, image, { env: { HOSTNAME: "pod-0", ...env } });
  const proc = createContainerProcess(container, program, { volumes });
  return { proc, effects: proc.start(0) };
}

function probeAt(proc: ContainerProcess, container: Container, probe: Probe, nowMs: number) {
  proc.advance(nowMs);
  return runProbe(probe, { process: proc, container, podIP: POD_IP, nowMs });
}

function logs(effects: readonly Effect[]): string[] {
  return effects.flatMap((e) => (e.kind === "log" ? [e.line] : []));
}

// pods/probe/exec-liveness.yaml
const execLiveness: Container = {
  name: "liveness",
  image: "k8s.gcr.io/busybox",
  args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"],
  livenessProbe: { exec: { command: ["cat", "/tmp/healthy"] }, initialDelaySeconds: 5, periodSeconds: 5 },
};

// pods/probe/http-liveness.yaml
const httpLiveness: Container = {
  name: "liveness",
  image: "k8s.gcr.io/liveness",
  args: ["/server"],
  ports: [{ containerPort: 8080 }],
  livenessProbe: { httpGet: { path: "/healthz", port: 8080, httpHeaders: [{ name: "Custom-Header", value: "Awesome" }] }, initialDelaySeconds: 3, periodSeconds: 3 },
};

// pods/probe/tcp-liveness-readiness.yaml
const goproxy: Container = {
  name: "goproxy",
  image: "registry.k8s.io/goproxy:0.1",
  ports: [{ containerPort: 8080 }],
  readinessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 15, periodSeconds: 10 },
  livenessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 15, periodSeconds: 10 },
};

// pods/probe/grpc-liveness.yaml (the stored file spells the field `gRPC`; the API field is `grpc`)
const etcd: Container = {
  name: "etcd",
  image: "k8s.gcr.io/etcd:3.5.1-0",
  command: ["/usr/local/bin/etcd", "--data-dir", "/var/lib/etcd", "--listen-client-urls", "http://0.0.0.0:2379", "--advertise-client-urls", "http://127.0.0.1:2379", "--log-level", "debug"],
  ports: [{ containerPort: 2379 }],
  livenessProbe: { grpc: { port: 2379 }, initialDelaySeconds: 10 },
};

// pods/probe/pod-with-http-healthcheck.yaml
const nginxHealthcheck: Container = {
  name: "nginx",
  image: "nginx",
  livenessProbe: { httpGet: { path: "/_status/healthz", port: 80 }, initialDelaySeconds: 30, timeoutSeconds: 1 },
  ports: [{ containerPort: 80 }],
};

// pods/probe/pod-with-tcp-socket-healthcheck.yaml
const redis: Container = {
  name: "redis",
  image: "redis",
  livenessProbe: { tcpSocket: { port: 6379 }, initialDelaySeconds: 30, timeoutSeconds: 1 },
  ports: [{ containerPort: 6379 }],
};

describe("pods/probe/exec-liveness.yaml", () => {
  const probe = execLiveness.livenessProbe as Probe;

  it("has /tmp/healthy for the first 30 s, then the probe fails with busybox's cat message", () => {
    const { proc } = start(execLiveness);
    for (const t of [5_000, 10_000, 25_000, 29_999]) expect(probeAt(proc, execLiveness, probe, t).result).toBe("Success");
    const failed = probeAt(proc, execLiveness, probe, 35_000);
    expect(failed.result).toBe("Failure");
    expect(failed.output.trim()).toBe("cat: can't open '/tmp/healthy': No such file or directory");
  });

  it("exits 0 after 630 s if nobody restarts it", () => {
    const { proc } = start(execLiveness);
    expect(proc.nextEventTime()).toBe(30_000);
    expect(proc.advance(30_000)).toEqual([{ kind: "file", atMs: 30_000, op: "remove", path: "/tmp/healthy" }]);
    expect(proc.nextEventTime()).toBe(630_000);
    expect(proc.advance(630_000)).toEqual([{ kind: "exit", atMs: 630_000, exitCode: 0, reason: "Completed" }]);
  });

  it("ignores SIGTERM as PID 1 (sh) and dies on SIGKILL", () => {
    const { proc } = start(execLiveness);
    expect(proc.signal("TERM", 40_000)).toEqual([]);
    expect(proc.running).toBe(true);
    expect(proc.signal("KILL", 70_000)).toEqual([{ kind: "exit", atMs: 70_000, exitCode: 137, reason: "Error", signal: 9 }]);
  });

  it("loses /tmp/healthy with the writable layer when restarted", () => {
    const first = start(execLiveness).proc;
    first.advance(40_000);
    const second = start(execLiveness).proc;
    expect(runProbe(probe, { process: second, container: execLiveness, podIP: POD_IP, nowMs: 0 }).result).toBe("Success");
  });
});

describe("pods/probe/http-liveness.yaml", () => {
  const probe = httpLiveness.livenessProbe as Probe;
  it("serves /healthz 200 for the first 10 s, then 500", () => {
    const { proc } = start(httpLiveness);
    expect(proc.nextEventTime()).toBeUndefined();
    for (const t of [3_000, 6_000, 9_000, 10_000]) expect(probeAt(proc, httpLiveness, probe, t)).toMatchObject({ result: "Success", output: "ok" });
    expect(probeAt(proc, httpLiveness, probe, 12_000)).toMatchObject({ result: "Failure", output: "HTTP probe failed with statuscode: 500" });
  });

  it("refuses connections when the container is not running", () => {
    const r = runProbe(probe, { process: undefined, container: httpLiveness, podIP: POD_IP, nowMs: 0 });
    expect(r.output).toBe(`Get "http://${POD_IP}:8080/healthz": dial tcp ${POD_IP}:8080: connect: connection refused`);
  });
});

describe("pods/probe/tcp-liveness-readiness.yaml", () => {
  it("accepts TCP connections on 8080 while running", () => {
    const { proc, effects } = start(goproxy);
    expect(effects).toEqual([{ kind: "listen", atMs: 0, port: 8080 }]);
    expect(probeAt(proc, goproxy, goproxy.readinessProbe as Probe, 15_000)).toMatchObject({ result: "Success", output: "" });
    proc.signal("KILL", 20_000);
    expect(probeAt(proc, goproxy, goproxy.livenessProbe as Probe, 25_000)).toMatchObject({ result: "Failure", output: `dial tcp ${POD_IP}:8080: connect: connection refused` });
  });

  it("fails a probe on a port nobody listens on", () => {
    const { proc } = start(goproxy);
    expect(runProbe({ tcpSocket: { port: 8081 } }, { process: proc, container: goproxy, podIP: POD_IP, nowMs: 1000 }).output).toBe(`dial tcp ${POD_IP}:8081: connect: connection refused`);
  });
});

describe("pods/probe/grpc-liveness.yaml", () => {
  it("etcd answers grpc.health.v1 once it listens", () => {
    const { proc } = start(etcd);
    expect(probeAt(proc, etcd, etcd.livenessProbe as Probe, 10_000)).toMatchObject({ result: "Success", output: "service healthy" });
  });

  it("a gRPC probe on a closed port times out at its deadline", () => {
    const { proc } = start(etcd);
    const r = runProbe({ grpc: { port: 2380 + 1 } }, { process: proc, container: etcd, podIP: POD_IP, nowMs: 5000 });
    expect(r).toMatchObject({ result: "Failure", output: `timeout: failed to connect service "${POD_IP}:2381" within 1s: context deadline exceeded` });
  });
});

describe("pods/probe/pod-with-http-healthcheck.yaml", () => {
  it("nginx has no /_status/healthz: 404, so the liveness probe fails", () => {
    const { proc } = start(nginxHealthcheck);
    const r = probeAt(proc, nginxHealthcheck, nginxHealthcheck.livenessProbe as Probe, 30_000);
    expect(r).toMatchObject({ result: "Failure", output: "HTTP probe failed with statuscode: 404" });
    expect(logs(r.effects)[0]).toMatch(/^10\.244\.0\.1 - - \[01\/Jan\/2025:00:00:30 \+0000\] "GET \/_status\/healthz HTTP\/1\.1" 404 \d+ "-" "kube-probe\/1\.34" "-"$/);
  });

  it("serves the welcome page on /", () => {
    const { proc } = start(nginxHealthcheck);
    const r = runProbe({ httpGet: { path: "/", port: 80 } }, { process: proc, container: nginxHealthcheck, podIP: POD_IP, nowMs: 1000 });
    expect(r.result).toBe("Success");
    expect(r.output).toContain("<title>Welcome to nginx!</title>");
  });
});

describe("pods/probe/pod-with-tcp-socket-healthcheck.yaml", () => {
  it("redis listens on 6379", () => {
    const { proc } = start(redis);
    expect(probeAt(proc, redis, redis.livenessProbe as Probe, 30_000).result).toBe("Success");
  });
});

describe("other docs containers", () => {
  it("debug/counter-pod.yaml prints a numbered date every second", () => {
    const counter: Container = { name: "count", image: "busybox:1.28", args: ["/bin/sh", "-c", 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'] };
    const { proc, effects } = start(counter);
    const more = proc.advance(2_000);
    expect(logs([...effects, ...more])).toEqual(["0: Wed Jan  1 00:00:00 UTC 2025", "1: Wed Jan  1 00:00:01 UTC 2025", "2: Wed Jan  1 00:00:02 UTC 2025"]);
    expect(proc.nextEventTime()).toBe(3_000);
  });

  it("resource/memory-request-limit-2.yaml: stress allocating 250M under a 100Mi limit is OOMKilled", () => {
    const demo: Container = { name: "memory-demo-2-ctr", image: "polinux/stress", resources: { requests: { memory: "50Mi" }, limits: { memory: "100Mi" } }, command: ["stress"], args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"] };
    const { proc } = start(demo);
    const t = proc.nextEventTime();
    expect(t).toBeGreaterThan(0);
    expect(t).toBeLessThan(1000);
    expect(proc.advance(1000).at(-1)).toMatchObject({ kind: "exit", exitCode: 137, reason: "OOMKilled" });
  });

  it("resource/memory-request-limit.yaml: 150M under a 200Mi limit keeps running at ~151 MiB", () => {
    const demo: Container = { name: "memory-demo-ctr", image: "polinux/stress", resources: { requests: { memory: "100Mi" }, limits: { memory: "200Mi" } }, command: ["stress"], args: ["--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"] };
    const { proc } = start(demo);
    expect(proc.nextEventTime()).toBeUndefined();
    const mem = proc.usage().memoryBytes;
    expect(mem).toBeGreaterThanOrEqual(150 * 1024 * 1024);
    expect(mem).toBeLessThan(200 * 1024 * 1024);
  });

  it("controllers/job.yaml as stored (quoted code): perl warns about a useless constant and exits 0", () => {
    const pi: Container = { name: "pi", image: "perl", command: ["perl", "-Mbignum=bpi", "-wle", '"print bpi(2000)"'] };
    const { proc } = start(pi);
    const out = proc.advance(10_000);
    expect(logs(out)).toEqual(['Useless use of a constant ("print bpi(2000)") in void context at -e line 1.']);
    expect(out.at(-1)).toMatchObject({ kind: "exit", exitCode: 0, reason: "Completed" });
  });

  it("the Job pi as published today prints 2000 digits of pi after a few seconds", () => {
    const pi: Container = { name: "pi", image: "perl:5.34.0", command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"] };
    const { proc } = start(pi);
    const t = proc.nextEventTime() ?? 0;
    expect(t).toBeGreaterThanOrEqual(2_000);
    expect(t).toBeLessThanOrEqual(10_000);
    const [line] = logs(proc.advance(t));
    expect(line?.startsWith("3.14159265358979323846264338327950288419716939937510")).toBe(true);
    expect(line?.length).toBe(2001);
  });

  it("job-backoff-limit-per-index-example.yaml: even indexes fail, odd ones succeed, output flushed at exit", () => {
    const script = 'import os, sys\nprint("Hello world")\nif int(os.environ.get("JOB_COMPLETION_INDEX")) % 2 == 0:\n  sys.exit(1)\n';
    const c: Container = { name: "example", image: "python", command: ["python3", "-c", script] };
    for (const [index, code] of [["0", 1], ["1", 0], ["4", 1], ["7", 0]] as const) {
      const { effects } = start(c, { JOB_COMPLETION_INDEX: index });
      expect(logs(effects)).toEqual(["Hello world"]);
      expect(effects.at(-1)).toMatchObject({ kind: "exit", exitCode: code });
    }
  });

  it("pods/two-container-pod.yaml: debian writes the page nginx serves from the shared emptyDir", () => {
    const shared = new Map<string, string>();
    const volumes: VolumeStore = { get: (n) => (n === "shared-data" ? { files: shared } : undefined) };
    const web: Container = { name: "nginx-container", image: "nginx", volumeMounts: [{ name: "shared-data", mountPath: "/usr/share/nginx/html" }] };
    const writer: Container = { name: "debian-container", image: "debian", volumeMounts: [{ name: "shared-data", mountPath: "/pod-data" }], command: ["/bin/sh"], args: ["-c", "echo Hello from the debian container > /pod-data/index.html"] };
    const nginx = start(web, {}, volumes).proc;
    expect(nginx.httpGet(80, "/", 100)).toMatchObject({ response: { status: 403 } });
    const debian = start(writer, {}, volumes);
    expect(debian.effects.at(-1)).toMatchObject({ kind: "exit", exitCode: 0, reason: "Completed" });
    expect(nginx.httpGet(80, "/", 200)).toMatchObject({ response: { status: 200, body: "Hello from the debian container\n" } });
  });

  it("pods/lifecycle-events.yaml: postStart writes the message, preStop quits nginx gracefully", () => {
    const c: Container = { name: "lifecycle-demo-container", image: "nginx" };
    const { proc } = start(c);
    expect(proc.exec(["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"], 100).exitCode).toBe(0);
    expect(proc.exec(["cat", "/usr/share/message"], 200).output).toBe("Hello from the postStart handler\n");
    const stop = proc.exec(["/bin/sh", "-c", "nginx -s quit; while killall -0 nginx; do sleep 1; done"], 5_000);
    expect(stop.exitCode).toBe(0);
    expect(stop.effects.at(-1)).toEqual({ kind: "exit", atMs: 5_000, exitCode: 0, reason: "Completed" });
  });

  it("pods/init-containers.yaml: busybox wget saves info.cern.ch into the workdir volume", () => {
    const workdir = new Map<string, string>();
    const volumes: VolumeStore = { get: () => ({ files: workdir }) };
    const init: Container = { name: "install", image: "busybox", command: ["wget", "-O", "/work-dir/index.html", "http://info.cern.ch"], volumeMounts: [{ name: "workdir", mountPath: "/work-dir" }] };
    const { proc } = start(init, {}, volumes);
    const out = proc.advance(1_000);
    expect(out.at(-1)).toMatchObject({ kind: "exit", exitCode: 0 });
    expect(workdir.get("index.html")).toContain("http://info.cern.ch - home of the first website");
  });

  it("debug/termination.yaml writes its termination message", () => {
    const c: Container = { name: "termination-demo-container", image: "debian", command: ["/bin/sh"], args: ["-c", "sleep 10 && echo Sleep expired > /dev/termination-log"] };
    const { proc } = start(c);
    proc.advance(10_000);
    expect(proc.exitStatus).toMatchObject({ exitCode: 0, finishedAtMs: 10_000 });
    expect(proc.fs.read("/dev/termination-log")).toBe("Sleep expired\n");
  });

  it("controllers/job-pod-failure-policy-example.yaml: echo, sleep 5, exit 42", () => {
    const c: Container = { name: "main", image: "docker.io/library/bash:5", command: ["bash"], args: ["-c", 'echo "Hello world!" && sleep 5 && exit 42'] };
    const { proc, effects } = start(c);
    expect(logs(effects)).toEqual(["Hello world!"]);
    expect(proc.advance(5_000)).toEqual([{ kind: "exit", atMs: 5_000, exitCode: 42, reason: "Error" }]);
  });

  it("application/php-apache.yaml serves OK! on port 80", () => {
    const c: Container = { name: "php-apache", image: "registry.k8s.io/hpa-example", ports: [{ containerPort: 80 }] };
    const { proc } = start(c);
    expect(proc.httpGet(80, "/", 0)).toMatchObject({ response: { status: 200, body: "OK!" } });
  });

  it("tutorials/kubernetes-basics: kubernetes-bootcamp answers with its pod name", () => {
    const c: Container = { name: "kubernetes-bootcamp", image: "gcr.io/google-samples/kubernetes-bootcamp:v1" };
    const { proc } = start(c, { HOSTNAME: "kubernetes-bootcamp-5485cc6795-4kdbc" });
    expect(proc.httpGet(8080, "/", 1_000)).toMatchObject({ response: { status: 200, body: "Hello Kubernetes bootcamp! | Running on: kubernetes-bootcamp-5485cc6795-4kdbc | v=1\n" } });
  });

  it("hello-minikube: agnhost netexec --http-port=8080 serves on 8080", () => {
    const c: Container = { name: "agnhost", image: "registry.k8s.io/e2e-test-images/agnhost:2.39", command: ["/agnhost", "netexec", "--http-port=8080"] };
    const { proc, effects } = start(c);
    expect(effects).toEqual([{ kind: "listen", atMs: 0, port: 8080 }]);
    expect(proc.httpGet(8080, "/hostname", 1)).toMatchObject({ response: { status: 200, body: "pod-0" } });
  });
});
