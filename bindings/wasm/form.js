// The fidelity form, for any page: `mountForm(element, options)` or `<fidelity-form bank lang readonly>`.
// Everything it shows comes from the core's form model (`bank.items(lang)`), its words (`words(lang)`), its
// checks (the problems `bank.score` throws, each naming its element) and its score report; this file lays them
// out and keeps the answers. No inline script or style (it runs under a strict Content-Security-Policy); the
// page links `form.css`. Drafts stay in the browser's own storage; nothing is sent anywhere.
import { init, Bank, words } from "./index.js";
import { el, put, fold, chart, drawChart } from "./form/dom.js";
import { Drafts } from "./form/drafts.js";
import { UI, SOURCES } from "./form/words.js";

let ready;
let mounted = 0;

/** Mounts the form in `host` and resolves to its controller (see form.d.ts). */
export async function mountForm(host, options = {}) {
  await (ready ??= init());
  return new Form(host, options);
}

class Form {
  constructor(host, o) {
    this.host = host;
    // A Bank of this package or of its audit module (a custom bank, `fromYaml`), or a built-in's reference.
    this.bank = typeof o.bank === "object" && o.bank ? o.bank : Bank.builtin(o.bank ?? "seiho-shuro");
    this.lang = o.lang === "en" ? "en" : "ja";
    this.readOnly = !!o.readOnly;
    this.onChange = o.onChange;
    const storage = o.autosave === false ? null : (o.storage ?? globalThis.localStorage ?? null);
    this.drafts = storage && new Drafts(storage, this.bank.reference);
    this.id = o.idPrefix ?? `ff${++mounted}`;
    this.clear();
    host.classList.add("fidelity-form");
    const draft = this.drafts && !o.assessment && !this.readOnly ? this.restore(this.drafts.read()) : false;
    if (o.assessment) this.load(o.assessment);
    this.render();
    if (draft) this.say(this.t.draft, true);
  }

  /** Every word the form shows in its language: the core's, then its own (read once per language). */
  get t() {
    if (this.wordsLang !== this.lang) [this.words, this.wordsLang] = [{ ...words(this.lang), ...UI[this.lang] }, this.lang];
    return this.words;
  }
  told(p) {
    return (this.lang === "ja" && p.message_ja) || p.message;
  }
  $(name) {
    const root = this.host.getRootNode();
    return root.getElementById ? root.getElementById(this.key(name)) : this.host.querySelector(`#${CSS.escape(this.key(name))}`);
  }
  key(name) {
    return `${this.id}-${name}`;
  }

  clear() {
    this.meta = { office: { id: "" }, period: "", rater: { kind: "self" } };
    // One answer per element, as the assessment holds it: true | false | "na", the ticked option keys, or the
    // figures (as typed, until they are whole numbers). Ticking evidence makes it the answer; while there is
    // evidence the met / not met box shows the core's outcome and cannot be ticked by judgement.
    this.answers = new Map();
    this.findings = new Map(); // element id → text
    this.records = new Map(); // item id → { sources: Set, comment }
    this.extra = {}; // what the form does not edit but must keep (a consensus record)
  }

  /** Takes an assessment (object, or YAML/JSON text), read and checked by the core against the form's bank. */
  load(input) {
    const a = this.bank.readAssessment(input);
    this.clear();
    this.meta = { office: { ...a.office }, period: a.period, rater: { ...a.rater } };
    for (const [id, v] of Object.entries(a.answers)) this.answers.set(id, v);
    for (const [id, f] of Object.entries(a.findings ?? {})) this.findings.set(id, f);
    for (const [id, r] of Object.entries(a.items ?? {})) this.records.set(id, { sources: new Set(r.sources ?? []), comment: r.comment ?? "" });
    if (a.consensus) this.extra.consensus = a.consensus;
  }

  /** The assessment the form holds. */
  get assessment() {
    const answers = {};
    const findings = {};
    const items = {};
    for (const item of this.items) {
      for (const e of item.elements) {
        const v = this.answers.get(e.id);
        if (Array.isArray(v)) answers[e.id] = e.input.options.map((o) => o.key).filter((k) => v.includes(k));
        else if (v && typeof v === "object") answers[e.id] = Object.fromEntries(Object.entries(v).map(([k, n]) => [k, /^\d+$/.test(n) ? Number(n) : n]));
        else if (v !== undefined) answers[e.id] = v;
        if (this.findings.get(e.id)?.trim()) findings[e.id] = this.findings.get(e.id).trim();
      }
      const r = this.records.get(item.id);
      const record = {};
      if (r?.sources.size) record.sources = SOURCES.filter((s) => r.sources.has(s));
      if (r?.comment.trim()) record.comment = r.comment.trim();
      if (Object.keys(record).length) items[item.id] = record;
    }
    const { office, period, rater } = this.meta;
    const trimmed = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "string" ? v.trim() : v]).filter(([, v]) => v !== "" && v != null));
    const a = { bank: this.bank.reference, office: { id: "", ...trimmed(office) }, period: period.trim(), rater: trimmed(rater), answers };
    if (Object.keys(findings).length) a.findings = findings;
    if (Object.keys(items).length) a.items = items;
    return { ...a, ...this.extra };
  }
  set assessment(a) {
    this.load(a);
    this.drafts?.detach(); // another assessment: the draft on screen before stays where it is
    this.render();
  }

  setLang(lang) {
    this.lang = lang === "en" ? "en" : "ja";
    this.render();
  }
  setReadOnly(on) {
    this.readOnly = !!on;
    this.render();
  }

  render() {
    const t = this.t;
    const f = (this.form = this.bank.items(this.lang));
    this.items = f.domains.flatMap((d) => d.items);
    this.host.lang = this.lang;
    const langs = el("select", { id: this.key("lang"), onchange: (e) => this.setLang(e.target.value) },
      ...["ja", "en"].map((l) => el("option", { value: l, selected: l === this.lang, text: l === "ja" ? "日本語" : "English" })));
    const file = el("input", { type: "file", id: this.key("open"), class: "ff-file", accept: ".json,.yaml,.yml,application/json,text/yaml", onchange: (e) => e.target.files[0] && this.open(e.target.files[0]) });
    const bar = el("div", { class: "ff-toolbar", role: "toolbar", "aria-label": f.title },
      el("label", { for: langs.id, text: t.lang }), langs,
      el("button", { type: "button", id: this.key("next"), onclick: () => this.next(), text: t.next }),
      el("button", { type: "button", id: this.key("save-json"), onclick: () => this.save("json"), text: t.saveJson }),
      el("button", { type: "button", id: this.key("save-yaml"), onclick: () => this.save("yaml"), text: t.saveYaml }),
      this.readOnly ? undefined : file, this.readOnly ? undefined : el("label", { for: file.id, class: "ff-button", text: t.open }),
      el("button", { type: "button", id: this.key("print"), onclick: () => print(), text: t.print }));
    const notice = el("p", { class: "ff-message", id: this.key("message"), role: "status" });
    const discard = el("button", { type: "button", class: "ff-discard", hidden: true, id: this.key("discard"), onclick: () => this.discard(), text: t.discard });
    // Every draft of this bank (one per office and period), to switch to; the one on screen is kept as it is.
    const saved = (iso) => new Date(iso).toLocaleString(this.lang === "ja" ? "ja-JP" : "en-GB", { dateStyle: "short", timeStyle: "short" });
    const drafts = (!this.readOnly && this.drafts?.list()) || [];
    const pick = el("select", { id: this.key("drafts") }, ...drafts.map((d) => el("option", { value: d.key, selected: d.key === this.drafts.current, text: `${d.office || "—"} ${d.period || "—"} (${saved(d.saved)})` })));
    const switcher = drafts.length > 1 ? [el("label", { for: pick.id, text: t.drafts }), pick, el("button", { type: "button", id: this.key("open-draft"), onclick: () => this.openDraft(pick.value), text: t.openDraft })] : [];
    const body = el("fieldset", { class: "ff-body", disabled: this.readOnly }, el("legend", { class: "ff-hidden", text: f.title }), this.identity(t));
    if (f.guidance) body.append(fold("ff-guidance", t.guidance, el("p", { text: f.guidance })));
    if (f.glossary.length) body.append(this.glossary(f, t));
    if (f.rules.length) body.append(fold("ff-rules", t.rules, ...f.rules.map((r) => el("p", { text: r }))));
    for (const d of f.domains) {
      body.append(el("h2", { class: "ff-domain", id: this.key(`domain-${d.id}`), text: `${d.id}. ${d.title}` }), ...d.items.map((i) => this.item(i, t)));
    }
    const side = el("aside", { class: "ff-summary", "aria-labelledby": this.key("scores") },
      el("h2", { id: this.key("scores"), text: t.scores }), el("p", { class: "ff-notice", text: f.notice }),
      el("p", { class: "ff-progress", id: this.key("progress") }), el("dl", { id: this.key("totals") }), chart(this.key("chart"), t.chart),
      el("p", { class: "ff-problems", id: this.key("status") }));
    // Score changes are announced once the assessor pauses, not on every keystroke.
    const live = el("p", { class: "ff-hidden", id: this.key("live"), "aria-live": "polite" });
    // Drawn again (another language, read-only): the focus stays on the control that had it.
    const focused = this.host.contains(document.activeElement) ? document.activeElement.id : "";
    this.host.replaceChildren(...[el("h1", { class: "ff-title", text: f.title }), bar, el("div", { class: "ff-draft" }, notice, discard, ...switcher),
      this.readOnly ? el("p", { class: "ff-notice", text: t.readOnly }) : undefined,
      el("div", { class: "ff-layout" }, el("div", { class: "ff-main" }, body), side), live].filter(Boolean));
    if (focused) this.host.querySelector(`#${CSS.escape(focused)}`)?.focus();
    [this.drawnAnswers, this.drawn] = [new Map(), undefined]; // everything drawn anew
    this.update(false);
  }

  identity(t) {
    const field = (name, label, value, set, attrs = {}) => [
      el("label", { for: this.key(name), text: label }),
      el("input", { id: this.key(name), value: value ?? "", autocomplete: "off", oninput: (e) => { set(e.target.value); this.changed(); }, ...attrs }),
    ];
    const m = this.meta;
    const kinds = el("select", { id: this.key("rater-kind"), onchange: (e) => { m.rater.kind = e.target.value; this.changed(); } },
      ...["self", "external", "consensus"].filter((k) => k !== "consensus" || m.rater.kind === "consensus").map((k) => el("option", { value: k, selected: m.rater.kind === k, text: t[k] })));
    return el("div", { class: "ff-fields" },
      ...field("office-id", t.office_id, m.office.id, (v) => (m.office.id = v), { required: true }),
      ...field("office-name", t.office_name, m.office.name, (v) => (m.office.name = v)),
      ...field("period", t.assessment_period, m.period, (v) => (m.period = v), { required: true }),
      el("label", { for: kinds.id, text: t.rater_kind }), kinds,
      ...field("rater-name", t.rater_name, m.rater.name, (v) => (m.rater.name = v)),
      ...field("rater-date", t.date, m.rater.date, (v) => (m.rater.date = v), { type: "date" }),
      el("p", { class: "ff-problem", id: this.key("problem-identity") }));
  }

  glossary(f, t) {
    const list = el("dl", {});
    for (const g of f.glossary) {
      const source = g.source === "project" ? t.from_project : `${t.from_manual} ${g.source}`;
      list.append(el("dt", { text: g.term === g.ja ? g.term : `${g.term} (${g.ja})` }), el("dd", { text: this.lang === "ja" ? `${g.definition}（${source}）` : `${g.definition} (${source})` }));
    }
    return fold("ff-glossary", t.glossary, list);
  }

  item(item, t) {
    const r = this.records.get(item.id) ?? { sources: new Set(), comment: "" };
    this.records.set(item.id, r);
    const fs = el("fieldset", { class: "ff-item", id: this.key(`item-${item.id}`) },
      el("legend", {}, `${item.id} ${item.title}`, el("span", { class: "ff-score", id: this.key(`score-${item.id}`) })),
      el("p", { class: "ff-progress", id: this.key(`progress-${item.id}`) }));
    if (item.purpose) fs.append(el("p", { class: "ff-purpose", text: `${t.purpose}: ${item.purpose}` }));
    for (const k of ["support", "notes"]) if (item[k]) fs.append(fold("ff-text", t[k], el("p", { text: item[k] })));
    fs.append(...item.elements.map((e) => this.element(e, t)));
    const sources = el("fieldset", { class: "ff-sources" }, el("legend", { text: t.sources }),
      ...SOURCES.map((s) => el("label", {}, el("input", { type: "checkbox", checked: r.sources.has(s), onchange: (e) => { r.sources[e.target.checked ? "add" : "delete"](s); this.changed(); } }), t[s])));
    const comment = el("textarea", { id: this.key(`comment-${item.id}`), rows: "2", oninput: (e) => { r.comment = e.target.value; this.changed(); } });
    comment.value = r.comment;
    fs.append(el("div", { class: "ff-record", id: this.key(`record-${item.id}`) }, sources, el("label", { for: comment.id, text: t.comment }), comment, el("p", { class: "ff-print", id: this.key(`comment-print-${item.id}`) })));
    return fs;
  }

  element(e, t) {
    const k = (s) => this.key(`${s}-${e.id}`);
    const box = el("input", { type: "checkbox", id: k("el"), "aria-describedby": `${k("answer")} ${k("problem")}`, onclick: () => {
      // Unanswered → met → not met → met …: the three states of an answer by judgement.
      this.answers.set(e.id, this.answers.get(e.id) !== true);
      this.changed();
    } });
    const wrap = el("div", { class: "ff-element", id: k("element"), "data-element": e.id },
      el("label", { for: box.id, class: "ff-check" }, box, el("span", {}, el("b", { text: e.id }), " ", e.text)),
      el("p", { class: "ff-answer", id: k("answer") }));
    if (e.guidance) wrap.append(fold("ff-guidance", t.guidance, el("p", { text: e.guidance })));
    if (e.rationale.length) wrap.append(fold("ff-rules", t.rules, ...e.rationale.map((r) => el("p", { text: r }))));
    if (e.na_allowed) {
      wrap.append(el("label", { class: "ff-na" }, el("input", { type: "checkbox", id: k("na"), onchange: (x) => {
        if (x.target.checked) this.answers.set(e.id, "na");
        else this.answers.delete(e.id);
        this.changed();
      } }), t.not_applicable));
    }
    if (e.input.kind === "options") {
      const picked = () => (Array.isArray(this.answers.get(e.id)) ? this.answers.get(e.id) : []);
      wrap.append(el("fieldset", { class: "ff-evidence" }, el("legend", { text: t.options }),
        ...e.input.options.map((o) => el("label", {}, el("input", { type: "checkbox", id: k(`opt-${o.key}`), checked: picked().includes(o.key), onchange: (x) => {
          const keys = picked().filter((key) => key !== o.key).concat(x.target.checked ? [o.key] : []);
          this.set(e.id, keys.length ? keys : undefined);
        } }), o.label))));
    }
    if (e.input.kind === "figure") {
      const typed = () => { const v = this.answers.get(e.id); return v && typeof v === "object" && !Array.isArray(v) ? v : {}; };
      wrap.append(el("fieldset", { class: "ff-evidence" }, el("legend", { text: `${t.figures}: ${e.input.test}` }),
        ...e.input.inputs.map((i) => el("label", {}, `${i.label} `, el("input", { type: "number", inputmode: "numeric", min: String(i.min), step: "1", id: k(`fig-${i.key}`), value: typed()[i.key] ?? "", "aria-describedby": k("problem"), oninput: (x) => {
          const { [i.key]: _, ...rest } = typed();
          const value = x.target.value.trim();
          const figures = value === "" ? rest : { ...rest, [i.key]: value };
          this.set(e.id, Object.keys(figures).length ? figures : undefined);
        } }), ` ${i.unit}`))));
    }
    const finding = el("textarea", { id: k("finding"), rows: "1", oninput: (x) => { this.findings.set(e.id, x.target.value); this.changed(); } });
    finding.value = this.findings.get(e.id) ?? "";
    wrap.append(el("div", { class: "ff-finding", id: k("finding-box") }, el("label", { for: finding.id, text: t.finding }), finding, el("p", { class: "ff-print", id: k("finding-print") })),
      el("p", { class: "ff-problem", id: k("problem") }));
    return wrap;
  }

  /** An element's answer set (`undefined`: unanswered), then the change handled. */
  set(id, answer) {
    if (answer === undefined) this.answers.delete(id);
    else this.answers.set(id, answer);
    this.changed();
  }

  /** After every edit: keep the draft, re-check and re-score, tell the page. */
  changed() {
    const a = this.assessment;
    this.saveDraft(a);
    this.update(true, a);
  }

  update(announce, a = this.assessment) {
    const t = this.t;
    // One reading of the answers: `score` throws every problem `validate` would give (the same reader).
    let [report, problems] = [null, []];
    try {
      report = this.bank.score(a);
    } catch (e) {
      if (!Array.isArray(e?.problems)) throw e;
      problems = e.problems;
    }
    // Last change's problems cleared where they were shown (not by searching the whole form).
    for (const target of this.toldAt ?? []) target.textContent = "";
    for (const field of this.invalid ?? []) field.removeAttribute("aria-invalid");
    [this.toldAt, this.invalid] = [[], []];
    for (const p of problems) {
      const target = (p.element && this.$(`problem-${p.element}`)) || this.$("problem-identity");
      // The figure or the identity field the path names (`answers.B-1.6.capacity`, `office.id`).
      const field = this.$(p.element ? `fig-${p.path.slice(`answers.${p.element}.`.length)}-${p.element}` : p.path.replace(".", "-"));
      field?.setAttribute("aria-invalid", "true");
      target.textContent += `${target.textContent ? " " : ""}${p.element ? "" : `${p.path}: `}${this.told(p)}`;
      this.toldAt.push(target);
      if (field) this.invalid.push(field);
    }
    this.$("status").textContent = problems.length ? t.problems : "";
    this.showAnswers(a, report, t);
    this.showScores(report, t);
    if (announce && report) this.announce(report, t);
    this.onChange?.({ assessment: a, report, problems });
    this.host.dispatchEvent(new CustomEvent("fidelity-change", { detail: { assessment: a, report, problems } }));
  }

  /** Each element's state and answer as words (what is printed, and read beside the checkbox). */
  showAnswers(a, report, t) {
    const traces = new Map(report?.items.flatMap((i) => i.elements.map((e) => [e.id, e])) ?? []);
    let answered = 0;
    let total = 0;
    for (const item of this.items) {
      let n = 0;
      for (const e of item.elements) {
        const v = a.answers[e.id];
        const trace = traces.get(e.id);
        if (v !== undefined) n++;
        // An element is redrawn only when what it shows changed (one click changes one element).
        const state = JSON.stringify([v, trace?.outcome, trace?.decided_by, a.findings?.[e.id], this.readOnly]);
        if (this.drawnAnswers.get(e.id) === state) continue;
        this.drawnAnswers.set(e.id, state);
        const box = this.$(`el-${e.id}`);
        const byEvidence = typeof v === "object";
        box.indeterminate = v === undefined || v === "na";
        box.checked = v === true || (byEvidence && trace?.outcome === "met");
        box.disabled = byEvidence || this.readOnly;
        box.setAttribute("aria-checked", box.indeterminate ? "mixed" : String(box.checked));
        const na = this.$(`na-${e.id}`);
        if (na) [na.checked, na.disabled] = [v === "na", byEvidence || this.readOnly];
        // The core's outcome where there is a report; the answer as given while a problem stops scoring.
        const outcome = v === undefined ? "unanswered" : v === "na" ? "not_applicable" : (trace?.outcome ?? (v === true ? "met" : v === false ? "not_met" : "answered"));
        const evidence = ["options", "figure"].includes(trace?.decided_by);
        put(this.$(`answer-${e.id}`), `${t[outcome]}${evidence ? t.decidedBy : ""}`);
        this.$(`element-${e.id}`).classList.toggle("ff-open", v === undefined);
        put(this.$(`finding-print-${e.id}`), a.findings?.[e.id] ?? "");
        this.$(`finding-box-${e.id}`).classList.toggle("ff-empty", !a.findings?.[e.id]); // left off paper
      }
      put(this.$(`comment-print-${item.id}`), a.items?.[item.id]?.comment ?? "");
      this.$(`record-${item.id}`).classList.toggle("ff-empty", !a.items?.[item.id]);
      answered += n;
      total += item.elements.length;
      put(this.$(`progress-${item.id}`), `${t.answered} ${n}/${item.elements.length}`);
      this.$(`item-${item.id}`).classList.toggle("ff-incomplete", n < item.elements.length);
    }
    put(this.$("progress"), `${t.answered} ${answered}/${total}`);
  }

  showScores(report, t) {
    const scores = new Map(report?.items.map((i) => [i.id, i]));
    for (const item of this.items) {
      const r = scores.get(item.id);
      put(this.$(`score-${item.id}`), r ? ` — ${t.score} ${r.score ?? "–"} (${t[r.status]})` : "");
    }
    const fmt = (x) => (x == null ? "–" : x.toFixed(2));
    const level = this.form.levels.find((l) => l.id === report?.level);
    const rows = [
      ...this.form.domains.map((d) => [`${t.domain} ${d.id} ${t.mean}`, fmt(report?.domains.find((x) => x.id === d.id)?.mean), `mean-${d.id}`]),
      [t.total, String(report?.total.sum ?? "–"), "total-sum"],
      [`${t.total} ${t.mean}`, fmt(report?.total.mean), "total-mean"],
      [t.level, level?.label ?? "–", "level"],
    ];
    if (report?.judged_without_evidence?.length) rows.push([t.judged_without_evidence, report.judged_without_evidence.join(", "), "judged"]);
    const list = this.$("totals");
    if (list.childElementCount !== rows.length * 2) list.replaceChildren(...rows.flatMap(([, , id]) => [el("dt"), el("dd", { id: this.key(id) })]));
    rows.forEach(([k, v], i) => {
      put(list.children[2 * i], k);
      put(list.children[2 * i + 1], v);
    });
    const drawn = report?.items.map((i) => i.score).join();
    if (drawn !== this.drawn) drawChart(this.$("chart"), this.items, report);
    this.drawn = drawn;
  }

  /** Tells a screen reader, once the assessor pauses, which item scores and whether the total changed. */
  announce(report, t) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const scores = new Map([...report.items.map((i) => [i.id, i.score]), ["total", report.total.sum]]);
      const changed = report.items.filter((i) => i.score !== this.announced?.get(i.id)).map((i) => `${i.id} ${t.score} ${i.score ?? "–"}`);
      const total = report.total.sum !== this.announced?.get("total");
      this.announced = scores;
      if (changed.length || total) this.$("live").textContent = [...changed, `${t.total} ${report.total.sum ?? "–"}`].join("、");
    }, 700);
  }

  /** Moves focus to the first unanswered element after the one focused (from the top when none is). */
  next() {
    const open = [...this.host.querySelectorAll(".ff-element.ff-open")];
    if (!open.length) return this.say(this.t.allAnswered);
    const here = document.activeElement?.closest?.(".ff-element");
    const after = open.find((e) => here && here.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING) ?? open[0];
    after.scrollIntoView({ block: "center" });
    after.querySelector("input").focus();
  }

  say(text, discardable = false) {
    this.$("message").textContent = text;
    this.$("discard").hidden = !discardable;
  }

  // Drafts (form/drafts.js): kept on every change, the last one back when mounted, any one reopened.
  saveDraft(assessment = this.assessment) {
    if (!this.readOnly) this.drafts?.save(assessment);
  }
  /** Loads a draft's assessment; false when there is none, or it no longer reads against the bank. */
  restore(draft) {
    if (!draft) return false;
    try {
      this.load(draft);
      return true;
    } catch {
      return false;
    }
  }
  openDraft(key) {
    if (!this.restore(this.drafts.read(key))) return;
    this.render();
    this.say(this.t.draft, true);
  }
  discard() {
    this.drafts?.discard();
    this.clear();
    this.render();
    this.say(this.t.discarded);
  }

  /** Opens a saved file; one for another bank version is refused with the core's message, never rescored. */
  async open(file) {
    try {
      this.load(await file.text());
      this.drafts?.detach();
      this.saveDraft();
      this.render();
      this.say(`${this.t.opened}: ${file.name}`);
    } catch (e) {
      this.say(e.problems?.length ? e.problems.map((p) => `${p.path ? `${p.path}: ` : ""}${this.told(p)}`).join(" ") : e.message);
    }
  }

  save(format) {
    const a = this.assessment;
    const text = format === "yaml" ? this.bank.toYaml(a) : `${JSON.stringify(a, null, 2)}\n`;
    const link = el("a", { href: URL.createObjectURL(new Blob([text], { type: format === "yaml" ? "text/yaml" : "application/json" })), download: `${a.office.id || "office"}-${a.period || "period"}.${format}` });
    this.host.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }
}

/** `<fidelity-form bank="seiho-shuro@1.1.0" lang="ja" readonly>`: the same form; `fidelity-change` events,
 * `assessment` to get and set, `lang` and `readonly` followed as they change; its `id`, when it has one, is
 * the prefix of the ids inside. */
export class FidelityForm extends HTMLElement {
  static observedAttributes = ["lang", "readonly"];
  async connectedCallback() {
    this.form ??= await mountForm(this, { bank: this.getAttribute("bank") ?? undefined, lang: this.getAttribute("lang") ?? "ja", readOnly: this.hasAttribute("readonly"), idPrefix: this.id || undefined });
    this.dispatchEvent(new Event("fidelity-ready"));
  }
  attributeChangedCallback(name, _, value) {
    if (!this.form) return;
    if (name === "lang" && value !== this.form.lang) this.form.setLang(value);
    if (name === "readonly") this.form.setReadOnly(value !== null);
  }
  get assessment() {
    return this.form?.assessment;
  }
  set assessment(a) {
    this.form.assessment = a;
  }
}
if (globalThis.customElements && !customElements.get("fidelity-form")) customElements.define("fidelity-form", FidelityForm);
