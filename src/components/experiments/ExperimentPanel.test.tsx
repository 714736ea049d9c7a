// @vitest-environment jsdom
// The panel against a fake engine that runs the real experiment code (ExperimentSession) in-process.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReplyBody, RequestBody } from "../../engine/protocol";
import { ExperimentSession } from "../../experiments/hostAdapter";
import { KnobError } from "../../experiments/knobs";
import { setEngine } from "../../state/bridge";
import { useKubelab } from "../../state/store";
import { ExperimentPanel } from "./ExperimentPanel";

let requests: RequestBody[];

beforeEach(() => {
  requests = [];
  location.hash = "";
  const session = new ExperimentSession();
  setEngine({
    async request(body): Promise<ReplyBody> {
      requests.push(body);
      try {
        switch (body.kind) {
          case "experiment":
            return { kind: "experiment", run: session.start(body.name, body.set ?? {}, 1, () => {}) };
          case "experimentStatus":
            return { kind: "experiment", run: session.view() };
          case "experimentFinish":
            return { kind: "experiment", run: session.finish() };
          case "experimentStop":
            session.stop();
            return { kind: "ok" };
          default:
            return { kind: "ok" };
        }
      } catch (e) {
        if (e instanceof KnobError) return { kind: "error", message: e.message };
        throw e;
      }
    },
  });
});

afterEach(cleanup);

/** Each run executes the real engine in-process: allow for a loaded machine. */
const SLOW = { timeout: 15_000 };

describe("ExperimentPanel", { timeout: 60_000 }, () => {
  it("runs the selected experiment with its knobs, shows the live timeline, then the report", async () => {
    render(<ExperimentPanel />);
    fireEvent.click(screen.getByRole("button", { name: "Kill the node running most replicas" }));
    expect(location.hash).toBe("#/experiments/kill-node");
    fireEvent.change(screen.getByLabelText("tolerationSeconds"), { target: { value: "30" } });
    fireEvent.click(screen.getByRole("button", { name: "Run" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/^Kill the node running most replicas: watching/), SLOW);
    expect(requests.find((r) => r.kind === "experiment")).toEqual({ kind: "experiment", name: "kill-node", set: { tolerationSeconds: "30" } });
    // The run plays at the chosen speed (25× by default).
    expect(requests).toContainEqual({ kind: "clock", speed: 25 });
    const timeline = screen.getByRole("list", { name: "Timeline" });
    expect(within(timeline).getByRole("button", { name: /^\+0m00s sim: sim node kill node-\d$/ })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Skip to report" }));
    const report = await screen.findByRole("region", { name: "Report" }, SLOW);
    expect(within(report).getByRole("heading").textContent).toBe("Hypothesis broken");
    expect(within(report).getByRole("row", { name: /Time to replace 1m2\d\.\d+s/ })).toBeTruthy();
    expect(within(timeline).getByRole("button", { name: /taint-eviction-controller: taint-eviction-controller deleted 1 pod/ })).toBeTruthy();
    expect(screen.getByText(/tolerationSeconds 30 for node.kubernetes.io\/unreachable ran out/)).toBeTruthy();
    expect(screen.getByRole("status").textContent).toBe("Kill the node running most replicas: done. The hypothesis broke.");
  });

  it("selects a mark's object in the graph", async () => {
    render(<ExperimentPanel />);
    fireEvent.click(screen.getByRole("button", { name: "Run" }));
    await screen.findByRole("list", { name: "Timeline" }, SLOW);
    fireEvent.click(screen.getByRole("button", { name: "Skip to report" }));
    await screen.findByRole("region", { name: "Report" }, SLOW);
    const mark = screen.getByRole("button", { name: /node-controller: node-\d Ready=Unknown/ });
    const nodeName = /(node-\d) Ready=Unknown/.exec(mark.getAttribute("aria-label")!)![1]!;
    useKubelab.setState({ items: new Map([["uid-1", { kind: "Node", id: "uid-1", name: nodeName, status: "NotReady", roles: "<none>", taints: [], machineUp: false, cpu: "4", memory: "8Gi", podCapacity: 110, podCount: 0 }]]) });
    fireEvent.click(mark);
    expect(useKubelab.getState().selectedId).toBe("uid-1");
  });

  it("keeps reports to compare two runs side by side", async () => {
    render(<ExperimentPanel />);
    fireEvent.click(screen.getByRole("button", { name: "Kill the node under a 1-replica Deployment" }));
    fireEvent.click(screen.getByRole("button", { name: "Run" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/watching/), SLOW);
    fireEvent.click(screen.getByRole("button", { name: "Skip to report" }));
    await screen.findByRole("region", { name: "Report" }, SLOW);
    fireEvent.click(screen.getByRole("button", { name: "Keep for comparison" }));
    fireEvent.change(screen.getByLabelText("tolerationSeconds"), { target: { value: "30" } });
    fireEvent.click(screen.getByRole("button", { name: "Run" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/watching/), SLOW);
    fireEvent.click(screen.getByRole("button", { name: "Skip to report" }));
    const table = await screen.findByRole("table", { name: "Comparison" }, SLOW);
    expect(within(table).getByRole("columnheader", { name: "tolerationSeconds=300" })).toBeTruthy();
    expect(within(table).getByRole("columnheader", { name: "tolerationSeconds=30" })).toBeTruthy();
    expect(within(table).getByRole("row", { name: /^Time to replace 5m5\d\.\d+s 1m2\d\.\d+s$/ })).toBeTruthy();
  });

  it("shows the worker's error for a bad knob", async () => {
    render(<ExperimentPanel />);
    fireEvent.change(screen.getByLabelText("Replicas"), { target: { value: "0" } });
    fireEvent.click(screen.getByRole("button", { name: "Run" }));
    expect((await screen.findByRole("alert", {}, SLOW)).textContent).toBe("replicas must be at least 1");
  });
});
