import { expect, type Locator, type Page } from "@playwright/test";

/**
 * LessonsPage: the lesson catalogue and the lesson panel in the side panel, and the terminal a learner
 * types into. Found by role and accessible name, as assistive technology finds them.
 */
export class LessonsPage {
  readonly catalogue: Locator;
  readonly panel: Locator;
  readonly terminal: Locator;
  readonly terminalOutput: Locator;
  /** The live "Waiting for: …" / "Done" line of the current step. */
  readonly check: Locator;
  readonly next: Locator;
  /** Uncaught exceptions seen since construction. */
  readonly uncaught: string[] = [];

  constructor(readonly page: Page) {
    this.catalogue = page.getByRole("region", { name: "Lessons", exact: true });
    this.panel = page.getByRole("region", { name: "Lesson", exact: true });
    this.terminal = page.getByRole("textbox", { name: "Terminal", exact: true });
    this.terminalOutput = page.getByRole("log", { name: "Terminal output" });
    this.check = this.panel.getByRole("status").first();
    this.next = this.panel.getByRole("button", { name: /^Next/ });
    page.on("pageerror", (e) => this.uncaught.push(e.message));
  }

  async gotoCatalogue(): Promise<void> {
    await this.page.goto("/#/lessons");
    await expect(this.catalogue).toBeVisible();
  }

  /** Types a command at the terminal prompt and waits until it has answered. */
  async type(line: string): Promise<void> {
    await this.terminal.click();
    await this.terminal.fill(line);
    await this.terminal.press("Enter");
    await expect(this.terminal).toHaveAttribute("aria-busy", "false");
  }

  async waitForDone(timeout = 30_000): Promise<void> {
    await expect(this.check).toContainText("Done", { timeout });
  }

  async stepHeading(name: string): Promise<void> {
    await expect(this.panel.getByRole("heading", { name })).toBeVisible();
  }

  /** Horizontal overflow of the side panel's lesson region, in px (0 when it fits). */
  async panelOverflow(): Promise<number> {
    return this.panel.evaluate((el) => el.scrollWidth - el.clientWidth);
  }
}
