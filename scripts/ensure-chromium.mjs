#!/usr/bin/env node
// ensure-chromium: the browser tests drive Debian's Chromium (`npx playwright install` cannot download
// browsers here). When the binary exists this returns at once; when it is missing and we are root on a
// system with apt-get, it installs the `chromium` package; otherwise it says exactly what to do.
//
// Invariant: Node built-ins only, so playwright.config.ts and tests can import chromiumPath() cheaply.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** Where Debian's `chromium` package puts its launcher. */
export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** chromiumPath: CHROMIUM_PATH lets a developer without Debian point the tests at any Chromium or Chrome. */
export function chromiumPath(env = process.env) {
  return env.CHROMIUM_PATH || DEBIAN_CHROMIUM;
}

/** isExecutable: true when `file` exists and may be executed by this user. */
export function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * planChromium decides what to do from facts about the machine, so the decision is testable without
 * touching it. Returns { action: "none" } | { action: "apt" } | { action: "fail", message }.
 */
export function planChromium({ path, present, custom, isRoot, hasApt }) {
  if (present) return { action: "none" };
  if (custom) {
    return { action: "fail", message: `CHROMIUM_PATH is set to ${path}, but no executable is there.` };
  }
  if (isRoot && hasApt) return { action: "apt" };
  const how = hasApt
    ? "Install it with:\n  sudo apt-get update && sudo apt-get install -y chromium"
    : "Install Chromium with your system's package manager";
  return {
    action: "fail",
    message:
      `The browser tests need Chromium at ${path}, and it is missing.\n${how}\n` +
      "or set CHROMIUM_PATH to an installed Chromium or Chrome binary.",
  };
}

function run(cmd, args) {
  console.log(`[ensure-chromium] ${cmd} ${args.join(" ")}`);
  const result = spawnSync(cmd, args, {
    stdio: ["ignore", "inherit", "inherit"],
    // No stdin in CI: apt must never stop to ask a question.
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.status === 0;
}

/** ensureChromium returns the process exit code (0 = Chromium is ready). */
export function ensureChromium(env = process.env) {
  const path = chromiumPath(env);
  const plan = planChromium({
    path,
    present: isExecutable(path),
    custom: Boolean(env.CHROMIUM_PATH),
    isRoot: typeof process.getuid === "function" && process.getuid() === 0,
    hasApt: isExecutable("/usr/bin/apt-get"),
  });
  if (plan.action === "none") return 0;
  if (plan.action === "fail") {
    console.error(`[ensure-chromium] ${plan.message}`);
    return 1;
  }
  console.log(`[ensure-chromium] ${path} is missing: installing Debian's chromium package`);
  if (!run("apt-get", ["update"]) || !run("apt-get", ["install", "-y", "chromium"])) {
    console.error("[ensure-chromium] apt-get failed; see its output above.");
    return 1;
  }
  if (!isExecutable(path)) {
    console.error(`[ensure-chromium] apt-get installed chromium, but ${path} is still missing.`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = ensureChromium();
}
