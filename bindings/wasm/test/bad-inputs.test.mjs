// The shared bad-input corpus (tests/bad-inputs): the same codes, paths and positions as Rust, as data from
// validate() and as thrown Errors from score().
import assert from "node:assert/strict";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { Bank } from "../index.js";
import { auditBankFor, expectedFor, files } from "./helpers.mjs";

const inputs = [...files("tests/bad-inputs", "yaml"), ...files("tests/bad-inputs", "json"), ...files("tests/bad-inputs", "csv")];
const bank = Bank.builtin("seiho-shuro@1.0.0");
const batch = auditBankFor("seiho-shuro@1.0.0"); // scoreRows lives in the audit module

test("the corpus is there", () => assert.ok(inputs.length >= 60));

function match(expected, actual, name) {
  const left = [...actual];
  for (const e of expected) {
    const i = left.findIndex(
      (p) => p.code === e.code && p.path === e.path && (e.line === undefined || e.line === p.line) && (e.column === undefined || e.column === p.column) && (e.element === undefined || e.element === p.element),
    );
    assert.ok(i >= 0, `${name}: expected but not reported: ${JSON.stringify(e)}; reported: ${JSON.stringify(actual)}`);
    left.splice(i, 1);
  }
  assert.deepEqual(left, [], `${name}: reported but not expected`);
}

for (const path of inputs) {
  const name = path.split("/").pop();
  test(`bad input ${name}`, () => {
    const expected = expectedFor(path).problems;
    const text = readFileSync(path, "utf8");
    let thrown;
    try {
      if (path.endsWith(".csv")) {
        const [header, ...rows] = parse(text, { relax_column_count: true });
        batch.scoreRows(header, rows);
      } else {
        bank.score(text);
      }
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown instanceof Error, `${name}: no Error thrown`);
    assert.equal(thrown.code, thrown.problems[0].code);
    match(expected, thrown.problems, name);
    if (!path.endsWith(".csv")) assert.deepEqual(bank.validate(text), thrown.problems);
  });
}
