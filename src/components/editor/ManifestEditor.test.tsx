// @vitest-environment jsdom
// The editor's chrome with the plain-text surface (Monaco needs a real browser: the e2e test covers it).
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Diagnostic } from "../../engine/protocol";
import { EXAMPLES } from "../../examples";
import { useKubelab } from "../../state/store";
import { ManifestEditor } from "./ManifestEditor";
import { installFakeEngine, resetStore, type FakeEngine } from "./testing/fakeEngine";
import { VALIDATE_DELAY_MS } from "./useEngineFiles";

vi.mock("./monaco/MonacoPane", async () => ({ default: (await import("./TextareaEditor")).TextareaEditor }));

const DEPLOYMENT = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n";
const BAD: Diagnostic = { file: "manifest.yaml", line: 6, column: 3, field: "spec.replicas", message: "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32", severity: "error" };

let fake: FakeEngine;

beforeEach(() => {
  resetStore();
  fake = installFakeEngine((body) => {
    if (body.kind === "apply") {
      const bad = body.files[0]!.text.includes('replicas: "3"');
      return bad
        ? { kind: "apply", output: { out: "", err: `Error from server (BadRequest): ${BAD.message}\n`, code: 1 }, diagnostics: [BAD] }
        : { kind: "apply", output: { out: "deployment.apps/web created\n", err: "", code: 0 }, diagnostics: [] };
    }
    if (body.kind === "delete") return { kind: "apply", output: { out: 'deployment.apps "web" deleted\n', err: "", code: 0 }, diagnostics: [] };
    if (body.kind === "validate") return { kind: "validate", diagnostics: body.file.text.includes("kind: Deplyment") ? [{ ...BAD, line: 2, column: 1, message: 'no matches for kind "Deplyment" in version "apps/v1"' }] : [] };
    return undefined;
  });
});

afterEach(cleanup);

const textarea = () => screen.getByRole("textbox", { name: "Manifest" }) as HTMLTextAreaElement;

/** The lazily loaded surface (here the textarea standing in for Monaco) has replaced the loading one. */
async function surface(): Promise<HTMLTextAreaElement> {
  await waitFor(() => expect(textarea().getAttribute("aria-describedby")).toBeNull());
  return textarea();
}

describe("ManifestEditor", () => {
  it("edits a default file that enters the store on the first keystroke", async () => {
    render(<ManifestEditor />);
    expect(useKubelab.getState().files).toEqual([]);
    expect(screen.getByRole("tab", { name: "manifest.yaml" }).getAttribute("aria-selected")).toBe("true");
    fireEvent.change(await surface(), { target: { value: DEPLOYMENT } });
    expect(useKubelab.getState().files).toEqual([{ name: "manifest.yaml", text: DEPLOYMENT }]);
    expect(useKubelab.getState().activeFile).toBe("manifest.yaml");
  });

  it("applies the active file and shows kubectl's output", async () => {
    resetStore({ files: [{ name: "web.yaml", text: DEPLOYMENT }, { name: "other.yaml", text: "x: 1" }], activeFile: "web.yaml" });
    render(<ManifestEditor />);
    fireEvent.click(screen.getByRole("button", { name: "Apply" }));
    const output = screen.getByRole("status", { name: "Command output" });
    await waitFor(() => expect(output.textContent).toBe("$ kubectl apply -f web.yaml\ndeployment.apps/web created\n"));
    expect(fake.of("apply")).toEqual([{ kind: "apply", files: [{ name: "web.yaml", text: DEPLOYMENT }] }]);
  });

  it("applies with Ctrl+Enter and deletes with Delete", async () => {
    resetStore({ files: [{ name: "web.yaml", text: DEPLOYMENT }], activeFile: "web.yaml" });
    render(<ManifestEditor />);
    fireEvent.keyDown(await surface(), { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(fake.of("apply")).toHaveLength(1));
    await waitFor(() => expect((screen.getByRole("button", { name: "Delete" }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(screen.getByRole("status", { name: "Command output" }).textContent).toContain('deployment.apps "web" deleted'));
    expect(fake.of("delete")).toEqual([{ kind: "delete", files: [{ name: "web.yaml", text: DEPLOYMENT }] }]);
  });

  it("lists the diagnostics apply returned, at their line and column, and stores them", async () => {
    const text = DEPLOYMENT + 'spec:\n  replicas: "3"\n';
    resetStore({ files: [{ name: "manifest.yaml", text }], activeFile: "manifest.yaml" });
    render(<ManifestEditor />);
    fireEvent.click(screen.getByRole("button", { name: "Apply" }));
    const problems = await screen.findByRole("list", { name: "Problems" });
    expect(within(problems).getByRole("button").textContent).toBe(`Error line 6, column 3: ${BAD.message}`);
    expect(useKubelab.getState().diagnostics["manifest.yaml"]).toEqual([BAD]);
    expect(screen.getByRole("status", { name: "Command output" }).textContent).toContain("Error from server (BadRequest)");
  });

  it("validates once typing pauses and shows the engine's problems", async () => {
    render(<ManifestEditor />);
    await surface();
    vi.useFakeTimers();
    try {
      fireEvent.change(textarea(), { target: { value: "apiVersion: apps/v1\nkind: Deplyment\n" } });
      fireEvent.change(textarea(), { target: { value: "apiVersion: apps/v1\nkind: Deplyment\nmetadata: {}\n" } });
      expect(fake.of("validate")).toHaveLength(0);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(VALIDATE_DELAY_MS + 10);
      });
      expect(fake.of("validate")).toEqual([{ kind: "validate", file: { name: "manifest.yaml", text: "apiVersion: apps/v1\nkind: Deplyment\nmetadata: {}\n" } }]);
      expect(screen.getByRole("list", { name: "Problems" }).textContent).toContain('line 2, column 1: no matches for kind "Deplyment" in version "apps/v1"');
    } finally {
      vi.useRealTimers();
    }
  });

  it("opens an example from the gallery in a new tab", async () => {
    resetStore({ files: [{ name: "mine.yaml", text: "kind: Pod" }], activeFile: "mine.yaml" });
    render(<ManifestEditor />);
    fireEvent.click(screen.getByRole("button", { name: /Examples/ }));
    const menu = screen.getByRole("menu", { name: "Examples" });
    expect(within(menu).getAllByRole("menuitem")).toHaveLength(EXAMPLES.length);
    fireEvent.click(within(menu).getByRole("menuitem", { name: "Deployment: three nginx replicas" }));
    const example = EXAMPLES.find((e) => e.id === "deployment-web")!;
    expect(useKubelab.getState().files).toEqual([{ name: "mine.yaml", text: "kind: Pod" }, { name: "deployment-web.yaml", text: example.yaml }]);
    expect(useKubelab.getState().activeFile).toBe("deployment-web.yaml");
    expect(textarea().value).toBe(example.yaml);
    expect(screen.queryByRole("menu")).toBeNull();
  });

  it("adds, renames and closes tabs", async () => {
    resetStore({ files: [{ name: "a.yaml", text: "kind: Pod" }], activeFile: "a.yaml" });
    render(<ManifestEditor />);
    fireEvent.click(screen.getByRole("button", { name: "New file" }));
    expect(useKubelab.getState().activeFile).toBe("untitled-2.yaml");
    fireEvent.click(screen.getByRole("button", { name: "Rename untitled-2.yaml" }));
    const box = screen.getByRole("textbox", { name: "New name for untitled-2.yaml" });
    fireEvent.change(box, { target: { value: "a.yaml" } });
    expect(screen.getByRole("alert").textContent).toBe("A file named a.yaml is already open.");
    fireEvent.change(box, { target: { value: "service.yaml" } });
    fireEvent.keyDown(box, { key: "Enter" });
    expect(useKubelab.getState().files.map((f) => f.name)).toEqual(["a.yaml", "service.yaml"]);
    fireEvent.click(screen.getByRole("button", { name: "Close service.yaml" }));
    expect(useKubelab.getState().files.map((f) => f.name)).toEqual(["a.yaml"]);
    expect(useKubelab.getState().activeFile).toBe("a.yaml");
  });
});
