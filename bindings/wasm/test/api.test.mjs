// The package as a form developer uses it: banks, the form model, scoring objects and text, problems as data,
// errors, custom banks, schemas, and inputs that must not trap the module.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { Bank, banks, engineVersion, schema, words } from "../index.js";
import { bankForHeader, Bank as AuditBank } from "../audit.js";
import { REPO, auditBankFor, cli } from "./helpers.mjs";

const newest = Bank.builtin("seiho-shuro"); // 1.1.0
const bank = Bank.builtin("seiho-shuro@1.0.1"); // scores what the bundled examples were written for
const v100 = Bank.builtin("seiho-shuro@1.0.0"); // the version the bundled examples name
const example = readFileSync(`${REPO}examples/sample-office-2025.yaml`, "utf8");

test("built-in banks and identity", () => {
  assert.deepEqual(banks(), ["1.0.0", "1.0.1", "1.1.0"].map((version) => ({ id: "seiho-shuro", version })));
  assert.equal(newest.reference, "seiho-shuro@1.1.0");
  assert.equal(bank.scoringDigest, v100.scoringDigest); // a patch release: texts only
  assert.notEqual(newest.scoringDigest, v100.scoringDigest); // a minor release: the scoring changed
  assert.match(bank.contentDigest, /^sha256:[0-9a-f]{64}$/);
  assert.ok(cli("banks").includes(bank.scoringDigest));
  assert.equal(engineVersion(), bank.score(example).engine_version);
});

test("items() gives a form everything it renders, in Japanese or English", () => {
  const ja = newest.items();
  const en = newest.items("en");
  assert.equal(ja.bank, "seiho-shuro@1.1.0");
  // the assessor's guidance: the checklist's, and an element's (when na is the answer)
  assert.match(ja.guidance, /^評価期間/);
  const b33 = en.domains[1].items[2].elements[2];
  assert.deepEqual([b33.id, b33.na_allowed], ["B-3.3", true]);
  assert.match(b33.guidance, /^Answer na when no company took on a user/);
  // the manual's item texts and the glossary, in the form's language
  const a3 = en.domains[0].items[2];
  assert.match(a3.support, /^The employment support staff provide/);
  assert.match(ja.domains[0].items[2].notes, /^一人のコーディネーター/);
  const staff = en.glossary.find((g) => g.id === "employment_support_staff");
  assert.deepEqual([staff.term, staff.ja, staff.source], ["employment support staff", "就労支援スタッフ", "3.3"]);
  assert.equal(ja.glossary.find((g) => g.id === "supervisor").term, "査察指導員");
  assert.deepEqual(ja.domains.map((d) => d.items.length), [6, 3]);
  assert.equal(ja.domains.flatMap((d) => d.items.flatMap((i) => i.elements)).length, 57);
  const b16 = ja.domains[1].items[0].elements[5];
  assert.equal(b16.id, "B-1.6");
  assert.equal(b16.input.kind, "figure");
  assert.deepEqual(b16.input.inputs.map((i) => [i.key, i.min]), [["new_users_past_year", 0], ["capacity", 1]]);
  assert.match(b16.text, /定員/);
  const a34 = en.domains[0].items[2].elements[3];
  assert.equal(a34.input.kind, "options");
  assert.equal(a34.input.required, a34.input.options.length);
  assert.match(ja.notice, /暫定/);
  assert.match(en.notice, /provisional/);
  assert.deepEqual(en.levels.map((l) => l.id), ["high", "moderate", "low"]);
  assert.throws(() => newest.items("fr"), /lang/);
});

test("score() takes an object or YAML/JSON text and equals the CLI", () => {
  const fromText = v100.score(example);
  assert.deepEqual(fromText, JSON.parse(cli("score", "examples/sample-office-2025.yaml", "--format", "json")));
  // the newest patch release scores an assessment written for 1.0.0 the same, and names itself; 1.1.0,
  // which scores differently, refuses it
  const patch = bank.score(example);
  assert.equal(patch.bank.version, "1.0.1");
  assert.deepEqual(patch.items, fromText.items);
  assert.throws(() => newest.score(example), (e) => e.code === "bank_mismatch");
  const asObject = { office: fromText.office, period: fromText.period, rater: fromText.rater, answers: { "A-1.1": true, "B-1.6": { capacity: 20, new_users_past_year: 10 } } };
  const partial = bank.score(asObject);
  assert.equal(partial.items[0].status, "incomplete");
  assert.equal(partial.items[6].elements[5].outcome, "met");
  assert.deepEqual(bank.score(JSON.stringify(asObject)), partial);
});

test("judgement where evidence could be given: flagged in reports, refused by strict validation, as the CLI", () => {
  const path = "tests/conformance/seiho-1.1-judged-without-evidence.yaml";
  const text = readFileSync(REPO + path, "utf8");
  assert.deepEqual(newest.validate(text), []);
  assert.deepEqual(newest.score(text).judged_without_evidence, ["A-2.3", "A-3.5"]);
  const strict = newest.validate(text, { strict: true });
  assert.deepEqual(strict.map((p) => [p.code, p.path, p.line, p.column]), [["evidence_required", "answers.A-2.3", 19, 10], ["evidence_required", "answers.A-3.5", 31, 10]]);
  const fromCli = JSON.parse(cli("validate", path, "--strict", "--format", "json")).problems.map(({ file, ...p }) => p);
  assert.deepEqual(strict, fromCli);
  const asObject = { office: { id: "1" }, period: "2026", rater: { kind: "self" }, answers: { "B-1.6": false, "B-1.1": ["npo"] } };
  assert.deepEqual(newest.validate(asObject, { strict: true }).map((p) => [p.path, p.line]), [["answers.B-1.6", undefined]]);
  assert.deepEqual(newest.validate(asObject, { strict: false }), []);
});

test("problems are data from validate() and a real Error from score()", () => {
  const bad = { office: { id: "1" }, period: "2025", rater: { kind: "self" }, answers: { "B-1.6": { capacity: 0, new_users_past_year: 1 } } };
  const problems = bank.validate(bad);
  assert.deepEqual(problems, [
    {
      code: "figure_below_minimum",
      path: "answers.B-1.6.capacity",
      element: "B-1.6",
      message: "must be at least 1 (found 0)",
      help: "Give at least the minimum the message states (a capacity is at least 1).",
      message_ja: "1 以上にしてください（0 です）",
      help_ja: "メッセージにある最小値以上を入れてください（定員は 1 以上）。",
    },
  ]);
  assert.throws(() => bank.score(bad), (e) => e instanceof Error && e.name === "AssessmentError" && e.code === "figure_below_minimum" && e.path === "answers.B-1.6.capacity" && e.line === null);
  const text = "office: {id: '1'}\nperiod: '2025'\nrater: {kind: self}\nanswers:\n  A-9.1: true\n";
  assert.deepEqual(bank.validate(text).map((p) => [p.code, p.path, p.line]), [["unknown_element", "answers.A-9.1", 5]]);
  assert.deepEqual(bank.validate(example), []);
});

test("an object's problems name where they are, however deep", () => {
  const base = { office: { id: "1" }, period: "2025", rater: { kind: "self" } };
  const at = (answers) => bank.validate({ ...base, answers }).map((p) => [p.code, p.path]);
  // Values JSON cannot hold, at a key, in a list, under a figure.
  assert.deepEqual(at({ "A-1.1": () => 1 }), [["wrong_type", "answers.A-1.1"]]);
  assert.deepEqual(at({ "B-1.1": ["npo", Symbol("x")] }), [["wrong_type", "answers.B-1.1[1]"]]);
  assert.deepEqual(at({ "B-1.6": { capacity: 20, new_users_past_year: 1n } }), [["wrong_type", "answers.B-1.6.new_users_past_year"]]);
  // Read through: options out of order and undefined entries (left out, as JSON leaves them) score alike.
  const answers = { "B-1.1": ["minsei_council", "npo"], "A-1.1": undefined, "A-1.2": true };
  assert.deepEqual(bank.readAssessment({ ...base, answers }).answers, { "A-1.2": true, "B-1.1": ["npo", "minsei_council"] });
});

test("nothing a caller passes traps the module", () => {
  const deep = JSON.parse("[".repeat(5000) + "]".repeat(5000));
  const cyclic = {};
  cyclic.self = cyclic;
  const inputs = [undefined, null, 42, true, "", "[", "\u0000", "a: &x 1\nb: *x\n", "{".repeat(100000), deep, cyclic, { answers: 1n }, Symbol("x"), [], () => 1];
  for (const [i, input] of inputs.entries()) {
    assert.throws(() => bank.score(input), (e) => e instanceof Error && typeof e.code === "string", `input ${i}`);
    assert.ok(Array.isArray(bank.validate(input)) && bank.validate(input).length > 0);
  }
  // The module still works afterwards.
  assert.equal(bank.score(example).level, "moderate");
});

test("custom banks load from YAML files in the audit module and report their problems", () => {
  const dir = `${REPO}fidelity-items/seiho-shuro/1.0.0/`;
  const names = ["bank.yaml", "A-1.yaml", "A-2.yaml", "A-3.yaml", "A-4.yaml", "A-5.yaml", "A-6.yaml", "B-1.yaml", "B-2.yaml", "B-3.yaml"];
  const files = Object.fromEntries(names.map((f) => [f, readFileSync(dir + f, "utf8")]));
  // Checked and digested there; the scoring package's built-in 1.0.0, read with its recorded digests, agrees.
  assert.equal(AuditBank.fromYaml(files).contentDigest, v100.contentDigest);
  files["B-3.yaml"] = files["B-3.yaml"].replace("elements:", "colour: red\nelements:");
  assert.throws(() => AuditBank.fromYaml(files), (e) => e.name === "BankError" && e.code === "bank_format" && e.path === "colour" && e.problems[0].file === "B-3.yaml");
  assert.throws(() => AuditBank.fromYaml("nope"), (e) => e.code === "wrong_type");
  assert.throws(() => Bank.builtin("nope"), (e) => e.code === "bank_not_found");
  assert.equal(Bank.fromYaml, undefined); // not in the scoring package (docs/wasm.md)
});

test("the scoring package's built-in banks are the checked ones: same digests and the same scores as the audit module's", () => {
  const yaml = readFileSync(`${REPO}examples/sample-office-2026.yaml`, "utf8");
  for (const { version } of banks()) {
    const light = Bank.builtin(`seiho-shuro@${version}`);
    const checked = AuditBank.builtin(`seiho-shuro@${version}`);
    assert.equal(light.contentDigest, checked.contentDigest, version);
    assert.equal(light.scoringDigest, checked.scoringDigest, version);
    assert.deepEqual(light.items("en"), checked.items("en"), version);
  }
  assert.deepEqual(newest.score(yaml), AuditBank.builtin("seiho-shuro@1.1.0").score(yaml));
});

test("rows of a wide table score like the CLI's CSV", () => {
  const [header, ...rows] = readFileSync(`${REPO}examples/offices.csv`, "utf8").trim().split("\n").map((l) => l.split(","));
  // The example's memo column holds commas inside quotes; keep the columns the bank reads.
  const keep = header.map((h, i) => (h === "memo" ? -1 : i)).filter((i) => i >= 0);
  // A CSV names no bank: the version its header is written for is the newest it fits (1.0.x for this table
  // from the 1.0.0 template; 1.1.0 for its own template's), as `fidelity score FILE.csv` picks it.
  assert.equal(bankForHeader(header), "seiho-shuro@1.0.1");
  assert.equal(bankForHeader(cli("template", "--format", "csv").trim().split(",")), "seiho-shuro@1.1.0");
  assert.equal(bankForHeader(["office_id", "A-9.9"]), undefined);
  const batch = auditBankFor(bankForHeader(header));
  const reports = batch.scoreRows(keep.map((i) => header[i]), rows.map((r) => keep.map((i) => r[i])));
  assert.deepEqual(reports.map((r) => r.total.sum), [24, 28, 29, 26, 16, 22, 34, 25]);
  const numbers = batch.scoreRows(["office_id", "period", "rater_kind", "A-1.1"], [["1", 2025, "self", 1]]);
  assert.equal(numbers[0].items[0].elements[0].outcome, "met");
  assert.throws(() => batch.scoreRows(["office_id", "period", "rater_kind"], [["1", "2"]]), (e) => e.code === "wrong_type");
  assert.throws(() => batch.scoreRows(["office_id", "A-1.9"], []), (e) => e.problems.some((p) => p.code === "unknown_element"));
});

test("schemas ship with the package", async () => {
  const report = await schema("report");
  assert.deepEqual(report, JSON.parse(readFileSync(`${REPO}fidelity-items/schema/report.schema.json`, "utf8")));
  const forBank = await schema("assessment.seiho-shuro@1.0.0");
  assert.ok("B-1.6" in forBank.properties.answers.properties);
  await assert.rejects(() => schema("../etc/passwd"));
});

test("the scoring entry carries the core's screen words, which the form shows", () => {
  const [ja, en] = [words("ja"), words("en")];
  assert.deepEqual([ja.scored, ja.incomplete, ja.not_applicable, ja.self, ja.rule_changed], ["採点済", "未回答あり", "該当なし", "自己評価", "採点規則の変更"]);
  assert.deepEqual([en.scored, en.external, en.excluded], ["scored", "external review", "Items left out of the comparison"]);
  assert.deepEqual(Object.keys(ja), Object.keys(en));
  assert.throws(() => words("fr"), (e) => e.name === "AssessmentError" && e.code === "invalid_value" && e.path === "lang");
  // The form's own table holds only its own words: every shared one comes from the package.
  const form = ["../form.js", "../form/words.js", "../form/dom.js", "../form/drafts.js"].map((f) => readFileSync(new URL(f, import.meta.url), "utf8")).join("\n");
  assert.match(form, /次の未回答の要素へ/); // the form's own words are read
  for (const word of ["採点済", "未回答あり", "自己評価", "外部評価", "合計", "水準", "所見", "情報源"]) assert.ok(!form.includes(word), word);
});
