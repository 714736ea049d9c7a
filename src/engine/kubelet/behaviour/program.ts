// compileBehaviour: from a Container (image, command, args, env) to the Program its container runs.
// The argv is what a real node would exec: the kubelet expands $(VAR) references (expansion.Expand), then
// containerd merges command/args with the image's ENTRYPOINT/CMD (WithProcessArgs). Entry-point wrappers
// (docker-entrypoint.sh, tini) are transparent. Servers that need no shell compile to `serve` (no clock, no
// generator: free at 150,000 pods); everything else compiles to a one-command script interpreted on the
// simulated clock, where `sh -c '...'` is parsed when the container starts.

import type { Container } from "../../api/types";
import { basename, SHELLS } from "./commands";
import { DAEMONS, flagValue, portOf } from "./daemons";
import { helloAppVersion } from "./programs";
import { literalWord } from "./shellSyntax";
import type { DaemonSpec, ImageInfo, Program, ProgramMain, StopBehaviour } from "./types";
import { UTILITIES } from "./utilities";
import { NET_UTILITIES } from "./netutils";

/**
 * Expands `$(VAR)` from `env`; `$$` is an escaped `$`; unknown references stay as written.
 * mirrors Expand and MappingFuncFor (k/k third_party/forked/golang/expansion/expand.go), as used by
 * kubecontainer.ExpandContainerCommandAndArgs.
 */
export function expandKubeletVars(input: string, env: Readonly<Record<string, string>>): string {
  let out = "";
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== "$" || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let advance = 1;
    if (rest[0] === "$") out += "$";
    else if (rest[0] === "(") {
      const close = rest.indexOf(")", 1);
      if (close < 0) out += "$(";
      else {
        const name = rest.slice(1, close);
        out += Object.prototype.hasOwnProperty.call(env, name) ? env[name] : `$(${name})`;
        advance = close + 1;
      }
    } else out += `$${rest[0]}`;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

/**
 * The variable names `input`'s $(VAR) references would look up in expandKubeletVars (same scan, `$$`
 * escapes skipped), appended to `out`. Expansion depends on the environment only through these names.
 */
export function kubeletVarRefs(input: string, out: string[]): void {
  for (let cursor = input.indexOf("$"); cursor >= 0 && cursor + 1 < input.length; cursor = input.indexOf("$", cursor + 1)) {
    const next = input[cursor + 1];
    if (next === "(") {
      const close = input.indexOf(")", cursor + 2);
      if (close < 0) {
        cursor += 1;
        continue;
      }
      out.push(input.slice(cursor + 2, close));
      cursor = close;
    } else cursor += 1; // "$$" (an escaped "$") or "$x": one character consumed after the "$"
  }
}

/** The argv containerd execs. mirrors WithProcessArgs (containerd internal/cri/opts/spec_opts.go). */
export function processArgs(command: readonly string[] | undefined, args: readonly string[] | undefined, image: ImageInfo): string[] {
  let cmd = [...(command ?? [])];
  let a = [...(args ?? [])];
  if (cmd.length === 0) {
    if (a.length === 0) a = [...image.cmd];
    if (!(image.entrypoint.length === 1 && image.entrypoint[0] === "")) cmd = [...image.entrypoint];
  }
  return [...cmd, ...a];
}

const WRAPPERS = new Set(["docker-entrypoint.sh", "tini", "dumb-init"]);

/** Removes entry-point wrappers that end in `exec "$@"`, applying their "first arg is a flag" default. */
export function stripWrappers(argv: string[], image: ImageInfo): string[] {
  let out = argv;
  for (;;) {
    const name = basename(out[0] ?? "");
    const isWrapper = WRAPPERS.has(name) || (name === "entrypoint.sh" && image.entrypointDefault !== undefined);
    if (!isWrapper) return out;
    out = out.slice(1);
    if (out[0] === "--") out = out.slice(1);
    if (name !== "tini" && name !== "dumb-init" && image.entrypointDefault !== undefined) {
      const first = out[0];
      if (first === undefined || first.startsWith("-") || first.endsWith(".conf")) out = [image.entrypointDefault, ...out];
    }
  }
}

/** Servers recognised without running anything (the fast path). mysqld/postgres check env, so they stay scripts. */
function staticDaemon(argv: readonly string[], image: ImageInfo): DaemonSpec | undefined {
  const name = basename(argv[0] ?? "");
  const rest = argv.slice(1);
  switch (name) {
    case "nginx":
      return argv.length === 3 && argv[1] === "-g" && /daemon\s+off/.test(argv[2] ?? "") ? DAEMONS.nginx : undefined;
    case "httpd-foreground":
    case "apache2-foreground":
      return image.repository.includes("hpa-example") ? DAEMONS.phpApache : image.repository.includes("gb-frontend") ? DAEMONS.guestbookFrontend : DAEMONS.httpd;
    case "redis-server":
      return DAEMONS.redis;
    case "pause":
      return DAEMONS.pause;
    case "server":
      return image.repository.endsWith("liveness") ? DAEMONS.liveness : undefined;
    case "goproxy":
      return DAEMONS.goproxy;
    case "hello-app":
      return DAEMONS.helloApp(helloAppVersion(image.tag));
    case "etcd":
      return DAEMONS.etcd;
    case "memcached":
      return DAEMONS.memcached;
    case "mongod":
      return DAEMONS.mongo;
    case "serve_hostname":
      return DAEMONS.serveHostname(portOf(flagValue(rest, "port"), 9376));
    case "http-echo":
      return DAEMONS.httpEcho(portOf(flagValue(rest, "listen"), 5678), flagValue(rest, "text") ?? "");
    case "agnhost":
      if (argv[1] === "liveness") return DAEMONS.liveness;
      if (argv[1] === "netexec") return DAEMONS.netexec(portOf(flagValue(rest, "http-port"), 8080));
      if (argv[1] === "pause") return DAEMONS.pause;
      return undefined;
    default:
      return undefined;
  }
}

export interface CompileOptions {
  /**
   * The container's environment after the kubelet resolved it (env, envFrom, valueFrom, service links),
   * used for $(VAR) expansion and seen by the process, over the literal `env[].value` entries.
   */
  readonly env?: Readonly<Record<string, string>>;
}

/** PID 1 without a signal handler ignores SIGTERM: shells, sleep, tail, python, perl, node, stress. */
function pid1StopBehaviour(argv0: string): StopBehaviour {
  const name = basename(argv0);
  if (SHELLS.has(name) || UTILITIES[name] || ["python", "python3", "perl", "node", "stress"].includes(name)) return "ignore";
  return "die";
}

/** Compiles what `container` runs in `image`. Pure: same inputs, same Program (cache it per template). */
export function compileBehaviour(container: Container, image: ImageInfo, options: CompileOptions = {}): Program {
  const literal = Object.fromEntries((container.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value ?? ""]));
  const env = { ...literal, ...options.env };
  const command = container.command?.map((c) => expandKubeletVars(c, env));
  const args = container.args?.map((a) => expandKubeletVars(a, env));
  const argv = stripWrappers(processArgs(command, args, image), image);
  const workingDir = container.workingDir ?? image.workingDir ?? "/";
  const base = { argv, image, env, workingDir };
  const main = compileMain(argv, image);
  const onSigterm = main.kind === "serve" ? main.daemon.onSigterm : pid1StopBehaviour(argv[0] ?? "");
  return { ...base, main, onSigterm };
}

function compileMain(argv: string[], image: ImageInfo): ProgramMain {
  if (argv.length === 0) {
    // An image the catalogue does not know is presumed to run a server (documented default).
    if (!image.known) return { kind: "serve", daemon: DAEMONS.unknown(basename(image.repository)) };
    return { kind: "startError", reason: "CreateContainerError", message: "failed to generate container spec: failed to generate spec: no command specified" };
  }
  const exe = argv[0] ?? "";
  const name = basename(exe);
  if (image.userland === "none" && (SHELLS.has(name) || UTILITIES[name] || NET_UTILITIES[name])) {
    const why = exe.includes("/") ? `stat ${exe}: no such file or directory` : "executable file not found in $PATH";
    return {
      kind: "startError",
      reason: "StartError",
      message: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${exe}": ${why}: unknown`,
    };
  }
  const daemon = staticDaemon(argv, image);
  if (daemon) return { kind: "serve", daemon };
  return { kind: "script", script: { items: [{ first: { negate: false, commands: [{ kind: "simple", assigns: [], words: argv.map(literalWord), redirects: [] }] }, rest: [], background: false }] } };
}
