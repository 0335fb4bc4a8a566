// The demo form in a real browser (Debian's chromium driven by playwright-core; nothing downloaded): answers
// the example office's 2026 assessment (seiho-shuro 1.1.0, na answers included) through the page, checks the
// scores it shows against the CLI's report, saves the answers to a file, reloads the page, loads the file
// back, and checks again. Screenshot saved.
import assert from "node:assert/strict";
import { test, after, before } from "node:test";
import { createServer } from "node:http";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./browser.mjs";
import { init, Bank } from "../index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const repo = fileURLToPath(new URL("../../../", import.meta.url));
const out = join(repo, "target", "browser-test");
const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm" };
let server;
let browser;
let base;
const outside = [];

before(async () => {
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(root, path);
    try {
      if (!file.startsWith(root) || !statSync(file).isFile()) throw new Error("not found");
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
  mkdirSync(out, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function openDemo(page) {
  page.on("request", (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith("blob:") && !r.url().startsWith("data:")) outside.push(r.url());
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}/demo/index.html`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
  return errors;
}

async function shownScores(page) {
  return page.evaluate(() => ({
    items: [...document.querySelectorAll(".item-score")].map((e) => [e.dataset.item, e.textContent]),
    total: document.getElementById("total-sum").textContent,
    mean: document.getElementById("total-mean").textContent,
    level: document.getElementById("level").textContent,
  }));
}

function assertShows(shown, report, levelLabel) {
  for (const [id, text] of shown.items) {
    const item = report.items.find((i) => i.id === id);
    assert.match(text, new RegExp(`得点 ${item.score ?? "–"} `), `${id}: ${text}`);
  }
  assert.equal(shown.total, String(report.total.sum));
  assert.equal(shown.mean, report.total.mean.toFixed(2));
  assert.equal(shown.level, levelLabel);
}

test("the demo scores the example office as the CLI does, and saves and reloads it", async () => {
  await init();
  const bank = Bank.builtin("seiho-shuro");
  const yaml = readFileSync(join(repo, "examples/sample-office-2026.yaml"), "utf8"); // the newest version's
  const expected = bank.score(yaml);
  const answers = bank.readAssessment(yaml);
  const levelLabel = bank.items("ja").levels.find((l) => l.id === expected.level).label;

  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = await openDemo(page);
  await page.fill("#office-id", answers.office.id);
  await page.fill("#office-name", answers.office.name);
  await page.fill("#period", answers.period);
  await page.selectOption("#rater-kind", answers.rater.kind);
  for (const [id, v] of Object.entries(answers.answers)) {
    if (v === "na") await page.check(`#na-${CSS_escape(id)}`);
    else if (v === true) await page.click(`#el-${CSS_escape(id)}`);
    else if (v === false) {
      await page.click(`#el-${CSS_escape(id)}`);
      await page.click(`#el-${CSS_escape(id)}`);
    } else if (Array.isArray(v)) {
      for (const key of v) await page.check(`#opt-${CSS_escape(id)}-${key}`);
    } else {
      for (const [key, n] of Object.entries(v)) await page.fill(`#fig-${CSS_escape(id)}-${key}`, String(n));
    }
  }
  assertShows(await shownScores(page), expected, levelLabel);
  await page.screenshot({ path: join(out, "demo.png"), fullPage: false });

  // A problem shows at its field, in the page's language: a capacity under its minimum. Switching the
  // language tells it again in the other.
  await page.fill("#fig-B-1\\.6-capacity", "0");
  assert.match(await page.textContent("#problem-B-1\\.6"), /1 以上にしてください（0 です）/);
  assert.equal(await page.getAttribute("#fig-B-1\\.6-capacity", "aria-invalid"), "true");
  await page.selectOption("#lang", "en");
  assert.match(await page.textContent("#problem-B-1\\.6"), /must be at least 1 \(found 0\)/);
  await page.selectOption("#lang", "ja");
  assert.match(await page.textContent("#problem-B-1\\.6"), /1 以上にしてください/);
  await page.fill("#fig-B-1\\.6-capacity", String(answers.answers["B-1.6"].capacity));

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save")]);
  const saved = join(out, "saved-assessment.json");
  await download.saveAs(saved);
  assert.deepEqual(bank.score(readFileSync(saved, "utf8")).items, expected.items);

  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await page.setInputFiles("#load", saved);
  await page.waitForFunction(() => document.getElementById("status").textContent.includes("saved-assessment.json"));
  assertShows(await shownScores(page), expected, levelLabel);

  // English, and a phone-width screen.
  await page.selectOption("#lang", "en");
  assert.match(await page.textContent("#level"), /moderate/);
  // The glossary and the manual's item texts, folded away until asked for; opened from the keyboard.
  await page.focus(".glossary summary");
  await page.keyboard.press("Enter");
  assert.match(await page.textContent(".glossary"), /employment support staff \(就労支援スタッフ\)Who makes up/);
  await page.focus("#item-A-3 .item-text summary");
  await page.keyboard.press("Enter");
  assert.match(await page.textContent("#item-A-3 .item-text"), /What the support involvesThe employment support staff provide/);
  await page.screenshot({ path: join(out, "demo-glossary.png") });
  // An element's guidance says when na is the answer; its na box is there.
  await page.focus("#item-B-3 .element:nth-of-type(3) .guidance summary");
  await page.keyboard.press("Enter");
  assert.match(await page.textContent("#item-B-3 .element:nth-of-type(3) .guidance"), /How to answerAnswer na when no company took on a user/);
  assert.ok(await page.isChecked("#na-B-3\\.3"));
  await page.locator("#item-B-3").screenshot({ path: join(out, "demo-guidance.png") });
  // B-1.1 ticked met without its △ channels: scored, and named among the answers given without evidence.
  for (const key of answers.answers["B-1.1"]) await page.uncheck(`#opt-B-1\\.1-${key}`);
  await page.check("#el-B-1\\.1");
  assert.equal(await page.textContent("#judged"), "B-1.1");
  assert.match(await page.textContent("#summary"), /Answered by judgement without their evidence/);
  await page.locator("#summary").screenshot({ path: join(out, "demo-summary.png") });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(out, "demo-phone.png") });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), "no sideways scrolling at phone width");

  assert.deepEqual(errors, []);
  assert.deepEqual(outside, [], "the page asked for nothing outside its own files");
  await page.close();
});

test("every control is reachable by keyboard and labelled", async () => {
  const page = await browser.newPage();
  await openDemo(page);
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, button")].filter((c) => !(c.labels?.length || c.textContent.trim() || c.getAttribute("aria-label"))).map((c) => c.id),
  );
  assert.deepEqual(unlabelled, []);
  await page.focus("#el-A-1\\.1");
  await page.keyboard.press("Space");
  assert.equal(await page.evaluate(() => document.getElementById("el-A-1.1").checked), true);
  await page.close();
});

function CSS_escape(id) {
  return id.replace(/\./g, "\\.");
}
