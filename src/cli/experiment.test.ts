import { describe, expect, it } from "vitest";
import { experimentMain } from "./experiment";

function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = experimentMain(argv, (s) => (out += s), (s) => (err += s));
  return { out, err, code };
}

describe("kubelab experiment", () => {
  it("lists the experiments and their knobs", () => {
    const r = cli("list");
    expect(r.code).toBe(0);
    expect(r.out).toContain("kill-node               Kill the node running most replicas\n");
    expect(r.out).toContain("--set tolerationSeconds=300");
  });

  it("prints the timeline and the report, and exits 3 when the hypothesis broke", () => {
    const r = cli("kill-single-replica", "--set", "tolerationSeconds=30");
    expect(r.code).toBe(3);
    expect(r.out).toContain("Timeline (time since the failure, who acted, what happened):");
    expect(r.out).toMatch(/\+0m00s {2}sim {25}sim node kill node-\d/);
    expect(r.out).toContain("taint-eviction-controller   taint-eviction-controller deleted 1 pod");
    expect(r.out).toContain("hypothesis BROKEN");
    expect(r.err).toBe("");
  });

  it("compares two runs side by side", () => {
    const r = cli("kill-node", "--compare", "tolerationSeconds=30");
    expect(r.out).toContain("Side by side:\n");
    expect(r.out).toMatch(/Time to replace +5m5\d\.\d+s +1m2\d\.\d+s/);
  });

  it("rejects unknown experiments and knobs", () => {
    expect(cli("nope")).toMatchObject({ code: 1, err: expect.stringContaining('error: unknown experiment "nope"') });
    expect(() => cli("kill-node", "--set", "bogus=1")).toThrow('unknown knob "bogus"');
    expect(cli()).toMatchObject({ code: 2 });
  });
});
