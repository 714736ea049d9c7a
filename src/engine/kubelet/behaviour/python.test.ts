// The Job examples' python3 -c scripts (controllers/job-*.yaml) and Python's own semantics.

import { describe, expect, it } from "vitest";
import type { Container } from "../../api/types";
import { lookupImage } from "./images";
import { compileBehaviour } from "./program";
import { createContainerProcess } from "./runtime";

function py(script: string, env: Record<string, string> = {}, untilMs = 100_000) {
  const c: Container = { name: "main", image: "python:3", command: ["python3", "-c", script] };
  const p = createContainerProcess(c, compileBehaviour(c, lookupImage("python:3") ?? (undefined as never), { env }));
  const effects = [...p.start(0), ...p.advance(untilMs)];
  return {
    proc: p,
    stdout: effects.flatMap((e) => (e.kind === "log" && e.stream === "stdout" ? [e.line] : [])),
    stderr: effects.flatMap((e) => (e.kind === "log" && e.stream === "stderr" ? [e.line] : [])),
    exit: effects.find((e) => e.kind === "exit"),
    effects,
  };
}

const FAILINDEX = `import os, sys
index = int(os.environ.get("JOB_COMPLETION_INDEX"))
if index == 0:
  sys.exit(1)
elif index == 1:
  sys.exit(42)
else:
  sys.exit(0)
`;

const SUCCESS_POLICY = `import os, sys
if os.environ.get("JOB_COMPLETION_INDEX") == "2":
  sys.exit(0)
else:
  sys.exit(1)
`;

describe("python3 -c", () => {
  it("job-backoff-limit-per-index-failindex.yaml: index 0 → 1, index 1 → 42, others → 0", () => {
    expect(py(FAILINDEX, { JOB_COMPLETION_INDEX: "0" }).exit).toMatchObject({ exitCode: 1 });
    expect(py(FAILINDEX, { JOB_COMPLETION_INDEX: "1" }).exit).toMatchObject({ exitCode: 42 });
    expect(py(FAILINDEX, { JOB_COMPLETION_INDEX: "3" }).exit).toMatchObject({ exitCode: 0, reason: "Completed" });
  });

  it("job-success-policy.yaml compares strings", () => {
    expect(py(SUCCESS_POLICY, { JOB_COMPLETION_INDEX: "2" }).exit).toMatchObject({ exitCode: 0 });
    expect(py(SUCCESS_POLICY, { JOB_COMPLETION_INDEX: "3" }).exit).toMatchObject({ exitCode: 1 });
  });

  it("int(None) without the variable raises TypeError with a traceback, exit 1", () => {
    const r = py(FAILINDEX);
    expect(r.stderr).toEqual([
      "Traceback (most recent call last):",
      '  File "<string>", line 2, in <module>',
      "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'",
    ]);
    expect(r.exit).toMatchObject({ exitCode: 1 });
  });

  it("buffers stdout until exit unless flushed", () => {
    const r = py('import time\nprint("a")\ntime.sleep(2)\nprint("b", flush=True)\ntime.sleep(3)\nprint("c")');
    expect(r.effects.filter((e) => e.kind === "log").map((e) => [e.atMs, e.kind === "log" ? e.line : ""])).toEqual([
      [2_000, "a"],
      [2_000, "b"],
      [5_000, "c"],
    ]);
  });

  it("sys.exit with a message prints it and exits 1", () => {
    expect(py('import sys\nsys.exit("bad config")')).toMatchObject({ stderr: ["bad config"], exit: { exitCode: 1 } });
  });

  it("loops with range and arithmetic", () => {
    expect(py("total = 0\nfor i in range(4):\n  total = total + i\nprint(total, total % 4, 7 // 2)").stdout).toEqual(["6 2 3"]);
  });

  it("a script outside the subset is treated as an unknown long-running program", () => {
    const r = py("def main():\n  pass\nmain()");
    expect(r.exit).toBeUndefined();
    expect(r.proc.running).toBe(true);
  });
});
