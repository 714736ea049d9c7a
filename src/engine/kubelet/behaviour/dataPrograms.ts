// Databases and their clients (mysqld, postgres, redis-cli, mysqladmin, pg_isready ...) and the tools the
// MySQL StatefulSet tutorial uses to clone replicas (ncat, xbstream, xtrabackup). A client succeeds when
// something in the pod listens on its server's port (ProcessHost.podPortOpen, else this container).

import type { ExecContext, Io, Run } from "./context";
import type { CommandFn } from "./commands";
import { DAEMONS } from "./daemons";
import { serve } from "./serve";

/** A client that succeeds when a port of this container listens (redis-cli ping, mysqladmin ping ...). */
function client(port: number, okText: string | undefined, failText: string, failStatus = 1): CommandFn {
  return (ctx, _argv, io) => {
    if (ctx.hooks.isListening(port)) {
      if (okText !== undefined) io.out.write(`${okText}\n`);
      return 0;
    }
    if (failText) io.err.write(`${failText}\n`);
    return failStatus;
  };
}

function requireEnv(ctx: ExecContext, io: Io, anyOf: string[], lines: string[]): boolean {
  if (anyOf.some((n) => (ctx.vars.get(n) ?? "") !== "")) return true;
  io.err.write(`${lines.join("\n")}\n`);
  return false;
}

function* mysqld(ctx: ExecContext, _argv: string[], io: Io): Run {
  const date = new Date(ctx.wallMs()).toISOString().slice(0, 19).replace("T", " ");
  const tag = ctx.image.tag;
  const version = tag.startsWith("5.6") ? "5.6.51-1debian9" : tag.startsWith("5.7") ? "5.7.44-1.el7" : tag.startsWith("8.0") ? "8.0.43-1.el9" : "8.4.6-1.el9";
  io.out.write(`${date}+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server ${version} started.\n`);
  const ok = requireEnv(ctx, io, ["MYSQL_ROOT_PASSWORD", "MYSQL_ALLOW_EMPTY_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD"], [
    `${date}+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`,
    "    You need to specify one of the following as an environment variable:",
    "    - MYSQL_ROOT_PASSWORD",
    "    - MYSQL_ALLOW_EMPTY_PASSWORD",
    "    - MYSQL_RANDOM_ROOT_PASSWORD",
  ]);
  if (!ok) return 1;
  // Initialising the data directory is what makes the next start (and the tutorial's clone step) skip it.
  if (!ctx.fs.isDirectory("/var/lib/mysql/mysql") && ctx.fs.mkdir("/var/lib/mysql/mysql") === "ok") ctx.hooks.fileChanged("write", "/var/lib/mysql/mysql");
  return yield* serve(ctx, DAEMONS.mysql, io);
}

/**
 * ncat/nc: `--listen PORT` serves forever; a client (`--recv-only host port`) transfers for a moment and
 * exits 0. The MySQL StatefulSet tutorial clones replicas through it.
 */
function* ncat(ctx: ExecContext, argv: string[], io: Io): Run {
  const listen = argv.some((a) => a === "--listen" || /^-[a-zA-Z]*l/.test(a));
  const port = Number([...argv].reverse().find((a) => /^\d+$/.test(a)) ?? 0);
  if (listen) return yield* serve(ctx, DAEMONS.socat(port), io);
  yield 500;
  io.out.write("xbstream\n");
  return 0;
}

/** xbstream -x -C dir: unpacks a backup (the data directory and its binlog position). */
function xbstream(ctx: ExecContext, argv: string[]): number {
  const c = argv.indexOf("-C");
  const dir = c > 0 ? (argv[c + 1] ?? ".") : ctx.cwd;
  ctx.fs.mkdir(`${dir}/mysql`);
  if (ctx.fs.write(`${dir}/xtrabackup_binlog_info`, "mysql-0-bin.000003\t154\n", false) === "ok") ctx.hooks.fileChanged("write", `${dir}/xtrabackup_binlog_info`);
  return 0;
}

function* postgres(ctx: ExecContext, _argv: string[], io: Io): Run {
  const ok = requireEnv(ctx, io, ["POSTGRES_PASSWORD", "POSTGRES_HOST_AUTH_METHOD"], [
    "Error: Database is uninitialized and superuser password is not specified.",
    "       You must specify POSTGRES_PASSWORD to a non-empty value for the",
    '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
    "",
    '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
    "       connections without a password. This is *not* recommended.",
    "",
    '       See PostgreSQL documentation about "trust":',
    "       https://www.postgresql.org/docs/current/auth-trust.html",
  ]);
  return ok ? yield* serve(ctx, DAEMONS.postgres, io) : 1;
}

export const DATA_PROGRAMS: Record<string, CommandFn> = {
  "redis-cli": client(6379, "PONG", "Could not connect to Redis at 127.0.0.1:6379: Connection refused"),
  mysqld,
  mysqladmin: client(3306, "mysqld is alive", "mysqladmin: connect to server at 'localhost' failed\nerror: 'Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)'"),
  postgres,
  pg_isready: client(5432, "/var/run/postgresql:5432 - accepting connections", "/var/run/postgresql:5432 - no response", 2),
  "zookeeper-ready": client(2181, "imok", ""),
  nodetool: client(7199, undefined, "nodetool: Failed to connect to '127.0.0.1:7199' - ConnectException: 'Connection refused'."),
  ncat,
  nc: ncat,
  xbstream,
  mysql: (ctx, argv, io, run) => client(3306, argv.some((a) => /select 1\b/i.test(a)) ? "1\n1" : undefined, "ERROR 2003 (HY000): Can't connect to MySQL server on '127.0.0.1:3306' (111)")(ctx, argv, io, run),
  xtrabackup: function* (_ctx: ExecContext, _argv: string[], io: Io): Run {
    yield 2000;
    io.err.write("xtrabackup: completed OK!\n");
    return 0;
  },
};
