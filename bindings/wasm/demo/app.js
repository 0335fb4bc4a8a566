// The demo form: renders the checklist from bank.items(lang), keeps the answers, and on every change
// validates and scores them with the WASM package. All scoring and checking is the core's; this file only
// shows what it returns. Nothing is sent anywhere (see the page's Content-Security-Policy).
import { init, Bank, words } from "../index.js";

// The form's own words. Statuses, rater kinds, score, total, mean, level, domain, period and rater are the
// core's (`words(lang)`), the same as the CLI, Python and the reports show.
const UI = {
  ja: {
    lang: "表示言語", save: "保存 (JSON)", load: "読み込み (JSON/YAML)", office: "事業所", officeId: "福祉事務所コード",
    officeName: "名称", scores: "得点", chart: "項目得点", options: "△ 該当するものを選択",
    figures: "数値", fixProblems: "入力に問題があります", loaded: "読み込みました",
  },
  en: {
    lang: "Language", save: "Save (JSON)", load: "Load (JSON/YAML)", office: "Office", officeId: "Office code",
    officeName: "Name", scores: "Scores", chart: "Item scores", options: "△ Tick those that apply",
    figures: "Figures", fixProblems: "Some answers need attention", loaded: "Loaded",
  },
};

/** A problem's message in the page's language (the core writes every message in both). */
const told = (p) => (lang === "ja" && p.message_ja) || p.message;

/** Every word the page shows in `lang`: the core's, then the form's own. */
const texts = () => ({ ...words(lang), ...UI[lang] });

const $ = (id) => document.getElementById(id);
let bank;
let lang = "ja";
// The answers as the form holds them, by element id.
const judgement = new Map(); // true | false | "na"
const options = new Map(); // Set of option keys
const figures = new Map(); // Map key -> text as typed

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") e.textContent = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

/** The assessment the form's answers make: evidence (ticked options, filled figures) over judgement. */
function assessment() {
  const answers = {};
  for (const domain of bank.items(lang).domains) {
    for (const item of domain.items) {
      for (const e of item.elements) {
        const picked = options.get(e.id);
        const typed = figures.get(e.id);
        if (picked?.size) {
          answers[e.id] = e.input.options.map((o) => o.key).filter((k) => picked.has(k));
        } else if (typed && [...typed.values()].some((v) => v !== "")) {
          answers[e.id] = Object.fromEntries(
            e.input.inputs.filter((i) => (typed.get(i.key) ?? "") !== "").map((i) => [i.key, /^\d+$/.test(typed.get(i.key)) ? Number(typed.get(i.key)) : typed.get(i.key)]),
          );
        } else if (judgement.has(e.id)) {
          answers[e.id] = judgement.get(e.id);
        }
      }
    }
  }
  const name = $("office-name").value.trim();
  return {
    bank: bank.reference,
    office: name ? { id: $("office-id").value.trim(), name } : { id: $("office-id").value.trim() },
    period: $("period").value.trim(),
    rater: { kind: $("rater-kind").value },
    answers,
  };
}

function setCheckbox(box, value) {
  box.indeterminate = value === undefined;
  box.checked = value === true;
  box.setAttribute("aria-checked", value === undefined ? "mixed" : String(value === true));
}

function render() {
  const t = texts();
  document.documentElement.lang = lang;
  const form = bank.items(lang);
  $("title").textContent = form.title;
  for (const [id, key] of [["lang-label", "lang"], ["save", "save"], ["load-label", "load"], ["office-heading", "office"], ["office-id-label", "officeId"], ["office-name-label", "officeName"], ["period-label", "period"], ["rater-kind-label", "rater"], ["summary-heading", "scores"], ["chart-title", "chart"]]) {
    $(id).textContent = t[key];
  }
  $("rater-kind").options[0].textContent = t.self;
  $("rater-kind").options[1].textContent = t.external;
  $("notice").textContent = form.notice;
  const list = $("checklist");
  list.replaceChildren();
  if (form.guidance) list.append(el("details", { class: "guidance" }, el("summary", { text: t.guidance }), el("p", { text: form.guidance })));
  if (form.glossary.length) list.append(glossary(form, t));
  for (const domain of form.domains) {
    const section = el("section", { "aria-labelledby": `domain-${domain.id}` }, el("h2", { id: `domain-${domain.id}`, text: `${domain.id}. ${domain.title}` }));
    for (const item of domain.items) {
      const legend = el("legend", {}, `${item.id} ${item.title}`, el("span", { class: "item-score", id: `score-${item.id}`, "data-item": item.id }));
      const fs = el("fieldset", { class: "item", id: `item-${item.id}` }, legend);
      if (item.purpose) fs.append(el("p", { class: "purpose", text: item.purpose }));
      // The manual's further item texts, folded away until asked for.
      for (const key of ["support", "notes"]) {
        if (item[key]) fs.append(el("details", { class: "item-text" }, el("summary", { text: t[key] }), el("p", { text: item[key] })));
      }
      for (const e of item.elements) fs.append(renderElement(e, t));
      section.append(fs);
    }
    list.append(section);
  }
  update();
}

/** The bank's glossary, folded away: each term (with the Japanese in an English form) and its definition. */
function glossary(form, t) {
  const list = el("dl", {});
  for (const g of form.glossary) {
    const source = g.source === "project" ? t.from_project : `${t.from_manual} ${g.source}`;
    const note = lang === "ja" ? `（${source}）` : ` (${source})`;
    list.append(el("dt", { text: g.term === g.ja ? g.term : `${g.term} (${g.ja})` }), el("dd", { text: g.definition + note }));
  }
  return el("details", { class: "glossary" }, el("summary", { text: t.glossary }), list);
}

function renderElement(e, t) {
  const box = el("input", { type: "checkbox", id: `el-${e.id}`, "aria-describedby": `problem-${e.id}` });
  setCheckbox(box, judgement.get(e.id));
  box.addEventListener("click", () => {
    // Unanswered → met → not met → met ...
    judgement.set(e.id, judgement.get(e.id) !== true);
    setCheckbox(box, judgement.get(e.id));
    update();
  });
  const wrap = el("div", { class: "element" }, el("label", { for: `el-${e.id}` }, box, el("span", {}, el("b", { text: e.id }), " ", e.text)));
  if (e.guidance) wrap.append(el("details", { class: "guidance" }, el("summary", { text: t.guidance }), el("p", { text: e.guidance })));
  if (e.na_allowed) {
    const na = el("input", { type: "checkbox", id: `na-${e.id}` });
    na.checked = judgement.get(e.id) === "na";
    na.addEventListener("change", () => {
      if (na.checked) judgement.set(e.id, "na");
      else judgement.delete(e.id);
      setCheckbox(box, judgement.get(e.id) === "na" ? undefined : judgement.get(e.id));
      update();
    });
    wrap.append(el("label", { for: `na-${e.id}`, class: "na" }, na, t.not_applicable));
  }
  if (e.input.kind === "options") {
    const picked = options.get(e.id) ?? new Set();
    options.set(e.id, picked);
    const group = el("fieldset", { class: "evidence" }, el("legend", { text: t.options }));
    for (const o of e.input.options) {
      const c = el("input", { type: "checkbox", id: `opt-${e.id}-${o.key}` });
      c.checked = picked.has(o.key);
      c.addEventListener("change", () => {
        if (c.checked) picked.add(o.key);
        else picked.delete(o.key);
        update();
      });
      group.append(el("label", { for: c.id }, c, o.label));
    }
    wrap.append(group);
  }
  if (e.input.kind === "figure") {
    const typed = figures.get(e.id) ?? new Map();
    figures.set(e.id, typed);
    const group = el("fieldset", { class: "evidence" }, el("legend", { text: `${t.figures}: ${e.input.test}` }));
    for (const i of e.input.inputs) {
      const n = el("input", { type: "number", inputmode: "numeric", min: String(i.min), step: "1", id: `fig-${e.id}-${i.key}`, "aria-describedby": `problem-${e.id}` });
      n.value = typed.get(i.key) ?? "";
      n.addEventListener("input", () => {
        typed.set(i.key, n.value.trim());
        update();
      });
      group.append(el("label", { for: n.id }, `${i.label}`, n, i.unit));
    }
    wrap.append(group);
  }
  wrap.append(el("p", { class: "problem", id: `problem-${e.id}`, role: "alert" }));
  return wrap;
}

/** Validates and scores the answers as they stand, and shows problems at their fields. */
function update() {
  const t = texts();
  for (const p of document.querySelectorAll(".problem")) p.textContent = "";
  for (const i of document.querySelectorAll("[aria-invalid]")) i.removeAttribute("aria-invalid");
  const a = assessment();
  const problems = bank.validate(a);
  for (const p of problems) {
    const m = /^answers\.([^.[]+\.\d+)(?:\.(\w+))?/.exec(p.path);
    const target = m ? $(`problem-${m[1]}`) : $("problem-office");
    if (m?.[2]) $(`fig-${m[1]}-${m[2]}`)?.setAttribute("aria-invalid", "true");
    const message = told(p);
    if (target) target.textContent += (target.textContent ? " " : "") + (m ? message : `${p.path}: ${message}`);
  }
  $("status").textContent = problems.length ? t.fixProblems : "";
  if (problems.length) return showScores(null);
  showScores(bank.score(a));
}

function showScores(report) {
  const t = texts();
  const form = bank.items(lang);
  for (const domain of form.domains) {
    for (const item of domain.items) {
      const r = report?.items.find((i) => i.id === item.id);
      $(`score-${item.id}`).textContent = r ? `— ${t.score} ${r.score ?? "–"} (${t[r.status]})` : "";
    }
  }
  const level = form.levels.find((l) => l.id === report?.level);
  const rows = [
    ...form.domains.map((d) => [`${t.domain} ${d.id} ${t.mean}`, fmt(report?.domains.find((x) => x.id === d.id)?.mean), `mean-${d.id}`]),
    [`${t.total}`, report?.total.sum ?? "–", "total-sum"],
    [`${t.total} ${t.mean}`, fmt(report?.total.mean), "total-mean"],
    [t.level, level?.label ?? "–", "level"],
  ];
  // Elements that take △ options or figures but were ticked met / not met alone: accepted, and shown.
  if (report?.judged_without_evidence?.length) rows.push([t.judged_without_evidence, report.judged_without_evidence.join(", "), "judged"]);
  $("totals").replaceChildren(...rows.flatMap(([k, v, id]) => [el("dt", { text: k }), el("dd", { id, text: String(v) })]));
  drawChart(report);
}

const fmt = (x) => (x === null || x === undefined ? "–" : x.toFixed(2));

function drawChart(report) {
  const svg = $("chart");
  const title = svg.querySelector("title");
  svg.replaceChildren(title);
  const items = bank.items(lang).domains.flatMap((d) => d.items);
  const ns = "http://www.w3.org/2000/svg";
  const add = (tag, attrs, text) => {
    const e = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    svg.append(e);
  };
  const h = 150;
  const w = 300 / items.length;
  add("line", { class: "axis", x1: 15, y1: h + 5, x2: 318, y2: h + 5 });
  for (let s = 1; s <= 5; s++) add("text", { x: 2, y: h + 5 - (s * h) / 5 + 4 }, String(s));
  items.forEach((item, i) => {
    const score = report?.items.find((r) => r.id === item.id)?.score ?? 0;
    add("rect", { class: "bar", x: 18 + i * w + 3, y: h + 5 - (score * h) / 5, width: w - 6, height: (score * h) / 5 });
    add("text", { x: 18 + i * w + 4, y: h + 20 }, item.id);
  });
}

async function loadFile(file) {
  const text = await file.text();
  try {
    const a = bank.readAssessment(text);
    judgement.clear();
    options.clear();
    figures.clear();
    $("office-id").value = a.office.id;
    $("office-name").value = a.office.name ?? "";
    $("period").value = a.period;
    $("rater-kind").value = a.rater.kind;
    for (const [id, v] of Object.entries(a.answers)) {
      if (Array.isArray(v)) options.set(id, new Set(v));
      else if (v && typeof v === "object") figures.set(id, new Map(Object.entries(v).map(([k, n]) => [k, String(n)])));
      else judgement.set(id, v);
    }
    render();
    $("status").textContent = `${texts().loaded}: ${file.name}`;
  } catch (e) {
    $("status").textContent = e.problems?.length ? e.problems.map((p) => `${p.path}: ${told(p)}`).join(" ") : e.message;
  }
}

function save() {
  const a = assessment();
  const blob = new Blob([JSON.stringify(a, null, 2) + "\n"], { type: "application/json" });
  const link = el("a", { href: URL.createObjectURL(blob), download: `${a.office.id || "office"}-${a.period || "period"}.json` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

await init();
bank = Bank.builtin("seiho-shuro");
$("lang").addEventListener("change", () => {
  lang = $("lang").value;
  render();
});
for (const id of ["office-id", "office-name", "period", "rater-kind"]) $(id).addEventListener("input", update);
$("save").addEventListener("click", save);
$("load").addEventListener("change", () => $("load").files[0] && loadFile($("load").files[0]));
render();
document.body.dataset.ready = "true";
