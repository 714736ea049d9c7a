// Drives the real built app (dev only): node app-check.mjs http://localhost:4322/ [outDir]
// Screens the graph at 1280×720, applies a Deployment through the terminal, kills its node from the graph.
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://localhost:4322/";
const out = process.argv[3] ?? "/tmp/kubelab-graph-shots";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
page.on("pageerror", (e) => console.log("pageerror", e.message));
page.on("console", (m) => m.type() === "error" && console.log("console", m.text()));
await page.goto(base);
const graph = page.getByRole("region", { name: "Cluster graph" });
await graph.getByRole("button", { name: /^Node node-1 / }).waitFor({ timeout: 60000 });
console.log("nodes:", await graph.getByRole("button", { name: /^Node / }).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label"))));
console.log("control plane:", await graph.getByRole("button", { name: /^kube-/ }).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label"))));
await page.screenshot({ path: `${out}/app-start.png` });
const term = page.getByRole("textbox", { name: "Terminal" });
if (await term.count()) {
  await term.fill("kubectl create deployment web --image=nginx --replicas=3");
  await term.press("Enter");
  await page.waitForTimeout(1200);
  await page.screenshot({ path: `${out}/app-deploy-1.png` });
  await page.waitForTimeout(4000);
  await page.screenshot({ path: `${out}/app-deploy-2.png` });
  console.log("pods:", await graph.getByRole("button", { name: /^Pod web-/ }).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label"))));
}
await graph.getByRole("group", { name: "node-1", exact: true }).getByRole("button", { name: "Kill node" }).click();
await page.waitForTimeout(1500);
await page.screenshot({ path: `${out}/app-kill.png` });
console.log("after kill:", await graph.getByRole("button", { name: /^Node node-1/ }).getAttribute("aria-label"));
await graph.getByRole("group", { name: "node-1", exact: true }).getByRole("button", { name: "Kill node" }).isDisabled().then((d) => console.log("kill disabled:", d));
await browser.close();
