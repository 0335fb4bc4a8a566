// Bank.scoreMany: the scores of many assessments in one call, equal to each one's score() report, and every
// invalid assessment's problems with its index.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { init, Bank } from "../audit.js"; // batch scoring lives in the audit module
import { REPO, files } from "./helpers.mjs";

await init();
const bank = Bank.builtin("seiho-shuro@1.0.1");

/** What scoreMany gives for one report: its scores without the trace. */
function summary(report) {
  return {
    items: report.items.map((i) => i.score),
    domains: report.domains.map((d) => d.mean),
    total: report.total,
    level: report.level,
    // listed only when there are any, to keep a batch small
    ...(report.judged_without_evidence.length ? { judged_without_evidence: report.judged_without_evidence } : {}),
  };
}

test("scoreMany equals score() on every conformance vector and the examples, objects and texts mixed", () => {
  const all = [...files("tests/conformance", "yaml"), ...files("examples", "yaml")].map((p) => readFileSync(p, "utf8"));
  // Each version's vectors and examples with the bank that scores them: 1.0.1 scores what names 1.0.0 or 1.0.1.
  for (const [scorer, names, least] of [[bank, ["seiho-shuro@1.0.0", "seiho-shuro@1.0.1"], 10], [Bank.builtin("seiho-shuro@1.1.0"), ["seiho-shuro@1.1.0"], 3]]) {
    const texts = all.filter((t) => names.some((n) => t.includes(`bank: ${n}\n`)));
    const inputs = texts.map((t, i) => (i % 2 ? scorer.readAssessment(t) : t));
    const many = scorer.scoreMany(inputs);
    assert.equal(many.length, inputs.length);
    assert.ok(inputs.length >= least, `${scorer.reference}: ${inputs.length}`);
    inputs.forEach((input, i) => assert.deepEqual(many[i], summary(scorer.score(input)), `${scorer.reference} input ${i}`));
  }
  assert.deepEqual(bank.scoreMany([]), []);
});

test("scoreMany throws every invalid assessment's problems, each with its index in row", () => {
  const good = { office: { id: "1" }, period: "2025", rater: { kind: "self" }, answers: { "A-6.1": true } };
  const bad = { ...good, answers: { "A-6.1": "yes", "Z-9.9": true } };
  assert.throws(
    () => bank.scoreMany([good, bad, good, "period: [unclosed"]),
    (e) => {
      const found = e.problems.map((p) => [p.row, p.path, p.line ?? null]);
      // The object's problems are told by path alone; the text's keep their line.
      assert.deepEqual(found.slice(0, 2), [[1, "answers.A-6.1", null], [1, "answers.Z-9.9", null]]);
      assert.deepEqual(found.slice(2).map(([row]) => row), [3]);
      assert.ok(found[2][2] >= 1, String(found[2]));
      return e instanceof Error && e.name === "AssessmentError" && e.code === "wrong_type";
    },
  );
  assert.throws(() => bank.scoreMany("not a list"), (e) => e.code === "wrong_type");
});
