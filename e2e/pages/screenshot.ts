import type { Page } from "@playwright/test";

/**
 * Saves a screenshot of the page once the CSS transitions running now have finished: a theme switch fades
 * colours over 0.4 s, and a picture taken mid-fade shows neither theme. Transitions that start later (the
 * cluster keeps running) are not waited for; nor is anything for longer than a second.
 */
export async function screenshotSettled(page: Page, path: string): Promise<void> {
  await page.evaluate(async () => {
    const running = document.getAnimations().filter((a) => a instanceof CSSTransition && a.playState === "running");
    const done = Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    await Promise.race([done, new Promise((r) => setTimeout(r, 1000))]);
  });
  await page.screenshot({ path });
}
