// Type-checked, not run: how a TypeScript form uses the package. tsc fails if the declarations drift.
import { init, Bank, schema } from "../index.js";
import type { Assessment, Form, FormInput, Problem, ScoreReport } from "../index.js";

export async function example(): Promise<string | null | undefined> {
  await init();
  const bank: Bank = Bank.builtin("seiho-shuro");
  const form: Form = bank.items("en");
  const first: FormInput = form.domains[0].items[0].elements[0].input;
  const kind: "check" | "options" | "figure" = first.kind;
  const answers: Assessment["answers"] = { "A-1.1": true, "B-1.6": { capacity: 20, new_users_past_year: 9 } };
  const problems: Problem[] = bank.validate({ office: { id: "1" }, period: "2025", rater: { kind: "self" }, answers });
  const strictly: Problem[] = bank.validate({ office: { id: "1" }, period: "2025", rater: { kind: "self" }, answers }, { strict: true });
  const judged: string[] = bank.score({ office: { id: "1" }, period: "2025", rater: { kind: "self" }, answers }).judged_without_evidence ?? []; // absent in reports written before it existed
  const report: ScoreReport = bank.score({ office: { id: "1" }, period: "2025", rater: { kind: "self" }, answers });
  const s: object = await schema("report");
  void s;
  void kind;
  return problems.length ? problems[0].path : report.level;
}

// A researcher's page: agreement between self-assessments and reviews, from wide rows or from reports.
import { init as initAudit, Bank as AuditBank, Library } from "../audit.js";
import type { Analysis, AnalysisOptions, ItemAgreement, ScoreSummary } from "../audit.js";

export async function research(header: string[], rows: (string | number | null)[][]): Promise<number | null | undefined> {
  await initAudit();
  const options: AnalysisOptions = { missing: "pairwise", only: "external" };
  const analysis: Analysis = AuditBank.builtin("seiho-shuro").agreement(header, rows, options);
  const again: Analysis = new Library().agreement(AuditBank.builtin("seiho-shuro").scoreRows(header, rows), {});
  // Batch scoring, one crossing for the whole array.
  const many: ScoreSummary[] = AuditBank.builtin("seiho-shuro").scoreMany([{ office: { id: "2" }, period: "2025", rater: { kind: "external" }, answers: {} }]);
  void many[0].total.sum;
  const a6: ItemAgreement | undefined = analysis.agreement.items.find((i) => i.id === "A-6");
  void again;
  return a6?.icc2?.ci95[0] ?? a6?.weighted_kappa;
}

// A page exchanging files with REDCap or FHIR tools: the interop module, and the period difference of an analysis.
import { init as initInterop, Bank as InteropBank } from "../interop.js";
import type { PeriodDifference } from "../interop.js";

export async function exchange(csvText: string, header: string[], rows: (string | number | null)[][]): Promise<number> {
  await initInterop();
  const bank = InteropBank.builtin("seiho-shuro");
  const dictionary: string = bank.redcapDictionary("ja");
  const difference: PeriodDifference | null | undefined = bank.agreement(header, rows, { periods: ["2024", "2025"] }).period_difference;
  return dictionary.length + bank.scoreCsv(csvText).length + (difference?.rows.length ?? 0);
}

// A page embedding the form: mounted in an element, every change with its report, the assessment set back.
import { mountForm, FidelityForm } from "../form.js";
import type { FormChange, FormController } from "../form.js";

export async function embed(host: HTMLElement, saved: string): Promise<FormController> {
  const totals: (number | null | undefined)[] = [];
  const form = await mountForm(host, { bank: "seiho-shuro@1.1.0", lang: "ja", onChange: (c: FormChange) => totals.push(c.report?.total.sum) });
  form.assessment = saved;
  const held: Assessment = form.assessment;
  void held;
  form.setLang("en");
  const element = document.querySelector<FidelityForm>("fidelity-form");
  element?.addEventListener("fidelity-change", (e) => void (e as CustomEvent<FormChange>).detail.problems.map((p) => p.element));
  return form;
}
