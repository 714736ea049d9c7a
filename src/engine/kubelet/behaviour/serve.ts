// Running a server: its start-up log lines, then its ports, then waiting until signalled.

import { formatLogDate, type ExecContext, type Io, type Run } from "./context";
import type { DaemonSpec, LogStream } from "./types";

/**
 * A server's start-up log lines at wall time `wallMs`, placeholders filled: {date} and {goDate}
 * "2025/01/01 00:00:00", {redisDate} "01 Jan 2025 00:00:00.000", {isoDate}, {hostname}.
 */
export function startupLines(spec: DaemonSpec, wallMs: number, hostname: string): [LogStream, string][] {
  const lines = spec.startupLogs;
  if (!lines || lines.length === 0) return [];
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
