// Open a tmekg HTML view in headless Debian Chromium (playwright-core), search an entity, click it and an
// edge, and print a JSON report: rendered counts, card texts, console errors, dialogs, network requests.
// usage: node check_html.js VIEW.html SCREENSHOT.png QUERY [CHROMIUM]
// Screenshots: SCREENSHOT-start.png (what opens), SCREENSHOT-focus.png (the searched entity), SCREENSHOT.png (all).
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
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") report.consoleErrors.push(m.text()); });
    page.on("pageerror", (e) => report.pageErrors.push(String(e)));
    page.on("dialog", async (d) => { report.dialogs.push(d.message()); await d.dismiss(); });
    page.on("request", (r) => report.requests.push(r.url()));
    const url = pathToFileURL(file).href;
    await page.goto(url);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 20000 });
    report.title = await page.title();
    // 1. what opens: the overview (or an answer's layered view), pictured at 1400x900
    report.startMode = await page.locator("body").getAttribute("data-mode");
    report.startNodes = await page.locator("#nodes .node").count();
    report.startEdges = await page.locator("#edges .edge").count();
    report.startLabels = await page.locator("#nodes .node title").allTextContents();
    report.startFonts = await page.evaluate(() => {
      const k = Number((document.getElementById("viewport").getAttribute("transform").match(/scale\(([^)]+)\)/) || [0, 1])[1]);
      const t = document.querySelector("#nodes .node text");
      return t ? k * parseFloat(getComputedStyle(t).fontSize) : 0;
    });
    await page.waitForTimeout(100);
    await page.screenshot({ path: shot.replace(/\.png$/, "-start.png") });
    // 2. the whole graph
    await page.click("#mode-all");
    report.mode = await page.locator("body").getAttribute("data-mode");
    report.nodes = await page.locator("#nodes .node").count();
    report.edges = await page.locator("#edges .edge").count();
    report.labels = await page.locator("#nodes .node title").allTextContents();
    report.count = await page.locator("#count").textContent();
    report.layersText = await page.locator("#layers").textContent();
    // the dash pattern each kind of edge is drawn with (the line style of tmekg.export.style)
    report.dashByKind = await page.evaluate(() => {
      const out = {};
      for (const g of document.querySelectorAll("#edges .edge")) {
        const line = g.querySelector(".line");
        const dash = line ? getComputedStyle(line).strokeDasharray : "";
        (out[g.dataset.kind] = out[g.dataset.kind] || []).includes(dash) || out[g.dataset.kind].push(dash);
      }
      return out;
    });
    // 3. search: results, then the first hit opens (focus, zoomed) with its card
    await page.fill("#search", query);
    await page.press("#search", "Enter");
    report.results = await page.locator("#results button").allTextContents();
    const first = page.locator("#results button").first();
    const id = await first.getAttribute("data-id");
    report.searchedId = id;
    await first.click();
    report.searchMode = await page.locator("body").getAttribute("data-mode");
    report.hash = await page.evaluate(() => decodeURIComponent(location.hash));
    report.zoom = await page.evaluate(() => document.getElementById("viewport").getAttribute("transform"));
    report.entityCard = await page.locator("#card").innerText();
    report.cardKind = await page.locator("#card").getAttribute("data-kind");
    // click the node itself on the canvas, then the first of its edges listed on the card
    const node = page.locator("#nodes .node").filter({ has: page.locator("title", { hasText: `(${id})` }) }).first().locator(".shape");
    await node.click();
    report.nodeCard = await page.locator("#card").innerText();
    report.focusNodes = await page.locator("#nodes .node").count();
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
    const open = page.locator("#card button.open");
    if (await open.count()) await open.click();
    report.focusMode = await page.locator("body").getAttribute("data-mode");
    await page.click("#zoom-fit");
    await page.waitForTimeout(100);
    await page.screenshot({ path: shot.replace(/\.png$/, "-focus.png") });
    await page.click("#mode-all");
    await page.click("#zoom-fit");
    await page.waitForTimeout(100);
    await page.screenshot({ path: shot });
    // filters: unchecking every outcome hides every edge
    for (const box of await page.locator("#outcomes input").all()) await box.uncheck();
    report.edgesAfterFilter = await page.locator("#edges .edge:not(.hidden)").count();
    // 4. a deep link opens the entity's focus in a fresh page
    const linked = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    linked.on("pageerror", (e) => report.pageErrors.push(String(e)));
    linked.on("request", (r) => report.requests.push(r.url()));
    await linked.goto(url + "#entity=" + encodeURIComponent(id));
    await linked.waitForSelector('body[data-ready="1"]', { timeout: 20000 });
    report.linkMode = await linked.locator("body").getAttribute("data-mode");
    report.linkCardId = await linked.locator("#card").getAttribute("data-id");
    // 5. an overview click opens a focus
    if (report.startMode === "overview" && report.startNodes) {
      await linked.click("#mode-overview");
      await linked.locator("#nodes .node .shape").first().click();
      report.overviewClickMode = await linked.locator("body").getAttribute("data-mode");
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report) + "\n");
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
  process.exit(1);
});
