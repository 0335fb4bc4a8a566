//! The auditor's views in text: a comparison of two reports, a trend across periods (terminal table or
//! Markdown, Japanese by default) and a verification's findings. Each carries the provisional-rules notice.

use crate::{mean, opt};
use comfy_table::{presets, ContentArrangement, Table};
use fidelity_core::compare::Comparison;
use fidelity_core::report::ItemStatus;
use fidelity_core::verify::Verification;
use fidelity_core::{Bank, Lang, Trend, Word};

/// A table as a terminal grid or as Markdown.
pub(crate) fn grid(header: &[String], rows: &[Vec<String>], markdown: bool) -> String {
    if markdown {
        let cell = |s: &String| s.replace('|', "\\|");
        let mut out = format!(
            "| {} |\n|{}\n",
            header.iter().map(cell).collect::<Vec<_>>().join(" | "),
            "---|".repeat(header.len())
        );
        for r in rows {
            out += &format!("| {} |\n", r.iter().map(cell).collect::<Vec<_>>().join(" | "));
        }
        return out;
    }
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(110)
        .set_header(header);
    for r in rows {
        t.add_row(r);
    }
    format!("{t}\n")
}

pub(crate) fn ja_en(lang: Lang, ja: &str, en: &str) -> String {
    if lang == Lang::Ja { ja } else { en }.to_string()
}

fn signed(v: Option<f64>) -> String {
    v.map_or("—".into(), |d| format!("{d:+.2}"))
}

fn status(s: ItemStatus, lang: Lang) -> String {
    Word::from(s).get(lang).to_string()
}

pub(crate) fn heading(level: &str, text: &str, markdown: bool) -> String {
    if markdown {
        format!("{level} {text}\n\n")
    } else {
        format!("{text}\n")
    }
}

pub fn comparison(bank: &Bank, c: &Comparison, lang: Lang, markdown: bool) -> String {
    let l = |ja: &str, en: &str| ja_en(lang, ja, en);
    let side = |s: &fidelity_core::compare::Side| {
        format!(
            "{} ({}, {}@{})",
            s.period,
            Word::from(s.rater.kind).get(lang),
            s.bank.id,
            s.bank.version
        )
    };
    let name = c.new.office.name.as_deref().unwrap_or("");
    let mut out = heading(
        "##",
        &format!("{name} ({}): {} → {}", c.new.office.id, side(&c.old), side(&c.new)),
        markdown,
    );
    out += Word::from(c.basis.kind).get(lang);
    if let Some(x) = &c.basis.crosswalk {
        out += &format!(": {x}");
    }
    out += "\n";
    for w in &c.warnings {
        out += &format!("{}⚠ {}\n", if markdown { "- " } else { "" }, w.message.get(lang));
    }
    out += "\n";
    let title = |id: &str| bank.item(id).map_or(String::new(), |i| i.title.get(lang).to_string());
    let rows: Vec<Vec<String>> = c
        .items
        .iter()
        .map(|i| {
            let id = if i.old_id == i.id {
                i.id.clone()
            } else {
                format!("{} → {}", i.old_id, i.id)
            };
            let st = if i.old_status == i.new_status {
                status(i.new_status, lang)
            } else {
                format!("{} → {}", status(i.old_status, lang), status(i.new_status, lang))
            };
            vec![
                id,
                title(&i.id),
                opt(i.old_score),
                opt(i.new_score),
                i.delta.map_or("—".into(), |d| format!("{d:+}")),
                st,
            ]
        })
        .collect();
    let header = [
        Word::Item.get(lang).to_string(),
        Word::Title.get(lang).to_string(),
        l("前", "Old"),
        l("後", "New"),
        "Δ".into(),
        Word::Status.get(lang).to_string(),
    ];
    out += &grid(&header, &rows, markdown);
    if !c.excluded.is_empty() {
        out += &format!("\n{}:\n", Word::LeftOut.get(lang));
        for x in &c.excluded {
            let reason = Word::from(x.reason).get(lang);
            let note = x.note.as_ref().map_or(String::new(), |n| format!(" ({n})"));
            out += &format!(
                "{}{} → {}: {reason}{note}\n",
                if markdown { "- " } else { "  " },
                opt_ids(&x.old_ids),
                opt_ids(&x.new_ids)
            );
        }
    }
    out += "\n";
    let rows: Vec<Vec<String>> = c
        .domains
        .iter()
        .map(|d| {
            vec![
                d.id.clone(),
                d.items.to_string(),
                mean(d.old_mean),
                mean(d.new_mean),
                signed(d.delta),
            ]
        })
        .collect();
    let header = [
        Word::Domain.get(lang).to_string(),
        l("項目数", "Items"),
        l("前の平均", "Old mean"),
        l("後の平均", "New mean"),
        "Δ".into(),
    ];
    out += &grid(&header, &rows, markdown);
    let t = &c.total;
    out += &format!(
        "\n{}: {} → {} (Δ {}); {}: {} → {} (Δ {}) [{} {}]\n",
        Word::Total.get(lang),
        opt(t.old_sum),
        opt(t.new_sum),
        t.delta_sum.map_or("—".into(), |d| format!("{d:+}")),
        l("平均", "mean"),
        mean(t.old_mean),
        mean(t.new_mean),
        signed(t.delta_mean),
        t.items,
        l("項目", "items")
    );
    let level = |id: &Option<String>| {
        id.as_deref()
            .map_or("—".to_string(), |id| bank.level_label(id, lang).unwrap_or(id).to_string())
    };
    out += &format!(
        "{}: {} → {}{}\n",
        Word::Level.get(lang),
        level(&c.level.old),
        level(&c.level.new),
        if c.level.comparable {
            String::new()
        } else {
            l("（版の違いにより参考値）", " (for reference: not comparable across these versions)")
        }
    );
    let ids = |v: &[fidelity_core::compare::ElementPair]| {
        if v.is_empty() {
            "—".to_string()
        } else {
            v.iter()
                .map(|p| {
                    if p.old_id == p.id {
                        p.id.clone()
                    } else {
                        format!("{}→{}", p.old_id, p.id)
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    out += &format!("{}: {}\n", l("新たに達成した要素", "Elements newly met"), ids(&c.newly_met));
    out += &format!(
        "{}: {}\n",
        l("達成しなくなった要素", "Elements no longer met"),
        ids(&c.no_longer_met)
    );
    out + &format!("\n※ {}\n", c.notice.get(lang))
}

fn opt_ids(ids: &[String]) -> String {
    if ids.is_empty() {
        "—".into()
    } else {
        ids.join(", ")
    }
}

pub fn trend(bank: Option<&Bank>, t: &Trend, lang: Lang, markdown: bool) -> String {
    let l = |ja: &str, en: &str| ja_en(lang, ja, en);
    let mut out = String::new();
    for o in &t.offices {
        out += &heading(
            "##",
            &format!("{} ({})", o.office.name.as_deref().unwrap_or(""), o.office.id),
            markdown,
        );
        for w in &o.warnings {
            out += &format!("{}⚠ {}\n", if markdown { "- " } else { "" }, w.message.get(lang));
        }
        let mut header = vec![l("項目・領域", "Item / domain")];
        header.extend(
            o.points
                .iter()
                .map(|p| format!("{} ({}, {})", p.period, Word::from(p.rater.kind).get(lang), p.bank.version)),
        );
        let mut rows: Vec<Vec<String>> = o
            .items
            .iter()
            .map(|r| std::iter::once(r.id.clone()).chain(r.values.iter().map(|v| opt(*v))).collect())
            .collect();
        rows.extend(o.domains.iter().map(|r| {
            std::iter::once(format!("{} {}", Word::Domain.get(lang), r.id))
                .chain(r.values.iter().map(|v| mean(*v)))
                .collect()
        }));
        rows.push(
            std::iter::once(Word::Total.get(lang).to_string())
                .chain(o.total_sum.iter().map(|v| opt(*v)))
                .collect(),
        );
        rows.push(
            std::iter::once(l("合計平均", "Total mean"))
                .chain(o.total_mean.iter().map(|v| mean(*v)))
                .collect(),
        );
        let level = |id: &Option<String>| {
            id.as_deref().map_or("—".to_string(), |id| {
                bank.and_then(|b| b.level_label(id, lang)).unwrap_or(id).to_string()
            })
        };
        rows.push(
            std::iter::once(Word::Level.get(lang).to_string())
                .chain(o.level.iter().map(level))
                .collect(),
        );
        out += &grid(&header, &rows, markdown);
        out += "\n";
    }
    out + &format!("※ {}\n", t.notice.get(lang))
}

pub fn verification(v: &Verification) -> String {
    let mut out = if v.matches {
        format!("ok: the report matches a new computation with {} (engine {})\n", v.bank, v.engine)
    } else {
        let cause = serde_json::to_value(v.cause)
            .ok()
            .and_then(|c| c.as_str().map(str::to_owned))
            .unwrap_or_default();
        format!(
            "MISMATCH ({cause}): the report does not match a new computation with {} (engine {})\n",
            v.bank, v.engine
        )
    };
    for f in &v.findings {
        let code = serde_json::to_value(f.code)
            .ok()
            .and_then(|c| c.as_str().map(str::to_owned))
            .unwrap_or_default();
        out += &format!("  [{code}] {}: recorded {}, recomputed {}\n", f.path, f.recorded, f.recomputed);
    }
    out
}
