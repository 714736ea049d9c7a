#!/usr/bin/env node
// ensure-deps: the first step of `npm start`, `npm run dev` and `npm test`. It installs the npm dependencies when
// they are missing or older than the lockfile, and does nothing otherwise.
//
// Invariant: this file runs BEFORE node_modules exists, so it imports Node built-ins only.
import { spawnSync } from "node:child_process";
import { existsSync, statSync, utimesSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository root: this file lives in <root>/scripts/. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * installReason says why `root` needs an install, or returns null when node_modules is up to date.
 * npm writes node_modules/.package-lock.json (the "hidden lockfile") at the end of every install, so a
 * package-lock.json newer than it means the lockfile changed since the last install (git pull, checkout).
 * Without a lockfile, package.json plays that role.
 */
export function installReason(root) {
  const hidden = join(root, "node_modules", ".package-lock.json");
  if (!existsSync(join(root, "node_modules"))) return "node_modules is missing";
  if (!existsSync(hidden)) return "node_modules/.package-lock.json is missing (an earlier install did not finish)";
  const manifest = existsSync(join(root, "package-lock.json")) ? "package-lock.json" : "package.json";
  if (statSync(join(root, manifest)).mtimeMs > statSync(hidden).mtimeMs) {
    return `${manifest} is newer than node_modules`;
  }
  return null;
}

/** installArgs: `npm ci` reproduces the lockfile exactly; without a lockfile only `npm install` can work. */
export function installArgs(root) {
  return existsSync(join(root, "package-lock.json")) ? ["ci"] : ["install"];
}

/** npmCommand runs the same npm that started us (npm sets npm_execpath), falling back to npm on PATH. */
function npmCommand(env) {
  const execPath = env.npm_execpath;
  if (execPath && /npm-cli\.js$/.test(execPath)) return { cmd: process.execPath, pre: [execPath] };
  return { cmd: process.platform === "win32" ? "npm.cmd" : "npm", pre: [] };
}

/** ensureDeps installs when needed; returns the process exit code (0 = ready). */
export function ensureDeps(root = repoRoot, env = process.env) {
  const reason = installReason(root);
  if (reason === null) return 0;
  const args = installArgs(root);
  console.log(`[ensure-deps] ${reason}: running npm ${args.join(" ")}`);
  const { cmd, pre } = npmCommand(env);
  const result = spawnSync(cmd, [...pre, ...args], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    shell: process.platform === "win32",
  });
  if (result.error) {
    console.error(`[ensure-deps] could not run npm: ${result.error.message}`);
    return 1;
  }
  if (result.status !== 0) {
    console.error(`[ensure-deps] npm ${args.join(" ")} failed with exit code ${result.status ?? result.signal}`);
    return result.status || 1;
  }
  // `npm install` may rewrite package-lock.json after the hidden lockfile; stamp the hidden lockfile so the
  // next run does not see a stale install that is in fact fresh.
  const hidden = join(root, "node_modules", ".package-lock.json");
  if (existsSync(hidden)) {
    const now = new Date();
    utimesSync(hidden, now, now);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = ensureDeps();
}
