// Same seed + same commands = byte-identical output (DESIGN.md "Determinism"): the whole store, the
// audit stream and a command transcript compare equal across two runs, and a different seed differs.
import { describe, expect, it } from "vitest";
import { Cluster } from "../sim/cluster";
import { defaultClusterConfig } from "../sim/clusterConfig";
import { Session } from "../sim/session";
import { fixture } from "./testCluster";

function run(seed: number): { store: string; audit: string; transcript: string } {
  const c = new Cluster(defaultClusterConfig({ seed, workers: 3 }));
  c.api.create("kubectl", fixture("nginx-deployment.yaml"));
  const s = new Session(c);
  const transcript = s.runScript(["sim advance 30s", "sim node kill node-2", "sim advance 7m", "sim node restore node-2", "sim advance 1m", "sim time"].join("\n")).transcript;
  const store = c.store.resources().map((r) => JSON.stringify(c.list(r))).join("\n");
  const audit = JSON.stringify(c.audit.since(0));
  return { store, audit, transcript };
}

describe("determinism", () => {
  it("gives byte-identical state, audit stream and output for the same seed", () => {
    const a = run(7);
    const b = run(7);
    expect(b.transcript).toBe(a.transcript);
    expect(b.audit).toBe(a.audit);
    expect(b.store === a.store).toBe(true);
  });

  it("gives different generated names for another seed", () => {
    expect(run(8).store === run(7).store).toBe(false);
  });
});
