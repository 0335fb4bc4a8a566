// Other tools' formats in the WASM interop module (fidelity-scale/interop: the audit module and the formats):
// a FHIR QuestionnaireResponse (tests/fhir) is read as an assessment, with the bank version its Questionnaire
// names, giving the CLI's report and the same scores as the same answers in YAML; the REDCap dictionary and the
// FHIR Questionnaire are the CLI's exports; a REDCap raw export (tests/redcap) scores as worked by hand. (The
// scoring package leaves these out: its wide reader is the audit module's; the audit module leaves out the
// formats.)
import assert from "node:assert/strict";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { init, Bank, Library, bankForHeader } from "../interop.js";
import { init as initScoring, Bank as ScoringBank } from "../index.js";
import { init as initAudit, Bank as AuditBank } from "../audit.js";
import { REPO, cli, contains, expectedFor } from "./helpers.mjs";

await init();
await initScoring();
await initAudit();

test("the formats are the interop module's: the audit module, which pages that only audit load, leaves them out", () => {
  const [audit, interop] = [AuditBank.builtin("seiho-shuro"), Bank.builtin("seiho-shuro")];
  for (const method of ["redcapDictionary", "fhirQuestionnaire", "scoreCsv"]) {
    assert.equal(typeof audit[method], "undefined", method);
    assert.equal(typeof interop[method], "function", method);
  }
  // Everything else of the audit module is there too.
  assert.equal(typeof interop.agreement, "function");
});

test("a FHIR QuestionnaireResponse scores as the CLI scores it and as the same answers in YAML", () => {
  const lib = new Library();
  const response = readFileSync(`${REPO}tests/fhir/response.json`, "utf8");
  const report = lib.report(response);
  assert.deepEqual(report, JSON.parse(cli("score", "tests/fhir/response.json", "--format", "json")));
  assert.equal(report.bank.version, "1.1.0");
  const yaml = lib.report(readFileSync(`${REPO}tests/fhir/response.yaml`, "utf8"));
  assert.deepEqual(report.items, yaml.items);
  // A response to another Questionnaire is refused by name; one to another version is read with that version
  // (where B-3.3 and B-3.4 may not be na).
  assert.throws(
    () => lib.report(response.replace("urn:fidelity:questionnaire:seiho-shuro|1.1.0", "urn:example:other|2")),
    (e) => e.code === "bank_mismatch" && e.message.includes("urn:example:other|2"),
  );
  assert.throws(
    () => lib.report(response.replace("seiho-shuro|1.1.0", "seiho-shuro|1.0.0")),
    (e) => e.problems.map((p) => `${p.code} ${p.path}`).join() === "na_not_allowed answers.B-3.3,na_not_allowed answers.B-3.4",
  );
  // The scoring package does not read FHIR: it says what it expected.
  assert.throws(() => ScoringBank.builtin("seiho-shuro@1.1.0").score(response), (e) => e.code === "unknown_key");
});

test("the REDCap dictionary and the FHIR Questionnaire are the CLI's exports, and an export scores as worked by hand", () => {
  const bank = Bank.builtin("seiho-shuro@1.1.0");
  for (const lang of ["ja", "en"]) {
    assert.equal(bank.redcapDictionary(lang), cli("export", "redcap", "--bank", "seiho-shuro@1.1.0", "--lang", lang));
  }
  assert.deepEqual(bank.fhirQuestionnaire(), JSON.parse(cli("export", "fhir", "--bank", "seiho-shuro@1.1.0")));
  const exported = readFileSync(`${REPO}tests/redcap/export.csv`, "utf8");
  const reports = bank.scoreCsv(exported);
  contains(expectedFor(`${REPO}tests/redcap/export.csv`), reports);
  // A wide table is read as well, and a bad cell is a problem with its row and its line in the text.
  const wide = "office_id,period,rater_kind,A-1.1\n1,2026,self,1\n2,2026,self,2\n";
  assert.throws(
    () => bank.scoreCsv(wide),
    (e) => e.problems.length === 1 && e.problems[0].row === 1 && e.problems[0].line === 3 && e.problems[0].code === "wrong_type" && /1・0・na・空欄/.test(e.problems[0].message_ja),
  );
  assert.equal(bank.scoreCsv(wide.replace(",2\n", ",0\n")).length, 2);
});

test("the hostile corpus's JSON and CSV inputs are refused with exactly their problems (tests/hostile)", () => {
  const dir = `${REPO}tests/hostile/`;
  const lib = new Library();
  const names = ["deep-response.json", "redcap-open-quote.csv", "redcap-wide.csv"];
  for (const name of names) {
    const text = readFileSync(dir + name, "utf8");
    const expected = expectedFor(dir + name).problems;
    let thrown;
    try {
      if (name.endsWith(".json")) lib.report(text);
      else Bank.builtin(bankForHeader(text.split("\n")[0].split(",")) ?? "seiho-shuro").scoreCsv(text);
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown?.problems, `${name}: refused`);
    assert.equal(thrown.problems.length, expected.length, name);
    expected.forEach((e, i) => {
      for (const [key, value] of Object.entries(e)) assert.equal(thrown.problems[i][key] ?? "", value, `${name}: ${key}`);
      assert.ok(thrown.problems[i].message.length < 400 && thrown.problems[i].message_ja.length < 400);
    });
  }
});
