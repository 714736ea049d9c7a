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
  let nginx: string | undefined;
  let redis: string | undefined;
  return lines.map(([stream, text]) => {
    if (!text.includes("{")) return [stream, text];
    nginx ??= formatLogDate(wallMs, "nginx");
    redis ??= formatLogDate(wallMs, "redis");
    const iso = new Date(wallMs).toISOString();
    return [stream, text.replace("{date}", nginx).replace("{goDate}", nginx).replace("{redisDate}", redis).replace("{isoDate}", iso).replace("{hostname}", hostname)];
  });
}

/** Runs a server: start-up logs, then ports (after listenAfterMs), then waits until signalled. */
export function* serve(ctx: ExecContext, spec: DaemonSpec, io: Io): Run {
  for (const [stream, line] of startupLines(spec, ctx.wallMs(), ctx.hostname())) (stream === "stdout" ? io.out : io.err).write(`${line}\n`);
  ctx.hooks.startDaemon(spec);
  yield Infinity;
  return 0;
}
