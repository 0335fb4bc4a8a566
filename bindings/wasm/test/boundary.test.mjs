// Across the boundary: random JSON-like values (and values JSON cannot hold) only ever give Error objects
// with a code, never a trap, and the module keeps working afterwards. A seeded generator keeps runs repeatable.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { Bank } from "../index.js";
import { REPO, auditBankFor } from "./helpers.mjs";

const bank = Bank.builtin("seiho-shuro@1.0.0");
const batch = auditBankFor("seiho-shuro@1.0.0"); // scoreRows lives in the audit module
const ids = bank.items().domains.flatMap((d) => d.items.flatMap((i) => i.elements.map((e) => e.id)));

// mulberry32: a small seeded PRNG.
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function value(r, depth = 0) {
  const pick = Math.floor(r() * (depth > 3 ? 7 : 9));
  switch (pick) {
    case 0: return null;
    case 1: return r() < 0.5;
    case 2: return Math.floor(r() * 200) - 50;
    case 3: return [NaN, Infinity, -0, 1.5, 1e300][Math.floor(r() * 5)];
    case 4: return ["", "na", "true", "self", "x".repeat(Math.floor(r() * 50)), "日本語", "\u0000"][Math.floor(r() * 7)];
    case 5: return undefined;
    case 6: return ids[Math.floor(r() * ids.length)];
    case 7: return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
    default: return Object.fromEntries(Array.from({ length: Math.floor(r() * 4) }, () => [["id", "kind", "capacity", ids[Math.floor(r() * ids.length)]][Math.floor(r() * 4)], value(r, depth + 1)]));
  }
}

function assessment(r) {
  const a = {};
  if (r() < 0.9) a.office = r() < 0.8 ? { id: value(r) } : value(r);
  if (r() < 0.9) a.period = value(r);
  if (r() < 0.9) a.rater = r() < 0.8 ? { kind: ["self", "external", "x"][Math.floor(r() * 3)] } : value(r);
  if (r() < 0.95) a.answers = Object.fromEntries(Array.from({ length: Math.floor(r() * 8) }, () => [ids[Math.floor(r() * ids.length)], value(r)]));
  return a;
}

test("random assessments give reports or Errors with codes, never a trap", () => {
  const r = rng(20261122);
  let errors = 0;
  for (let i = 0; i < 2000; i++) {
    const a = assessment(r);
    try {
      bank.score(a);
    } catch (e) {
      errors++;
      assert.ok(e instanceof Error && typeof e.code === "string" && Array.isArray(e.problems) && e.problems.length > 0, String(e));
    }
    assert.ok(Array.isArray(bank.validate(a)));
    assert.ok(Array.isArray(bank.validate(JSON.stringify(a) ?? "")));
  }
  assert.ok(errors > 100, "the generator should mostly produce bad input");
});

test("random rows give reports or Errors, never a trap", () => {
  const r = rng(7);
  const header = ["office_id", "period", "rater_kind", ...ids.slice(0, 10), "memo"];
  for (let i = 0; i < 300; i++) {
    const rows = Array.from({ length: Math.floor(r() * 4) }, () => header.map(() => { const v = value(r, 4); return typeof v === "object" ? null : v; }));
    try {
      assert.equal(batch.scoreRows(header, rows).length, rows.length);
    } catch (e) {
      assert.ok(e instanceof Error && typeof e.code === "string", String(e));
    }
  }
});

test("the module still works afterwards", () => {
  assert.equal(bank.score(readFileSync(`${REPO}examples/sample-office-2025.yaml`, "utf8")).level, "moderate");
});
