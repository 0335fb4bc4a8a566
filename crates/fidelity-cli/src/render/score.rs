//! Human-readable reports: a terminal table or Markdown, Japanese by default, English with `--lang en`.
//! Every rendering carries the bank's notice that the scoring rules are provisional.

use comfy_table::{presets, ContentArrangement, Table};
use fidelity_core::bank::Bank;
use fidelity_core::report::{ItemStatus, ScoreReport};
use fidelity_core::Lang;

struct Labels {
    item: &'static str,
    title: &'static str,
    status: &'static str,
    met: &'static str,
    score: &'static str,
    domain: &'static str,
    mean: &'static str,
    total: &'static str,
    level: &'static str,
    scored: &'static str,
    incomplete: &'static str,
    not_applicable: &'static str,
    rater_self: &'static str,
    rater_external: &'static str,
    none: &'static str,
}

const JA: Labels = Labels {
    item: "項目",
    title: "内容",
    status: "状態",
    met: "達成/該当",
    score: "得点",
    domain: "領域",
    mean: "平均",
    total: "合計",
    level: "水準",
    scored: "採点済",
    incomplete: "未回答あり",
    not_applicable: "該当なし",
    rater_self: "自己評価",
    rater_external: "外部評価",
    none: "—",
};

const EN: Labels = Labels {
    item: "Item",
    title: "Title",
    status: "Status",
    met: "Met/applicable",
    score: "Score",
    domain: "Domain",
    mean: "Mean",
    total: "Total",
    level: "Level",
    scored: "scored",
    incomplete: "incomplete",
    not_applicable: "not applicable",
    rater_self: "self-assessment",
    rater_external: "external review",
    none: "—",
};

fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

fn num(v: Option<f64>, none: &str) -> String {
    v.map_or(none.to_string(), |m| format!("{m:.2}"))
}

/// Rows of the report in display form: (item rows, domain rows, summary lines).
fn rows(bank: &Bank, r: &ScoreReport, lang: Lang) -> (Vec<[String; 5]>, Vec<[String; 4]>, Vec<String>) {
    let l = labels(lang);
    let items = r
        .items
        .iter()
        .map(|i| {
            let title = bank.item(&i.id).map_or(String::new(), |it| it.title.get(lang).to_string());
            let status = match i.status {
                ItemStatus::Scored => l.scored,
                ItemStatus::Incomplete => l.incomplete,
                ItemStatus::NotApplicable => l.not_applicable,
            };
            [
                i.id.clone(),
                title,
                status.to_string(),
                format!("{}/{}", i.met, i.applicable),
                i.score.map_or(l.none.to_string(), |s| s.to_string()),
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
            let status = if d.complete { l.scored } else { l.incomplete };
            [d.id.clone(), title, status.to_string(), num(d.mean, l.none)]
        })
        .collect();
    let level = r
        .level
        .as_deref()
        .and_then(|id| bank.level_label(id, lang))
        .unwrap_or(l.none)
        .to_string();
    let summary = vec![
        format!(
            "{}: {} ({}: {})",
            l.total,
            r.total.sum.map_or(l.none.to_string(), |s| s.to_string()),
            l.mean,
            num(r.total.mean, l.none)
        ),
        format!("{}: {level}", l.level),
    ];
    (items, domains, summary)
}

fn heading(bank: &Bank, r: &ScoreReport, lang: Lang) -> [String; 2] {
    let l = labels(lang);
    let rater = match r.rater.kind {
        fidelity_core::RaterKind::SelfAssessment => l.rater_self,
        fidelity_core::RaterKind::External => l.rater_external,
    };
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

pub fn table(bank: &Bank, r: &ScoreReport, lang: Lang) -> String {
    let l = labels(lang);
    let (items, domains, summary) = rows(bank, r, lang);
    let new_table = || {
        let mut t = Table::new();
        t.load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(110);
        t
    };
    let mut it = new_table();
    it.set_header([l.item, l.title, l.status, l.met, l.score]);
    for row in items {
        it.add_row(row);
    }
    let mut dt = new_table();
    dt.set_header([l.domain, l.title, l.status, l.mean]);
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
    let l = labels(lang);
    let (items, domains, summary) = rows(bank, r, lang);
    let [h1, h2] = heading(bank, r, lang);
    let mut out = format!("## {}\n\n{}\n\n", md_cell(&h1), md_cell(&h2));
    out += &format!(
        "| {} | {} | {} | {} | {} |\n|---|---|---|---:|---:|\n",
        l.item, l.title, l.status, l.met, l.score
    );
    for row in items {
        out += &format!("| {} |\n", row.iter().map(|c| md_cell(c)).collect::<Vec<_>>().join(" | "));
    }
    out += &format!("\n| {} | {} | {} | {} |\n|---|---|---|---:|\n", l.domain, l.title, l.status, l.mean);
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

/// The checklist itself, for `fidelity items`.
pub fn checklist(bank: &Bank, lang: Lang, markdown: bool) -> String {
    use fidelity_core::bank::{Criterion, Requirement};
    let mut out = format!("{} ({})\n", bank.def().title.get(lang), bank.reference());
    for d in bank.domains() {
        out += &format!("\n{} {} {}\n", if markdown { "##" } else { "■" }, d.id, d.title.get(lang));
        for item in &d.items {
            out += &format!("\n{} {} {}\n", if markdown { "###" } else { "●" }, item.id, item.title.get(lang));
            for e in &item.elements {
                out += &format!("{}□ {} {}\n", if markdown { "- " } else { "  " }, e.id, e.text.get(lang));
                match &e.criterion {
                    Criterion::Check => {}
                    Criterion::Options { options, require, .. } => {
                        let need = match require {
                            Requirement::All => format!("all {}", options.len()),
                            Requirement::AtLeast(k) => format!("at least {k}"),
                        };
                        for o in options {
                            out += &format!(
                                "{}△ {} ({})\n",
                                if markdown { "    - " } else { "      " },
                                o.label.get(lang),
                                o.key
                            );
                        }
                        out += &format!("{}[options: {need}]\n", if markdown { "    - " } else { "      " });
                    }
                    Criterion::Figure { inputs, test, .. } => {
                        for i in inputs {
                            out += &format!(
                                "{}# {} [{}] ({})\n",
                                if markdown { "    - " } else { "      " },
                                i.label.get(lang),
                                i.unit.get(lang),
                                i.key
                            );
                        }
                        out += &format!(
                            "{}[figure: {}]\n",
                            if markdown { "    - " } else { "      " },
                            serde_json::to_string(test).unwrap_or_default()
                        );
                    }
                }
            }
        }
    }
    out + &format!("\n※ {}\n", bank.def().scoring.notice.get(lang))
}
