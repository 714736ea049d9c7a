// Termination messages (k/k pkg/kubelet/kuberuntime/kuberuntime_container.go getTerminationMessage;
// limits from pkg/kubelet/container/runtime.go: 4096-byte file, 80 lines / 2048 bytes of log).

import { describe, expect, it } from "vitest";
import type { Container } from "../../api/types";
import { lookupImage } from "./images";
import { compileBehaviour } from "./program";
import { createContainerProcess } from "./runtime";
import { tailForTermination, terminationMessage } from "./termination";

function finished(c: Container) {
  const p = createContainerProcess(c, compileBehaviour(c, lookupImage(c.image ?? "") ?? (undefined as never)));
  const effects = [...p.start(0), ...p.advance(100_000)];
  return { p, logs: effects.flatMap((e) => (e.kind === "log" ? [e.line] : [])) };
}

describe("terminationMessage", () => {
  it("reads /dev/termination-log (debug/termination.yaml)", () => {
    const c: Container = { name: "c", image: "debian", command: ["/bin/sh"], args: ["-c", "sleep 10 && echo Sleep expired > /dev/termination-log"] };
    expect(terminationMessage(finished(c).p, c)).toBe("Sleep expired\n");
  });

  it("honours terminationMessagePath", () => {
    const c: Container = { name: "c", image: "busybox", command: ["sh", "-c", "echo done > /tmp/msg"], terminationMessagePath: "/tmp/msg" };
    expect(terminationMessage(finished(c).p, c)).toBe("done\n");
  });

  it("falls back to the log tail only for a failed container with FallbackToLogsOnError", () => {
    const failing: Container = { name: "c", image: "busybox", command: ["sh", "-c", "echo oops; exit 1"], terminationMessagePolicy: "FallbackToLogsOnError" };
    const f = finished(failing);
    expect(terminationMessage(f.p, failing, f.logs)).toBe("oops\n");
    const ok: Container = { ...failing, command: ["sh", "-c", "echo fine"] };
    const o = finished(ok);
    expect(terminationMessage(o.p, ok, o.logs)).toBeUndefined();
  });

  it("keeps the last 80 lines, then the last 2048 bytes", () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    expect(tailForTermination(lines).startsWith("line 20\n")).toBe(true);
    const long = Array.from({ length: 80 }, () => "x".repeat(100));
    expect(tailForTermination(long).length).toBe(2048);
  });
});
