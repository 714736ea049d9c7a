import type { Locator, Page } from "@playwright/test";

/** The Experiments side panel, found by role and accessible name as a learner's screen reader would. */
export class ExperimentsPage {
  readonly panel: Locator;
  readonly run: Locator;
  readonly skipToReport: Locator;
  readonly status: Locator;
  readonly timeline: Locator;
  readonly report: Locator;
  readonly uncaught: string[] = [];

  constructor(readonly page: Page) {
    this.panel = page.getByRole("region", { name: "Experiments" });
    this.run = this.panel.getByRole("button", { name: "Run", exact: true });
    this.skipToReport = this.panel.getByRole("button", { name: "Skip to report" });
    this.status = this.panel.getByRole("status");
    this.timeline = this.panel.getByRole("list", { name: "Timeline" });
    this.report = this.panel.getByRole("region", { name: "Report" });
    page.on("pageerror", (e) => this.uncaught.push(e.message));
  }

  async goto(experiment: string): Promise<void> {
    await this.page.goto(`/#/experiments/${experiment}`);
  }

  knob(label: string): Locator {
    return this.panel.getByLabel(label, { exact: true });
  }
}
