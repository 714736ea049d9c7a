// @vitest-environment jsdom
// The catalogue and the lesson panel against the real engine host, in-process: the panel starts the
// lesson's cluster with `init`, follows the step with `lesson` requests, and sees the check pass after a
// command and simulated time, as in the page.
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EngineHost } from "../../engine/host/engineHost";
import type { ReplyBody, RequestBody } from "../../engine/protocol";
import { setEngine } from "../../state/bridge";
import { useKubelab } from "../../state/store";
import { LessonCatalogue } from "./LessonCatalogue";
import { LessonPanel } from "./LessonPanel";
import { useLessonProgress } from "./progress";

let host: EngineHost;
let requests: RequestBody[];

function flush(): void {
  const b = host.flush();
  if (b) useKubelab.getState().applyBatch(b);
}

beforeEach(() => {
  localStorage.clear();
  useLessonProgress.setState({ active: undefined, lessons: {}, lost: undefined });
  host = new EngineHost();
  requests = [];
  setEngine({
    async request(body): Promise<ReplyBody> {
      requests.push(body);
      const r = host.handle(body);
      if (r.snapshot) useKubelab.getState().applySnapshot(r.snapshot);
      else flush();
      return r.reply;
    },
  });
});

afterEach(() => {
  cleanup();
  location.hash = "";
});

describe("LessonCatalogue", () => {
  it("lists the 16 lessons with their length and progress", () => {
    useLessonProgress.setState({ lessons: { "self-healing": { step: 5, passed: [1, 2, 3, 4], completed: true } } });
    render(<LessonCatalogue />);
    expect(screen.getAllByRole("listitem")).toHaveLength(16);
    expect(screen.getByRole("link", { name: "Tour of a cluster" }).getAttribute("href")).toBe("#/lessons/tour/1");
    expect(screen.getByText("1 of 16 completed.", { exact: false })).toBeTruthy();
    expect(screen.getByRole("progressbar", { name: "Desired state and self-healing: 100% done" })).toBeTruthy();
  });
});

describe("LessonPanel", () => {
  it("starts lesson 3 on a fresh cluster and sees its first step pass", async () => {
    location.hash = "#/lessons/self-healing/1";
    render(<LessonPanel />);
    fireEvent.click(screen.getByRole("button", { name: "Start lesson" }));
    await screen.findByRole("heading", { name: "Say what you want" });
    expect(requests.find((r) => r.kind === "init")).toMatchObject({ kind: "init", state: { seed: 3, nodes: 3 } });
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("Waiting for: the Deployment web to have all its Pods ready"));
    expect(useKubelab.getState().files.map((f) => f.name)).toContain("web.yaml");

    await act(async () => {
      host.handle({ kind: "files", files: useKubelab.getState().files });
      host.handle({ kind: "run", line: "kubectl apply -f web.yaml" });
      host.advance(60_000);
      flush();
    });
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("Done"), { timeout: 5_000 });
    expect((screen.getByRole("button", { name: "Next" }) as HTMLButtonElement).disabled).toBe(false);
    expect(useLessonProgress.getState().lessons["self-healing"]?.passed).toEqual([1]);
  });

  it("reveals hints one at a time", async () => {
    useLessonProgress.setState({ active: "self-healing", lessons: {} });
    host.handle({ kind: "init", nodes: 1 });
    location.hash = "#/lessons/self-healing/2";
    render(<LessonPanel />);
    await screen.findByRole("heading", { name: "Deployment → ReplicaSet → Pods" });
    fireEvent.click(screen.getByRole("button", { name: "Hint" }));
    expect(screen.getByRole("list", { name: "Hints" }).children).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "Another hint" }));
    expect(screen.getByRole("list", { name: "Hints" }).children).toHaveLength(2);
    expect((screen.getByRole("button", { name: "No more hints" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("says so when the lesson does not exist", () => {
    location.hash = "#/lessons/nope/1";
    render(<LessonPanel />);
    expect(screen.getByText("nope")).toBeTruthy();
    expect(screen.getByRole("link", { name: "See all lessons" })).toBeTruthy();
  });
});
