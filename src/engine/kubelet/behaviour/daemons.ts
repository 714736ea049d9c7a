// Servers the behaviour model knows: what a program listens on, how it answers HTTP, how much it idles at,
// and how it stops. Keyed by the program (argv[0] basename), because the same server runs in many images
// (nginx in nginx, nginx-slim, nginx:alpine; redis-server in redis and gb-redis-follower).
// Values are documented approximations of the upstream images (Docker Hub / registry.k8s.io), not measurements
// of this machine: they only need to be plausible and stable.

import type { DaemonSpec, HttpBehaviour } from "./types";

const Mi = 1024 * 1024;

function daemon(name: string, ports: number[], rest: Partial<DaemonSpec> = {}): DaemonSpec {
  return { name, ports, listenAfterMs: 0, onSigterm: "exit0", idleCpuMilli: 1, idleMemoryBytes: 4 * Mi, ...rest };
}

const NGINX_ROOT: HttpBehaviour = { kind: "static", docRoot: "/usr/share/nginx/html", dirStatus: 403, server: "nginx" };

/** The official nginx image's docker-entrypoint.sh and master process start-up lines. */
const NGINX_STARTUP: DaemonSpec["startupLogs"] = [
  ["stdout", "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration"],
  ["stdout", "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/"],
  ["stdout", "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh"],
  ["stdout", "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf"],
  ["stdout", "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf"],
  ["stdout", "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh"],
  ["stdout", "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh"],
  ["stdout", "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh"],
  ["stdout", "/docker-entrypoint.sh: Configuration complete; ready for start up"],
  ["stderr", "{date} [notice] 1#1: using the \"epoll\" event method"],
  ["stderr", "{date} [notice] 1#1: nginx/1.29.1"],
  ["stderr", "{date} [notice] 1#1: start worker processes"],
];

export const DAEMONS = {
  nginx: daemon("nginx", [80], { http: NGINX_ROOT, startupLogs: NGINX_STARTUP, idleMemoryBytes: 3 * Mi }),
  httpd: daemon("httpd", [80], {
    http: { kind: "static", docRoot: "/usr/local/apache2/htdocs", dirStatus: 200, server: "apache" },
    idleMemoryBytes: 6 * Mi,
    startupLogs: [["stderr", "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.0.2. Set the 'ServerName' directive globally to suppress this message"]],
  }),
  /** registry.k8s.io/hpa-example: php-apache whose index.php burns CPU and prints "OK!". */
  phpApache: daemon("apache2", [80], { http: { kind: "text", body: "OK!" }, idleMemoryBytes: 10 * Mi }),
  guestbookFrontend: daemon("apache2", [80], { http: { kind: "text", body: "<html ng-app=\"redis\">\n  <head>\n    <title>Guestbook</title>\n" }, idleMemoryBytes: 12 * Mi }),
  redis: daemon("redis-server", [6379], {
    idleCpuMilli: 2,
    startupLogs: [
      ["stdout", "1:C {redisDate} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo"],
      ["stdout", "1:M {redisDate} * Ready to accept connections tcp"],
    ],
  }),
  mysql: daemon("mysqld", [3306], { listenAfterMs: 15_000, idleCpuMilli: 5, idleMemoryBytes: 380 * Mi }),
  postgres: daemon("postgres", [5432], { listenAfterMs: 3_000, idleMemoryBytes: 22 * Mi }),
  mongo: daemon("mongod", [27017], { listenAfterMs: 2_000, idleCpuMilli: 5, idleMemoryBytes: 80 * Mi }),
  rabbitmq: daemon("rabbitmq-server", [5672, 15672], { listenAfterMs: 8_000, idleCpuMilli: 3, idleMemoryBytes: 110 * Mi }),
  memcached: daemon("memcached", [11211], { idleMemoryBytes: 2 * Mi }),
  etcd: daemon("etcd", [2379, 2380], { grpcPorts: [2379], listenAfterMs: 1_000, idleCpuMilli: 10, idleMemoryBytes: 20 * Mi }),
  zookeeper: daemon("java", [2181, 2888, 3888], { listenAfterMs: 3_000, idleCpuMilli: 3, idleMemoryBytes: 90 * Mi }),
  cassandra: daemon("java", [7000, 7001, 7199, 9042], { listenAfterMs: 30_000, idleCpuMilli: 20, idleMemoryBytes: 600 * Mi }),
  fluentd: daemon("fluentd", [24224], { idleCpuMilli: 2, idleMemoryBytes: 60 * Mi }),
  /** registry.k8s.io/pause: sleeps in pause(), exits 0 on SIGINT/SIGTERM (build/pause/linux/pause.c). */
  pause: daemon("pause", [], { idleCpuMilli: 0, idleMemoryBytes: Mi / 4 }),
  /** agnhost liveness / registry.k8s.io/liveness /server. */
  liveness: daemon("server", [8080], { http: { kind: "liveness" }, onSigterm: "exit2", idleMemoryBytes: 3 * Mi }),
  /** registry.k8s.io/goproxy: an HTTP forward proxy (elazarl/goproxy) on 8080. */
  goproxy: daemon("goproxy", [8080], { http: { kind: "proxy" }, onSigterm: "exit2", idleMemoryBytes: 3 * Mi }),
  helloApp: (version: string) =>
    daemon("hello-app", [8080], {
      http: { kind: "helloApp", version },
      onSigterm: "exit2",
      idleMemoryBytes: 3 * Mi,
      startupLogs: [["stderr", "{goDate} Server listening on port 8080"]],
    }),
  nodeHello: daemon("node", [8080], { http: { kind: "text", body: "Hello Kubernetes!" }, onSigterm: "ignore", idleMemoryBytes: 12 * Mi }),
  /** gcr.io/google-samples/kubernetes-bootcamp (the Kubernetes Basics tutorial's app). */
  bootcamp: (version: string) =>
    daemon("node", [8080], {
      http: { kind: "text", body: `Hello Kubernetes bootcamp! | Running on: {hostname} | v=${version}\n` },
      onSigterm: "ignore",
      idleMemoryBytes: 12 * Mi,
      startupLogs: [["stdout", "Kubernetes Bootcamp App Started At: {isoDate} | Running On:  {hostname} "]],
    }),
  /** registry.k8s.io/echoserver and kicbase/echo-server: echo the request back. */
  echoServer: daemon("echo-server", [8080], { http: { kind: "text", body: "Request served by {hostname}\n\nHTTP/1.1 GET /\n" }, onSigterm: "exit2", idleMemoryBytes: 4 * Mi }),
  serveHostname: (port: number) => daemon("serve_hostname", [port], { http: { kind: "text", body: "{hostname}" }, onSigterm: "exit2", idleMemoryBytes: 2 * Mi }),
  netexec: (port: number) => daemon("agnhost", [port], { http: { kind: "netexec" }, onSigterm: "exit2", idleMemoryBytes: 5 * Mi }),
  httpEcho: (port: number, text: string) =>
    daemon("http-echo", [port], { http: { kind: "text", body: `${text}\n` }, onSigterm: "exit2", idleMemoryBytes: 3 * Mi }),
  pythonHttp: (port: number) =>
    daemon("python3", [port], { http: { kind: "static", docRoot: "/", dirStatus: 200, server: "apache" }, onSigterm: "ignore", idleMemoryBytes: 12 * Mi }),
  socat: (port: number) => daemon("socat", [port], { onSigterm: "die", idleCpuMilli: 0, idleMemoryBytes: Mi }),
  /** A program we know nothing about: presumed to be a long-running server with no declared port. */
  unknown: (name: string) => daemon(name, [], { onSigterm: "die", idleCpuMilli: 1, idleMemoryBytes: 8 * Mi }),
} as const;

/** Parses `--flag=value` / `--flag value` / `-flag=value` (Go flag and cobra accept all three). */
export function flagValue(args: readonly string[], ...names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    for (const n of names) {
      if (a === `--${n}` || a === `-${n}`) return args[i + 1];
      if (a.startsWith(`--${n}=`)) return a.slice(n.length + 3);
      if (a.startsWith(`-${n}=`)) return a.slice(n.length + 2);
    }
  }
  return undefined;
}

/** A port flag value: "8080", ":8080", "0.0.0.0:8080". */
export function portOf(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.slice(value.lastIndexOf(":") + 1));
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : fallback;
}
