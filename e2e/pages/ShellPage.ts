import { expect, type Locator, type Page } from "@playwright/test";
import { screenshotSettled } from "./screenshot";

/** Parses the header clock ("0:02:05", "1d 3:04:05") into simulated seconds. */
export function clockSeconds(text: string): number {
  const m = /^(?:(\d+)d )?(\d+):(\d\d):(\d\d)$/.exec(text.trim());
  if (!m) throw new Error(`not a simulated clock reading: ${JSON.stringify(text)}`);
  return Number(m[1] ?? 0) * 86_400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

/**
 * ShellPage is the page frame as a learner meets it: the header's clock and time controls, the page-wide
 * actions, the side panel's tabs and the regions the other panels live in. Elements are found by role and
 * accessible name, as assistive technology finds them.
 */
export class ShellPage {
  readonly heading: Locator;
  readonly clock: Locator;
  readonly play: Locator;
  readonly pause: Locator;
  readonly speed: Locator;
  readonly step: Locator;
  readonly skipAhead: Locator;
  readonly resetCluster: Locator;
  readonly share: Locator;
  readonly shareLink: Locator;
  readonly clusterRegion: Locator;
  readonly fatal: Locator;
  /** Console errors and uncaught exceptions seen since construction, in order. */
  readonly errors: string[] = [];
  /** Uncaught exceptions only (console errors may come from third-party workers such as Monaco's). */
  readonly uncaught: string[] = [];

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Kubelab" });
    this.clock = page.getByRole("timer", { name: "Simulated clock" });
    this.play = page.getByRole("button", { name: "Play", exact: true });
    this.pause = page.getByRole("button", { name: "Pause", exact: true });
    this.speed = page.getByRole("combobox", { name: "Speed" });
    this.step = page.getByRole("button", { name: "Step", exact: true });
    this.skipAhead = page.getByRole("button", { name: "Skip ahead" });
    this.resetCluster = page.getByRole("banner").getByRole("button", { name: "Reset cluster" });
    this.share = page.getByRole("button", { name: "Share", exact: true });
    this.shareLink = page.getByRole("textbox", { name: "Share link" });
    this.clusterRegion = page.getByRole("region", { name: "Cluster", exact: true });
    this.fatal = page.getByRole("alert").filter({ hasText: "The simulation engine stopped." });
    page.on("console", (message) => {
      if (message.type() === "error") this.errors.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => {
      this.errors.push(`uncaught: ${error.message}`);
      this.uncaught.push(error.message);
    });
  }

  async goto(path = "/"): Promise<void> {
    await this.page.goto(path);
    await this.waitForEngine();
  }

  /** Waits until the worker has sent its first view (the clock shows a time). */
  async waitForEngine(): Promise<void> {
    await expect(this.clock).toHaveText(/\d+:\d\d:\d\d/, { timeout: 30_000 });
    await expect(this.page.getByText("Starting the cluster…")).toHaveCount(0, { timeout: 60_000 });
  }

  async clockSeconds(): Promise<number> {
    return clockSeconds((await this.clock.textContent()) ?? "");
  }

  tab(name: "Editor" | "Inspector" | "Lesson" | "Experiments"): Locator {
    return this.page.getByRole("tab", { name });
  }

  /** The editor files the page saved for the next visit (what a reload or a Share link restores). */
  async savedFiles(): Promise<{ name: string; text: string }[]> {
    return this.page.evaluate(() => {
      const raw = localStorage.getItem("kubelab.files.v1");
      return raw ? (JSON.parse(raw) as { files: { name: string; text: string }[] }).files : [];
    });
  }

  /** Drops a file on the page, as dragging it from the desktop does. */
  async dropFile(name: string, text: string): Promise<void> {
    await this.page.evaluate(
      ([n, t]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([t], n, { type: "application/yaml" }));
        const target = document.querySelector("main") ?? document.body;
        target.dispatchEvent(new DragEvent("dragenter", { bubbles: true, dataTransfer: dt }));
        target.dispatchEvent(new DragEvent("dragover", { bubbles: true, cancelable: true, dataTransfer: dt }));
        target.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: dt }));
      },
      [name, text] as const,
    );
  }

  /** Pastes text with the focus outside any text field. */
  async pasteText(text: string): Promise<void> {
    await this.page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.setData("text/plain", t);
      document.body.dispatchEvent(new ClipboardEvent("paste", { bubbles: true, cancelable: true, clipboardData: dt }));
    }, text);
  }

  /** Runs a command through the page's console API (the same engine request the terminal makes). */
  async run(line: string): Promise<string> {
    return this.page.evaluate(async (l) => {
      const k = (window as unknown as { kubelab: { run(line: string): Promise<unknown> } }).kubelab;
      return String(await k.run(l));
    }, line);
  }

  async screenshot(name: string): Promise<void> {
    await screenshotSettled(this.page, `test-results/screenshots/${name}.png`);
  }
}
