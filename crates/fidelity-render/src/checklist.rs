//! The checklist itself, for `fidelity items` and Python's `Bank.checklist`: every domain, item and element
//! with its △ options or figure inputs, the manual's item texts (意義と目的, 具体的な支援内容, 留意点), the
//! bank's notes on where a text comes from, and the glossary, then the provisional-rules notice.

use fidelity_core::bank::{Criterion, ProvenanceField, Requirement};
use fidelity_core::{Bank, Lang, Text, Word};

/// The checklist as terminal text, or as Markdown.
pub fn checklist(bank: &Bank, lang: Lang, markdown: bool) -> String {
    let def = bank.def();
    let (domain_mark, item_mark, indent, sub) = match markdown {
        true => ("##", "###", "- ", "    - "),
        false => ("■", "●", "  ", "      "),
    };
    // A provenance note sits under the text it is about.
    let notes = |id: &str, field: ProvenanceField, prefix: &str| -> String {
        def.provenance_of(id, field)
            .map(|n| format!("{prefix}※ {}\n", n.note.get(lang)))
            .collect()
    };
    let note_prefix = if markdown { "> " } else { "  " };
    let mut out = format!("{} ({})\n", def.title.get(lang), bank.reference());
    if let Some(g) = &def.guidance {
        out += &format!(
            "\n{}{}: {}\n",
            if markdown { "> " } else { "" },
            Word::Guidance.get(lang),
            g.get(lang)
        );
    }
    for d in bank.domains() {
        out += &format!("\n{domain_mark} {} {}\n", d.id, d.title.get(lang));
        out += &notes(&d.id, ProvenanceField::Title, note_prefix);
        for item in &d.items {
            out += &format!("\n{item_mark} {} {}\n", item.id, item.title.get(lang));
            out += &notes(&item.id, ProvenanceField::Title, note_prefix);
            let texts: [(Word, &Option<Text>, ProvenanceField); 3] = [
                (Word::Purpose, &item.purpose, ProvenanceField::Purpose),
                (Word::Support, &item.support, ProvenanceField::Support),
                (Word::Notes, &item.notes, ProvenanceField::Notes),
            ];
            for (word, text, field) in texts {
                let Some(text) = text else { continue };
                out += &match markdown {
                    true => format!("\n**{}** {}\n", word.get(lang), text.get(lang)),
                    false => format!("  【{}】{}\n", word.get(lang), text.get(lang)),
                };
                out += &notes(&item.id, field, note_prefix);
            }
            if markdown {
                out += "\n";
            }
            for e in &item.elements {
                let na = if e.na_allowed {
                    format!(" [{}]", Word::NaAllowed.get(lang))
                } else {
                    String::new()
                };
                out += &format!("{indent}□ {} {}{na}\n", e.id, e.text.get(lang));
                out += &notes(&e.id, ProvenanceField::Text, sub);
                if let Some(g) = &e.guidance {
                    out += &format!("{sub}▶ {}\n", g.get(lang));
                }
                match &e.criterion {
                    Criterion::Check => {}
                    Criterion::Options { options, require, .. } => {
                        let need = match require {
                            Requirement::All => format!("all {}", options.len()),
                            Requirement::AtLeast(k) => format!("at least {k}"),
                        };
                        for o in options {
                            out += &format!("{sub}△ {} ({})\n", o.label.get(lang), o.key);
                        }
                        out += &format!("{sub}[options: {need}]\n");
                    }
                    Criterion::Figure { inputs, test, .. } => {
                        for i in inputs {
                            out += &format!("{sub}# {} [{}] ({})\n", i.label.get(lang), i.unit.get(lang), i.key);
                        }
                        out += &format!("{sub}[figure: {}]\n", serde_json::to_string(test).unwrap_or_default());
                        out += &notes(&e.id, ProvenanceField::Inputs, sub);
                    }
                }
            }
        }
    }
    if !def.glossary.is_empty() {
        out += &format!("\n{domain_mark} {}\n\n", Word::Glossary.get(lang));
        for g in &def.glossary {
            let term = match lang {
                Lang::Ja => g.term.ja.clone(),
                Lang::En => format!("{} ({})", g.term.get(lang), g.term.ja),
            };
            let source = match g.source.as_str() {
                "project" => Word::FromProject.get(lang).to_string(),
                section => format!("{} {section}", Word::FromManual.get(lang)),
            };
            let source = match lang {
                Lang::Ja => format!("（{source}）"),
                Lang::En => format!(" ({source})"),
            };
            out += &match markdown {
                true => format!("- **{term}**: {}{source}\n", g.definition.get(lang)),
                false => format!("  {term}: {}{source}\n", g.definition.get(lang)),
            };
        }
    }
    out + &format!("\n※ {}\n", def.scoring.notice.get(lang))
}
