// Open a tmekg HTML view in headless Debian Chromium (playwright-core), search an entity, click it and an
// edge, and print a JSON report: rendered counts, card texts, console errors, dialogs, network requests.
// usage: node check_html.js VIEW.html SCREENSHOT.png QUERY [CHROMIUM]
"use strict";
const { chromium } = require("playwright-core");
const { pathToFileURL } = require("node:url");

async function main() {
  const [file, shot, query, exe] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: exe || process.env.TMEKG_CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const report = { consoleErrors: [], pageErrors: [], dialogs: [], requests: [] };
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") report.consoleErrors.push(m.text()); });
    page.on("pageerror", (e) => report.pageErrors.push(String(e)));
    page.on("dialog", async (d) => { report.dialogs.push(d.message()); await d.dismiss(); });
    page.on("request", (r) => report.requests.push(r.url()));
    const url = pathToFileURL(file).href;
    await page.goto(url);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 20000 });
    report.title = await page.title();
    report.nodes = await page.locator("#nodes .node").count();
    report.edges = await page.locator("#edges .edge").count();
    report.labels = await page.locator("#nodes .node title").allTextContents();
    report.count = await page.locator("#count").textContent();
    await page.fill("#search", query);
    await page.press("#search", "Enter");
    report.results = await page.locator("#results button").allTextContents();
    const first = page.locator("#results button").first();
    const id = await first.getAttribute("data-id");
    report.searchedId = id;
    await first.click();
    report.entityCard = await page.locator("#card").innerText();
    report.cardKind = await page.locator("#card").getAttribute("data-kind");
    // click the node itself on the canvas, then the first of its edges listed on the card
    const node = page.locator("#nodes .node").filter({ has: page.locator("title", { hasText: `(${id})` }) }).first();
    await node.click();
    report.nodeCard = await page.locator("#card").innerText();
    const edgeButton = page.locator("#card li button").first();
    if (await edgeButton.count()) {
      await edgeButton.click();
      report.edgeCard = await page.locator("#card").innerText();
      report.edgeCardKind = await page.locator("#card").getAttribute("data-kind");
      report.citations = await page.locator("#card ol.citations li").allTextContents();
    }
    report.images = await page.locator("img").count();
    report.injected = await page.evaluate(() => document.querySelectorAll("#graph img, #card img, [onerror]").length);
    // two pictures: the searched entity's neighbourhood with its card, and the whole graph
    await node.click();
    await page.waitForTimeout(100);
    await page.screenshot({ path: shot.replace(/\.png$/, "-focus.png") });
    await page.click("#zoom-fit");
    await page.waitForTimeout(100);
    await page.screenshot({ path: shot });
    // filters: unchecking every outcome hides every edge
    for (const box of await page.locator("#outcomes input").all()) await box.uncheck();
    report.edgesAfterFilter = await page.locator("#edges .edge:not(.hidden)").count();
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report) + "\n");
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
  process.exit(1);
});
