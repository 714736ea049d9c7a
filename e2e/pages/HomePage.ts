import type { Locator, Page } from "@playwright/test";

/**
 * HomePage is the landing page as a learner sees it. Tests find elements by role and accessible name, the
 * same way assistive technology does, so a test that passes also proves the page is labelled.
 */
export class HomePage {
  readonly heading: Locator;
  /** The brand link, whose title introduces Kubelab (the tagline itself shows on wide screens only). */
  readonly description: Locator;
  readonly clusterRegion: Locator;
  /** Console errors and uncaught exceptions seen since construction, in order. */
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Kubelab" });
    this.description = page.getByTitle("Kubelab: a Kubernetes cluster in your browser tab, built to teach");
    this.clusterRegion = page.getByRole("region", { name: "Cluster", exact: true });
    page.on("console", (message) => {
      if (message.type() === "error") this.errors.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => this.errors.push(`uncaught: ${error.message}`));
  }

  async goto(): Promise<void> {
    await this.page.goto("/");
  }
}
