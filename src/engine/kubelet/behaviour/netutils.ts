// wget, curl and nslookup: outbound calls go through the ProcessHost the lead wires (Services, Pod IPs, DNS).
// localhost answers from the pod itself. Names that look like public internet hosts (a dot, a public TLD,
// not cluster-local) resolve on a simulated internet that answers 200, so that examples fetching
// http://info.cern.ch (init-containers.yaml) work as in the docs. Wording is busybox's (wget, nslookup) and
// curl's own.

import type { ExecContext, Io, Run } from "./context";
import type { CommandFn } from "./commands";
import type { HostHttpResult } from "./types";

/** In-cluster HTTP round trip. */
export const HTTP_LATENCY_MS = 2;

const INTERNET: Readonly<Record<string, string>> = {
  "info.cern.ch": `<html><head></head><body><header>
<title>http://info.cern.ch</title>
</header>

<h1>http://info.cern.ch - home of the first website</h1>
<p>From here you can:</p>
<ul>
<li><a href="http://info.cern.ch/hypertext/WWW/TheProject.html">Browse the first website</a></li>
<li><a href="http://line-mode.cern.ch/www/hypertext/WWW/TheProject.html">Browse the first website using the line-mode browser simulator</a></li>
<li><a href="http://home.web.cern.ch/topics/birth-web">Learn about the birth of the web</a></li>
<li><a href="http://home.web.cern.ch/about">Learn about CERN, the physics laboratory where the web was born</a></li>
</ul>
</body></html>
`,
  "example.com": "<!doctype html>\n<html>\n<head>\n    <title>Example Domain</title>\n</head>\n<body>\n<div>\n    <h1>Example Domain</h1>\n</div>\n</body>\n</html>\n",
};

const LOCAL_SUFFIXES = [".local", ".svc", ".internal", ".cluster", ".invalid", ".example", ".test", ".localhost"];

function isPublicName(host: string): boolean {
  if (!host.includes(".") || /^[\d.]+$/.test(host) || host.includes(":")) return false;
  return !LOCAL_SUFFIXES.some((s) => host.endsWith(s));
}

export interface ParsedUrl {
  readonly host: string;
  readonly port: number;
  readonly path: string;
}

export function parseUrl(url: string): ParsedUrl {
  const m = /^(?:([a-z]+):\/\/)?([^/:?#]+|\[[^\]]+\])(?::(\d+))?([^#]*)/i.exec(url);
  const scheme = (m?.[1] ?? "http").toLowerCase();
  return { host: m?.[2] ?? "", port: Number(m?.[3] ?? (scheme === "https" ? 443 : 80)), path: m?.[4] || "/" };
}

/** The simulated internet's answer for a public host name, or undefined for a name it does not serve. */
export function internetGet(host: string): HostHttpResult | undefined {
  if (!isPublicName(host)) return undefined;
  return { status: 200, body: INTERNET[host.replace(/^www\./, "")] ?? "<html><body><h1>It works!</h1></body></html>\n" };
}

/** One GET from inside the container. localhost is the pod's own network namespace, never the host's. */
export function httpFromContainer(ctx: ExecContext, url: string): HostHttpResult {
  const u = parseUrl(url);
  const local = u.host === "localhost" || u.host === "127.0.0.1" || u.host === "[::1]";
  if (local) return ctx.hooks.httpLocal(u.port, u.path);
  // A wired host resolves names itself (cluster DNS, then the simulated internet); without one, only the
  // simulated internet answers.
  const fromHost = ctx.host?.httpGet?.(url, ctx.now);
  if (fromHost) return fromHost;
  return internetGet(u.host) ?? { error: "noHost", host: u.host, port: u.port };
}

const REASONS: Readonly<Record<number, string>> = { 200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable" };

export function statusText(code: number): string {
  return REASONS[code] ?? "";
}

function optionValue(argv: string[], shorts: string[], longs: string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] ?? "";
    for (const l of longs) if (a.startsWith(`${l}=`)) return a.slice(l.length + 1);
    if (longs.includes(a) || shorts.includes(a)) return argv[i + 1];
    for (const s of shorts) if (a.startsWith(s) && a.length > s.length && !a.startsWith("--")) return a.slice(s.length);
    // Combined busybox flags like -qO- or -qO file.
    const combined = /^-[a-zA-Z]*O(.*)$/.exec(a);
    if (shorts.includes("-O") && combined && a !== "-O") return combined[1] || argv[i + 1];
  }
  return undefined;
}

function* wget(ctx: ExecContext, argv: string[], io: Io): Run {
  const url = argv.slice(1).filter((a, i, arr) => !a.startsWith("-") && !/^-[a-zA-Z]*[OTP]$/.test(arr[i - 1] ?? "") && arr[i - 1] !== "-O").pop();
  const quiet = argv.some((a) => /^-[a-zA-Z]*q/.test(a));
  if (!url) {
    io.err.write("wget: missing URL\n");
    return 1;
  }
  const u = parseUrl(url);
  const r = httpFromContainer(ctx, url);
  if ("error" in r) {
    if (r.error === "timeout") {
      yield Number(optionValue(argv, ["-T"], ["--timeout"]) ?? 900) * 1000;
      io.err.write("wget: download timed out\n");
    } else if (r.error === "refused") io.err.write(`wget: can't connect to remote host (${u.host}): Connection refused\n`);
    else io.err.write(`wget: bad address '${u.host}'\n`);
    return 1;
  }
  yield HTTP_LATENCY_MS;
  if (!quiet) io.err.write(`Connecting to ${u.host} (${u.host}:${u.port})\n`);
  if (r.status >= 400) {
    io.err.write(`wget: server returned error: HTTP/1.1 ${r.status} ${statusText(r.status)}\n`);
    return 1;
  }
  if (argv.includes("--spider") || argv.some((a) => /^-[a-zA-Z]*s$/.test(a))) return 0;
  const out = optionValue(argv, ["-O"], ["--output-document"]) ?? (u.path.split("/").pop() || "index.html");
  if (out === "-") {
    io.out.write(r.body);
    return 0;
  }
  const path = out.startsWith("/") ? out : `${ctx.cwd === "/" ? "" : ctx.cwd}/${out}`;
  if (!quiet) io.err.write(`saving to '${out}'\n`);
  if (ctx.fs.write(path, r.body, false) !== "ok") {
    io.err.write(`wget: can't open '${out}': Read-only file system\n`);
    return 1;
  }
  ctx.hooks.fileChanged("write", path);
  if (!quiet) io.err.write(`'${out}' saved\n`);
  return 0;
}

function* curl(ctx: ExecContext, argv: string[], io: Io): Run {
  const silent = argv.some((a) => /^-[a-zA-Z]*s/.test(a) || a === "--silent");
  const showErrors = argv.some((a) => /^-[a-zA-Z]*S/.test(a) || a === "--show-error");
  const fail = argv.some((a) => /^-[a-zA-Z]*f/.test(a) || a === "--fail");
  const headOnly = argv.some((a) => /^-[a-zA-Z]*I/.test(a) || a === "--head");
  const valued = new Set(["-o", "-m", "-H", "-X", "-d", "-w", "--max-time", "--connect-timeout", "--output", "-u", "-A"]);
  const url = argv.slice(1).filter((a, i, arr) => !a.startsWith("-") && !valued.has(arr[i - 1] ?? "")).pop() ?? "";
  const u = parseUrl(url);
  const err = (code: number, text: string) => {
    if (!silent || showErrors) io.err.write(`curl: (${code}) ${text}\n`);
    return code;
  };
  const r = httpFromContainer(ctx, url);
  if ("error" in r) {
    if (r.error === "noHost") return err(6, `Could not resolve host: ${u.host}`);
    if (r.error === "refused") return err(7, `Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server`);
    const secs = Number(optionValue(argv, ["-m"], ["--max-time", "--connect-timeout"]) ?? 130);
    yield secs * 1000;
    return err(28, `Connection timed out after ${secs * 1000 + 1} milliseconds`);
  }
  yield HTTP_LATENCY_MS;
  if (fail && r.status >= 400) return err(22, `The requested URL returned error: ${r.status}`);
  const text = headOnly ? `HTTP/1.1 ${r.status} ${statusText(r.status)}\r\n\r\n` : r.body;
  const out = optionValue(argv, ["-o"], ["--output"]);
  if (out && out !== "-") {
    const path = out.startsWith("/") ? out : `${ctx.cwd === "/" ? "" : ctx.cwd}/${out}`;
    if (ctx.fs.write(path, text, false) === "ok") ctx.hooks.fileChanged("write", path);
  } else io.out.write(text);
  return 0;
}

function nslookup(ctx: ExecContext, argv: string[], io: Io): number {
  const name = argv.slice(1).find((a) => !a.startsWith("-")) ?? "";
  const resolv = ctx.fs.read("/etc/resolv.conf") ?? "";
  const server = /^nameserver\s+(\S+)/m.exec(resolv)?.[1] ?? "10.96.0.10";
  io.out.write(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
  const addrs = /^\d+\.\d+\.\d+\.\d+$/.test(name) ? [name] : ctx.host?.lookup?.(name, ctx.now);
  if (!addrs || addrs.length === 0) {
    io.out.write(`** server can't find ${name}: NXDOMAIN\n\n`);
    return 1;
  }
  for (const a of addrs) io.out.write(`Name:\t${name}\nAddress: ${a}\n`);
  io.out.write("\n");
  return 0;
}

export const NET_UTILITIES: Record<string, CommandFn> = { wget, curl, nslookup };
