// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { installFakeEngine, resetStore, type FakeEngine } from "../editor/testing/fakeEngine";
import { TerminalPanel } from "./Terminal";

const NODES = "NAME            STATUS   ROLES           AGE   VERSION\ncontrol-plane   Ready    control-plane   2m    v1.34.0\nnode-1          Ready    <none>          2m    v1.34.0\n";

let fake: FakeEngine;

beforeEach(() => {
  localStorage.clear();
  resetStore();
  fake = installFakeEngine((body) => {
    if (body.kind === "run" && body.line === "kubectl get nodes") return { kind: "command", output: { out: NODES, err: "", code: 0 } };
    if (body.kind === "run") return { kind: "command", output: { out: "", err: `error: unknown command "${body.line}"\n`, code: 1 } };
    if (body.kind === "complete" && body.line.startsWith("kubectl get p")) return { kind: "completions", candidates: ["pods", "podtemplates", "poddisruptionbudgets.policy"], replaceFrom: 12 };
    if (body.kind === "complete" && body.line === "kubectl ro") return { kind: "completions", candidates: ["rollout"], replaceFrom: 8 };
    if (body.kind === "complete" && body.line === "kubectl get deploy/") return { kind: "completions", candidates: ["deploy/web"], replaceFrom: 12 };
    if (body.kind === "complete") return { kind: "completions", candidates: [], replaceFrom: body.cursor };
    return undefined;
  });
});

afterEach(cleanup);

const input = () => screen.getByRole("textbox", { name: "Terminal" }) as HTMLInputElement;

async function type(line: string, key = "Enter") {
  fireEvent.change(input(), { target: { value: line } });
  input().setSelectionRange(line.length, line.length);
  await act(async () => {
    fireEvent.keyDown(input(), { key });
  });
}

describe("TerminalPanel", () => {
  it("runs a line through the engine and prints stdout exactly, columns and all", async () => {
    render(<TerminalPanel />);
    await type("kubectl get nodes");
    expect(fake.of("run")).toEqual([{ kind: "run", line: "kubectl get nodes" }]);
    const log = screen.getByRole("log", { name: "Terminal output" });
    await waitFor(() => expect(log.textContent).toContain(NODES));
    expect(log.textContent).toContain("$ kubectl get nodes\n");
    expect(input().value).toBe("");
  });

  it("styles stderr apart from stdout", async () => {
    render(<TerminalPanel />);
    await type("helm install");
    await waitFor(() => expect(document.querySelector(".terminal-stderr")?.textContent).toBe('error: unknown command "helm install"\n'));
  });

  it("recalls history with ↑ and ↓, and keeps it across a remount", async () => {
    const { unmount } = render(<TerminalPanel />);
    await type("kubectl get nodes");
    await type("sim time");
    fireEvent.change(input(), { target: { value: "half-typed" } });
    fireEvent.keyDown(input(), { key: "ArrowUp" });
    expect(input().value).toBe("sim time");
    fireEvent.keyDown(input(), { key: "ArrowUp" });
    expect(input().value).toBe("kubectl get nodes");
    fireEvent.keyDown(input(), { key: "ArrowUp" });
    expect(input().value).toBe("kubectl get nodes");
    fireEvent.keyDown(input(), { key: "ArrowDown" });
    fireEvent.keyDown(input(), { key: "ArrowDown" });
    expect(input().value).toBe("half-typed");
    unmount();
    render(<TerminalPanel />);
    fireEvent.keyDown(input(), { key: "ArrowUp" });
    expect(input().value).toBe("sim time");
  });

  it("completes a single candidate in place and lists several", async () => {
    render(<TerminalPanel />);
    await type("kubectl ro", "Tab");
    await waitFor(() => expect(input().value).toBe("kubectl rollout "));
    await type("kubectl get deploy/", "Tab");
    await waitFor(() => expect(input().value).toBe("kubectl get deploy/web "));
    await type("kubectl get p", "Tab");
    await waitFor(() => expect(input().value).toBe("kubectl get pod"));
    await type("kubectl get pod", "Tab");
    const list = await screen.findByRole("list", { name: "Completions" });
    expect(list.textContent).toBe("podspodtemplatespoddisruptionbudgets.policy");
    expect(fake.of("complete").at(-1)).toEqual({ kind: "complete", line: "kubectl get pod", cursor: 15 });
  });

  it("clears the screen with `clear` and with Ctrl+L, without asking the engine", async () => {
    render(<TerminalPanel />);
    await type("kubectl get nodes");
    await waitFor(() => expect(screen.getByRole("log").textContent).toContain("control-plane"));
    await type("clear");
    expect(screen.getByRole("log").textContent).toBe("");
    expect(fake.of("run")).toHaveLength(1);
    await type("kubectl get nodes");
    await waitFor(() => expect(screen.getByRole("log").textContent).toContain("control-plane"));
    fireEvent.keyDown(input(), { key: "l", ctrlKey: true });
    expect(screen.getByRole("log").textContent).toBe("");
  });

  it("shows the engine's refusal when it is not running", async () => {
    installFakeEngine(() => ({ kind: "error", message: "the engine is not running yet" }));
    render(<TerminalPanel />);
    await type("kubectl get pods");
    await waitFor(() => expect(document.querySelector(".terminal-stderr")?.textContent).toBe("error: the engine is not running yet\n"));
  });
});
