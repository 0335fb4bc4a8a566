// Size and speed of the package (a measurement, not a test): gzipped size of the module plus its JavaScript,
// checked against the budget (exit 1 when over: the one check that fails the test command); time to
// instantiate and load the built-in bank, in fresh Node processes; time per `score` call, beside a same-run
// baseline (a JSON round trip of the same assessment). `--quick` measures fewer rounds.
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// Budgets, in bytes gzipped, for the code (module + glue + entry modules, less the built-in banks' text) and,
// apart, for the banks' text: content grows with every bank version while the code should not, and one total
// would let either hide behind the other (docs/wasm.md).
// - The scoring package (what a form loads). Its total budget was 150,000 with one bank version; the code was
//   then about 131,700; 138,000 once the glossary, provenance and guidance came in (seiho-shuro 1.0.1 and
//   1.1.0), 139,900 with strict validation and the judgement flag in every report, and 151,000 once every
//   assessment could carry a review's records (findings, sources and comments, the rater's date) and a
//   consensus, whose reasons the reader checks wherever an assessment is read (twiggy: the reader's new code
//   is about 25 KB before gzip; the screen words of the review and the report about 4 KB), and 156,000 once
//   every problem's message and help were written in Japanese too (155,222; 3.9 KB of gzipped Japanese text),
//   and 158,500 once a form could be built on it alone (157,855): each problem names its element, a filled
//   assessment is written as YAML (`toYaml`), the form model carries the rules' rationales (2.5 KB). It came
//   down to 135,500 once the package read its built-in banks as the core's tests checked them, with recorded
//   digests, and `Bank.fromYaml` moved to the audit module (134,415: the checker, the canonical JSON, sha256
//   and serde_json's error texts are 23.4 KB), and to 126,000 once panics trapped at once instead of
//   formatting a message no page sees (-Cpanic=immediate-abort, scripts/build.sh: 134,364 -> 125,538; 125,202
//   with wasm-opt --converge).
const CODE_BUDGET = 126_000;
// - The scoring package in all, code and the banks' text: 150,000 (issue 17), the budget it had with one bank
//   version. It holds since the panic strategy above and the bank files embedded without their comment lines
//   (build.rs): 159,373 -> 149,251.
const TOTAL_BUDGET = 150_000;
// - The audit module (fidelity-scale/audit: audit, research analytics and batch scoring), loaded only by
//   auditors' and researchers' pages. Its total budget was 250,000 until the analytics (statrs's F
//   distribution, the analysis types) added 28 KB, 275,000 until batch scoring moved here from the scoring
//   package, 285,000 with one bank version, 322,000 with the review (the reader's records and consensus as
//   above, the worksheet and the office report; 318,800), and 326,000 once FHIR QuestionnaireResponses are
//   read wherever an input is (323,500), 331,000 with the Japanese messages (329,435), and 380,000 once it
//   wrote the other tools' formats (the REDCap dictionary, the FHIR Questionnaire, a REDCap export read from
//   its text: 37.7 KB, measured by building without them) and computed Gwet's, Fleiss', Conger's and
//   Brennan–Prediger's coefficients with their errors (11.4 KB): 378,458; 386,000 with the many-rater
//   tables (5.4 KB): 383,892; 400,000 with the seeded bootstrap (ChaCha, the jackknife, the normal
//   quantiles: 13.3 KB): 397,358. The bootstrap from counts and the period difference added 6.5 KB (403,837);
//   the other tools' formats then moved to a module of their own (below) and the budget came down to 372,000,
//   and to 357,000 with the scoring package's panic strategy (369,644 -> 354,858).
const AUDIT_CODE_BUDGET = 357_000;
// - The interop module (fidelity-scale/interop): the audit module and the other tools' formats (the REDCap
//   dictionary, the FHIR Questionnaire, a CSV text scored), loaded only by pages that exchange files with
//   REDCap or FHIR tools. 410,000 until the panic strategy above (407,375 -> 391,219).
const INTEROP_CODE_BUDGET = 394_000;
// - The form component (fidelity-scale/form: form.js, form/*.js and form.css), on top of the scoring package it uses: at
//   most 25,000 (issue 17; SurveyJS's core alone is about ten times that).
const FORM_BUDGET = 25_000;
// - The built-in banks' text, stored as build.rs stores it (each file of every version side by side, so a
//   version costs what it changes): 1.0.0 alone was 11,800; 1.0.0, 1.0.1 and 1.1.0 are 24,800.
const BANK_TEXT_BUDGET = 30_000;
const here = new URL("..", import.meta.url);
const items = new URL("../../fidelity-items/", here);

/** The built-in banks' files in build.rs's order (bank, file name, version), as one text, gzipped. */
function bankText() {
  const isVersion = (v) => /^\d+\.\d+\.\d+$/.test(v);
  const files = [];
  for (const bank of readdirSync(items, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const version of readdirSync(new URL(`${bank}/`, items)).filter(isVersion).sort()) {
      for (const file of readdirSync(new URL(`${bank}/${version}/`, items)).filter((f) => f.endsWith(".yaml"))) {
        files.push([bank, file, version]);
      }
    }
  }
  files.sort((a, b) => (a[0] + "\0" + a[1] + "\0" + a[2] < b[0] + "\0" + b[1] + "\0" + b[2] ? -1 : 1));
  // As build.rs embeds them: without their whole-line comments.
  const embedded = (url) => readFileSync(url, "utf8").split(/(?<=\n)/).filter((l) => !l.trimStart().startsWith("#")).join("");
  const text = Buffer.from(files.map(([bank, file, version]) => embedded(new URL(`${bank}/${version}/${file}`, items))).join(""));
  return gzipSync(text, { level: 9 }).length;
}

let over = false;
function check(label, size, budget) {
  console.log(`${label}: ${size.toLocaleString("en")} bytes gzipped (budget ${budget.toLocaleString("en")})`);
  if (size > budget) {
    console.error(`${label}: over the size budget by ${(size - budget).toLocaleString("en")} bytes`);
    over = true;
  }
}
function gzipped(label, files) {
  let total = 0;
  for (const f of files) {
    const raw = readFileSync(new URL(f, here));
    const gz = gzipSync(raw, { level: 9 }).length;
    total += gz;
    console.log(`${f}: ${raw.length.toLocaleString("en")} bytes, ${gz.toLocaleString("en")} gzipped`);
  }
  console.log(`${label} gzipped: ${total.toLocaleString("en")} bytes`);
  return total;
}
const banks = bankText();
const scoring = gzipped("total", ["pkg/fidelity_scale_bg.wasm", "pkg/fidelity_scale.js", "index.js", "load.js"]);
const auditSize = gzipped("audit module", ["pkg-audit/fidelity_scale_bg.wasm", "pkg-audit/fidelity_scale.js", "audit.js", "load.js"]);
check("built-in banks' text", banks, BANK_TEXT_BUDGET);
check("scoring package code (total less the banks' text)", scoring - banks, CODE_BUDGET);
check("scoring package in all", scoring, TOTAL_BUDGET);
check("form component", gzipped("form component", ["form.js", ...readdirSync(new URL("form/", here)).map((f) => `form/${f}`), "form.css"]), FORM_BUDGET);
const interopSize = gzipped("interop module", ["pkg-interop/fidelity_scale_bg.wasm", "pkg-interop/fidelity_scale.js", "interop.js", "load.js"]);
check("audit module code (total less the banks' text)", auditSize - banks, AUDIT_CODE_BUDGET);
check("interop module code (total less the banks' text)", interopSize - banks, INTEROP_CODE_BUDGET);
if (over) process.exit(1);
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
const yaml = readFileSync(new URL("../../examples/sample-office-2026.yaml", here), "utf8"); // the newest version's
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
