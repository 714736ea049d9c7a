// Running a server: its start-up log lines, then its ports, then waiting until signalled.

import { formatLogDate, type ExecContext, type Io, type Run } from "./context";
import type { DaemonSpec, LogStream } from "./types";

/**
 * A server's start-up log lines at wall time `wallMs`, placeholders filled: {date} and {goDate}
 * "2025/01/01 00:00:00", {redisDate} "01 Jan 2025 00:00:00.000", {isoDate}, {hostname}.
 */
export function startupLines(spec: DaemonSpec, wallMs: number, hostname: string): readonly (readonly [LogStream, string])[] {
  const lines = spec.startupLogs;
  if (!lines || lines.length === 0) return [];
  // Thousands of replicas of one server start within the same second: they print the same lines.
  let shape = shapes.get(spec);
  if (!shape) shapes.set(spec, (shape = linesShape(lines)));
  const key = `${shape.msResolution ? wallMs : Math.floor(wallMs / 1000)}\u0000${shape.hostname ? hostname : ""}`;
  if (shape.lastKey === key && shape.lastLines) return shape.lastLines;
  shape.lastKey = key;
  shape.lastLines = fillStartupLines(lines, wallMs, hostname);
  return shape.lastLines;
}

/** What a server's start-up lines depend on, and the lines last filled in. */
interface LinesShape {
  /** A placeholder with milliseconds ({redisDate}, {isoDate}); else dates change once a second. */
  readonly msResolution: boolean;
  readonly hostname: boolean;
  lastKey?: string;
  lastLines?: readonly (readonly [LogStream, string])[];
}

const shapes = new WeakMap<DaemonSpec, LinesShape>();

function linesShape(lines: NonNullable<DaemonSpec["startupLogs"]>): LinesShape {
  let msResolution = false;
  let hostname = false;
  for (const [, text] of lines) {
    if (text.includes("{redisDate}") || text.includes("{isoDate}")) msResolution = true;
    if (text.includes("{hostname}")) hostname = true;
  }
  return { msResolution, hostname };
}

function fillStartupLines(lines: NonNullable<DaemonSpec["startupLogs"]>, wallMs: number, hostname: string): [LogStream, string][] {
  const values: Record<string, string> = {};
  const value = (key: string): string => {
    if (values[key] === undefined) {
      if (key === "hostname") values[key] = hostname;
      else if (key === "isoDate") values[key] = new Date(wallMs).toISOString();
      else values[key] = formatLogDate(wallMs, key === "redisDate" ? "redis" : "nginx");
    }
    return values[key] ?? "";
  };
  return lines.map(([stream, text]) => [stream, text.includes("{") ? text.replace(/\{(date|goDate|redisDate|isoDate|hostname)\}/g, (_m, k: string) => value(k)) : text]);
}

/** Runs a server: start-up logs, then ports (after listenAfterMs), then waits until signalled. */
export function* serve(ctx: ExecContext, spec: DaemonSpec, io: Io): Run {
  for (const [stream, line] of startupLines(spec, ctx.wallMs(), ctx.hostname())) (stream === "stdout" ? io.out : io.err).write(`${line}\n`);
  ctx.hooks.startDaemon(spec);
  yield Infinity;
  return 0;
}
