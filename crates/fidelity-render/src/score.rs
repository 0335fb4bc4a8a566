//! Human-readable reports: a terminal table or Markdown, Japanese by default, English with `--lang en`.
//! Every rendering carries the bank's notice that the scoring rules are provisional.

use crate::{mean, NONE};
use comfy_table::{presets, ContentArrangement, Table};
use fidelity_core::bank::Bank;
use fidelity_core::report::{ItemStatus, ScoreReport};
use fidelity_core::{Lang, Word};

/// Rows of the report in display form: (item rows, domain rows, summary lines).
fn rows(bank: &Bank, r: &ScoreReport, lang: Lang) -> (Vec<[String; 5]>, Vec<[String; 4]>, Vec<String>) {
    let w = |word: Word| word.get(lang);
    let items = r
        .items
        .iter()
        .map(|i| {
            let title = bank.item(&i.id).map_or(String::new(), |it| it.title.get(lang).to_string());
            [
                i.id.clone(),
                title,
                w(i.status.into()).to_string(),
                format!("{}/{}", i.met, i.applicable),
                i.score.map_or(NONE.to_string(), |s| s.to_string()),
            ]
        })
        .collect();
    let domains = r
        .domains
        .iter()
        .map(|d| {
            let title = bank
                .domains()
                .iter()
                .find(|x| x.id == d.id)
                .map_or(String::new(), |x| x.title.get(lang).to_string());
            let status = if d.complete { ItemStatus::Scored } else { ItemStatus::Incomplete };
            [d.id.clone(), title, w(status.into()).to_string(), mean(d.mean)]
        })
        .collect();
    let level = r
        .level
        .as_deref()
        .and_then(|id| bank.level_label(id, lang))
        .unwrap_or(NONE)
        .to_string();
    let mut summary = vec![
        format!(
            "{}: {} ({}: {})",
            w(Word::Total),
            r.total.sum.map_or(NONE.to_string(), |s| s.to_string()),
            w(Word::Mean),
            mean(r.total.mean)
        ),
        format!("{}: {level}", w(Word::Level)),
    ];
    if !r.judged_without_evidence.is_empty() {
        summary.push(format!(
            "{}: {}",
            w(Word::JudgedWithoutEvidence),
            r.judged_without_evidence.join(", ")
        ));
    }
    (items, domains, summary)
}

fn heading(bank: &Bank, r: &ScoreReport, lang: Lang) -> [String; 2] {
    let rater = Word::from(r.rater.kind).get(lang);
    let name = r.office.name.as_deref().unwrap_or("");
    [
        format!(
            "{name} ({}) — {} — {rater}{}",
            r.office.id,
            r.period,
            r.rater.name.as_ref().map_or(String::new(), |n| format!(": {n}"))
        ),
        format!(
            "{} {}@{} ({})",
            bank.def().title.get(lang),
            r.bank.id,
            r.bank.version,
            r.bank.scoring_digest
        ),
    ]
}

/// The item table's and the domain table's headings.
fn headings(lang: Lang) -> ([&'static str; 5], [&'static str; 4]) {
    let w = |word: Word| word.get(lang);
    (
        [
            w(Word::Item),
            w(Word::Title),
            w(Word::Status),
            w(Word::MetApplicable),
            w(Word::Score),
        ],
        [w(Word::Domain), w(Word::Title), w(Word::Status), w(Word::Mean)],
    )
}

pub fn table(bank: &Bank, r: &ScoreReport, lang: Lang) -> String {
    let (item_heading, domain_heading) = headings(lang);
    let (items, domains, summary) = rows(bank, r, lang);
    let new_table = || {
        let mut t = Table::new();
        t.load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(110);
        t
    };
    let mut it = new_table();
    it.set_header(item_heading);
    for row in items {
        it.add_row(row);
    }
    let mut dt = new_table();
    dt.set_header(domain_heading);
    for row in domains {
        dt.add_row(row);
    }
    let [h1, h2] = heading(bank, r, lang);
    format!("{h1}\n{h2}\n{it}\n{dt}\n{}\n※ {}\n", summary.join("\n"), r.notice.get(lang))
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|")
}

pub fn markdown(bank: &Bank, r: &ScoreReport, lang: Lang) -> String {
    let ([item, title, status, met, score], [domain, _, _, mean]) = headings(lang);
    let (items, domains, summary) = rows(bank, r, lang);
    let [h1, h2] = heading(bank, r, lang);
    let mut out = format!("## {}\n\n{}\n\n", md_cell(&h1), md_cell(&h2));
    out += &format!("| {item} | {title} | {status} | {met} | {score} |\n|---|---|---|---:|---:|\n");
    for row in items {
        out += &format!("| {} |\n", row.iter().map(|c| md_cell(c)).collect::<Vec<_>>().join(" | "));
    }
    out += &format!("\n| {domain} | {title} | {status} | {mean} |\n|---|---|---|---:|\n");
    for row in domains {
        out += &format!("| {} |\n", row.iter().map(|c| md_cell(c)).collect::<Vec<_>>().join(" | "));
    }
    out += &format!(
        "\n{}\n\n> ※ {}\n",
        summary.iter().map(|s| format!("**{s}**")).collect::<Vec<_>>().join("  \n"),
        r.notice.get(lang)
    );
    out
}
