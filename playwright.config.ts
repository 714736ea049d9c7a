import { defineConfig } from "@playwright/test";
import { chromiumPath } from "./scripts/ensure-chromium.mjs";

// Browser tests run against the production build (`vite build` is done by `npm run test:e2e`) in Debian's
// Chromium: Playwright's own browser downloads are not reachable here. scripts/ensure-chromium.mjs installs
// the browser when it is missing.
const PORT = 4173;
const CI = Boolean(process.env.CI);

// Quiet, headless, container-friendly Chromium: no sandbox (CI runs as root), no GPU, and no background
// traffic (updates, sync, first-run pages) that could slow or flake a test.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  forbidOnly: CI,
  retries: 0,
  workers: CI ? 1 : undefined,
  reporter: "line",
  use: {
    baseURL: `http://localhost:${PORT}`,
    viewport: { width: 1280, height: 720 },
    screenshot: "only-on-failure",
    browserName: "chromium",
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !CI,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
