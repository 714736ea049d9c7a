import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync, utimesSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureDeps, installArgs, installReason } from "./ensure-deps.mjs";

let root: string;

function write(rel: string, text: string, ageSeconds: number): void {
  const file = join(root, rel);
  writeFileSync(file, text);
  const t = new Date(Date.UTC(2026, 0, 1) - ageSeconds * 1000);
  utimesSync(file, t, t);
}

/** A stand-in for npm-cli.js: records its arguments and writes the hidden lockfile like a real install. */
function fakeNpm(): string {
  const cli = join(root, "npm-cli.js");
  writeFileSync(
    cli,
    `const fs = require("node:fs");
fs.writeFileSync("npm-args.txt", process.argv.slice(2).join(" "));
fs.mkdirSync("node_modules", { recursive: true });
fs.writeFileSync("node_modules/.package-lock.json", "{}");
process.exit(Number(process.env.FAKE_NPM_EXIT ?? 0));`,
  );
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "fixture", type: "commonjs" }));
  return cli;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "ensure-deps-"));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("installReason", () => {
  it("asks for an install when node_modules is missing", () => {
    write("package-lock.json", "{}", 10);
    expect(installReason(root)).toBe("node_modules is missing");
  });

  it("asks for an install when an earlier install left no hidden lockfile", () => {
    write("package-lock.json", "{}", 10);
    mkdirSync(join(root, "node_modules"));
    expect(installReason(root)).toMatch(/\.package-lock\.json is missing/);
  });

  it("asks for an install when package-lock.json is newer than the last install", () => {
    mkdirSync(join(root, "node_modules"));
    write("node_modules/.package-lock.json", "{}", 60);
    write("package-lock.json", "{}", 10);
    expect(installReason(root)).toBe("package-lock.json is newer than node_modules");
  });

  it("does nothing when the last install is newer than package-lock.json", () => {
    write("package-lock.json", "{}", 60);
    mkdirSync(join(root, "node_modules"));
    write("node_modules/.package-lock.json", "{}", 10);
    expect(installReason(root)).toBeNull();
  });

  it("compares package.json when there is no lockfile", () => {
    mkdirSync(join(root, "node_modules"));
    write("node_modules/.package-lock.json", "{}", 60);
    write("package.json", "{}", 10);
    expect(installReason(root)).toBe("package.json is newer than node_modules");
  });
});

describe("installArgs", () => {
  it("uses npm ci with a lockfile and npm install without one", () => {
    expect(installArgs(root)).toEqual(["install"]);
    write("package-lock.json", "{}", 0);
    expect(installArgs(root)).toEqual(["ci"]);
  });
});

describe("ensureDeps", () => {
  it("runs npm ci when node_modules is missing, and nothing on the next run", () => {
    const cli = fakeNpm();
    write("package-lock.json", "{}", 10);
    expect(ensureDeps(root, { npm_execpath: cli })).toBe(0);
    expect(readFileSync(join(root, "npm-args.txt"), "utf8")).toBe("ci");

    rmSync(join(root, "npm-args.txt"));
    expect(ensureDeps(root, { npm_execpath: cli })).toBe(0);
    expect(existsSync(join(root, "npm-args.txt"))).toBe(false);
  });

  it("reports npm's failure as a non-zero exit code", () => {
    const cli = fakeNpm();
    process.env.FAKE_NPM_EXIT = "3";
    try {
      expect(ensureDeps(root, { npm_execpath: cli })).toBe(3);
    } finally {
      delete process.env.FAKE_NPM_EXIT;
    }
  });
});
