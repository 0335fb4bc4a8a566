//! The office's report as a printable page (A4, no script, no external file) and as Markdown: who, what and
//! when; the scores with a chart; per item its strengths and what was not met, with the raters' findings and
//! sources; the action plan skeleton; and the change since an earlier rating.

use crate::html::{esc, page};
use crate::{mean, opt};
use fidelity_core::office_report::{OfficeReport, ReportElement, ReportItem};
use fidelity_core::report::RatingStamp;
use fidelity_core::{Lang, Rater, Word};
use plotters::prelude::*;

fn w(word: Word, lang: Lang) -> &'static str {
    word.get(lang)
}

fn rater(r: &Rater, lang: Lang) -> String {
    let mut s = format!("{} ({}", r.name.as_deref().unwrap_or("—"), Word::from(r.kind).get(lang));
    if let Some(d) = &r.date {
        s += &format!(", {d}");
    }
    s + ")"
}

fn source_rating(r: &RatingStamp, lang: Lang) -> String {
    let mut s = rater(&r.rater, lang);
    if let Some(f) = &r.file {
        s += &format!(" {f}");
    }
    s + &format!(" {}", r.digest)
}

/// The who / what / when rows: (label, value).
fn identity(r: &OfficeReport, lang: Lang) -> Vec<(String, String)> {
    let office = match &r.office.name {
        Some(n) => format!("{n} ({})", r.office.id),
        None => r.office.id.clone(),
    };
    let mut rows = vec![
        (w(Word::Office, lang).to_string(), office),
        (w(Word::Period, lang).into(), r.period.clone()),
        (w(Word::Rater, lang).into(), rater(&r.rater, lang)),
    ];
    if let Some(c) = &r.consensus {
        for (i, s) in c.ratings.iter().enumerate() {
            rows.push((format!("{} {}", w(Word::RatingsReconciled, lang), i + 1), source_rating(s, lang)));
        }
    }
    rows.push((
        w(Word::Version, lang).into(),
        format!("{} {}@{}", r.bank_title.get(lang), r.bank.id, r.bank.version),
    ));
    rows.push((w(Word::ScoringDigest, lang).into(), r.bank.scoring_digest.clone()));
    rows
}

fn level(r: &OfficeReport, lang: Lang) -> String {
    r.level_label
        .as_ref()
        .map_or_else(|| opt(r.level.clone()), |l| l.get(lang).to_string())
}

fn status(i: &ReportItem, lang: Lang) -> &'static str {
    Word::from(i.status).get(lang)
}

/// An item's elements by outcome, each list under its heading: what both layouts show per item.
fn by_outcome(i: &ReportItem) -> [(Word, &[ReportElement]); 4] {
    [
        (Word::MetElements, &i.strengths),
        (Word::NotMetElements, &i.not_met),
        (Word::NotApplicable, &i.not_applicable),
        (Word::Unanswered, &i.unanswered),
    ]
}

fn sources(i: &ReportItem, lang: Lang) -> String {
    i.sources.iter().map(|s| Word::from(*s).get(lang)).collect::<Vec<_>>().join("、")
}

/// Bar colours (Okabe–Ito, as the trend page's): this rating, the previous one.
const NOW: RGBColor = RGBColor(0, 114, 178);
const BEFORE: RGBColor = RGBColor(230, 159, 0);

/// Item scores as horizontal bars on the 1..5 scale, with the previous rating's beside them when compared.
fn chart(r: &OfficeReport) -> String {
    let previous: Vec<Option<u8>> = r
        .items
        .iter()
        .map(|i| {
            r.change
                .as_ref()
                .and_then(|c| c.items.iter().find(|x| x.id == i.id))
                .and_then(|x| x.old_score)
        })
        .collect();
    let compared = r.change.is_some();
    let n = r.items.len();
    let mut out = String::new();
    let drawn = {
        let root = SVGBackend::with_string(&mut out, (560, 40 + 30 * n as u32)).into_drawing_area();
        let draw = || -> Result<(), Box<dyn std::error::Error>> {
            root.fill(&WHITE)?;
            // Item k's bars are centred on y = n - 1 - k, so the ticks at whole numbers name the items.
            let mut chart = ChartBuilder::on(&root)
                .margin(10)
                .x_label_area_size(24)
                .y_label_area_size(48)
                .build_cartesian_2d(0f64..5f64, -0.5f64..n as f64 - 0.5)?;
            let ids: Vec<String> = r.items.iter().map(|i| i.id.clone()).collect();
            chart
                .configure_mesh()
                .x_labels(6)
                .x_label_formatter(&|x| format!("{x:.0}"))
                .y_labels(n)
                .y_label_formatter(&|y| {
                    let k = n as f64 - 1.0 - y.round();
                    if (y - y.round()).abs() < 1e-6 && k >= 0.0 && (k as usize) < n {
                        ids[k as usize].clone()
                    } else {
                        String::new()
                    }
                })
                .disable_y_mesh()
                .label_style(("sans-serif", 14))
                .draw()?;
            let centre = |k: usize| n as f64 - 1.0 - k as f64;
            let bar = |k: usize, score: u8, (from, to): (f64, f64), colour: RGBColor| {
                Rectangle::new([(0.0, centre(k) + from), (f64::from(score), centre(k) + to)], colour.filled())
            };
            let now_at = if compared { (-0.35, 0.0) } else { (-0.3, 0.3) };
            chart.draw_series(
                r.items
                    .iter()
                    .enumerate()
                    .filter_map(|(k, i)| i.score.map(|s| bar(k, s, now_at, NOW))),
            )?;
            if compared {
                chart.draw_series(
                    previous
                        .iter()
                        .enumerate()
                        .filter_map(|(k, p)| p.map(|s| bar(k, s, (0.0, 0.35), BEFORE))),
                )?;
            }
            root.present()?;
            Ok(())
        };
        draw().is_ok()
    };
    if drawn {
        out
    } else {
        String::new()
    }
}

const STYLE: &str = "@page{size:A4;margin:15mm 14mm}\
body{max-width:180mm;line-height:1.6;font-family:'IPAPGothic','IPAexGothic','IPAGothic','Noto Sans CJK JP','Hiragino Sans','Yu Gothic',sans-serif}\
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.2em;border-bottom:2px solid #0072b2;margin-top:1.4em;break-after:avoid}\
h3{font-size:1.05em;margin:1em 0 .3em;break-after:avoid}table{width:100%}td.t,th.t{text-align:left}\
td{vertical-align:top;overflow-wrap:anywhere}table.id th{text-align:left;width:24%;background:#f3f3f3;font-weight:normal}\
table.id td{text-align:left}.n{white-space:nowrap}\
ul{margin:.2em 0 .6em;padding-left:1.4em}li{break-inside:avoid}.finding{color:#333;font-size:.92em}\
.plan td{height:3.2em}.plan td.blank{width:16%}section.item{break-inside:auto}figure{display:block;margin:1em 0;break-inside:avoid}\
.key{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 1em;vertical-align:middle}\
.digest{font-family:monospace;font-size:.8em;overflow-wrap:anywhere}\
@media print{body{margin:0;font-size:10pt}section.plan-section{break-before:page}}";

fn element_list(out: &mut String, heading: &str, elements: &[ReportElement], lang: Lang) {
    if elements.is_empty() {
        return;
    }
    *out += &format!("<h4>{}</h4>\n<ul>\n", esc(heading));
    for e in elements {
        *out += &format!("<li><b>{}</b> {}", esc(&e.id), esc(e.text.get(lang)));
        if let Some(f) = &e.finding {
            *out += &format!("<br><span class=\"finding\">{}: {}</span>", w(Word::Finding, lang), esc(f));
        }
        if let Some(r) = &e.reason {
            *out += &format!("<br><span class=\"finding\">{}: {}</span>", w(Word::Reason, lang), esc(r));
        }
        *out += "</li>\n";
    }
    *out += "</ul>\n";
}

/// The report as a printable page.
pub fn page_html(r: &OfficeReport, lang: Lang) -> String {
    let title = format!(
        "{}: {} {}",
        w(Word::OfficeReport, lang),
        r.office.name.as_deref().unwrap_or(&r.office.id),
        r.period
    );
    let mut b = format!("<h1>{}</h1>\n<table class=\"id\">\n", esc(&title));
    for (label, value) in identity(r, lang) {
        let class = if value.starts_with("sha256:") || value.contains(" sha256:") {
            " class=\"digest\""
        } else {
            ""
        };
        b += &format!("<tr><th>{}</th><td{class}>{}</td></tr>\n", esc(&label), esc(&value));
    }
    b += &format!("</table>\n<p class=\"notice\">※ {}</p>\n", esc(r.notice.get(lang)));

    // The scores.
    b += &format!("<h2>{}</h2>\n<table><thead><tr><th class=\"t n\">{}</th><th class=\"t\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>\n",
        w(Word::Score, lang), w(Word::Item, lang), w(Word::Title, lang), w(Word::Status, lang), w(Word::MetApplicable, lang), w(Word::Score, lang));
    for i in &r.items {
        b += &format!(
            "<tr><td class=\"t n\">{}</td><td class=\"t\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}/{}</td><td><b>{}</b></td></tr>\n",
            esc(&i.id),
            esc(i.title.get(lang)),
            status(i, lang),
            i.met,
            i.applicable,
            opt(i.score)
        );
    }
    b += "</tbody></table>\n<table><tbody>\n";
    for d in &r.domains {
        b += &format!(
            "<tr><td class=\"t\">{} {} {}</td><td>{}</td></tr>\n",
            w(Word::Domain, lang),
            esc(&d.id),
            esc(d.title.get(lang)),
            mean(d.mean)
        );
    }
    b += &format!(
        "<tr><td class=\"t\">{}</td><td>{} ({} {})</td></tr>\n<tr><td class=\"t\">{}</td><td><b>{}</b></td></tr>\n</tbody></table>\n",
        w(Word::Total, lang),
        opt(r.total.sum),
        w(Word::Mean, lang),
        mean(r.total.mean),
        w(Word::Level, lang),
        esc(&level(r, lang))
    );
    let key = |c: RGBColor, word: Word| {
        format!(
            "<span class=\"key\" style=\"background:rgb({},{},{})\"></span>{} ",
            c.0,
            c.1,
            c.2,
            w(word, lang)
        )
    };
    let mut legend = key(NOW, Word::ThisRating);
    if r.change.is_some() {
        legend += &key(BEFORE, Word::PreviousRating);
    }
    b += &format!("<figure>{}<figcaption>{legend}</figcaption></figure>\n", chart(r));

    // Item by item.
    b += &format!("<h2>{}</h2>\n", w(Word::ItemByItem, lang));
    for i in &r.items {
        b += &format!(
            "<section class=\"item\"><h3>{} {} — {} {}</h3>\n",
            esc(&i.id),
            esc(i.title.get(lang)),
            w(Word::Score, lang),
            opt(i.score)
        );
        for (word, list) in by_outcome(i) {
            element_list(&mut b, w(word, lang), list, lang);
        }
        if !i.sources.is_empty() {
            b += &format!("<p>{}: {}</p>\n", w(Word::Sources, lang), esc(&sources(i, lang)));
        }
        if let Some(c) = &i.comment {
            b += &format!("<p>{}: {}</p>\n", w(Word::Comment, lang), esc(c));
        }
        b += "</section>\n";
    }

    // The action plan.
    b += &format!(
        "<section class=\"plan-section\"><h2>{}</h2>\n<p>{}</p>\n<table class=\"plan\"><thead><tr><th class=\"t n\">{}</th><th class=\"n\">{}</th><th class=\"t\">{}</th><th class=\"t\">{}</th><th class=\"t\">{}</th><th class=\"t\">{}</th></tr></thead><tbody>\n",
        w(Word::ActionPlan, lang),
        w(Word::ActionPlanHelp, lang),
        w(Word::Item, lang),
        w(Word::Score, lang),
        w(Word::Element, lang),
        w(Word::Action, lang),
        w(Word::Responsible, lang),
        w(Word::DueDate, lang)
    );
    for a in &r.action_plan {
        b += &format!(
            "<tr><td class=\"t n\">{}</td><td class=\"n\">{}</td><td class=\"t\"><b>{}</b> {}</td><td class=\"blank\"></td><td class=\"blank\"></td><td class=\"blank\"></td></tr>\n",
            esc(&a.item),
            opt(a.item_score),
            esc(&a.element),
            esc(a.text.get(lang))
        );
    }
    b += "</tbody></table></section>\n";

    if let Some(c) = &r.change {
        b += &format!(
            "<h2>{}</h2>\n<p>{} {} → {} {}",
            w(Word::ChangeSincePrevious, lang),
            esc(&c.old.period),
            esc(&c.old.bank.version),
            esc(&c.new.period),
            esc(&c.new.bank.version)
        );
        b += &format!(" · {}", Word::from(c.basis.kind).get(lang));
        if let Some(x) = &c.basis.crosswalk {
            b += &format!(": {}", esc(x));
        }
        b += "</p>\n";
        for warning in &c.warnings {
            b += &format!("<p class=\"warn\">⚠ {}</p>\n", esc(warning.message.get(lang)));
        }
        b += &format!(
            "<table><thead><tr><th class=\"t\">{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
            w(Word::Item, lang),
            w(Word::PreviousRating, lang),
            w(Word::ThisRating, lang),
            w(Word::Delta, lang)
        );
        for i in &c.items {
            let id = if i.old_id == i.id {
                i.id.clone()
            } else {
                format!("{} ← {}", i.id, i.old_id)
            };
            b += &format!(
                "<tr><td class=\"t\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                esc(&id),
                opt(i.old_score),
                opt(i.new_score),
                i.delta.map_or("—".into(), |d| format!("{d:+}"))
            );
        }
        b += "</tbody></table>\n";
        if !c.excluded.is_empty() {
            b += &format!("<p>{}: ", w(Word::LeftOut, lang));
            let left: Vec<String> = c
                .excluded
                .iter()
                .map(|x| {
                    format!(
                        "{} ({})",
                        x.new_ids.iter().chain(&x.old_ids).next().cloned().unwrap_or_default(),
                        Word::from(x.reason).get(lang)
                    )
                })
                .collect();
            b += &format!("{}</p>\n", esc(&left.join(", ")));
        }
        let text_of = |id: &str| {
            r.items
                .iter()
                .flat_map(|i| i.strengths.iter().chain(&i.not_met).chain(&i.not_applicable).chain(&i.unanswered))
                .find(|e| e.id == id)
                .map_or(String::new(), |e| e.text.get(lang).to_string())
        };
        for (word, pairs) in [(Word::NewlyMet, &c.newly_met), (Word::NoLongerMet, &c.no_longer_met)] {
            if pairs.is_empty() {
                continue;
            }
            b += &format!("<h4>{}</h4>\n<ul>\n", w(word, lang));
            for p in pairs {
                b += &format!("<li><b>{}</b> {}</li>\n", esc(&p.id), esc(&text_of(&p.id)));
            }
            b += "</ul>\n";
        }
    }
    page(lang, &title, STYLE, &b)
}

/// The report as Markdown, for pasting into other documents.
pub fn markdown(r: &OfficeReport, lang: Lang) -> String {
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let title = format!(
        "{}: {} {}",
        w(Word::OfficeReport, lang),
        r.office.name.as_deref().unwrap_or(&r.office.id),
        r.period
    );
    let mut out = format!("# {title}\n\n");
    for (label, value) in identity(r, lang) {
        out += &format!("- {label}: {value}\n");
    }
    out += &format!("\n> ※ {}\n\n## {}\n\n", r.notice.get(lang), w(Word::Score, lang));
    out += &format!(
        "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|\n",
        w(Word::Item, lang),
        w(Word::Title, lang),
        w(Word::Status, lang),
        w(Word::MetApplicable, lang),
        w(Word::Score, lang)
    );
    for i in &r.items {
        out += &format!(
            "| {} | {} | {} | {}/{} | {} |\n",
            i.id,
            cell(i.title.get(lang)),
            status(i, lang),
            i.met,
            i.applicable,
            opt(i.score)
        );
    }
    out += "\n";
    for d in &r.domains {
        out += &format!("- {} {} {}: {}\n", w(Word::Domain, lang), d.id, d.title.get(lang), mean(d.mean));
    }
    out += &format!(
        "- {}: {} ({} {})\n- {}: {}\n\n## {}\n\n",
        w(Word::Total, lang),
        opt(r.total.sum),
        w(Word::Mean, lang),
        mean(r.total.mean),
        w(Word::Level, lang),
        level(r, lang),
        w(Word::ItemByItem, lang)
    );
    for i in &r.items {
        out += &format!("### {} {} — {} {}\n\n", i.id, i.title.get(lang), w(Word::Score, lang), opt(i.score));
        for (word, list) in by_outcome(i) {
            if list.is_empty() {
                continue;
            }
            out += &format!("{}:\n\n", w(word, lang));
            for e in list {
                out += &format!("- **{}** {}", e.id, e.text.get(lang));
                if let Some(f) = &e.finding {
                    out += &format!(" — {}: {}", w(Word::Finding, lang), cell(f));
                }
                if let Some(x) = &e.reason {
                    out += &format!(" — {}: {}", w(Word::Reason, lang), cell(x));
                }
                out += "\n";
            }
            out += "\n";
        }
        if !i.sources.is_empty() {
            out += &format!("{}: {}\n\n", w(Word::Sources, lang), sources(i, lang));
        }
        if let Some(c) = &i.comment {
            out += &format!("{}: {}\n\n", w(Word::Comment, lang), cell(c));
        }
    }
    out += &format!(
        "## {}\n\n| {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|\n",
        w(Word::ActionPlan, lang),
        w(Word::Item, lang),
        w(Word::Score, lang),
        w(Word::Element, lang),
        w(Word::Action, lang),
        w(Word::Responsible, lang),
        w(Word::DueDate, lang)
    );
    for a in &r.action_plan {
        out += &format!(
            "| {} | {} | **{}** {} |  |  |  |\n",
            a.item,
            opt(a.item_score),
            a.element,
            cell(a.text.get(lang))
        );
    }
    if let Some(c) = &r.change {
        out += &format!(
            "\n## {}\n\n{} ({}) → {} ({}) · {}\n\n",
            w(Word::ChangeSincePrevious, lang),
            c.old.period,
            c.old.bank.version,
            c.new.period,
            c.new.bank.version,
            Word::from(c.basis.kind).get(lang)
        );
        for warning in &c.warnings {
            out += &format!("- ⚠ {}\n", warning.message.get(lang));
        }
        out += &format!(
            "\n| {} | {} | {} | {} |\n|---|---|---|---|\n",
            w(Word::Item, lang),
            w(Word::PreviousRating, lang),
            w(Word::ThisRating, lang),
            w(Word::Delta, lang)
        );
        for i in &c.items {
            out += &format!(
                "| {} | {} | {} | {} |\n",
                i.id,
                opt(i.old_score),
                opt(i.new_score),
                i.delta.map_or("—".into(), |d| format!("{d:+}"))
            );
        }
        for (word, pairs) in [(Word::NewlyMet, &c.newly_met), (Word::NoLongerMet, &c.no_longer_met)] {
            if !pairs.is_empty() {
                out += &format!(
                    "\n{}: {}\n",
                    w(word, lang),
                    pairs.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ")
                );
            }
        }
    }
    out
}
