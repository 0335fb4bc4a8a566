// The form as another site embeds it (examples/plain.html, and the React example built with esbuild), every
// page under a strict Content-Security-Policy header with any violation failing the test: an assessor fills
// item A-1 with the keyboard alone and hears the score through the live region, closes the tab and comes
// back to the draft, switches to English, prints to PDF (read back with pdftotext), saves a YAML file that
// `fidelity score` reads, is refused a file for another bank version, and reviews the assessment read-only.
// axe-core checks WCAG 2.1 AA in both languages, empty, half-filled and with a problem. A custom bank, loaded with
// the audit module's `Bank.fromYaml`, is filled and scored in the same form. The time from a change
// to the updated score is measured apart, by scripts/measure-form.mjs.
import assert from "node:assert/strict";
import { test, after, before } from "node:test";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { build } from "esbuild";
import { launchChromium } from "./browser.mjs";
import { serve, open, PACKAGE } from "./serve.mjs";
import { REPO, cli } from "../test/helpers.mjs";

const out = join(REPO, "target", "browser-test");
const reactOut = join(out, "react");
const testRules = join(REPO, "tests", "banks", "test-rules", "1.0.0");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
let server;
let browser;

before(async () => {
  mkdirSync(join(reactOut, "pkg"), { recursive: true });
  server = await serve({ "/react-build/": reactOut, "/bank/": testRules });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Presses Tab until the element with `id` has the focus (the keyboard is all the assessor uses). */
async function tabTo(page, id) {
  for (let i = 0; i < 400; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press("Tab");
  }
  assert.fail(`${id} is not reachable with Tab`);
}

test("an assessor fills an item by keyboard, comes back to the draft, switches language, prints and saves", async () => {
  const { page, seen } = await open(browser, server.base, "/examples/plain.html");
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");

  // Keyboard only: Tab to the office fields and type, then each element of A-1, Space on its box.
  await tabTo(page, "checklist-office-id");
  await page.keyboard.type("13101");
  await tabTo(page, "checklist-office-name");
  await page.keyboard.type("千代田区福祉事務所");
  await tabTo(page, "checklist-period");
  await page.keyboard.type("2026");
  const a1 = ["A-1.1", "A-1.2", "A-1.3", "A-1.4", "A-1.5"];
  for (const id of a1) {
    await tabTo(page, `checklist-el-${id}`);
    await page.keyboard.press("Space");
  }
  // not met: Space again (unanswered → met → not met).
  await page.keyboard.press("Space");
  await tabTo(page, "checklist-finding-A-1.5");
  await page.keyboard.type("担当者の配置は未定（課長より聞き取り）");
  assert.equal(await page.textContent("#checklist-progress-A-1"), "回答済み 5/5");
  // Four of five met: a rate of 0.8 is at least 3/4, so 4 (quarter steps from 1 at 0 to 5 at 1).
  assert.match(await page.textContent("#checklist-score-A-1"), /得点 4 \(採点済\)/);
  // Announced once the typing stops, in one polite message: the item's score and the total.
  await page.waitForFunction(() => document.getElementById("checklist-live").textContent !== "");
  assert.match(await page.textContent("#checklist-live"), /A-1 得点 4/);
  assert.equal(await page.getAttribute("#checklist-live", "aria-live"), "polite");
  assert.equal(await page.textContent("#last-total"), "–", "the total waits for every item");
  // Three quick presses of Space on A-1.5 (met, not met, met): one announcement, once the keys stop.
  await page.evaluate(() => {
    window.__said = [];
    new MutationObserver(() => window.__said.push(document.getElementById("checklist-live").textContent)).observe(document.getElementById("checklist-live"), { childList: true, characterData: true, subtree: true });
  });
  await tabTo(page, "checklist-el-A-1.5");
  for (let i = 0; i < 3; i++) await page.keyboard.press("Space");
  await page.waitForFunction(() => window.__said.length > 0);
  await page.waitForTimeout(900);
  assert.deepEqual(await page.evaluate(() => window.__said), ["A-1 得点 5、合計 –"]);
  await page.keyboard.press("Space"); // back to not met
  await page.waitForFunction(() => window.__said.length > 1);
  assert.match(await page.textContent("#checklist-live"), /A-1 得点 4/);
  // △ options and figures by keyboard too: Space on an option, digits in the figure fields.
  await tabTo(page, "checklist-opt-hellowork-B-1.1");
  await page.keyboard.press("Space");
  assert.ok(await page.isChecked("#checklist-opt-hellowork-B-1\\.1"));
  assert.equal(await page.textContent("#checklist-answer-B-1\\.1"), "達成（△・数値から判定）");
  await tabTo(page, "checklist-fig-capacity-B-1.6");
  await page.keyboard.type("20");
  await tabTo(page, "checklist-fig-new_users_past_year-B-1.6");
  await page.keyboard.type("12");
  // 12 new users against half of a capacity of 20: met, by the figure.
  assert.equal(await page.textContent("#checklist-answer-B-1\\.6"), "達成（△・数値から判定）");
  // "Next unanswered" moves the focus to.
  await page.click("#checklist-next");
  assert.equal(await page.evaluate(() => document.activeElement.id), "checklist-el-A-2.1");
  await page.screenshot({ path: join(out, "embed-keyboard.png") });

  // The tab is closed; a new one on the same page brings the draft back.
  const storage = await page.context().storageState();
  await page.close();
  const again = await browser.newPage({ viewport: { width: 1200, height: 900 }, storageState: storage });
  await again.goto(`${server.base}/examples/plain.html`);
  await again.waitForSelector("body[data-ready=true]");
  assert.equal(await again.textContent("#checklist-message"), "前回の下書きを復元しました");
  assert.equal(await again.inputValue("#checklist-office-name"), "千代田区福祉事務所");
  assert.equal(await again.inputValue("#checklist-finding-A-1\\.5"), "担当者の配置は未定（課長より聞き取り）");
  assert.match(await again.textContent("#checklist-score-A-1"), /得点 4/);

  // English at run time: every text, the problems too.
  await again.focus("#checklist-lang");
  await again.keyboard.press("ArrowDown"); // English, chosen with the keyboard
  assert.equal(await again.getAttribute("#checklist", "lang"), "en");
  assert.equal(await again.evaluate(() => document.activeElement.id), "checklist-lang", "the focus stays on the language");
  assert.match(await again.textContent("#checklist-score-A-1"), /score 4 \(scored\)/i);
  assert.equal(await again.textContent("#checklist-progress"), "answered 7/57");
  await again.fill("#checklist-fig-capacity-B-1\\.6", "0");
  assert.match(await again.textContent("#checklist-problem-B-1\\.6"), /must be at least 1 \(found 0\)/);
  await again.fill("#checklist-fig-capacity-B-1\\.6", "20");

  // Printed on A4: the answers, the finding, the scores; read back from the PDF.
  const pdf = join(out, "form-print.pdf");
  await again.emulateMedia({ media: "print" });
  await again.pdf({ path: pdf, format: "A4" });
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  for (const expected of ["13101", "A-1 ", "Score 4 (scored)", "not met", "担当者の配置は未定", "answered 7/57", "provisional"]) {
    assert.ok(text.includes(expected), `the printout shows ${expected}`);
  }
  assert.ok(!text.includes("Save (JSON)") && !text.includes("undefined"), "no buttons on paper, nothing missing");
  await again.emulateMedia({ media: "screen" });

  // Saved as YAML, which the CLI scores as the form did.
  const [download] = await Promise.all([again.waitForEvent("download"), again.click("#checklist-save-yaml")]);
  const saved = join(out, "form-saved.yaml");
  await download.saveAs(saved);
  const report = JSON.parse(cli("score", saved, "--format", "json"));
  assert.equal(report.items.find((i) => i.id === "A-1").score, 4);
  assert.equal(report.office.name, "千代田区福祉事務所");
  assert.match(readFileSync(saved, "utf8"), /findings: .*"A-1.5":"担当者の配置は未定（課長より聞き取り）"/);

  // A file for another bank version is refused with the core's message; the answers stay as they were.
  await again.setInputFiles("#checklist-open", join(REPO, "examples/sample-office-2024.yaml"));
  await again.waitForFunction(() => document.getElementById("checklist-message").textContent !== "");
  assert.match(await again.textContent("#checklist-message"), /seiho-shuro@1\.0\.0.*seiho-shuro@1\.1\.0|seiho-shuro@1\.1\.0.*seiho-shuro@1\.0\.0/);
  assert.equal(await again.textContent("#checklist-progress"), "answered 7/57");

  // Read-only review: every field disabled, saving still there.
  await again.evaluate(() => document.getElementById("checklist").setAttribute("readonly", ""));
  assert.ok(await again.isDisabled("#checklist-el-A-1\\.1"));
  assert.ok(await again.isDisabled("#checklist-finding-A-1\\.5"));
  assert.ok(await again.isEnabled("#checklist-save-yaml"));
  await again.screenshot({ path: join(out, "embed-readonly.png") });
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.violations, [], "no Content-Security-Policy violation");
  assert.deepEqual(seen.outside, []);
  await again.close();
});

test("a draft per office and period: opening another office's file keeps the first, and either can be picked", async () => {
  const { page, seen } = await open(browser, server.base, "/examples/plain.html");
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await page.fill("#checklist-office-id", "13101");
  await page.fill("#checklist-period", "2025");
  await page.click("#checklist-el-A-1\\.1");
  await page.setInputFiles("#checklist-open", join(REPO, "examples/sample-office-2026.yaml"));
  await page.waitForFunction(() => document.getElementById("checklist-message").textContent.includes("sample-office-2026.yaml"));
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  const office = await page.inputValue("#checklist-office-id");
  assert.notEqual(office, "13101", "the file opened last comes back");
  const offered = await page.$$eval("#checklist-drafts option", (os) => os.map((o) => o.textContent));
  assert.equal(offered.length, 2);
  assert.ok(offered.some((o) => o.startsWith("13101 2025")) && offered.some((o) => o.startsWith(`${office} 2026`)), offered.join(" | "));
  await page.selectOption("#checklist-drafts", { index: offered.findIndex((o) => o.startsWith("13101")) });
  await page.click("#checklist-open-draft");
  assert.equal(await page.inputValue("#checklist-office-id"), "13101");
  assert.equal(await page.textContent("#checklist-progress"), "回答済み 1/57");
  assert.deepEqual(seen.errors, []);
  await page.close();
});

/** axe-core's WCAG 2.1 A and AA rules on the form as it stands. */
async function axe(page) {
  const result = await page.evaluate(async () => window.axe.run(document.getElementById("checklist"), { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

test("axe-core finds no WCAG 2.1 AA violation, in both languages, empty, half-filled and with a problem", async () => {
  // axe is injected as a script, which the strict policy rightly refuses: this page alone bypasses it.
  const page = await browser.newPage({ bypassCSP: true, viewport: { width: 1200, height: 900 } });
  await page.goto(`${server.base}/examples/plain.html`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await page.addScriptTag({ content: axeSource });
  const results = {};
  for (const lang of ["ja", "en"]) {
    await page.selectOption("#checklist-lang", lang);
    results[`${lang} empty`] = await axe(page);
    for (const id of ["A-1.1", "A-1.2", "A-2.1", "A-3.1", "B-1.2"]) await page.click(`#checklist-el-${id.replace(/\./g, "\\.")}`);
    await page.check("#checklist-opt-hellowork-B-1\\.1");
    await page.fill("#checklist-office-id", "13101");
    results[`${lang} half-filled`] = await axe(page);
    await page.fill("#checklist-fig-capacity-B-1\\.6", "0");
    assert.notEqual(await page.textContent("#checklist-problem-B-1\\.6"), "");
    results[`${lang} with a problem`] = await axe(page);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    await page.addScriptTag({ content: axeSource });
  }
  console.log(`axe-core ${JSON.parse(readFileSync(createRequire(import.meta.url).resolve("axe-core/package.json"), "utf8")).version}: ${JSON.stringify(results)}`);
  for (const [state, violations] of Object.entries(results)) assert.deepEqual(violations, [], state);
  await page.close();
});

test("the React example, built with esbuild, mounts the form and follows its changes", async () => {
  const built = await build({
    entryPoints: [join(PACKAGE, "examples/react/App.jsx")],
    bundle: true,
    format: "esm",
    jsx: "automatic",
    outfile: join(reactOut, "app.js"),
    alias: { "fidelity-scale/form": join(PACKAGE, "form.js") },
    // No `external`: the package's Node-only `node:fs` import is one a browser bundle leaves alone.
    logLevel: "silent",
  });
  assert.deepEqual(built.warnings, []);
  // A bundler's static assets: the page, the styles and the module beside the bundle.
  copyFileSync(join(PACKAGE, "examples/react/index.html"), join(reactOut, "index.html"));
  copyFileSync(join(PACKAGE, "form.css"), join(reactOut, "form.css"));
  copyFileSync(join(PACKAGE, "pkg/fidelity_scale_bg.wasm"), join(reactOut, "pkg/fidelity_scale_bg.wasm"));
  const page = await browser.newPage();
  const seen = [];
  page.on("pageerror", (e) => seen.push(e.message));
  page.on("console", (m) => m.type() === "error" && seen.push(m.text()));
  await page.goto(`${server.base}/react-build/index.html`);
  await page.waitForSelector("#ff1-el-A-1\\.1", { timeout: 20_000 });
  await page.click("#ff1-el-A-1\\.1");
  await page.click("#ff1-el-A-1\\.2");
  assert.equal(await page.textContent("#app-answered"), "2");
  await page.click("#app-lang");
  assert.equal(await page.textContent("#ff1-progress"), "answered 2/57");
  assert.deepEqual(seen, []);
  await page.close();
});

test("a custom bank, loaded with the audit module's Bank.fromYaml, fills and scores in the form", async () => {
  const files = readdirSync(testRules).filter((f) => f.endsWith(".yaml"));
  const { page, seen } = await open(browser, server.base, `/test-browser/pages/custom-bank.html?files=${files.join(",")}`);
  // The test bank's own item, not seiho-shuro's: T-1, ten plain elements under bands 1 / 0.7 / 0.3 / 0.1 / 0.
  assert.match(await page.textContent("#custom"), /T-1 十要素/);
  assert.equal(await page.$("#custom-el-A-1\\.1"), null);
  // Seven met (one click each), three not met (two clicks: unanswered → met → not met).
  for (let k = 1; k <= 10; k++) {
    for (let c = 0; c < (k <= 7 ? 1 : 2); c++) await page.click(`#custom-el-T-1\\.${k}`);
  }
  assert.equal(await page.textContent("#custom-progress-T-1"), "回答済み 10/10");
  // 7 of 10 is exactly the 0.7 band, which the engine compares as fractions: score 4.
  assert.match(await page.textContent("#custom-score-T-1"), /得点 4 \(採点済\)/);
  assert.equal(await page.textContent("#total"), "–", "the other items are unanswered");
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.violations, [], "no Content-Security-Policy violation");
  await page.close();
});
