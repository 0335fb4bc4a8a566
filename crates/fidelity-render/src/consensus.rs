//! The reviewers' consensus worksheet: a terminal table or Markdown, and a printable HTML page. Items come in
//! the worksheet's order (largest disagreement first); every element is listed, agreed ones marked.

use crate::audit::{grid, heading};
use crate::html::{esc, page};
use crate::opt;
use fidelity_core::consensus::{Worksheet, WorksheetElement};
use fidelity_core::report::{Outcome, RatingStamp};
use fidelity_core::{Answer, Bank, Lang, Word};

/// How an answer shows: as written, or "unanswered".
fn answer(a: &Option<Answer>, lang: Lang) -> String {
    a.as_ref().map_or_else(|| Word::Unanswered.get(lang).to_string(), Answer::to_string)
}

fn outcome(o: Outcome, lang: Lang) -> &'static str {
    Word::from(o).get(lang)
}

/// "1: 山田 一郎 (external review, 2026-10-05) file sha256:ab12…"
fn rater_line(i: usize, r: &RatingStamp, lang: Lang) -> String {
    let mut s = format!("{} {}: {}", Word::Rater.get(lang), i + 1, r.rater.name.as_deref().unwrap_or("—"));
    s += &format!(" ({}", Word::from(r.rater.kind).get(lang));
    if let Some(d) = &r.rater.date {
        s += &format!(", {d}");
    }
    s += ")";
    if let Some(f) = &r.file {
        s += &format!(" {f}");
    }
    s + &format!(" {}…", &r.digest[..r.digest.len().min(19)])
}

fn summary(ws: &Worksheet, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{} 要素のうち 一致 {}、不一致 {}", ws.elements, ws.agreed, ws.disagreed),
        Lang::En => format!("of {} elements, {} agreed, {} disagreed", ws.elements, ws.agreed, ws.disagreed),
    }
}

fn title(ws: &Worksheet, lang: Lang) -> String {
    format!(
        "{}: {} {} {} ({})",
        Word::Worksheet.get(lang),
        ws.office.id,
        ws.office.name.as_deref().unwrap_or(""),
        ws.period,
        ws.bank
    )
}

/// The cells of one element's row: id, mark, each answer with its outcome, item score with each answer,
/// each finding.
fn element_row(e: &WorksheetElement, lang: Lang) -> Vec<String> {
    let mark = if e.agreed { Word::Agreed } else { Word::Disagreed };
    let side = |k: usize| format!("{} ({})", answer(&e.answers[k], lang), outcome(e.outcomes[k], lang));
    let with = match e.scores_with.as_slice() {
        [x, y] => format!("{} / {}", opt(*x), opt(*y)),
        _ => String::new(),
    };
    let finding = |k: usize| e.findings[k].clone().unwrap_or_default();
    vec![
        e.id.clone(),
        mark.get(lang).to_string(),
        side(0),
        side(1),
        with,
        finding(0),
        finding(1),
    ]
}

fn element_header(lang: Lang) -> Vec<String> {
    let r = Word::Rater.get(lang);
    vec![
        Word::Element.get(lang).into(),
        format!("{}/{}", Word::Agreed.get(lang), Word::Disagreed.get(lang)),
        format!("{r} 1"),
        format!("{r} 2"),
        Word::ScoresWith.get(lang).into(),
        format!("{} 1", Word::Finding.get(lang)),
        format!("{} 2", Word::Finding.get(lang)),
    ]
}

/// The worksheet as a terminal table or Markdown: the items' summary, then each item's elements.
pub fn worksheet(bank: &Bank, ws: &Worksheet, lang: Lang, markdown: bool) -> String {
    let mut out = heading("##", &title(ws, lang), markdown);
    for (i, r) in ws.ratings.iter().enumerate() {
        out += &format!("{}{}\n", if markdown { "- " } else { "" }, rater_line(i, r, lang));
    }
    out += &format!("{}\n※ {}\n\n", summary(ws, lang), bank.def().scoring.notice.get(lang));
    let r = Word::Rater.get(lang);
    let header = vec![
        Word::Item.get(lang).to_string(),
        format!("{} ({r} 1)", Word::Score.get(lang)),
        format!("{} ({r} 2)", Word::Score.get(lang)),
        Word::Shift.get(lang).to_string(),
        Word::Disagreed.get(lang).to_string(),
    ];
    let rows: Vec<Vec<String>> = ws
        .items
        .iter()
        .map(|i| {
            vec![
                i.id.clone(),
                opt(i.scores[0]),
                opt(i.scores[1]),
                i.largest_shift.to_string(),
                i.disagreed.to_string(),
            ]
        })
        .collect();
    out += &grid(&header, &rows, markdown);
    for item in &ws.items {
        let name = bank.item(&item.id).map_or(String::new(), |i| i.title.get(lang).to_string());
        out += "\n";
        out += &heading("###", &format!("{} {name}", item.id), markdown);
        let rows: Vec<Vec<String>> = item.elements.iter().map(|e| element_row(e, lang)).collect();
        out += &grid(&element_header(lang), &rows, markdown);
    }
    out
}

const STYLE: &str =
    "body{line-height:1.5;font-family:'IPAPGothic','IPAexGothic','IPAGothic','Noto Sans CJK JP','Hiragino Sans','Yu Gothic',sans-serif}\
table{width:100%}th,td{text-align:left;vertical-align:top;overflow-wrap:anywhere}td.n,th.n{text-align:right;white-space:nowrap}\
tr.disagreed td{background:#fdecea}h1{font-size:1.4em}h2{font-size:1.1em;break-after:avoid}\
section{break-inside:auto}tr{break-inside:avoid}table.el{table-layout:fixed}\
table.el th:nth-child(1){width:22%}table.el th:nth-child(2){width:8%}table.el th:nth-child(3),table.el th:nth-child(4){width:10%}\
table.el th:nth-child(5){width:8%}@page{size:A4;margin:12mm}@media print{body{margin:0;font-size:9pt}}";

/// The worksheet as a printable page.
pub fn worksheet_page(bank: &Bank, ws: &Worksheet, lang: Lang) -> String {
    let mut body = format!("<h1>{}</h1>\n<ul>\n", esc(&title(ws, lang)));
    for (i, r) in ws.ratings.iter().enumerate() {
        body += &format!("<li>{}</li>\n", esc(&rater_line(i, r, lang)));
    }
    body += &format!(
        "</ul>\n<p>{}</p>\n<p class=\"notice\">※ {}</p>\n",
        esc(&summary(ws, lang)),
        esc(bank.def().scoring.notice.get(lang))
    );
    // The items at a glance, in the worksheet's order.
    let r = Word::Rater.get(lang);
    body += &format!(
        "<table class=\"summary\"><thead><tr><th>{}</th><th class=\"n\">{} ({r} 1)</th><th class=\"n\">{} ({r} 2)</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>\n",
        Word::Item.get(lang),
        Word::Score.get(lang),
        Word::Score.get(lang),
        Word::Shift.get(lang),
        Word::Disagreed.get(lang)
    );
    for item in &ws.items {
        body += &format!(
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            esc(&item.id),
            opt(item.scores[0]),
            opt(item.scores[1]),
            item.largest_shift,
            item.disagreed
        );
    }
    body += "</tbody></table>\n";
    for item in &ws.items {
        let name = bank.item(&item.id).map_or(String::new(), |i| i.title.get(lang).to_string());
        body += &format!(
            "<section><h2>{} {}</h2>\n<p>{}: {} / {} · {}: {}</p>\n<table class=\"el\"><thead><tr>",
            esc(&item.id),
            esc(&name),
            Word::Score.get(lang),
            opt(item.scores[0]),
            opt(item.scores[1]),
            Word::Shift.get(lang),
            item.largest_shift
        );
        for h in element_header(lang) {
            body += &format!("<th>{}</th>", esc(&h));
        }
        body += "</tr></thead><tbody>\n";
        for e in &item.elements {
            let text = bank.element(&e.id).map_or(String::new(), |x| x.element.text.get(lang).to_string());
            let cells = element_row(e, lang);
            body += &format!(
                "<tr class=\"{}\"><td class=\"t\"><b>{}</b><br>{}</td>",
                if e.agreed { "agreed" } else { "disagreed" },
                esc(&cells[0]),
                esc(&text)
            );
            for (k, c) in cells.iter().enumerate().skip(1) {
                let class = if k == 4 { " class=\"n\"" } else { "" };
                body += &format!("<td{class}>{}</td>", esc(c));
            }
            body += "</tr>\n";
        }
        body += "</tbody></table></section>\n";
    }
    page(lang, &title(ws, lang), STYLE, &body)
}
