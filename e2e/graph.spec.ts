import { test, expect, type Locator, type Page } from "@playwright/test";
import { ShellPage } from "./pages/ShellPage";

// The cluster graph as a learner uses it: the control plane and the nodes named with their status, a
// Deployment's pods appearing and turning Running, node actions from the graph (kill and restore, cordon,
// add), and the ownership toggle. Elements are found by role and accessible name. Tests speed the
// simulated clock up instead of sleeping.

/** The graph region and the names its items carry (src/components/graph/model/labels.ts). */
class ClusterGraphView {
  readonly root: Locator;
  readonly addNode: Locator;
  readonly ownership: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole("region", { name: "Cluster graph" });
    this.addNode = this.root.getByRole("button", { name: "Add node" });
    this.ownership = this.root.getByRole("button", { name: "Ownership" });
  }

  /** A node's own button, named `Node <name> <STATUS>`. */
  node(name: string): Locator {
    return this.root.getByRole("button", { name: new RegExp(`^Node ${name} `) });
  }

  /** A node's box: its actions, marks and taints. */
  nodeBox(name: string): Locator {
    return this.root.getByRole("group", { name, exact: true });
  }

  action(node: string, label: "Kill node" | "Restore node" | "Cordon" | "Uncordon" | "Drain"): Locator {
    return this.nodeBox(node).getByRole("button", { name: label, exact: true });
  }

  pods(prefix: string, status: string): Locator {
    return this.root.getByRole("button", { name: new RegExp(`^Pod ${prefix}\\S* ${status}$`) });
  }
}

async function speed(page: Page, x: number): Promise<void> {
  await page.evaluate((s) => (window as unknown as { kubelab: { request(b: unknown): Promise<unknown> } }).kubelab.request({ kind: "clock", speed: s, paused: false }), x);
}

test.describe("cluster graph", () => {
  let shell: ShellPage;
  let graph: ClusterGraphView;

  test.beforeEach(async ({ page }) => {
    shell = new ShellPage(page);
    graph = new ClusterGraphView(page);
    await shell.goto();
    await expect(graph.node("node-1")).toBeVisible({ timeout: 30_000 });
  });

  test("names the control plane and every node with its status", async () => {
    for (const c of ["kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager"]) await expect(graph.root.getByRole("button", { name: `${c} running` })).toBeVisible();
    await expect(graph.root.getByRole("img", { name: "kubectl" })).toBeVisible();
    for (const n of ["control-plane", "node-1", "node-2", "node-3"]) await expect(graph.root.getByRole("button", { name: `Node ${n} Ready` })).toBeVisible();
    await expect(graph.nodeBox("node-1").getByText("kubelet", { exact: true })).toBeVisible();
    await expect(graph.nodeBox("control-plane").getByText("node-role.kubernetes.io/control-plane:NoSchedule")).toBeVisible();
    expect(shell.uncaught).toEqual([]);
  });

  test("a Deployment's pods appear, are scheduled and turn Running", async ({ page }) => {
    await speed(page, 10);
    await shell.run("kubectl create deployment web --image=nginx --replicas=3");
    await expect(graph.root.getByRole("button", { name: "Deployment web" })).toBeVisible();
    await expect(graph.pods("web-", "Running")).toHaveCount(3, { timeout: 60_000 });
    // Selecting a pod is what the inspector shows.
    const pod = graph.pods("web-", "Running").first();
    await pod.click();
    await expect(pod).toHaveClass(/kl-selected/);
    await graph.ownership.click();
    await expect(graph.ownership).toHaveAttribute("aria-pressed", "false");
    await expect(graph.root.getByRole("button", { name: "Deployment web" })).toHaveCount(0);
  });

  test("killing a node from the graph greys it at once, then the API marks it NotReady and taints it", async ({ page }) => {
    await graph.action("node-1", "Kill node").click();
    await expect(graph.nodeBox("node-1").getByText("machine off")).toBeVisible();
    await expect(graph.action("node-1", "Kill node")).toBeDisabled();
    await expect(graph.action("node-1", "Restore node")).toBeEnabled();
    // node-monitor-grace-period is 40 s of simulated time.
    await speed(page, 25);
    await expect(graph.root.getByRole("button", { name: "Node node-1 NotReady" })).toBeVisible({ timeout: 60_000 });
    await expect(graph.nodeBox("node-1").getByText("node.kubernetes.io/unreachable:NoExecute")).toBeVisible({ timeout: 60_000 });
    await graph.action("node-1", "Restore node").click();
    await expect(graph.root.getByRole("button", { name: "Node node-1 Ready" })).toBeVisible({ timeout: 60_000 });
  });

  test("cordon and uncordon from the graph", async () => {
    await graph.action("node-2", "Cordon").click();
    await expect(graph.root.getByRole("button", { name: "Node node-2 Ready,SchedulingDisabled" })).toBeVisible();
    await expect(graph.action("node-2", "Uncordon")).toBeEnabled();
    await graph.action("node-2", "Uncordon").click();
    await expect(graph.root.getByRole("button", { name: "Node node-2 Ready" })).toBeVisible();
  });

  test("Add node adds the next node-N", async ({ page }) => {
    await graph.addNode.click();
    await speed(page, 10);
    await expect(graph.node("node-4")).toBeVisible({ timeout: 30_000 });
    await expect(graph.root.getByRole("button", { name: "Node node-4 Ready" })).toBeVisible({ timeout: 60_000 });
  });
});
