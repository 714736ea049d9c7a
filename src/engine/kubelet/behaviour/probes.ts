// Answers a container's probes against its behaviour model, with the output text the kubelet puts into the
// Unhealthy event ("Liveness probe failed: <output>").
// mirrors prober.runProbe (k/k pkg/kubelet/prober/prober.go), execprobe (pkg/probe/exec/exec.go),
// DoHTTPProbe (pkg/probe/http/http.go), DoTCPProbe (pkg/probe/tcp/tcp.go), grpcprobe (pkg/probe/grpc/grpc.go)
// and ResolveContainerPort (pkg/probe/util.go).

import type { Container, Probe } from "../../api/types";
import { goQuote } from "./imageRef";
import { goDuration } from "../goDuration";
import { expandKubeletVars } from "./program";
import type { ContainerProcess } from "./runtime";
import type { Effect } from "./types";

export interface ProbeResult {
  readonly result: "Success" | "Failure";
  /**
   * Event text. Exec output is the command's combined stdout+stderr verbatim, trailing newline included
   * (upstream too; kubectl describe trims it).
   */
  readonly output: string;
  /**
   * The probe could not run (unresolvable port, exec not startable): upstream records
   * "<Type> probe errored and resulted in unknown state: <output>" instead of "probe failed".
   */
  readonly errored?: boolean;
  /** Side effects of serving the probe (nginx writes an access-log line per request). */
  readonly effects: Effect[];
}

export interface ProbeTarget {
  /** The running container, or undefined when it is not running (everything fails to connect). */
  readonly process: ContainerProcess | undefined;
  readonly container: Container;
  readonly podIP: string;
  readonly nowMs: number;
  /** "1.34": the User-Agent is kube-probe/<major>.<minor>. */
  readonly kubeVersion?: string;
}

/** The kubelet reads at most 10 KiB of probe output (pkg/probe/exec maxReadLength, http maxRespBodyLength). */
const MAX_OUTPUT = 10 * 1024;

const ok = (output: string, effects: Effect[] = []): ProbeResult => ({ result: "Success", output, effects });
const fail = (output: string, effects: Effect[] = []): ProbeResult => ({ result: "Failure", output, effects });
const errored = (output: string): ProbeResult => ({ result: "Failure", output, errored: true, effects: [] });

/** mirrors ResolveContainerPort (pkg/probe/util.go): a name is looked up in ports[], else parsed as a number. */
export function resolveContainerPort(port: number | string, container: Container): { port: number } | { error: string } {
  let n: number;
  if (typeof port === "number") n = port;
  else {
    const named = container.ports?.find((p) => p.name === port);
    if (named) n = named.containerPort;
    else if (/^[+-]?\d+$/.test(port)) n = Number(port);
    else return { error: `strconv.Atoi: parsing "${port}": invalid syntax` };
  }
  if (n > 0 && n < 65536) return { port: n };
  return { error: `invalid port number: ${n}` };
}

/** Go's net.JoinHostPort: IPv6 literals get brackets. */
function joinHostPort(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Runs one probe attempt. */
export function runProbe(probe: Probe, t: ProbeTarget): ProbeResult {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  if (probe.exec) return execProbe(probe.exec.command ?? [], timeoutMs, t);
  if (probe.httpGet) return httpProbe(probe.httpGet, t);
  if (probe.tcpSocket) {
    const r = resolveContainerPort(probe.tcpSocket.port, t.container);
    if ("error" in r) return errored(r.error);
    const addr = joinHostPort(probe.tcpSocket.host || t.podIP, r.port);
    // DoTCPProbe: any dial error is a failure carrying err.Error().
    return t.process?.isListening(r.port, t.nowMs) ? ok("") : fail(`dial tcp ${addr}: connect: connection refused`);
  }
  if (probe.grpc) {
    const addr = joinHostPort(t.podIP, probe.grpc.port);
    const health = t.process?.grpcHealth(probe.grpc.port, t.nowMs) ?? "refused";
    // A refused or non-gRPC endpoint never becomes ready: the blocking dial hits the probe's deadline.
    if (health !== "SERVING") return fail(`timeout: failed to connect service "${addr}" within ${goDuration(timeoutMs)}: context deadline exceeded`);
    return ok("service healthy");
  }
  return errored(`missing probe handler for ${t.container.name}`);
}

/** ExpandContainerCommandOnlyStatic: $(VAR) from env entries with a literal value only. */
function staticEnv(container: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of container.env ?? []) if (e.value !== undefined && e.valueFrom === undefined) env[e.name] = e.value;
  return env;
}

function execProbe(command: readonly string[], timeoutMs: number, t: ProbeTarget): ProbeResult {
  const env = staticEnv(t.container);
  const cmd = command.map((c) => expandKubeletVars(c, env));
  if (!t.process?.running) return errored("rpc error: code = NotFound desc = failed to exec in container: container is in CONTAINER_EXITED state");
  const r = t.process.exec(cmd, t.nowMs, timeoutMs);
  if (r.error !== undefined) return errored(`rpc error: code = Unknown desc = failed to exec in container: failed to start exec: ${r.error}`);
  // ExecProbeTimeout (GA): a timed-out exec is a failure whose output is the timeout error.
  if (r.timedOut) return { result: "Failure", output: `command "${cmd.join(" ")}" timed out`, effects: r.effects };
  const output = r.output.slice(0, MAX_OUTPUT);
  return { result: r.exitCode === 0 ? "Success" : "Failure", output, effects: r.effects };
}

function httpProbe(h: NonNullable<Probe["httpGet"]>, t: ProbeTarget): ProbeResult {
  const r = resolveContainerPort(h.port, t.container);
  if ("error" in r) return errored(r.error);
  const scheme = (h.scheme ?? "HTTP").toLowerCase();
  const host = h.host || t.podIP;
  const path = h.path ?? "";
  const url = `${scheme}://${joinHostPort(host, r.port)}${path && !path.startsWith("/") ? `/${path}` : path}`;
  const refused = `Get ${goQuote(url)}: dial tcp ${joinHostPort(host, r.port)}: connect: connection refused`;
  if (!t.process) return fail(refused);
  const agent = `kube-probe/${t.kubeVersion ?? "1.34"}`;
  const res = t.process.httpGet(r.port, path || "/", t.nowMs, "10.244.0.1", agent);
  if ("error" in res) return fail(res.error === "refused" ? refused : `Get ${goQuote(url)}: EOF`, res.effects);
  if (scheme === "https") return fail(`Get ${goQuote(url)}: http: server gave HTTP response to HTTPS client`, res.effects);
  const { status, body } = res.response;
  // DoHTTPProbe: 200 <= code < 400 is success; the failure message must not contain the body (#99425).
  if (status >= 200 && status < 400) return ok(body.slice(0, MAX_OUTPUT), res.effects);
  return fail(`HTTP probe failed with statuscode: ${status}`, res.effects);
}

export { goDuration };
