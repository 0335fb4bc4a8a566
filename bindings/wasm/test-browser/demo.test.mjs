// The demo page (the form component, demo/) in a real browser (Debian's chromium driven by playwright-core;
// nothing downloaded): answers the example office's 2026 assessment (seiho-shuro 1.1.0, na answers included)
// through the page, checks the scores it shows against the core's report, shows a problem at its field in both
// languages, saves the answers, reloads (the draft comes back, with a notice), discards the draft, opens the
// saved file, and checks again. Screenshots saved under target/browser-test.
import assert from "node:assert/strict";
import { test, after, before } from "node:test";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "./browser.mjs";
import { serve, open } from "./serve.mjs";
import { REPO } from "../test/helpers.mjs";
import { init, Bank } from "../index.js";

const out = join(REPO, "target", "browser-test");
let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launchChromium();
  mkdirSync(out, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.close();
});

const esc = (id) => id.replace(/\./g, "\\.");

async function shownScores(page) {
  return page.evaluate(() => ({
    items: [...document.querySelectorAll(".ff-score")].map((e) => [e.id.replace("form-score-", ""), e.textContent]),
    total: document.getElementById("form-total-sum").textContent,
    mean: document.getElementById("form-total-mean").textContent,
    level: document.getElementById("form-level").textContent,
  }));
}

function assertShows(shown, report, levelLabel) {
  assert.equal(shown.items.length, report.items.length);
  for (const [id, text] of shown.items) {
    const item = report.items.find((i) => i.id === id);
    assert.match(text, new RegExp(`得点 ${item.score ?? "–"} `), `${id}: ${text}`);
  }
  assert.equal(shown.total, String(report.total.sum));
  assert.equal(shown.mean, report.total.mean.toFixed(2));
  assert.equal(shown.level, levelLabel);
}

/** Answers the form as the assessment does, through its controls. */
async function fill(page, a) {
  await page.fill("#form-office-id", a.office.id);
  await page.fill("#form-office-name", a.office.name);
  await page.fill("#form-period", a.period);
  await page.selectOption("#form-rater-kind", a.rater.kind);
  for (const [id, v] of Object.entries(a.answers)) {
    if (v === "na") await page.check(`#form-na-${esc(id)}`);
    else if (v === true) await page.click(`#form-el-${esc(id)}`);
    else if (v === false) {
      await page.click(`#form-el-${esc(id)}`);
      await page.click(`#form-el-${esc(id)}`);
    } else if (Array.isArray(v)) {
      for (const key of v) await page.check(`#form-opt-${key}-${esc(id)}`);
    } else {
      for (const [key, n] of Object.entries(v)) await page.fill(`#form-fig-${key}-${esc(id)}`, String(n));
    }
  }
}

test("the demo scores the example office as the core does, keeps a draft, saves and opens it", async () => {
  await init();
  const bank = Bank.builtin("seiho-shuro");
  const yaml = readFileSync(join(REPO, "examples/sample-office-2026.yaml"), "utf8"); // the newest version's
  const expected = bank.score(yaml);
  const answers = bank.readAssessment(yaml);
  const levelLabel = bank.items("ja").levels.find((l) => l.id === expected.level).label;

  const { page, seen } = await open(browser, server.base, "/demo/index.html");
  assert.equal(await page.textContent("#form-progress"), "回答済み 0/57");
  await fill(page, answers);
  assertShows(await shownScores(page), expected, levelLabel);
  assert.equal(await page.textContent("#form-progress"), "回答済み 57/57");
  await page.screenshot({ path: join(out, "demo.png"), fullPage: false });

  // A problem shows at its field, in the page's language: a capacity under its minimum. Switching the
  // language tells it again in the other.
  await page.fill("#form-fig-capacity-B-1\\.6", "0");
  assert.match(await page.textContent("#form-problem-B-1\\.6"), /1 以上にしてください（0 です）/);
  assert.equal(await page.getAttribute("#form-fig-capacity-B-1\\.6", "aria-invalid"), "true");
  await page.selectOption("#form-lang", "en");
  assert.match(await page.textContent("#form-problem-B-1\\.6"), /must be at least 1 \(found 0\)/);
  await page.selectOption("#form-lang", "ja");
  assert.match(await page.textContent("#form-problem-B-1\\.6"), /1 以上にしてください/);
  await page.fill("#form-fig-capacity-B-1\\.6", String(answers.answers["B-1.6"].capacity));

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#form-save-json")]);
  const saved = join(out, "saved-assessment.json");
  await download.saveAs(saved);
  assert.deepEqual(bank.score(readFileSync(saved, "utf8")).items, expected.items);

  // Closed and opened again: the draft comes back with a notice, scored the same.
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.textContent("#form-message"), "前回の下書きを復元しました");
  assertShows(await shownScores(page), expected, levelLabel);
  await page.click("#form-discard");
  assert.equal(await page.textContent("#form-progress"), "回答済み 0/57");
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.textContent("#form-message"), "", "a discarded draft does not come back");
  await page.setInputFiles("#form-open", saved);
  await page.waitForFunction(() => document.getElementById("form-message").textContent.includes("saved-assessment.json"));
  assertShows(await shownScores(page), expected, levelLabel);

  // English, and a phone-width screen.
  await page.selectOption("#form-lang", "en");
  assert.match(await page.textContent("#form-level"), /moderate/);
  // The glossary and the manual's item texts, folded away until asked for; opened from the keyboard.
  await page.focus(".ff-glossary summary");
  await page.keyboard.press("Enter");
  assert.match(await page.textContent(".ff-glossary"), /employment support staff \(就労支援スタッフ\)Who makes up/);
  await page.focus("#form-item-A-3 .ff-text summary");
  await page.keyboard.press("Enter");
  assert.match(await page.textContent("#form-item-A-3 .ff-text"), /What the support involvesThe employment support staff provide/);
  await page.screenshot({ path: join(out, "demo-glossary.png") });
  // An element's guidance says when na is the answer; its na box is there. Its rule's rationale, folded.
  await page.focus("#form-element-B-3\\.3 .ff-guidance summary");
  await page.keyboard.press("Enter");
  assert.match(await page.textContent("#form-element-B-3\\.3 .ff-guidance"), /How to answerAnswer na when no company took on a user/);
  assert.match(await page.textContent("#form-element-B-3\\.3 .ff-rules"), /an office where none did is not marked down/);
  assert.ok(await page.isChecked("#form-na-B-3\\.3"));
  await page.locator("#form-item-B-3").screenshot({ path: join(out, "demo-guidance.png") });
  // B-1.1 answered by its △ channels: the core's outcome, and no ticking it by judgement while they are there.
  assert.equal(await page.textContent("#form-answer-B-1\\.1"), "met (decided by the evidence)");
  assert.ok(await page.isDisabled("#form-el-B-1\\.1"));
  // Ticked met without them: scored, and named among the answers given without evidence.
  for (const key of answers.answers["B-1.1"]) await page.uncheck(`#form-opt-${key}-B-1\\.1`);
  assert.equal(await page.textContent("#form-answer-B-1\\.1"), "unanswered");
  await page.check("#form-el-B-1\\.1");
  assert.equal(await page.textContent("#form-judged"), "B-1.1");
  assert.match(await page.textContent(".ff-summary"), /Answered by judgement without their evidence/);
  await page.locator(".ff-summary").screenshot({ path: join(out, "demo-summary.png") });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(out, "demo-phone.png") });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), "no sideways scrolling at phone width");

  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.violations, []);
  assert.deepEqual(seen.outside, [], "the page asked for nothing outside its own files");
  await page.close();
});

test("every control is labelled", async () => {
  const { page } = await open(browser, server.base, "/demo/index.html");
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, button, textarea")].filter((c) => !(c.labels?.length || c.textContent.trim() || c.getAttribute("aria-label"))).map((c) => c.id),
  );
  assert.deepEqual(unlabelled, []);
  await page.close();
});
