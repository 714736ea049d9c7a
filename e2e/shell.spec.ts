import { test, expect, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { ShellPage } from "./pages/ShellPage";

const NGINX = readFileSync(new URL("../src/engine/scenarios/fixtures/nginx-deployment.yaml", import.meta.url), "utf8");

/** Waits (in real time) until the simulated clock has moved at least `seconds` past `from`. */
async function clockPast(shell: ShellPage, from: number, seconds: number, timeout = 15_000): Promise<void> {
  await expect.poll(() => shell.clockSeconds(), { timeout }).toBeGreaterThanOrEqual(from + seconds);
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test.describe("shell", () => {
  test("the clock runs, Pause stops it, Speed changes its rate, Step and Skip ahead pause it", async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.goto();
    // A fresh cluster has booted for two simulated minutes before the learner arrives.
    const start = await shell.clockSeconds();
    expect(start).toBeGreaterThanOrEqual(120);
    await clockPast(shell, start, 2);

    await shell.pause.click();
    await expect(shell.play).toBeVisible();
    const paused = await shell.clockSeconds();
    await page.waitForTimeout(1500);
    expect(await shell.clockSeconds()).toBe(paused);

    await shell.speed.selectOption("100");
    await expect(shell.speed).toHaveValue("100");
    await shell.play.click();
    await expect(shell.pause).toBeVisible();
    const fast = await shell.clockSeconds();
    // At 100× a real second is a hundred simulated ones: 60 s pass well within 3 real seconds.
    await clockPast(shell, fast, 60, 3000);

    await shell.step.click();
    await expect(shell.play).toBeVisible();
    // Batches the worker posted at 100× before it handled the step may still arrive: wait until the clock
    // settles, then it must stay put.
    let stepped = await shell.clockSeconds();
    await expect
      .poll(async () => {
        const before = stepped;
        await page.waitForTimeout(300);
        stepped = await shell.clockSeconds();
        return stepped === before;
      }, { timeout: 5000 })
      .toBe(true);
    await page.waitForTimeout(1000);
    expect(await shell.clockSeconds()).toBe(stepped);

    await shell.run("kubectl create deployment web --image=nginx");
    await shell.skipAhead.click();
    await expect(shell.play).toBeVisible();
    expect(await shell.clockSeconds()).toBeGreaterThanOrEqual(stepped);
    expect(shell.uncaught).toEqual([]);
  });

  test("a reload keeps the settings, the files and the cluster", async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.goto();
    await shell.speed.selectOption("25");
    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await shell.dropFile("nginx.yaml", NGINX);
    await expect.poll(() => shell.savedFiles()).toEqual([{ name: "nginx.yaml", text: NGINX }]);
    expect(await shell.run("kubectl apply -f nginx.yaml")).toBe("deployment.apps/nginx-deployment created\n");
    await expect.poll(() => shell.run("kubectl get deployment nginx-deployment -o jsonpath={.status.readyReplicas}"), { timeout: 20_000 }).toBe("3\n");
    const before = await shell.clockSeconds();
    const pods = await shell.run("kubectl get pods -o name");

    await page.reload();
    await shell.waitForEngine();
    await expect(shell.speed).toHaveValue("25");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(await shell.savedFiles()).toEqual([{ name: "nginx.yaml", text: NGINX }]);
    // The cluster is replayed from its journal: the same pods (same generated names), and time did not go back
    // further than the last few seconds the page had not saved yet.
    expect(await shell.run("kubectl get pods -o name")).toBe(pods);
    expect(await shell.clockSeconds()).toBeGreaterThanOrEqual(before - 5 * 25);
    expect(shell.uncaught).toEqual([]);
  });

  test("Reset cluster starts a fresh cluster and keeps the files", async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.goto();
    await shell.pasteText(NGINX);
    await expect.poll(() => shell.savedFiles()).toEqual([{ name: "nginx-deployment.yaml", text: NGINX }]);
    await shell.run("kubectl create deployment web --image=nginx");
    await shell.speed.selectOption("100");
    await clockPast(shell, await shell.clockSeconds(), 100);
    await shell.resetCluster.click();
    await expect(page.getByRole("status").filter({ hasText: "Started a fresh cluster." })).toBeVisible();
    expect(await shell.run("kubectl get deployments")).toBe("No resources found in default namespace.\n");
    expect(await shell.clockSeconds()).toBeLessThan(120 + 60);
    expect(await shell.savedFiles()).toEqual([{ name: "nginx-deployment.yaml", text: NGINX }]);
  });

  test("a Share link opens the same files in a new page", async ({ page, browser }) => {
    const shell = new ShellPage(page);
    await shell.goto();
    await shell.dropFile("nginx.yaml", NGINX);
    await shell.dropFile("notes.yml", "# a comment\n");
    await expect.poll(async () => (await shell.savedFiles()).length).toBe(2);
    await shell.share.click();
    const url = await shell.shareLink.inputValue();
    expect(url).toMatch(/#\/share\/[A-Za-z0-9_-]+$/);

    // A different browser profile: nothing saved, only the link.
    const other = await browser.newContext();
    const page2 = await other.newPage();
    const shell2 = new ShellPage(page2);
    await page2.goto(url);
    await shell2.waitForEngine();
    await expect(page2.getByRole("status").filter({ hasText: "Opened 2 shared files." })).toBeVisible();
    await expect.poll(() => shell2.savedFiles()).toEqual([
      { name: "nginx.yaml", text: NGINX },
      { name: "notes.yml", text: "# a comment\n" },
    ]);
    // The link is consumed: the address bar shows the home route again.
    expect(new URL(page2.url()).hash).toBe("#/");
    expect(shell2.uncaught).toEqual([]);
    await other.close();
  });

  test("routes open their side-panel tab", async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.goto("/#/experiments/node-failure");
    await expect(shell.tab("Experiments")).toHaveAttribute("aria-selected", "true");
    await shell.tab("Lesson").click();
    await expect(page).toHaveURL(/#\/lessons$/);
    await expect(shell.tab("Lesson")).toHaveAttribute("aria-selected", "true");
    await shell.tab("Editor").click();
    await expect(shell.tab("Editor")).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("ArrowRight");
    await expect(shell.tab("Inspector")).toHaveAttribute("aria-selected", "true");
  });

  test("screenshots of the shell in light and dark, at 1280×720 without horizontal scrolling", async ({ page }) => {
    const shell = new ShellPage(page);
    await page.emulateMedia({ colorScheme: "light" });
    await shell.goto();
    await shell.dropFile("nginx.yaml", NGINX);
    // The drop reads the file asynchronously: wait until it is an editor tab (and saved) before using it.
    await expect.poll(() => shell.savedFiles()).toEqual([{ name: "nginx.yaml", text: NGINX }]);
    expect(await shell.run("kubectl apply -f nginx.yaml")).toBe("deployment.apps/nginx-deployment created\n");
    await shell.speed.selectOption("10");
    await expect.poll(() => shell.run("kubectl get deployment nginx-deployment -o jsonpath={.status.readyReplicas}"), { timeout: 20_000 }).toBe("3\n");
    await expect(shell.clusterRegion).toBeVisible();
    await noHorizontalScroll(page);
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    await shell.screenshot("shell-light");
    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await noHorizontalScroll(page);
    await shell.screenshot("shell-dark");
    expect(shell.uncaught).toEqual([]);
  });
});
