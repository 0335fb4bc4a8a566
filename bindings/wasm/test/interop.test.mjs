// Other tools' formats in the WASM audit module: a FHIR QuestionnaireResponse (tests/fhir) is read as an
// assessment, with the bank version its Questionnaire names, giving the CLI's report and the same scores as the
// same answers in YAML. (The scoring package leaves FHIR out: its wide reader is the audit module's.)
import assert from "node:assert/strict";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { init, Library } from "../audit.js";
import { init as initScoring, Bank as ScoringBank } from "../index.js";
import { REPO, cli } from "./helpers.mjs";

await init();
await initScoring();

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
