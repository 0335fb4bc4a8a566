// Year-over-year audit in the WASM package (the fidelity-scale/audit module): the shared compare and verify
// vectors (tests/compare, tests/verify), each comparison also equal to the Rust CLI's JSON.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readdirSync, readFileSync } from "node:fs";
import { init, Bank, Library, words } from "../audit.js";
import { REPO, cli, contains } from "./helpers.mjs";

await init();

/** A test-audit bank version, loaded in the audit module from its files. */
function auditBank(version) {
  const dir = `${REPO}tests/banks/test-audit/${version}/`;
  return Bank.fromYaml(Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(dir + f, "utf8")])));
}

/** The built-in banks plus the test-audit bank's versions and its crosswalk, as a web page would add them. */
function library() {
  const lib = new Library();
  for (const v of ["1.0.0", "1.0.1", "1.1.0"]) lib.addBank(auditBank(v));
  const dir = `${REPO}tests/banks/test-audit/crosswalks/`;
  for (const f of readdirSync(dir)) lib.addCrosswalk(f, readFileSync(dir + f, "utf8"));
  return lib;
}

const compareDir = `${REPO}tests/compare/`;
const names = readdirSync(compareDir).filter((f) => f.endsWith(".old.yaml")).map((f) => f.replace(/\.old\.yaml$/, "")).sort();
const verifyDir = `${REPO}tests/verify/`;
const cases = readdirSync(verifyDir).filter((f) => f.endsWith(".json")).sort();

test("the vectors are there", () => {
  assert.ok(names.length >= 4 && cases.length >= 6);
});

for (const name of names) {
  test(`compare vector ${name}`, () => {
    const expected = JSON.parse(readFileSync(`${compareDir}${name}.expected.json`, "utf8"));
    const [old, neu] = ["old", "new"].map((s) => readFileSync(`${compareDir}${name}.${s}.yaml`, "utf8"));
    const lib = library();
    if (expected.error) {
      assert.throws(() => lib.compare(old, neu), (e) => e.code === expected.error.code && e instanceof Error);
      return;
    }
    const comparison = lib.compare(old, neu);
    contains(expected, comparison, name);
    const args = ["compare", `${compareDir}${name}.old.yaml`, `${compareDir}${name}.new.yaml`, "--banks", `${REPO}tests/banks`, "--format", "json"];
    assert.deepEqual(comparison, JSON.parse(cli(...args)));
    // Reports (objects) compare as their assessments do.
    assert.deepEqual(lib.compare(lib.report(old), lib.report(neu)), comparison);
  });
}

function tamper(report, path, value) {
  const keys = path.split(".").map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  let at = report;
  for (const k of keys.slice(0, -1)) at = at[k];
  at[keys.at(-1)] = value;
}

for (const file of cases) {
  test(`verify vector ${file}`, () => {
    const spec = JSON.parse(readFileSync(verifyDir + file, "utf8"));
    const lib = new Library();
    const report = lib.report(readFileSync(REPO + spec.report_of, "utf8"));
    for (const t of spec.tamper) tamper(report, t.path, t.value);
    contains(spec.expected, lib.verify(report, readFileSync(REPO + spec.assessment, "utf8")), file);
  });
}

test("a trend of the example office, and bad input as errors with codes", () => {
  const lib = new Library();
  const [a, b] = ["2025", "2024"].map((y) => readFileSync(`${REPO}examples/sample-office-${y}.yaml`, "utf8"));
  const t = lib.trend([a, b]);
  assert.deepEqual(t.offices[0].points.map((p) => p.period), ["2024", "2025"]);
  assert.deepEqual(t.offices[0].total_sum, [24, 28]);
  assert.deepEqual(t, JSON.parse(cli("trend", "examples/sample-office-2025.yaml", "examples/sample-office-2024.yaml", "--format", "json")));
  assert.throws(() => lib.trend("not a list"), (e) => e.code === "wrong_type");
  assert.throws(() => lib.compare(42, a), (e) => e.code === "wrong_type");
  assert.throws(() => lib.verify({ report_format: 99 }, a), (e) => e.code === "report_format");
});

test("warnings carry Japanese and English, and the screen words are the core's", () => {
  const lib = new Library();
  const [a, b] = ["2024", "2025"].map((y) => readFileSync(`${REPO}examples/sample-office-${y}.yaml`, "utf8"));
  const [w] = lib.compare(a, b).warnings;
  assert.equal(w.code, "rater_kinds_differ");
  assert.equal(w.message.ja, "前回は外部評価、今回は自己評価です。差は事務所ではなく評価者の違いによる可能性があります");
  assert.match(w.message.en, /^the old report is an external review and the new one a self-assessment/);
  const [mixed] = lib.trend([a, b]).offices[0].warnings;
  assert.equal(mixed.message.ja, "自己評価と外部評価が混在しています。差は評価者の違いによる可能性があります");
  const [ja, en] = [words("ja"), words("en")];
  assert.deepEqual(Object.keys(ja), Object.keys(en));
  assert.deepEqual([ja.incomplete, ja.not_applicable, ja.external], ["未回答あり", "該当なし", "外部評価"]);
  assert.equal(words().scored, "採点済");
  assert.throws(() => words("fr"), (e) => e.name === "AssessmentError" && e.code === "invalid_value" && e.path === "lang");
});
