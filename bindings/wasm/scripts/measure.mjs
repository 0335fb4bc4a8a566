// Size and speed of the package (a measurement, not a test): gzipped size of the module plus its JavaScript,
// checked against the budget (exit 1 when over: the one check that fails the test command); time to
// instantiate and load the built-in bank, in fresh Node processes; time per `score` call, beside a same-run
// baseline (a JSON round trip of the same assessment). `--quick` measures fewer rounds.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// Bytes, gzipped: module + glue + entry modules (what a scoring form loads); docs/wasm.md. Raised from 150,000
// when seiho-shuro 1.0.1 was built in beside 1.0.0: its English item texts and glossary are 9.5 KB of gzipped
// bank text, and the glossary and provenance reading about 5 KB of code. Bank files are stored version by
// version side by side (build.rs), so 1.0.0 kept beside 1.0.1 costs 2.3 KB, not 12 KB.
const BUDGET = 160_000;
// The audit module (fidelity-scale/audit: audit, research analytics and batch scoring) is loaded only by
// auditors' and researchers' pages; its own budget stops it growing unnoticed. Raised from 250,000 when the
// analytics (statrs's F distribution, the analysis types) added 28 KB, and from 275,000 when batch scoring
// (scoreMany with its one-pass JSON reader, scoreRows) moved here from the scoring package, and from 285,000
// when seiho-shuro 1.0.1 (its English item texts, glossary and provenance) was built in: docs/wasm.md.
const AUDIT_BUDGET = 300_000;
const here = new URL("..", import.meta.url);
function gzipped(label, files, budget) {
  let total = 0;
  for (const f of files) {
    const raw = readFileSync(new URL(f, here));
    const gz = gzipSync(raw, { level: 9 }).length;
    total += gz;
    console.log(`${f}: ${raw.length.toLocaleString("en")} bytes, ${gz.toLocaleString("en")} gzipped`);
  }
  console.log(`${label} gzipped: ${total.toLocaleString("en")} bytes (budget ${budget.toLocaleString("en")})`);
  if (total > budget) {
    console.error(`${label}: over the size budget by ${(total - budget).toLocaleString("en")} bytes`);
    process.exit(1);
  }
}
gzipped("total", ["pkg/fidelity_scale_bg.wasm", "pkg/fidelity_scale.js", "index.js", "load.js"], BUDGET);
gzipped("audit module", ["pkg-audit/fidelity_scale_bg.wasm", "pkg-audit/fidelity_scale.js", "audit.js", "load.js"], AUDIT_BUDGET);
if (process.argv.includes("--size-only")) process.exit(0);

const quick = process.argv.includes("--quick");
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const entry = fileURLToPath(new URL("index.js", here));
const startup = `
const t0 = performance.now();
const m = await import(${JSON.stringify(entry)});
await m.init();
const t1 = performance.now();
m.Bank.builtin("seiho-shuro");
const t2 = performance.now();
console.log(JSON.stringify([t1 - t0, t2 - t1]));`;
const runs = [];
for (let i = 0; i < (quick ? 3 : 15); i++) {
  runs.push(JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", startup], { encoding: "utf8" })));
}
const inst = median(runs.map((r) => r[0]));
const load = median(runs.map((r) => r[1]));
console.log(`instantiate: ${inst.toFixed(2)} ms, load the built-in bank: ${load.toFixed(2)} ms (median of ${runs.length} fresh processes)`);

const { init, Bank } = await import(entry);
await init();
const bank = Bank.builtin("seiho-shuro");
const yaml = readFileSync(new URL("../../examples/sample-office-2025.yaml", here), "utf8");
// The example office's answers as a form holds them: an object, re-scored on every change.
const input = bank.readAssessment(yaml);
const n = quick ? 2_000 : 20_000;
const time = (f) => {
  for (let i = 0; i < n / 10; i++) f();
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  return ((performance.now() - t) / n) * 1000;
};
const perScore = time(() => bank.score(input));
const perJson = time(() => JSON.parse(JSON.stringify(input)));
console.log(`score(): ${perScore.toFixed(1)} µs per call; a JSON round trip of the same assessment: ${perJson.toFixed(1)} µs (ratio ${(perScore / perJson).toFixed(1)}x)`);

// Batch scoring (in the audit module, fidelity-scale/audit): scoreMany over a batch of different assessments,
// against a loop of that module's score() calls on the same batch (what a page scoring an uploaded file would
// otherwise do). Same process, same data.
const audit = await import(fileURLToPath(new URL("audit.js", here)));
await audit.init();
const auditBank = audit.Bank.builtin("seiho-shuro");
const batchSize = quick ? 500 : 5_000;
const elements = bank.items("en").domains.flatMap((d) => d.items.flatMap((i) => i.elements));
const batch = Array.from({ length: batchSize }, (_, k) => ({
  office: { id: String(k) },
  period: "2025",
  rater: { kind: "self" },
  // Judgements only, each element met or not by a fixed pattern, so every item is scored.
  answers: Object.fromEntries(elements.map((e, j) => [e.id, (k * 7 + j * 3) % 5 < 3])),
}));
const once = (f) => {
  f(); // warm up
  const t = performance.now();
  f();
  return performance.now() - t;
};
const rounds = quick ? 3 : 7;
const loop = median(Array.from({ length: rounds }, () => once(() => batch.map((a) => bank.score(a).total.sum))));
const many = median(Array.from({ length: rounds }, () => once(() => auditBank.scoreMany(batch).map((s) => s.total.sum))));
console.log(
  `scoreMany(${batchSize} assessments): ${many.toFixed(1)} ms (${((many / batchSize) * 1000).toFixed(1)} µs each); ` +
    `a loop of score(): ${loop.toFixed(1)} ms (${((loop / batchSize) * 1000).toFixed(1)} µs each): scoreMany is ${(loop / many).toFixed(1)}x faster ` +
    `(median of ${rounds})`,
);
