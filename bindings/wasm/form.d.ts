// The form component (form.js): mount it in any element, or use <fidelity-form>. Its styles are form.css.
import type { Assessment, Bank, Problem, ScoreReport } from "./index.js";
import type { Bank as AuditBank } from "./audit.js";

/** What every change hands the page: the assessment as it stands, its score report (null while a problem
 * stops scoring) and the problems, each naming its element where it is about one. */
export interface FormChange {
  assessment: Assessment;
  report: ScoreReport | null;
  problems: Problem[];
}

export interface FormOptions {
  /** A built-in bank (`"seiho-shuro"`, `"seiho-shuro@1.1.0"`) or a `Bank`: this package's, or the audit
   * module's for a custom bank (`Bank.fromYaml` is there only); the newest seiho-shuro when absent. */
  bank?: string | Bank | AuditBank;
  lang?: "ja" | "en";
  /** Renders the assessment for review: nothing can be edited; saving and printing stay. */
  readOnly?: boolean;
  /** An assessment to start from (object, or YAML/JSON text); otherwise the last draft, if any. */
  assessment?: Assessment | string;
  /** Keep a draft on every change (default true), in `storage` (default `localStorage`). */
  autosave?: boolean;
  storage?: Storage;
  /** The prefix of the ids inside the form (default `ff1`, `ff2`, … in mounting order). */
  idPrefix?: string;
  onChange?: (change: FormChange) => void;
}

export interface FormController {
  /** The assessment the form holds; setting it (an object, or YAML/JSON text) checks it against the form's
   * bank (throws like `score`). */
  get assessment(): Assessment;
  set assessment(a: Assessment | string);
  readonly lang: "ja" | "en";
  setLang(lang: "ja" | "en"): void;
  setReadOnly(readOnly: boolean): void;
  /** Moves the focus to the next unanswered element. */
  next(): void;
}

export function mountForm(element: HTMLElement, options?: FormOptions): Promise<FormController>;

/** `<fidelity-form bank lang readonly>`: fires `fidelity-ready` once mounted and `fidelity-change`
 * (`CustomEvent<FormChange>`) on every change. */
export class FidelityForm extends HTMLElement {
  readonly form?: FormController;
  assessment: Assessment | undefined;
}
