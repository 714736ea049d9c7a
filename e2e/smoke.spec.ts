import { test, expect } from "@playwright/test";
import { HomePage } from "./pages/HomePage";

test.describe("smoke", () => {
  test("the page loads and introduces Kubelab without errors", async ({ page }) => {
    const home = new HomePage(page);
    await home.goto();

    await expect(page).toHaveTitle(/Kubelab/);
    await expect(home.heading).toBeVisible();
    await expect(home.description).toBeVisible();
    await expect(home.clusterRegion).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(home.errors).toEqual([]);
  });
});
