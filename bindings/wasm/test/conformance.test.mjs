// The shared conformance vectors (tests/conformance): the report from the WASM package must equal the Rust
// CLI's JSON exactly and contain the hand-worked expectation.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { declaredBank } from "../index.js";
import { REPO, auditBankFor, bankFor, cli, contains, expectedFor, files } from "./helpers.mjs";

const yamlVectors = files("tests/conformance", "yaml");
const csvVectors = files("tests/conformance", "csv");

test("the vectors are there", () => {
  assert.ok(yamlVectors.length >= 12 && csvVectors.length >= 1);
});

for (const path of yamlVectors) {
  test(`vector ${path.split("/").pop()}`, () => {
    const text = readFileSync(path, "utf8");
    const bank = bankFor(declaredBank(text));
    const report = bank.score(text);
    contains(expectedFor(path), report);
    const args = ["score", path, "--format", "json"];
    if (bank.id !== "seiho-shuro") args.push("--bank-dir", `${REPO}tests/banks/${bank.id}/${bank.version}`);
    assert.deepEqual(report, JSON.parse(cli(...args)));
  });
}

for (const path of csvVectors) {
  test(`CSV vector ${path.split("/").pop()}`, () => {
    const [header, ...rows] = parse(readFileSync(path, "utf8"));
    const reports = auditBankFor("seiho-shuro@1.0.0").scoreRows(header, rows);
    contains(expectedFor(path), reports, "rows");
    assert.deepEqual(reports, JSON.parse(cli("score", path, "--bank", "seiho-shuro@1.0.0", "--format", "json")));
  });
}
