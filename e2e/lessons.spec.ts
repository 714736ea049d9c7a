import { test, expect, type Page } from "@playwright/test";
import { LESSONS } from "../src/lessons/catalogue";
import { LessonsPage } from "./pages/LessonsPage";
import { screenshotSettled } from "./pages/screenshot";

const SHOTS = "test-results/screenshots";

async function shoot(page: Page, name: string): Promise<void> {
  await screenshotSettled(page, `${SHOTS}/${name}.png`);
}

async function setTheme(page: Page, theme: "light" | "dark"): Promise<void> {
  const toggle = page.getByRole("button", { name: `Switch to ${theme} theme` });
  if (await toggle.isVisible()) await toggle.click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
}

test.describe("lessons", () => {
  test("lesson 3, desired state and self-healing, done as a learner would", async ({ page }) => {
    test.setTimeout(180_000);
    const l = new LessonsPage(page);
    await l.gotoCatalogue();
    await setTheme(page, "light");
    await expect(l.catalogue.getByRole("link", { name: "Desired state and self-healing" })).toBeVisible();
    await shoot(page, "lessons-catalogue-light");
    await setTheme(page, "dark");
    await shoot(page, "lessons-catalogue-dark");
    await setTheme(page, "light");

    await l.catalogue.getByRole("link", { name: "Desired state and self-healing" }).click();
    await expect(page).toHaveURL(/#\/lessons\/self-healing\/1$/);
    await l.panel.getByRole("button", { name: "Start lesson" }).click();
    await l.stepHeading("Say what you want");
    await expect(l.check).toContainText("Waiting for: the Deployment web to have all its Pods ready");
    await shoot(page, "lessons-step-light");
    await setTheme(page, "dark");
    await shoot(page, "lessons-step-dark");
    await setTheme(page, "light");
    expect(await l.panelOverflow()).toBeLessThanOrEqual(0);

    // Step 1: create the Deployment from the editor's file, typed in the terminal.
    await l.type("kubectl apply -f web.yaml");
    await expect(l.terminalOutput).toContainText("deployment.apps/web created");
    await l.waitForDone();
    await l.next.click();

    // Step 2: look at the ReplicaSet.
    await expect(page).toHaveURL(/#\/lessons\/self-healing\/2$/);
    await l.stepHeading("Deployment → ReplicaSet → Pods");
    await l.type("kubectl get rs");
    await l.waitForDone();
    await l.next.click();

    // Step 3: delete a Pod, found by listing them, and watch it come back.
    await l.stepHeading("Take a Pod away");
    await l.type("kubectl get pods");
    const listing = await l.terminalOutput.innerText();
    const pod = /web-[a-z0-9]+-[a-z0-9]{5}/.exec(listing)?.[0];
    expect(pod, listing).toBeTruthy();
    await l.type(`kubectl delete pod ${pod}`);
    await expect(l.terminalOutput).toContainText(`pod "${pod}" deleted`);
    await l.waitForDone();
    await l.next.click();

    // Step 4: delete the ReplicaSet; the Deployment makes it again.
    await l.stepHeading("Take the ReplicaSet away");
    await l.panel.getByRole("button", { name: "Hint" }).click();
    await expect(l.panel.getByRole("list", { name: "Hints" })).toContainText("kubectl get rs");
    await l.type("kubectl delete replicaset -l app=web");
    await l.waitForDone(60_000);
    await l.panel.getByRole("button", { name: "Next: quiz" }).click();

    // The quiz, then the completion screen.
    await expect(page).toHaveURL(/#\/lessons\/self-healing\/quiz$/);
    await l.panel.getByRole("radio", { name: "the replicaset controller" }).check();
    await l.panel.getByRole("button", { name: "Check answer" }).click();
    await expect(l.panel.getByRole("status")).toContainText("Right.");
    await l.panel.getByRole("button", { name: "Finish lesson" }).click();
    await expect(l.panel.getByRole("heading", { name: "Lesson complete" })).toBeVisible();
    await shoot(page, "lessons-complete-light");

    // Progress shows in the catalogue.
    await l.panel.getByRole("button", { name: "All lessons" }).click();
    await expect(l.catalogue.getByText("Completed", { exact: true })).toBeVisible();
    expect(l.uncaught).toEqual([]);
  });

  test("every step of every lesson fits the side panel at 1280×720", async ({ page }) => {
    test.setTimeout(300_000);
    const l = new LessonsPage(page);
    await l.gotoCatalogue();
    const tabPanel = page.locator("#panel-lesson");
    const overflow = async () => ({
      panel: await tabPanel.evaluate((el) => el.scrollWidth - el.clientWidth),
      page: await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    });
    expect(await overflow()).toEqual({ panel: 0, page: 0 });
    for (const lesson of LESSONS) {
      await page.evaluate((id) => (location.hash = `#/lessons/${id}/1`), lesson.id);
      await l.panel.getByRole("button", { name: "Start lesson" }).click();
      for (let n = 1; n <= lesson.steps.length; n++) {
        await page.evaluate(([id, step]) => (location.hash = `#/lessons/${id}/${step}`), [lesson.id, String(n)]);
        await l.stepHeading(lesson.steps[n - 1]!.title);
        await l.panel.getByRole("button", { name: "Hint" }).click();
        expect(await overflow(), `${lesson.id} step ${n}`).toEqual({ panel: 0, page: 0 });
        await shoot(page, `lesson-${String(lesson.number).padStart(2, "0")}-${lesson.id}-step-${n}`);
      }
      await page.evaluate((id) => (location.hash = `#/lessons/${id}/quiz`), lesson.id);
      await expect(l.panel.getByRole("group")).toBeVisible();
      expect(await overflow(), `${lesson.id} quiz`).toEqual({ panel: 0, page: 0 });
      await shoot(page, `lesson-${String(lesson.number).padStart(2, "0")}-${lesson.id}-quiz`);
    }
    expect(l.uncaught).toEqual([]);
  });
});
