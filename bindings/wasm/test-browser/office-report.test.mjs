// The office's report (`fidelity report`) and the consensus worksheet opened in headless Chromium with every
// network request refused, printed to PDF by Chromium itself, and the PDF read back with poppler-utils: its
// page count, the office's name and every unmet element's text in it, nothing past the right margin. The first
// printed page of the report (ja and en) and the worksheet are saved under target/browser-test/.
import assert from "node:assert/strict";
import { test } from "node:test";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "./browser.mjs";
import { REPO, cli } from "../test/helpers.mjs";

const out = join(REPO, "target", "browser-test");
const A4_WIDTH_PT = 595.28;
const RIGHT_MARGIN_PT = (14 / 25.4) * 72; // @page margin in the report's style

/** poppler-utils, installed by tests/run-all.sh; its absence fails the test (never a skip). */
function poppler(tool, ...args) {
  return execFileSync(tool, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

async function withPage(run) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    const requested = [];
    await page.route("**/*", (route) => {
      requested.push(route.request().url());
      return route.abort();
    });
    await run(page);
    assert.deepEqual(requested, [], "the page asks for nothing");
  } finally {
    await browser.close();
  }
}

/** Prints the page to `name`.pdf and returns its text, its page count and the rightmost word's edge. */
async function printed(page, name) {
  mkdirSync(out, { recursive: true });
  const pdf = join(out, `${name}.pdf`);
  writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const pages = Number(/Pages:\s+(\d+)/.exec(poppler("pdfinfo", pdf))[1]);
  const text = poppler("pdftotext", "-enc", "UTF-8", pdf, "-");
  const boxes = poppler("pdftotext", "-bbox", pdf, "-");
  const right = Math.max(...[...boxes.matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1])));
  poppler("pdftoppm", "-f", "1", "-l", "1", "-r", "80", "-png", "-singlefile", pdf, join(out, `${name}-page1`));
  return { pages, text, right };
}

// Text as pdftotext gives it back: lines broken anywhere, and a hyphen at a line's end joined away
// ("self-\nreliance" → "selfreliance"), so both sides are compared without spaces and hyphens.
const squeeze = (s) => s.replace(/[\s-]+/g, "");

for (const lang of ["ja", "en"]) {
  test(`the office report prints on A4 (${lang}): every unmet element, nothing cut`, async () => {
    const args = ["report", "examples/review/2026-consensus.yaml", "--previous", "examples/sample-office-2025.yaml", "--lang", lang];
    const html = cli(...args);
    const data = JSON.parse(cli(...args, "--format", "json"));
    await withPage(async (page) => {
      await page.setContent(html);
      await page.emulateMedia({ media: "print" });
      const seen = await page.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        bars: document.querySelectorAll("figure svg rect").length,
        plan: document.querySelectorAll("table.plan tbody tr").length,
      }));
      assert.ok(seen.overflow <= 0, `wider than the page by ${seen.overflow}px`);
      assert.ok(seen.bars >= 9 + 4, "a bar per item and per compared item");
      assert.equal(seen.plan, data.action_plan.length);
      const { pages, text, right } = await printed(page, `office-report-${lang}`);
      assert.ok(pages >= 3 && pages <= 9, `${pages} pages`);
      const flat = squeeze(text);
      assert.ok(flat.includes(squeeze(data.office.name)), "the office's name");
      const unmet = data.items.flatMap((i) => i.not_met);
      assert.equal(unmet.length, 15);
      for (const e of unmet) {
        const t = lang === "ja" ? e.text.ja : e.text.en;
        assert.ok(flat.includes(squeeze(t)), `${e.id} is in the PDF: ${t}`);
      }
      assert.ok(right <= A4_WIDTH_PT - RIGHT_MARGIN_PT + 1, `a word reaches ${right}pt, past the right margin`);
    });
  });
}

test("the consensus worksheet prints without running off the page", async () => {
  const html = cli("consensus", "examples/review/2026-reviewer-1.yaml", "examples/review/2026-reviewer-2.yaml", "--format", "html");
  await withPage(async (page) => {
    await page.setContent(html);
    await page.emulateMedia({ media: "print" });
    const disagreed = await page.evaluate(() => document.querySelectorAll("tr.disagreed").length);
    assert.equal(disagreed, 5);
    const { pages, text, right } = await printed(page, "worksheet-ja");
    assert.ok(pages >= 2, `${pages} pages`);
    assert.ok(squeeze(text).includes("57要素のうち一致52、不一致5"));
    assert.ok(right <= A4_WIDTH_PT - (12 / 25.4) * 72 + 1, `a word reaches ${right}pt, past the right margin`);
  });
});
