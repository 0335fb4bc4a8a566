// The trend report (`fidelity trend --format html`) opened in headless Chromium with every network request
// refused: it must render its tables and both charts from the file alone. Screenshot saved.
import assert from "node:assert/strict";
import { test } from "node:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "./browser.mjs";
import { REPO, cli } from "../test/helpers.mjs";

test("the trend page renders offline, charts and all", async () => {
  const out = join(REPO, "target", "browser-test");
  mkdirSync(out, { recursive: true });
  const html = cli("trend", "examples/sample-office-2024.yaml", "examples/sample-office-2025.yaml", "--format", "html");
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    const requested = [];
    await page.route("**/*", (route) => {
      requested.push(route.request().url());
      return route.abort();
    });
    await page.setContent(html);
    const seen = await page.evaluate(() => ({
      svgs: [...document.querySelectorAll("svg")].map((s) => s.getBoundingClientRect().width),
      polylines: document.querySelectorAll("svg polyline").length,
      texts: [...document.querySelectorAll("svg text")].map((t) => t.textContent.trim()),
      cells: [...document.querySelectorAll("td")].map((t) => t.textContent.trim()),
      notice: document.querySelector(".notice")?.textContent ?? "",
    }));
    assert.deepEqual(requested, [], "the page asks for nothing");
    assert.equal(seen.svgs.length, 2);
    assert.ok(seen.svgs.every((w) => w > 300), `charts have a size: ${seen.svgs}`);
    assert.ok(seen.polylines >= 4, "lines are drawn");
    assert.ok(seen.texts.includes("A-1") && seen.texts.some((t) => t.startsWith("2025")), "radar axes and legend");
    assert.ok(seen.cells.includes("24") && seen.cells.includes("28"), "total row");
    assert.match(seen.notice, /暫定/);
    await page.screenshot({ path: join(out, "trend-page.png"), fullPage: true });
  } finally {
    await browser.close();
  }
});
