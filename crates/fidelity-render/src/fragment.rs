//! HTML fragments a notebook shows for a score report and a comparison (Python's `to_html` and
//! `_repr_html_`): the same rows as the text renderings, in the core's words, with the provisional-rules notice.

use crate::html::esc;
use crate::{mean, opt, NONE};
use fidelity_core::compare::Comparison;
use fidelity_core::{Bank, Lang, ScoreReport, Word};

/// A value as written, escaped, or `NONE`.
fn cell<T: ToString>(v: Option<T>) -> String {
    esc(&opt(v))
}

/// A report's items, domains, total and level as tables, with the bank's titles in `lang`.
pub fn report(bank: &Bank, r: &ScoreReport, lang: Lang) -> String {
    let w = |word: Word| word.get(lang);
    let items: String = r
        .items
        .iter()
        .map(|i| {
            let title = bank.item(&i.id).map_or("", |it| it.title.get(lang));
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td style='text-align:right'>{}/{}</td>\
                 <td style='text-align:right'><b>{}</b></td></tr>",
                esc(&i.id),
                esc(title),
                esc(w(i.status.into())),
                i.met,
                i.applicable,
                i.score.map_or(NONE.to_string(), |s| s.to_string())
            )
        })
        .collect();
    let domains: String = r
        .domains
        .iter()
        .map(|d| {
            let title = bank.domains().iter().find(|x| x.id == d.id).map_or("", |x| x.title.get(lang));
            format!(
                "<tr><td>{}</td><td>{}</td><td style='text-align:right'>{}</td></tr>",
                esc(&d.id),
                esc(title),
                mean(d.mean)
            )
        })
        .collect();
    let level = r.level.as_deref().and_then(|id| bank.level_label(id, lang)).unwrap_or(NONE);
    let office = r.office.name.as_deref().unwrap_or(&r.office.id);
    format!(
        "<div class='fidelity-report'><p><b>{}</b> ({}) · {} · {} · {}</p>\
         <table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{items}</tbody></table>\
         <table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{domains}</tbody></table>\
         <p>{}: <b>{}</b> ({} {}) · {}: <b>{}</b></p><p><small>{}</small></p></div>",
        esc(office),
        esc(&r.office.id),
        esc(&r.period),
        esc(Word::from(r.rater.kind).get(lang)),
        esc(&bank.reference()),
        w(Word::Item),
        w(Word::Title),
        w(Word::Status),
        w(Word::MetApplicable),
        w(Word::Score),
        w(Word::Domain),
        w(Word::Title),
        w(Word::Mean),
        w(Word::Total),
        cell(r.total.sum),
        w(Word::Mean),
        mean(r.total.mean),
        w(Word::Level),
        esc(level),
        esc(r.notice.get(lang)),
    )
}

/// A comparison: its basis, warnings, item changes, total and level (labels of `bank`, the newer version),
/// and the items it leaves out with their reasons.
pub fn comparison(bank: &Bank, c: &Comparison, lang: Lang) -> String {
    let w = |word: Word| word.get(lang);
    let side = |s: &fidelity_core::compare::Side| {
        format!(
            "{} ({}, {})",
            esc(&s.period),
            esc(Word::from(s.rater.kind).get(lang)),
            esc(&s.bank.version)
        )
    };
    let items: String = c
        .items
        .iter()
        .map(|i| {
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} → {}</td></tr>",
                esc(&i.old_id),
                esc(&i.id),
                cell(i.old_score),
                cell(i.new_score),
                i.delta.map_or(NONE.to_string(), |d| format!("{d:+}")),
                esc(w(i.old_status.into())),
                esc(w(i.new_status.into()))
            )
        })
        .collect();
    let excluded: String = c
        .excluded
        .iter()
        .map(|x| {
            format!(
                "<li>{} → {}: {} {}</li>",
                esc(&x.old_ids.join(", ")),
                esc(&x.new_ids.join(", ")),
                esc(Word::from(x.reason).get(lang)),
                esc(x.note.as_deref().unwrap_or(""))
            )
        })
        .collect();
    let warnings: String = c
        .warnings
        .iter()
        .map(|x| format!("<li>⚠ {}</li>", esc(x.message.get(lang))))
        .collect();
    let level = |id: &Option<String>| {
        id.as_deref()
            .map_or(NONE.to_string(), |id| esc(bank.level_label(id, lang).unwrap_or(id)))
    };
    let t = &c.total;
    let left_out = if excluded.is_empty() {
        String::new()
    } else {
        format!("<p>{}:</p><ul>{excluded}</ul>", w(Word::LeftOut))
    };
    format!(
        "<div><p><b>{}</b> {} → {}: {}{}</p><ul>{warnings}</ul>\
         <table><tr><th>{} ({})</th><th>{}</th><th>{} ({})</th><th>{} ({})</th><th>Δ</th><th>{}</th></tr>{items}</table>\
         <p>{} {} → {}; {} {} → {} ({}); {} {} → {}</p>{left_out}<p><small>※ {}</small></p></div>",
        esc(&c.old.office.id),
        side(&c.old),
        side(&c.new),
        esc(Word::from(c.basis.kind).get(lang)),
        c.basis.crosswalk.as_deref().map_or(String::new(), |x| esc(&format!(": {x}"))),
        w(Word::Item),
        esc(&c.old.period),
        w(Word::Item),
        w(Word::Score),
        esc(&c.old.period),
        w(Word::Score),
        esc(&c.new.period),
        w(Word::Status),
        w(Word::Total),
        cell(t.old_sum),
        cell(t.new_sum),
        w(Word::Mean),
        mean(t.old_mean),
        mean(t.new_mean),
        t.items,
        w(Word::Level),
        level(&c.level.old),
        level(&c.level.new),
        esc(c.notice.get(lang)),
    )
}
