// Bank.scoreMany: the scores of many assessments in one call, equal to each one's score() report, and every
// invalid assessment's problems with its index.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { init, Bank } from "../index.js";
import { REPO, files } from "./helpers.mjs";

await init();
const bank = Bank.builtin("seiho-shuro");

/** What scoreMany gives for one report: its scores without the trace. */
function summary(report) {
  return {
    items: report.items.map((i) => i.score),
    domains: report.domains.map((d) => d.mean),
    total: report.total,
    level: report.level,
  };
}

test("scoreMany equals score() on every conformance vector and the examples, objects and texts mixed", () => {
  const texts = [
    ...files("tests/conformance", "yaml").filter((p) => !p.includes("test-rules")),
    `${REPO}examples/sample-office-2024.yaml`,
    `${REPO}examples/sample-office-2025.yaml`,
  ].map((p) => readFileSync(p, "utf8"));
  const inputs = texts.map((t, i) => (i % 2 ? bank.readAssessment(t) : t));
  const many = bank.scoreMany(inputs);
  assert.equal(many.length, inputs.length);
  assert.ok(inputs.length >= 10);
  inputs.forEach((input, i) => assert.deepEqual(many[i], summary(bank.score(input)), `input ${i}`));
  assert.deepEqual(bank.scoreMany([]), []);
});

test("scoreMany throws every invalid assessment's problems, each path starting with its index", () => {
  const good = { office: { id: "1" }, period: "2025", rater: { kind: "self" }, answers: { "A-6.1": true } };
  const bad = { ...good, answers: { "A-6.1": "yes", "Z-9.9": true } };
  assert.throws(
    () => bank.scoreMany([good, bad, good, "period: [unclosed"]),
    (e) => {
      const paths = e.problems.map((p) => p.path);
      assert.ok(paths.includes("[1].answers.A-6.1") && paths.includes("[1].answers.Z-9.9"), paths.join(", "));
      assert.ok(paths.some((p) => p.startsWith("[3]")), paths.join(", "));
      assert.ok(!paths.some((p) => p.startsWith("[0]") || p.startsWith("[2]")));
      return e instanceof Error && e.code !== undefined;
    },
  );
  assert.throws(() => bank.scoreMany("not a list"), (e) => e.code === "wrong_type");
});
