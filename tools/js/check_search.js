// Type names into a tmekg HTML view's search box in headless Debian Chromium (playwright-core) and print, as
// JSON, the ids the page lists for each: {"query": ["id", ...], ...}, best first.
// usage: node check_search.js VIEW.html QUERIES.json [CHROMIUM]   (QUERIES.json: a JSON list of strings)
"use strict";
const fs = require("node:fs");
const { chromium } = require("playwright-core");
const { pathToFileURL } = require("node:url");

async function main() {
  const [file, queries, exe] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: exe || process.env.TMEKG_CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  const report = {};
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 20000 });
    for (const query of JSON.parse(fs.readFileSync(queries, "utf-8"))) {
      await page.fill("#search", query);
      await page.press("#search", "Enter");
      const ids = await page.locator("#results button").evaluateAll((bs) => bs.map((b) => b.getAttribute("data-id")));
      const texts = await page.locator("#results button").allTextContents();
      report[query] = ids.map((id, i) => (id === null ? null : { id, close: texts[i].includes("(close spelling)") }));
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
