// Research analytics in the WASM package (fidelity-scale/audit): the hand-worked vectors of tests/agreement
// and the example of two raters, each equal to the Rust CLI's JSON, through wide rows and through reports.
import assert from "node:assert/strict";
import { test } from "node:test";
import { existsSync, readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { init, Bank, Library, bankForHeader } from "../audit.js";
import { REPO, cli, contains, files } from "./helpers.mjs";

await init();

/**
 * Equal to the CLI's analysis: every value exactly, except the intervals (the ICCs', Gwet's t intervals,
 * Feldt's alpha interval) and p values. Those come from special functions (ln Γ, the incomplete beta, the
 * trigonometry of the t distribution), which the native build computes with the system's math library and
 * WebAssembly with Rust's own, so they may differ in the last bit or two (docs/analysis.md); they must agree
 * to 1e-12.
 */
function sameAsCli(actual, expected, path = "analysis") {
  if (Array.isArray(expected) || (expected && typeof expected === "object")) {
    assert.deepEqual(Object.keys(actual ?? {}).sort(), Object.keys(expected).sort(), path);
    for (const k of Object.keys(expected)) {
      const inexact = k === "p" || path.endsWith("ci95");
      if (inexact && typeof expected[k] === "number") {
        assert.ok(Math.abs(actual[k] - expected[k]) <= 1e-12, `${path}.${k}: ${actual[k]} vs ${expected[k]}`);
      } else {
        sameAsCli(actual[k], expected[k], `${path}.${k}`);
      }
    }
  } else {
    assert.equal(actual, expected, path);
  }
}

const vectors = files("tests/agreement", "csv");

test("the vectors are there", () => {
  assert.ok(vectors.length >= 1);
});

for (const path of vectors) {
  test(`agreement vector ${path.split("/").at(-1)}`, () => {
    const [header, ...rows] = parse(readFileSync(path, "utf8"));
    // NAME.options.json, where there is one: the analysis options (rater key, raters).
    const optionsPath = path.replace(/\.csv$/, ".options.json");
    const options = existsSync(optionsPath) ? JSON.parse(readFileSync(optionsPath, "utf8")) : {};
    const analysis = Bank.builtin(bankForHeader(header)).agreement(header, rows, options); // as the CLI reads a CSV
    contains(JSON.parse(readFileSync(path.replace(/\.csv$/, ".expected.json"), "utf8")), analysis, "analysis");
    const args = [
      "--by", options.rater_key ?? "kind",
      ...(options.raters ? ["--raters", options.raters.join(",")] : []),
      ...(options.periods ? ["--periods", options.periods.join(",")] : []),
      ...(options.bootstrap ? ["--bootstrap", String(options.bootstrap.resamples), "--seed", String(options.bootstrap.seed)] : []),
    ];
    sameAsCli(analysis, JSON.parse(cli("agreement", path, ...args, "--format", "json")));
  });
}

test("the example of two raters: wide rows and reports give the CLI's analysis, options included", () => {
  const path = `${REPO}examples/offices-two-raters.csv`;
  const [header, ...rows] = parse(readFileSync(path, "utf8"));
  const bank = Bank.builtin(bankForHeader(header));
  const options = { only: "external", missing: "pairwise" };
  const expected = JSON.parse(cli("agreement", path, "--only", "external", "--missing", "pairwise", "--format", "json"));
  sameAsCli(bank.agreement(header, rows, options), expected);
  const reports = bank.scoreRows(header, rows);
  assert.deepEqual(new Library().agreement(reports, options), bank.agreement(header, rows, options));
  assert.equal(expected.agreement.pairs, 36);
});

test("bad options and unpairable reports throw the package's errors", () => {
  const path = `${REPO}examples/offices-two-raters.csv`;
  const [header, ...rows] = parse(readFileSync(path, "utf8"));
  const bank = Bank.builtin(bankForHeader(header));
  assert.throws(() => bank.agreement(header, rows, { missing: "sometimes" }), (e) => e.code === "invalid_value" && e.path === "options");
  assert.throws(() => bank.agreement(header, [...rows, rows[0]], {}), (e) => e.code === "rater_pairing");
  assert.deepEqual(bank.agreement(header, rows, {}), bank.agreement(header, rows), "options may be left out in JavaScript");
  assert.throws(() => new Library().agreement("not a list", {}), (e) => e.code === "wrong_type");
  const bad = rows.map((r) => [...r]);
  bad[2][header.indexOf("A-1.2")] = "maybe";
  assert.throws(() => bank.agreement(header, bad, {}), (e) => e.code === "wrong_type" && e.line === 4);
});
