// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ObjectDetails, PodView, ViewItem, WorkloadView } from "../../engine/protocol";
import { useKubelab } from "../../state/store";
import { installFakeEngine, resetStore, type FakeEngine } from "../editor/testing/fakeEngine";
import { Inspector } from "./Inspector";

const pod: PodView = {
  kind: "Pod", id: "uid-pod", namespace: "default", name: "web-7c5ddbdf54-x2kqz", nodeName: "node-2", status: "Running", phase: "Running",
  ready: "1/1", restarts: 0, ownerKind: "ReplicaSet", ownerId: "uid-rs", labels: { app: "web" }, terminating: false, createdAt: 1000,
};
const pending: PodView = { ...pod, id: "uid-big", name: "big", nodeName: undefined, status: "Pending", phase: "Pending", ready: "0/1" } as PodView;
const rs: WorkloadView = { kind: "ReplicaSet", id: "uid-rs", namespace: "default", name: "web-7c5ddbdf54", ready: "3/3", desired: 3, ownerKind: "Deployment", ownerId: "uid-deploy" };

const FIT_ERROR = "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.";

const podDetails: ObjectDetails = {
  describe: "Name:             web-7c5ddbdf54-x2kqz\nNamespace:        default\n",
  yaml: "apiVersion: v1\nkind: Pod\n",
  events: [{ id: "ev1", t: 50_000, namespace: "default", type: "Normal", reason: "Scheduled", object: "pod/web-7c5ddbdf54-x2kqz", objectKind: "Pod", objectName: "web-7c5ddbdf54-x2kqz", objectId: "uid-pod", message: "Successfully assigned default/web-7c5ddbdf54-x2kqz to node-2", count: 1, source: "default-scheduler" }],
  owners: [{ kind: "ReplicaSet", name: "web-7c5ddbdf54", id: "uid-rs" }],
  dependents: [],
  scheduling: {
    pod: "default/web-7c5ddbdf54-x2kqz",
    t: 50_000,
    nodeName: "node-2",
    nodes: [
      { node: "control-plane", filters: { NodeUnschedulable: "", TaintToleration: "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }" } },
      { node: "node-1", filters: { NodeUnschedulable: "", TaintToleration: "" }, scores: { TaintToleration: 300, NodeResourcesFit: 94 }, total: 394 },
      { node: "node-2", filters: { NodeUnschedulable: "", TaintToleration: "" }, scores: { TaintToleration: 300, NodeResourcesFit: 97 }, total: 397 },
    ],
  },
};

const pendingDetails: ObjectDetails = { ...podDetails, owners: [], scheduling: { pod: "default/big", t: 60_000, message: FIT_ERROR, nodes: [] } };

let fake: FakeEngine;

beforeEach(() => {
  resetStore({ items: new Map<string, ViewItem>([[pod.id, pod], [pending.id, pending], [rs.id, rs]]), clock: { now: 110_000, wallTime: "", paused: true, speed: 1 } });
  fake = installFakeEngine((body) => {
    if (body.kind !== "details") return undefined;
    if (body.id === "uid-pod") return { kind: "details", details: podDetails };
    if (body.id === "uid-big") return { kind: "details", details: pendingDetails };
    if (body.id === "uid-rs") return { kind: "details", details: { describe: "Name:         web-7c5ddbdf54\n", yaml: "", events: [], owners: [], dependents: [{ kind: "Pod", name: pod.name, id: pod.id }] } };
    return { kind: "details", details: null };
  });
});

afterEach(cleanup);

const select = (id: string | undefined) => act(() => useKubelab.getState().select(id));

describe("Inspector", () => {
  it("invites a selection when nothing is selected", () => {
    render(<Inspector />);
    expect(screen.getByText(/Select a node, pod or other object/)).toBeTruthy();
    expect(fake.requests).toEqual([]);
  });

  it("asks the engine for the selected object's details and shows kubectl describe", async () => {
    render(<Inspector />);
    select("uid-pod");
    expect(screen.getByRole("heading", { name: "default/web-7c5ddbdf54-x2kqz" })).toBeTruthy();
    const panel = screen.getByRole("tabpanel");
    await waitFor(() => expect(panel.textContent).toBe(podDetails.describe));
    expect(fake.of("details")).toEqual([{ kind: "details", id: "uid-pod" }]);
    expect(screen.getByRole("tab", { name: "Describe" }).getAttribute("aria-selected")).toBe("true");
  });

  it("shows YAML, events and relations; an owner is selectable", async () => {
    render(<Inspector />);
    select("uid-pod");
    await screen.findByText(/Name:\s+web-7c5ddbdf54-x2kqz/);
    fireEvent.click(screen.getByRole("tab", { name: "YAML" }));
    expect(screen.getByRole("tabpanel").textContent).toBe("apiVersion: v1\nkind: Pod\n");
    fireEvent.click(screen.getByRole("tab", { name: "Events (1)" }));
    const row = within(screen.getByRole("table", { name: "Object events" })).getAllByRole("row")[1]!;
    expect(within(row).getAllByRole("cell").map((c) => c.textContent)).toEqual(["Normal", "Scheduled", "60s", "default-scheduler", podDetails.events[0]!.message]);
    fireEvent.click(screen.getByRole("tab", { name: "Relations" }));
    fireEvent.click(screen.getByRole("button", { name: "ReplicaSet web-7c5ddbdf54" }));
    expect(useKubelab.getState().selectedId).toBe("uid-rs");
    await waitFor(() => expect(screen.getByRole("heading", { name: "default/web-7c5ddbdf54" })).toBeTruthy());
    fireEvent.click(screen.getByRole("tab", { name: "Relations" }));
    await screen.findByRole("button", { name: `Pod ${pod.name}` });
  });

  it("explains why a pod landed on its node: filters, weighted scores and totals, chosen node first", async () => {
    render(<Inspector />);
    select("uid-pod");
    await screen.findByText(/Name:/);
    fireEvent.click(screen.getByRole("tab", { name: "Why this node?" }));
    const table = screen.getByRole("table", { name: "Scheduler decision per node" });
    const rows = within(table).getAllByRole("row").map((r) => [...r.querySelectorAll("th,td")].map((c) => c.textContent));
    expect(rows).toEqual([
      ["NODE", "FILTERS", "TOTAL"],
      ["node-2 ✓ chosen", "passed", "397"],
      ["TaintToleration 300NodeResourcesFit 97"],
      ["node-1", "passed", "394"],
      ["TaintToleration 300NodeResourcesFit 94"],
      ["control-plane", "TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }", "—"],
    ]);
    expect(within(screen.getByRole("list", { name: "Scores on node-2" })).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "TaintToleration 300",
      "NodeResourcesFit 97",
    ]);
    expect(screen.getByText(/it passed every filter and had the highest total score\.$/)).toBeTruthy();
    fireEvent.click(screen.getByRole("checkbox", { name: "Show every filter plugin" }));
    expect(within(screen.getByRole("table", { name: "Filter plugin verdicts per node" })).getAllByRole("row")).toHaveLength(4);
  });

  it("explains why a pod is Pending with the scheduler's FitError message", async () => {
    render(<Inspector />);
    select("uid-big");
    await screen.findByText(/Name:/);
    fireEvent.click(screen.getByRole("tab", { name: "Why Pending?" }));
    expect(screen.getByRole("note").textContent).toBe(FIT_ERROR);
  });

  it("refreshes when the selected item changes in the store, and not for other items", async () => {
    render(<Inspector />);
    select("uid-pod");
    await screen.findByText(/Name:/);
    expect(fake.of("details")).toHaveLength(1);
    act(() => {
      const items = new Map(useKubelab.getState().items);
      items.set(rs.id, { ...rs, ready: "2/3" });
      useKubelab.setState({ items });
    });
    expect(fake.of("details")).toHaveLength(1);
    act(() => {
      const items = new Map(useKubelab.getState().items);
      items.set(pod.id, { ...pod, restarts: 1 });
      useKubelab.setState({ items });
    });
    await waitFor(() => expect(fake.of("details")).toHaveLength(2));
    expect(screen.getByText(/1 restarts/)).toBeTruthy();
  });

  it("closes with the × button", async () => {
    render(<Inspector />);
    select("uid-pod");
    fireEvent.click(screen.getByRole("button", { name: "Close inspector" }));
    expect(useKubelab.getState().selectedId).toBeUndefined();
  });
});
