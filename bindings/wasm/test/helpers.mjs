// Shared by the Node tests: the repository's test data, the Rust CLI to compare against, the bank an input
// names, and the expected-JSON matcher every runner implements the same way (tests/README.md).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { init, Bank } from "../index.js";
import { init as initAudit, Bank as AuditBank } from "../audit.js";

export const REPO = fileURLToPath(new URL("../../../", import.meta.url));
await init();
await initAudit();

export function files(folder, ext) {
  return readdirSync(REPO + folder)
    .filter((f) => f.endsWith("." + ext) && !f.endsWith(".expected.json"))
    .sort()
    .map((f) => `${REPO}${folder}/${f}`);
}

export const expectedFor = (path) => JSON.parse(readFileSync(path.replace(/\.[a-z]+$/, ".expected.json"), "utf8"));

/** The `fidelity` CLI built by the test command; its absence fails the test (never a skip). */
export function cli(...args) {
  const bin = process.env.FIDELITY_CLI ?? `${REPO}target/debug/fidelity`;
  assert.ok(existsSync(bin), `${bin} is missing: build it with cargo build -p fidelity-cli (tests/run-all.sh does)`);
  try {
    return execFileSync(bin, args, { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    if (e.status === 1) return e.stdout;
    throw e;
  }
}

/** A built-in bank from the scoring module (or `of` another module's Bank: the audit module's has batch
 *  scoring), or a test bank under tests/banks/<id>/<version> loaded with Bank.fromYaml, which only the audit
 *  and interop modules have (docs/wasm.md). */
export function bankFor(reference, of = Bank) {
  try {
    return of.builtin(reference);
  } catch {
    const [id, version] = reference.split("@");
    const dir = `${REPO}tests/banks/${id}/${version}/`;
    return (of.fromYaml ? of : AuditBank).fromYaml(Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith(".yaml")).map((f) => [f, readFileSync(dir + f, "utf8")])));
  }
}

/** A bank of the audit module (`fidelity-scale/audit`), which holds batch scoring (`scoreRows`, `scoreMany`). */
export const auditBankFor = (reference) => bankFor(reference, AuditBank);

/** Every key of an expected object must match; arrays match element-wise with equal lengths; a string
 *  "a/b" where a number is found means the quotient a / b. */
export function contains(expected, actual, path = "report") {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, `${path}: expected ${expected.length} entries`);
    expected.forEach((e, i) => contains(e, actual[i], `${path}[${i}]`));
  } else if (expected && typeof expected === "object") {
    assert.ok(actual && typeof actual === "object", `${path}: expected an object`);
    for (const [k, v] of Object.entries(expected)) {
      assert.ok(k in actual, `${path}.${k}: missing in the report`);
      contains(v, actual[k], `${path}.${k}`);
    }
  } else if (typeof expected === "string" && expected.startsWith("≈") && typeof actual === "number") {
    const text = expected.slice(1);
    const want = text.includes("/") ? Number(text.split("/")[0]) / Number(text.split("/")[1]) : Number(text);
    assert.ok(Math.abs(actual - want) <= 1e-12 * Math.max(1, Math.abs(want)), `${path}: expected ${expected} = ${want}, found ${actual}`);
  } else if (typeof expected === "string" && expected.includes("/") && typeof actual === "number") {
    const [a, b] = expected.split("/").map(Number);
    assert.equal(actual, a / b, `${path}: expected ${expected}`);
  } else {
    assert.deepEqual(actual, expected, path);
  }
}
