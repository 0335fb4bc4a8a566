//! Empty assessments to fill in, for a bank: the wide CSV header, and a YAML file listing every element with
//! its text, as an office starts from them.

use super::wide::{FIXED_COLUMNS, RATING_COLUMNS};
use super::{Assessment, DataSource};
use crate::bank::{Bank, Evidence};
use crate::text::Lang;

/// The input header for a bank: the identity columns and the rater's name and date, each element with its
/// option or figure columns, then the review's records per item (each element's finding, the item's
/// sources and comment), never scored.
pub fn csv_header(bank: &Bank) -> Vec<String> {
    let mut out: Vec<String> = FIXED_COLUMNS.into_iter().chain(RATING_COLUMNS).map(String::from).collect();
    for e in bank.elements() {
        out.push(e.element.id.clone());
        out.extend(e.element.criterion.evidence().keys().map(|key| format!("{}:{key}", e.element.id)));
    }
    for (_, item) in bank.items() {
        out.extend(item.elements.iter().map(|e| format!("finding:{}", e.id)));
        out.push(format!("sources:{}", item.id));
        out.push(format!("comment:{}", item.id));
    }
    out
}

/// A YAML assessment with every element listed as unanswered, its text (Japanese, then English) as a comment,
/// after the bank's glossary.
pub fn yaml(bank: &Bank) -> String {
    let def = bank.def();
    let mut out = format!(
        "# Assessment template for {} — fill in and score with `fidelity score`.\n# Answer true / false for every element; option and figure elements may give their evidence instead.\n# ※ {}\n",
        bank.reference(),
        def.scoring.notice.ja,
    );
    if !def.glossary.is_empty() {
        out += "# 用語集 / Glossary:\n";
        for g in &def.glossary {
            out += &format!("#   {} ({}): {}\n", g.term.ja, g.term.get(Lang::En), g.definition.ja);
            if let Some(en) = &g.definition.en {
                out += &format!("#     {en}\n");
            }
        }
    }
    if let Some(g) = &def.guidance {
        out += &format!("# 回答の手引き: {}\n", g.ja);
        if let Some(en) = &g.en {
            out += &format!("# How to answer: {en}\n");
        }
    }
    out += &format!(
        "bank: {}\noffice: {{id: \"\", name: \"\"}}\nperiod: \"\"\nrater: {{kind: self, name: \"\", date: null}}  # self | external; date YYYY-MM-DD\nanswers:\n",
        bank.reference()
    );
    for e in bank.elements() {
        let el = e.element;
        out += &format!("  # {}\n", el.text.ja);
        if let Some(en) = &el.text.en {
            out += &format!("  # {en}\n");
        }
        if let Some(g) = &el.guidance {
            out += &format!("  # ▶ {}\n", g.ja);
            if let Some(en) = &g.en {
                out += &format!("  # ▶ {en}\n");
            }
        }
        let evidence = el.criterion.evidence();
        let keys: Vec<&str> = evidence.keys().collect();
        let mut hint = match evidence {
            Evidence::None => String::new(),
            Evidence::Flags(_) => format!("  # or a list of: {}", keys.join(", ")),
            Evidence::Counts(_) => format!(
                "  # or {{{}}}",
                keys.iter().map(|k| format!("{k}: N")).collect::<Vec<_>>().join(", ")
            ),
        };
        if el.na_allowed {
            hint += if hint.is_empty() { "  # or na" } else { ", or na" };
        }
        out += &format!("  {}: null{hint}\n", el.id);
    }
    let sources: Vec<&str> = DataSource::ALL.iter().map(|d| d.as_str()).collect();
    out += &format!(
        "# 所見・情報源・コメント（任意、採点には使いません） / Findings, sources and comments (optional, never scored):\n\
         # findings:\n#   A-1.1: \"見たこと、聞いた相手 / what was seen, who said it\"\n\
         # items:\n#   A-1: {{sources: [staff_interview, case_records], comment: \"...\"}}  # sources: {}\n",
        sources.join(", ")
    );
    out
}

/// A value in JSON's flow syntax, which YAML reads as it is (a string double-quoted, a record `{"k": v}`).
pub(crate) fn flow<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Text for a one-line YAML comment.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A filled assessment as the YAML file the web form saves and `fidelity score` reads: its identity and rater,
/// every element of the bank in order, answered or `null`, with its text as a comment, then the findings,
/// the items' records and a consensus record where there are any.
pub fn filled_yaml(bank: &Bank, a: &Assessment) -> String {
    let mut out = format!(
        "# {} — {} / {}\n# ※ {}\n",
        a.office.id,
        a.period,
        bank.reference(),
        bank.def().scoring.notice.ja
    );
    out += &format!(
        "bank: {}\noffice: {}\nperiod: {}\nrater: {}\nanswers:\n",
        flow(&bank.reference()),
        flow(&a.office),
        flow(&a.period),
        flow(&a.rater)
    );
    for (_, item) in bank.items() {
        out += &format!("  # {} {}\n", item.id, one_line(&item.title.ja));
        for e in &item.elements {
            let answer = a.answers.get(&e.id).map_or("null".to_string(), |x| x.to_string());
            out += &format!("  {}: {answer}  # {}\n", e.id, one_line(&e.text.ja));
        }
    }
    for (key, empty, value) in [
        ("findings", a.findings.is_empty(), flow(&a.findings)),
        ("items", a.items.is_empty(), flow(&a.items)),
        ("consensus", a.consensus.is_none(), flow(&a.consensus)),
    ] {
        if !empty {
            out += &format!("{key}: {value}\n");
        }
    }
    out
}
