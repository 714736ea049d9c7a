import { test, expect } from "@playwright/test";
import { ExperimentsPage } from "./pages/ExperimentsPage";

test.describe("experiments", () => {
  test("Kill a node: run it from the page, read the timeline and the report", async ({ page }) => {
    const xp = new ExperimentsPage(page);
    await xp.goto("kill-node");
    await expect(xp.panel.getByRole("button", { name: "Kill the node running most replicas" })).toHaveAttribute("aria-pressed", "true");
    await xp.knob("tolerationSeconds").fill("30");
    await xp.run.click();
    await expect(xp.status).toContainText("watching", { timeout: 15_000 });
    // The failure is the first mark after the last heartbeat; the graph shows the node going down.
    await expect(xp.timeline.getByRole("button", { name: /^\+0m00s sim: sim node kill node-\d$/ })).toBeVisible();
    await xp.skipToReport.click();
    await expect(xp.report.getByRole("heading", { name: "Hypothesis broken" })).toBeVisible({ timeout: 15_000 });
    await expect(xp.report.getByRole("row", { name: /Time to replace 1m2\d\.\d+s/ })).toBeVisible();
    // Why the pods came back when they did: the toleration ran out 30s after the taint.
    await expect(xp.panel.getByText(/tolerationSeconds 30 for node\.kubernetes\.io\/unreachable ran out/)).toBeVisible();
    await expect(xp.status).toHaveText("Kill the node running most replicas: done. The hypothesis broke.");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(xp.uncaught).toEqual([]);
  });
});
