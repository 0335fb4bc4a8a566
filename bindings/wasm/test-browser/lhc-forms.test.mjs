// A real FHIR form engine: the Questionnaire of `fidelity export fhir` rendered by LHC-Forms (npm `lforms`,
// its prebuilt web component, which tests/run-all.sh unpacks into target/tools/lforms) in headless Chromium
// with every other request refused, filled in with the keyboard as a user would, its QuestionnaireResponse
// exported by LHC-Forms itself and scored by `fidelity`: the same report as the same answers in YAML
// (tests/fhir/response.yaml). Screenshot saved.
import assert from "node:assert/strict";
import { test } from "node:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "./browser.mjs";
import { REPO, cli } from "../test/helpers.mjs";

const dist = join(REPO, "target", "tools", "lforms", "package", "dist", "lforms");
const PAGE = `<!doctype html><html lang="ja"><head><meta charset="utf-8">
<link href="/webcomponent/styles.css" rel="stylesheet"></head><body><div id="form"></div>
<script src="/webcomponent/assets/lib/zone.min.js"></script>
<script src="/webcomponent/lhc-forms.js"></script>
<script src="/fhir/lformsFHIRAll.min.js"></script></body></html>`;

test("LHC-Forms renders the Questionnaire, and its QuestionnaireResponse scores as the same answers in YAML", async () => {
  assert.ok(existsSync(join(dist, "webcomponent", "lhc-forms.js")), `${dist} is missing: tests/run-all.sh unpacks lforms there`);
  const questionnaire = JSON.parse(cli("export", "fhir", "--bank", "seiho-shuro@1.1.0"));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // The page and LHC-Forms' own files are served from the unpacked package; nothing else is reachable.
    await page.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.host !== "lforms.test") return route.abort();
      if (url.pathname === "/") return route.fulfill({ contentType: "text/html", body: PAGE });
      const file = join(dist, decodeURIComponent(url.pathname));
      if (!file.startsWith(dist) || !existsSync(file)) return route.abort();
      const type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css" : "application/octet-stream";
      return route.fulfill({ contentType: type, body: readFileSync(file) });
    });
    await page.goto("http://lforms.test/");
    await page.waitForFunction(() => window.LForms?.Util, null, { timeout: 30000 });
    await page.evaluate(async (q) => LForms.Util.addFormToPage(q, "form", { fhirVersion: "R4" }), questionnaire);
    await page.locator('[id="office_id/1/1"]').waitFor();

    // As a keyboard user: click the field, type, or move down the answer list (LHC-Forms numbers it, in the
    // Questionnaire's order: 1 met, 2 not met, 3 not applicable; 1 self, 2 external) and take the answer.
    const type = async (link, text) => {
      await page.locator(`[id="${link}/1/1"]`).click();
      await page.keyboard.type(text);
      await page.keyboard.press("Tab");
    };
    const choose = async (link, position) => {
      await page.locator(`[id="${link}/1/1"]`).click();
      for (let k = 0; k < position; k++) await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      await page.keyboard.press("Tab");
    };
    const [MET, NOT_MET, NA] = [1, 2, 3];
    await type("office_id", "99001");
    await type("office_name", "サンプル市福祉事務所");
    await type("period", "2026");
    await choose("rater_kind", 2);
    await type("rater_date", "09/01/2026");
    await choose("A-3.4", NOT_MET);
    // The options list takes several answers: each time the first one not yet chosen.
    const options = questionnaire.item.find((i) => i.linkId === "A-3").item.find((i) => i.linkId === "A-3.4:options").answerOption;
    await page.locator('[id="A-3.4:options/1/1"]').click();
    for (let k = 0; k < options.length; k++) {
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
    }
    await page.keyboard.press("Tab");
    for (const [link, answer] of [["A-6.1", MET], ["A-6.2", MET], ["A-6.3", MET], ["A-6.4", NOT_MET], ["B-3.1", MET], ["B-3.2", NOT_MET], ["B-3.3", NA], ["B-3.4", NA]]) {
      await choose(link, answer);
    }
    await type("B-1.6:new_users_past_year", "9");
    await type("B-1.6:capacity", "20");

    const response = await page.evaluate(() => LForms.Util.getFormFHIRData("QuestionnaireResponse", "R4"));
    const out = join(REPO, "target", "browser-test");
    mkdirSync(out, { recursive: true });
    await page.screenshot({ path: join(out, "lhc-forms.png") });
    const file = join(out, "lhc-forms-response.json");
    writeFileSync(file, JSON.stringify(response, null, 2));
    assert.deepEqual(errors, []);
    assert.equal(response.questionnaire, "urn:fidelity:questionnaire:seiho-shuro|1.1.0");
    const scored = JSON.parse(cli("score", file, "--format", "json"));
    const yaml = JSON.parse(cli("score", "tests/fhir/response.yaml", "--format", "json"));
    assert.deepEqual(scored.items, yaml.items);
    assert.deepEqual([scored.office, scored.period, scored.rater], [yaml.office, yaml.period, yaml.rater]);
  } finally {
    await browser.close();
  }
});
