import { describe, it, expect, afterEach } from "vitest";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumPath, DEBIAN_CHROMIUM, ensureChromium, isExecutable, planChromium } from "./ensure-chromium.mjs";

const missing = { path: DEBIAN_CHROMIUM, present: false, custom: false };
let dir: string | undefined;

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function tempFile(mode: number): string {
  dir = mkdtempSync(join(tmpdir(), "ensure-chromium-"));
  const file = join(dir, "chromium");
  writeFileSync(file, "#!/bin/sh\n");
  chmodSync(file, mode);
  return file;
}

describe("chromiumPath", () => {
  it("defaults to Debian's launcher and honours CHROMIUM_PATH", () => {
    expect(chromiumPath({})).toBe("/usr/bin/chromium");
    expect(chromiumPath({ CHROMIUM_PATH: "/opt/chrome/chrome" })).toBe("/opt/chrome/chrome");
  });
});

describe("planChromium", () => {
  it("does nothing when Chromium is present", () => {
    expect(planChromium({ ...missing, present: true, isRoot: false, hasApt: false })).toEqual({ action: "none" });
  });

  it("installs with apt-get when root on a system with apt", () => {
    expect(planChromium({ ...missing, isRoot: true, hasApt: true })).toEqual({ action: "apt" });
  });

  it("tells a non-root user the exact apt command", () => {
    const plan = planChromium({ ...missing, isRoot: false, hasApt: true });
    expect(plan.action).toBe("fail");
    expect(plan.action === "fail" && plan.message).toContain("sudo apt-get update && sudo apt-get install -y chromium");
  });

  it("never installs over a CHROMIUM_PATH that points nowhere", () => {
    const plan = planChromium({ path: "/nowhere/chrome", present: false, custom: true, isRoot: true, hasApt: true });
    expect(plan).toEqual({ action: "fail", message: "CHROMIUM_PATH is set to /nowhere/chrome, but no executable is there." });
  });

  it("points at CHROMIUM_PATH where there is no apt", () => {
    const plan = planChromium({ ...missing, isRoot: true, hasApt: false });
    expect(plan.action === "fail" && plan.message).toContain("CHROMIUM_PATH");
  });
});

describe("ensureChromium", () => {
  it("returns 0 at once for an executable CHROMIUM_PATH", () => {
    expect(ensureChromium({ CHROMIUM_PATH: tempFile(0o755) })).toBe(0);
  });

  it("fails for a CHROMIUM_PATH that is missing or not executable", () => {
    const file = tempFile(0o644);
    // access(X_OK) needs an x bit even for root, so a plain file is never taken for a browser.
    expect(isExecutable(file)).toBe(false);
    expect(ensureChromium({ CHROMIUM_PATH: file })).toBe(1);
    expect(ensureChromium({ CHROMIUM_PATH: join(dir!, "absent") })).toBe(1);
  });
});
