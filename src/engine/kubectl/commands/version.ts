// `kubectl version`: the client, its bundled kustomize, and the server. kubectl v1.34.0 bundles
// kustomize v5.7.1 (staging/src/k8s.io/kubectl/go.mod, sigs.k8s.io/kustomize/kustomize/v5).
// mirrors kubectl pkg/cmd/version/version.go (the default, "short" output since v1.28).
import type { CommandDef } from "../command";
import { bool, str } from "../flags";
import { fail } from "../util/errors";

export const CLIENT_VERSION = "v1.34.0";
export const KUSTOMIZE_VERSION = "v5.7.1";
export const SERVER_VERSION = "v1.34.0";

// The v1.34.0 release build (GET /version on a v1.34.0 kube-apiserver).
function versionInfo(gitVersion: string, server: boolean): Record<string, string> {
  return {
    major: "1",
    minor: "34",
    ...(server ? { emulationMajor: "1", emulationMinor: "34", minCompatibilityMajor: "1", minCompatibilityMinor: "33" } : {}),
    gitVersion,
    gitCommit: "f28b4c9efbca5c5c0af716d9f2d5702667ee8a45",
    gitTreeState: "clean",
    buildDate: "2025-08-27T10:09:04Z",
    goVersion: "go1.24.6",
    compiler: "gc",
    platform: "linux/amd64",
  };
}

export const versionCommand: CommandDef = {
  name: "version",
  short: "Print the client and server version information",
  use: "version [flags]",
  flags: [
    { name: "client", kind: "bool" },
    { name: "output", short: "o", kind: "string" },
  ],
  run(ctx, p) {
    const output = str(p, "output") ?? "";
    const clientOnly = bool(p, "client");
    if (output !== "" && output !== "yaml" && output !== "json") fail("--output must be 'yaml' or 'json'");
    const serverReachable = ctx.env.api.available;
    if (output === "json" || output === "yaml") {
      const doc: Record<string, unknown> = { clientVersion: versionInfo(CLIENT_VERSION, false), kustomizeVersion: KUSTOMIZE_VERSION };
      if (!clientOnly && serverReachable) doc.serverVersion = versionInfo(SERVER_VERSION, true);
      ctx.out.out(output === "json" ? JSON.stringify(doc, null, 2) + "\n" : toYaml(doc));
    } else {
      ctx.out.out(`Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
      if (!clientOnly && serverReachable) ctx.out.out(`Server Version: ${SERVER_VERSION}\n`);
    }
    if (!clientOnly && !serverReachable) {
      return [{ text: "", single: "The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?" }];
    }
  },
};

// The two-level map sigs.k8s.io/yaml writes for `-o yaml` (keys sorted, as Go marshals a struct by tags).
function toYaml(doc: Record<string, unknown>): string {
  let s = "";
  for (const [k, v] of Object.entries(doc)) {
    if (typeof v === "string") {
      s += `${k}: ${v}\n`;
      continue;
    }
    s += `${k}:\n`;
    for (const [k2, v2] of Object.entries(v as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : 1))) {
      s += `  ${k2}: ${needsQuote(v2) ? JSON.stringify(v2) : v2}\n`;
    }
  }
  return s;
}

// yaml.v2 quotes a string that would read back as another type (a number, a timestamp).
function needsQuote(v: string): boolean {
  return /^[0-9]+$/.test(v) || /^\d{4}-\d\d-\d\dT/.test(v);
}
