// @vitest-environment jsdom
import { describe, it, expect, beforeAll, beforeEach, afterEach, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { ClusterGraph } from "./ClusterGraph";
import { useKubelab } from "../../state/store";
import { setEngine } from "../../state/bridge";
import type { PodView, RequestBody, ReplyBody, ViewItem } from "../../engine/protocol";
import { mkComponent, mkNode, mkPod, mkService, mkWorkload, syntheticCluster } from "./model/fixtures";
import { useFlights, useGraphUi } from "./graphStores";

// React Flow measures its container and nodes; jsdom has no layout, so give it a 1280×720 pane.
beforeAll(() => {
  class RO {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  vi.stubGlobal("ResizeObserver", RO);
  vi.stubGlobal("DOMMatrixReadOnly", class {
    m22 = 1;
    constructor(_t?: string) {}
  });
  Object.defineProperties(HTMLElement.prototype, {
    offsetWidth: { configurable: true, get: () => 1280 },
    offsetHeight: { configurable: true, get: () => 720 },
  });
  vi.stubGlobal("matchMedia", (q: string) => ({ matches: false, media: q, addEventListener() {}, removeEventListener() {} }));
});

function load(items: ViewItem[]) {
  act(() => {
    useKubelab.getState().applySnapshot({ type: "snapshot", seq: 0, clock: { now: 0, wallTime: "", paused: true, speed: 1 }, items, events: [] });
  });
}

const small: ViewItem[] = [
  mkComponent("kube-apiserver"),
  mkComponent("etcd"),
  mkComponent("kube-scheduler", false),
  mkComponent("kube-controller-manager"),
  mkNode("node-1"),
  mkNode("node-2", { status: "NotReady", machineUp: false, taints: ["node.kubernetes.io/unreachable:NoExecute"] }),
  mkWorkload("Deployment", "nginx-deployment"),
  mkWorkload("ReplicaSet", "nginx-deployment-7c5ddbdf54", { ownerKind: "Deployment", ownerId: "uid-nginx-deployment" }),
  mkPod("nginx-deployment-7c5ddbdf54-x2kqz", { nodeName: "node-1", ownerId: "uid-nginx-deployment-7c5ddbdf54" }),
  mkPod("nginx-deployment-7c5ddbdf54-h7bnm", { status: "Pending", phase: "Pending", ready: "0/1", createdAt: 2 }),
  mkService("nginx", { readyPodIds: ["uid-nginx-deployment-7c5ddbdf54-x2kqz"] }),
];

describe("ClusterGraph", () => {
  let requests: RequestBody[];
  let reply: ReplyBody;
  beforeEach(() => {
    requests = [];
    reply = { kind: "command", output: { out: "", err: "", code: 0 } };
    setEngine({ request: async (b) => (requests.push(b), reply) });
    useGraphUi.setState({ error: undefined, menuFor: undefined, busy: [] });
    useKubelab.setState({ showOwnership: true, selectedId: undefined });
  });
  afterEach(cleanup);

  it("names every drawn item by kind, name and status", () => {
    render(<ClusterGraph />);
    load(small);
    expect(screen.getByRole("button", { name: "Pod nginx-deployment-7c5ddbdf54-x2kqz Running" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Pod nginx-deployment-7c5ddbdf54-h7bnm Pending" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Node node-1 Ready" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Node node-2 NotReady" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "kube-scheduler stopped" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "kube-apiserver running" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Service nginx" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Deployment nginx-deployment" })).toBeTruthy();
    expect(screen.getByRole("img", { name: "kubectl" })).toBeTruthy();
    expect(screen.getByRole("group", { name: /^Pending \(unscheduled\), 1 pod/ })).toBeTruthy();
    expect(screen.getByText("machine off")).toBeTruthy();
    expect(screen.getByText("node.kubernetes.io/unreachable:NoExecute")).toBeTruthy();
  });

  it("selects what is clicked, for the inspector", () => {
    render(<ClusterGraph />);
    load(small);
    fireEvent.click(screen.getByRole("button", { name: "Pod nginx-deployment-7c5ddbdf54-x2kqz Running" }));
    expect(useKubelab.getState().selectedId).toBe("uid-nginx-deployment-7c5ddbdf54-x2kqz");
    fireEvent.click(screen.getByRole("button", { name: "Node node-1 Ready" }));
    expect(useKubelab.getState().selectedId).toBe("uid-node-1");
  });

  it("runs node actions as commands and shows a failing command's error", async () => {
    render(<ClusterGraph />);
    load(small);
    const node1 = screen.getByRole("group", { name: "Actions for node-1" });
    fireEvent.click(node1.querySelector("button")!); // Kill node
    await act(async () => {});
    expect(requests).toEqual([{ kind: "run", line: "sim node kill node-1" }]);
    reply = { kind: "command", output: { out: "", err: 'node "node-2" is already down\n', code: 1 } };
    const drain = [...screen.getByRole("group", { name: "Actions for node-2" }).querySelectorAll("button")].find((b) => b.textContent === "Drain")!;
    fireEvent.click(drain);
    await act(async () => {});
    expect(requests[1]).toEqual({ kind: "run", line: "kubectl drain node-2 --ignore-daemonsets --delete-emptydir-data --force" });
    expect(screen.getByRole("alert").textContent).toContain('node "node-2" is already down');
    fireEvent.click(screen.getByRole("button", { name: "Add node" }));
    await act(async () => {});
    expect(requests[2]).toEqual({ kind: "run", line: "sim node add node-3" });
  });

  it("offers only the actions that apply to the node's state", () => {
    render(<ClusterGraph />);
    load(small);
    const buttons = (node: string) => Object.fromEntries([...screen.getByRole("group", { name: `Actions for ${node}` }).querySelectorAll("button")].map((b) => [b.textContent, !b.disabled]));
    expect(buttons("node-1")).toEqual({ "Kill node": true, "Restore node": false, Cordon: true, Uncordon: false, Drain: true });
    expect(buttons("node-2")["Restore node"]).toBe(true);
  });

  it("hides workloads when ownership is toggled off", () => {
    render(<ClusterGraph />);
    load(small);
    fireEvent.click(screen.getByRole("button", { name: "Ownership" }));
    expect(useKubelab.getState().showOwnership).toBe(false);
    expect(screen.queryByRole("button", { name: "Deployment nginx-deployment" })).toBeNull();
  });

  it("summarises pods per node in dot view and opens a node's actions from its menu", async () => {
    render(<ClusterGraph />);
    load(syntheticCluster(20, 30, 0));
    // The node's count and its pods' buttons follow the dot scene's publication (a timer tick later).
    expect(await screen.findByRole("button", { name: /^Node node-2 Ready, 30 pods: \d+ Running/ }, { timeout: 5000 })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Actions for node node-2" }));
    expect(screen.getByRole("dialog", { name: "Node node-2 actions" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Kill node" })).toBeTruthy();
  });

  it("names every pod in dot view and lets the keyboard select one", async () => {
    render(<ClusterGraph />);
    const items = syntheticCluster(20, 30, 0);
    load(items);
    const pods = within(await screen.findByRole("group", { name: "Pods on node-2" }, { timeout: 5000 })).getAllByRole("button");
    expect(pods).toHaveLength(30);
    const first = items.find((i): i is PodView => i.kind === "Pod" && i.nodeName === "node-2")!;
    expect(pods[0]!.getAttribute("aria-label")).toBe(`Pod ${first.name} ${first.status}`);
    // One Tab stop per node; the arrow keys move along the dots' grid.
    expect(pods.map((b) => b.tabIndex).filter((t) => t === 0)).toHaveLength(1);
    act(() => pods[0]!.focus());
    fireEvent.keyDown(pods[0]!, { key: "ArrowDown" });
    expect(document.activeElement).toBe(pods[18]);
    fireEvent.keyDown(pods[18]!, { key: "ArrowRight" });
    expect(document.activeElement).toBe(pods[19]);
    fireEvent.click(pods[19]!);
    const chosen = items.filter((i): i is PodView => i.kind === "Pod" && i.nodeName === "node-2")[19]!;
    expect(useKubelab.getState().selectedId).toBe(chosen.id);
  });

  it("animates an API request along its edges and says what it does", () => {
    render(<ClusterGraph />);
    load(small);
    act(() => {
      useKubelab.getState().applyBatch({
        type: "batch",
        seq: 1,
        clock: { now: 1000, wallTime: "", paused: false, speed: 1 },
        upserts: [],
        removals: [],
        messages: [{ seq: 1, t: 1000, actor: "kubectl", from: "kubectl", verb: "create", resource: "deployments", namespace: "default", name: "web", code: 201, summary: "kubectl creates deployment default/web" }],
        droppedMessages: 0,
        events: [],
      });
    });
    // kubectl → kube-apiserver, kube-apiserver → etcd, then the controllers are woken. (jsdom has no
    // layout, so React Flow draws no edges here; the flights are checked in the graph's flight store.)
    const flights = useFlights.getState().byEdge;
    expect(Object.keys(flights).sort()).toEqual(["flow:etcd", "flow:kube-controller-manager", "flow:kubectl"]);
    expect(flights["flow:etcd"]![0]!.delay).toBeGreaterThan(0);
    expect(screen.getByText("kubectl creates deployment default/web")).toBeTruthy();
  });
});
