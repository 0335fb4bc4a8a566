// The review in the WASM audit module: the shared consensus vectors (tests/consensus), each worksheet also
// equal to the Rust CLI's JSON, and the office report's data equal to `fidelity report --format json`.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readdirSync, readFileSync } from "node:fs";
import { init, Bank, Library } from "../audit.js";
import { parse } from "csv-parse/sync";
import { REPO, cli, contains } from "./helpers.mjs";

await init();

const dir = `${REPO}tests/consensus/`;
const read = (f) => readFileSync(dir + f, "utf8");
const pairs = readdirSync(dir).filter((f) => f.endsWith(".first.yaml")).map((f) => f.replace(/\.first\.yaml$/, "")).sort();
const records = readdirSync(dir).filter((f) => f.endsWith(".consensus.yaml")).sort();

test("the consensus vectors are there", () => {
  assert.ok(pairs.length >= 3 && records.length >= 4);
});

/** Problems as the vectors list them: code, path, line and column, sorted by path. */
const shown = (problems) =>
  problems.map((p) => ({ code: p.code, path: p.path, line: p.line ?? null, column: p.column ?? null })).sort((a, b) => a.path.localeCompare(b.path));

function sameProblems(expected, actual, name) {
  assert.equal(actual.length, expected.length, `${name}: ${JSON.stringify(actual)}`);
  expected.forEach((e, i) => contains(e, actual[i], name));
}

for (const name of pairs) {
  test(`consensus vector ${name}`, () => {
    const expected = JSON.parse(read(`${name}.expected.json`));
    const [a, b] = [read(`${name}.first.yaml`), read(`${name}.second.yaml`)];
    const lib = new Library();
    const files = [`${name}.first.yaml`, `${name}.second.yaml`];
    if (expected.error) {
      assert.throws(() => lib.consensus(a, b, files), (e) => e.code === expected.error.code && e.problems[0].path === expected.error.path);
      return;
    }
    const { worksheet, draft, draftYaml } = lib.consensus(a, b, files);
    contains(expected.worksheet, worksheet, name);
    contains(expected.draft, draft, name);
    assert.deepEqual(draft.answers, expected.draft.answers);
    // The draft's YAML reads back with the problems the vector lists (none when every answer agrees).
    let problems = [];
    try {
      lib.report(draftYaml);
    } catch (e) {
      problems = shown(e.problems);
    }
    sameProblems(expected.draft_problems, problems, name);
    // The CLI's worksheet is the same but for the files' names, which it gives as paths.
    const fromCli = JSON.parse(cli("consensus", `${dir}${name}.first.yaml`, `${dir}${name}.second.yaml`, "--format", "json"));
    fromCli.ratings.forEach((r, i) => (r.file = files[i]));
    assert.deepEqual(worksheet, fromCli);
  });
}

for (const file of records) {
  test(`consensus record ${file}`, () => {
    const expected = JSON.parse(read(file.replace(/\.yaml$/, ".expected.json")));
    const lib = new Library();
    if (expected.problems) {
      assert.throws(() => lib.report(read(file)), (e) => {
        sameProblems(expected.problems, shown(e.problems), file);
        return true;
      });
    } else {
      contains(expected.report, lib.report(read(file)), file);
    }
  });
}

test("the office report's data is the CLI's, free text with commas, quotes and line breaks unchanged", () => {
  const lib = new Library();
  const at = (p) => readFileSync(REPO + p, "utf8");
  const report = lib.officeReport(at("examples/review/2026-consensus.yaml"), at("examples/sample-office-2025.yaml"));
  const fromCli = JSON.parse(
    cli("report", "examples/review/2026-consensus.yaml", "--previous", "examples/sample-office-2025.yaml", "--format", "json"),
  );
  assert.deepEqual(report, fromCli);
  assert.equal(report.action_plan.length, 15);
  assert.deepEqual(report.change.items.map((i) => i.id), ["A-1", "A-4", "A-6", "B-2"]);
  const first = lib.report(read("disagree.first.yaml"));
  assert.equal(first.items.find((i) => i.id === "B-3").comment, 'カンマ, "引用符" と\n改行を含む記述。');
});

test("free text survives CSV, YAML and objects unchanged", () => {
  const text = 'カンマ, 引用符 "x" と改行\nあり、末尾の空白 ';
  // The CSV a spreadsheet writes (quotes doubled, the line break inside quotes), parsed by csv-parse.
  const quoted = (s) => `"${s.replaceAll('"', '""')}"`;
  const csv = `office_id,period,rater_kind,rater_name,A-6.1,finding:A-6.1,sources:A-6,comment:A-6\n501,2026,external,${quoted("評価者, A")},1,${quoted(text)},documents,${quoted(text)}\n`;
  const [header, ...rows] = parse(csv);
  const [fromCsv] = Bank.builtin("seiho-shuro@1.1.0").scoreRows(header, rows);
  const item = (r) => r.items.find((i) => i.id === "A-6");
  assert.equal(item(fromCsv).elements[0].finding, text);
  assert.equal(item(fromCsv).comment, text);
  assert.equal(fromCsv.rater.name, "評価者, A");
  const assessment = {
    bank: "seiho-shuro@1.1.0", office: { id: "501" }, period: "2026", rater: { kind: "external", name: "評価者, A" },
    answers: { "A-6.1": true }, findings: { "A-6.1": text }, items: { "A-6": { sources: ["documents"], comment: text } },
  };
  const lib = new Library();
  const fromObject = lib.report(assessment);
  const fromYaml = lib.report(`bank: seiho-shuro@1.1.0\noffice: {id: "501"}\nperiod: "2026"\nrater: {kind: external, name: "評価者, A"}\nanswers: {A-6.1: true}\nfindings: {A-6.1: ${JSON.stringify(text)}}\nitems: {A-6: {sources: [documents], comment: ${JSON.stringify(text)}}}\n`);
  for (const r of [fromObject, fromYaml]) assert.deepEqual(item(r), item(fromCsv));
});
