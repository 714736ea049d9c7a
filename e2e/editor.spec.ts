import { test, expect, type Locator, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { ShellPage } from "./pages/ShellPage";

// The editing and commanding parts against the production build: paste a manifest into Monaco and
// apply it, watch kubectl's answers in the terminal, see an invalid manifest refused with a marker on the
// right line, open a gallery example, and follow an event to the inspector's "Why this node?".

const NGINX = readFileSync(new URL("../src/engine/scenarios/fixtures/nginx-deployment.yaml", import.meta.url), "utf8");

/** nginx-deployment.yaml with `replicas: "3"` (a string) on line 8: the API server's decoder refuses it. */
const QUOTED_REPLICAS = NGINX.replace("replicas: 3", 'replicas: "3"');

class Editor {
  readonly surface: Locator;
  readonly apply: Locator;
  readonly remove: Locator;
  readonly output: Locator;
  readonly problems: Locator;
  readonly terminal: Locator;
  readonly terminalLog: Locator;

  constructor(readonly page: Page) {
    this.surface = page.locator(".editor .monaco-editor");
    this.apply = page.getByRole("button", { name: "Apply", exact: true });
    this.remove = page.getByRole("button", { name: "Delete", exact: true });
    this.output = page.getByRole("status", { name: "Command output" });
    this.problems = page.getByRole("list", { name: "Problems" });
    this.terminal = page.getByRole("textbox", { name: "Terminal" });
    this.terminalLog = page.getByRole("log", { name: "Terminal output" });
  }

  /** Replaces the active file's text the way a learner's Ctrl+V does (a real paste event into Monaco). */
  async paste(text: string): Promise<void> {
    await this.surface.waitFor({ timeout: 30_000 });
    await this.surface.click();
    await this.page.keyboard.press("ControlOrMeta+a");
    await this.page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.setData("text/plain", t);
      const target = document.querySelector(".editor .monaco-editor textarea") ?? document.activeElement!;
      target.dispatchEvent(new ClipboardEvent("paste", { bubbles: true, cancelable: true, clipboardData: dt }));
    }, text);
  }

  async run(line: string): Promise<void> {
    await this.terminal.fill(line);
    await this.terminal.press("Enter");
  }
}

test.describe("editor and terminal", () => {
  test("paste and apply nginx-deployment.yaml: three pods Running, and kubectl get pods prints them", async ({ page }) => {
    test.setTimeout(90_000);
    const shell = new ShellPage(page);
    await shell.goto();
    const editor = new Editor(page);
    await shell.speed.selectOption("25");
    await editor.paste(NGINX);
    await expect.poll(() => shell.savedFiles()).toEqual([{ name: "manifest.yaml", text: NGINX }]);
    await editor.apply.click();
    await expect(editor.output).toHaveText("$ kubectl apply -f manifest.yaml\ndeployment.apps/nginx-deployment created\n");

    await expect
      .poll(async () => {
        await editor.run("kubectl get pods");
        return editor.terminalLog.locator("pre").last().textContent();
      }, { timeout: 60_000, intervals: [1500] })
      .toMatch(/^\$ kubectl get pods\nNAME +READY +STATUS +RESTARTS +AGE\n(nginx-deployment-[a-z0-9]+-[a-z0-9]{5} +1\/1 +Running +0 +\S+\n){3}$/);
    await shell.screenshot("editor-applied-light");
    expect(shell.uncaught).toEqual([]);
  });

  test("an invalid manifest is refused with kubectl's error inline at its line, and nothing is applied", async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.goto();
    const editor = new Editor(page);
    await editor.paste(QUOTED_REPLICAS);
    await editor.apply.click();
    const message =
      'Error from server (BadRequest): error when creating "manifest.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32';
    await expect(editor.problems).toHaveText(`Error line 8, column 3: ${message}`);
    await expect(editor.output).toContainText(message);

    // The marker sits on line 8 of the editor.
    const squiggle = editor.surface.locator(".squiggly-error").first();
    await expect(squiggle).toBeVisible();
    const lineNumber = editor.surface.locator(".line-numbers", { hasText: /^8$/ });
    const [s, l] = [await squiggle.boundingBox(), await lineNumber.boundingBox()];
    expect(Math.abs(s!.y + s!.height / 2 - (l!.y + l!.height / 2))).toBeLessThan(l!.height);

    await editor.run("kubectl get deployments");
    await expect(editor.terminalLog.locator("pre").last()).toHaveText("$ kubectl get deployments\nNo resources found in default namespace.\n");
    await shell.screenshot("editor-invalid-light");
    expect(shell.uncaught).toEqual([]);
  });

  test("the schema flags an unknown field while typing, before anything is applied", async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.goto();
    const editor = new Editor(page);
    await editor.paste(NGINX.replace("replicas: 3", "replica: 3"));
    await expect(editor.problems).toContainText('line 8, column 3: Error from server (BadRequest): error when creating "manifest.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"', { timeout: 10_000 });
    // monaco-yaml's own schema marker carries the JSON Schema's wording.
    await editor.surface.locator(".view-line", { hasText: "replica: 3" }).hover({ position: { x: 24, y: 6 } });
    await expect(page.locator(".monaco-hover").filter({ hasText: "Property replica is not allowed." })).toBeVisible({ timeout: 10_000 });
    expect(shell.uncaught).toEqual([]);
  });

  test("the terminal completes with Tab and recalls history with ↑", async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.goto();
    const editor = new Editor(page);
    await editor.terminal.fill("kubectl get dep");
    await editor.terminal.press("Tab");
    await expect(editor.terminal).toHaveValue("kubectl get deployments.apps ");
    await editor.terminal.fill("kubectl get nodes");
    await editor.terminal.press("Enter");
    await expect(editor.terminalLog).toContainText(/node-1 +Ready +<none>/);
    await editor.terminal.press("ArrowUp");
    await expect(editor.terminal).toHaveValue("kubectl get nodes");
    await editor.terminal.press("Control+l");
    await expect(editor.terminalLog).toHaveText("");
    expect(shell.uncaught).toEqual([]);
  });

  test("a gallery example opens in a new tab; an event leads to the inspector's Why this node?", async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.goto();
    const editor = new Editor(page);
    await shell.speed.selectOption("25");
    await page.getByRole("button", { name: /Examples/ }).click();
    await page.getByRole("menuitem", { name: "Pod: one nginx container" }).click();
    await expect(page.getByRole("tab", { name: "pod-hello.yaml" })).toHaveAttribute("aria-selected", "true");
    await editor.surface.click();
    await page.keyboard.press("ControlOrMeta+Enter");
    await expect(editor.output).toHaveText("$ kubectl apply -f pod-hello.yaml\npod/hello created\n");

    await page.getByRole("button", { name: "Select pod/hello" }).first().click();
    const inspector = page.getByRole("complementary", { name: "Side panel" }).getByRole("region", { name: "Inspector" });
    await expect(inspector.getByRole("heading", { name: "default/hello" })).toBeVisible();
    await expect(inspector.getByRole("tabpanel")).toContainText(/Name:\s+hello/);
    await inspector.getByRole("tab", { name: "Why this node?" }).click();
    const table = inspector.getByRole("table", { name: "Scheduler decision per node" });
    await expect(table).toContainText("✓ chosen");
    await expect(table).toContainText("control-plane");
    await shell.screenshot("inspector-why-node-light");
    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await shell.screenshot("inspector-why-node-dark");
    await page.getByRole("tab", { name: "Editor" }).click();
    await shell.screenshot("editor-dark");
    expect(shell.uncaught).toEqual([]);
  });
});
