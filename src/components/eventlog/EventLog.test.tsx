// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EventRow } from "../../engine/protocol";
import { useKubelab } from "../../state/store";
import { installFakeEngine, resetStore } from "../editor/testing/fakeEngine";
import { EventLog, LIVE_ROWS } from "./EventLog";

const NOW = 600_000;

function ev(id: string, t: number, type: "Normal" | "Warning", reason: string, object: string, message: string, objectId?: string): EventRow {
  const [kind, name] = object.split("/") as [string, string];
  return { id, t, namespace: "default", type, reason, object, objectKind: kind, objectName: name, message, count: 1, source: "kubelet", ...(objectId ? { objectId } : {}) };
}

const EVENTS: EventRow[] = [
  ev("e2", NOW - 65_000, "Normal", "Pulled", "pod/web-1", 'Successfully pulled image "nginx:1.27"', "uid-web-1"),
  ev("e1", NOW - 190_000, "Normal", "Scheduled", "pod/web-1", "Successfully assigned default/web-1 to node-2", "uid-web-1"),
  ev("e3", NOW - 5_000, "Warning", "FailedScheduling", "pod/big", "0/4 nodes are available: 4 Insufficient cpu.", "uid-big"),
  ev("e4", NOW - 1_000, "Normal", "RegisteredNode", "node/node-4", "Node node-4 event: Registered Node node-4 in Controller"),
];

beforeEach(() => {
  installFakeEngine(() => undefined);
  resetStore({ events: EVENTS, clock: { now: NOW, wallTime: "", paused: true, speed: 1 } });
});

afterEach(cleanup);

const bodyRows = () => within(screen.getByRole("table", { name: "Events" })).getAllByRole("row").slice(1);
const cells = (row: HTMLElement) => within(row).getAllByRole("cell").map((c) => c.textContent);

describe("EventLog", () => {
  it("prints kubectl get events -A columns, oldest first, LAST SEEN relative to the simulated clock", () => {
    render(<EventLog />);
    const headers = within(screen.getByRole("table", { name: "Events" })).getAllByRole("columnheader").map((h) => h.textContent);
    expect(headers).toEqual(["NAMESPACE", "LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]);
    expect(bodyRows().map(cells)).toEqual([
      ["default", "3m10s", "Normal", "Scheduled", "pod/web-1", "Successfully assigned default/web-1 to node-2"],
      ["default", "65s", "Normal", "Pulled", "pod/web-1", 'Successfully pulled image "nginx:1.27"'],
      ["default", "5s", "Warning", "FailedScheduling", "pod/big", "0/4 nodes are available: 4 Insufficient cpu."],
      ["default", "1s", "Normal", "RegisteredNode", "node/node-4", "Node node-4 event: Registered Node node-4 in Controller"],
    ]);
  });

  it("filters by text (every word must match) and by Warning type", () => {
    render(<EventLog />);
    fireEvent.change(screen.getByRole("searchbox", { name: "Filter events" }), { target: { value: "web-1 PULLED" } });
    expect(bodyRows().map((r) => cells(r)[3])).toEqual(["Pulled"]);
    expect(screen.getByText("1 of 4 events")).toBeTruthy();
    fireEvent.change(screen.getByRole("searchbox", { name: "Filter events" }), { target: { value: "" } });
    fireEvent.click(screen.getByRole("checkbox", { name: "Warnings only" }));
    expect(bodyRows().map((r) => cells(r)[3])).toEqual(["FailedScheduling"]);
    fireEvent.change(screen.getByRole("searchbox", { name: "Filter events" }), { target: { value: "node-4" } });
    expect(screen.getByText("No events match the filter.")).toBeTruthy();
  });

  it("selects the object of a row (button or row click); rows without an object id are not selectable", () => {
    render(<EventLog />);
    fireEvent.click(screen.getByRole("button", { name: "Select pod/big" }));
    expect(useKubelab.getState().selectedId).toBe("uid-big");
    fireEvent.click(bodyRows()[0]!);
    expect(useKubelab.getState().selectedId).toBe("uid-web-1");
    expect(screen.queryByRole("button", { name: "Select node/node-4" })).toBeNull();
  });

  it("draws only the newest LIVE_ROWS rows while following new events", () => {
    const many = Array.from({ length: 100 }, (_, i) => ev(`m${i}`, NOW - (100 - i) * 1000, "Normal", "Pulled", `pod/p-${i}`, "pulled"));
    resetStore({ events: many, clock: { now: NOW, wallTime: "", paused: true, speed: 1 } });
    render(<EventLog />);
    const drawn = bodyRows();
    expect(drawn).toHaveLength(LIVE_ROWS);
    expect(cells(drawn[drawn.length - 1]!)[4]).toBe("pod/p-99");
    // The count still says how many there are; the filter reaches every one of them.
    expect(screen.getByText("100 events")).toBeTruthy();
    fireEvent.change(screen.getByRole("searchbox", { name: "Filter events" }), { target: { value: "p-42" } });
    expect(bodyRows().map((r) => cells(r)[4])).toEqual(["pod/p-42"]);
  });

  it("says so when there are no events", () => {
    resetStore();
    render(<EventLog />);
    expect(screen.getByText("No events yet.")).toBeTruthy();
  });
});
