//! The trend report as one self-contained HTML page an auditor can open offline and print: tables per item,
//! domain and total across periods, and SVG charts drawn by plotters (total and domain means over time, an
//! item radar per period). No script, no external file; the page's CSP allows nothing else.
//! In the rendering crate (the CLI and the Python binding), so the WASM package never carries plotters.

use crate::mean;
use fidelity_core::trend::{OfficeTrend, Trend};
use fidelity_core::{Bank, Lang, Word};
use plotters::prelude::*;
use std::fmt::Write;

/// Period colours, distinguishable in print and for common colour-vision deficiencies (Okabe–Ito).
const COLOURS: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(0, 0, 0),
];

fn colour(k: usize) -> RGBColor {
    COLOURS[k % COLOURS.len()]
}

pub(crate) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

struct Words {
    title: &'static str,
    periods: &'static str,
    period: &'static str,
    rater: &'static str,
    version: &'static str,
    item: &'static str,
    domain: &'static str,
    total_mean: &'static str,
    total_sum: &'static str,
    level: &'static str,
    change: &'static str,
    over_time: &'static str,
    radar: &'static str,
    scoring_digest: &'static str,
    warnings: &'static str,
    generated: &'static str,
}

const JA: Words = Words {
    title: "得点の推移",
    periods: "評価",
    period: Word::Period.get(Lang::Ja),
    rater: Word::Rater.get(Lang::Ja),
    version: Word::Version.get(Lang::Ja),
    item: Word::Item.get(Lang::Ja),
    domain: Word::Domain.get(Lang::Ja),
    total_mean: "合計平均",
    total_sum: "合計",
    level: Word::Level.get(Lang::Ja),
    change: "変化",
    over_time: "平均の推移",
    radar: "項目別得点（期間ごと）",
    scoring_digest: Word::ScoringDigest.get(Lang::Ja),
    warnings: Word::Warnings.get(Lang::Ja),
    generated: "fidelity エンジン",
};

const EN: Words = Words {
    title: "Scores over time",
    periods: "Assessments",
    period: Word::Period.get(Lang::En),
    rater: Word::Rater.get(Lang::En),
    version: Word::Version.get(Lang::En),
    item: Word::Item.get(Lang::En),
    domain: Word::Domain.get(Lang::En),
    total_mean: "Total mean",
    total_sum: "Total",
    level: Word::Level.get(Lang::En),
    change: "Change",
    over_time: "Means over time",
    radar: "Item scores by period",
    scoring_digest: Word::ScoringDigest.get(Lang::En),
    warnings: Word::Warnings.get(Lang::En),
    generated: "fidelity engine",
};

/// The page. `bank` (the latest version the trend uses) gives item and domain titles and level labels.
pub fn trend_page(trend: &Trend, bank: Option<&Bank>, lang: Lang) -> String {
    let w = if lang == Lang::En { &EN } else { &JA };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>{STYLE}</style></head><body>\n<h1>{}</h1>\n<p class=\"notice\">※ {}</p>\n",
        if lang == Lang::En { "en" } else { "ja" },
        esc(w.title),
        esc(w.title),
        esc(trend.notice.get(lang))
    );
    for office in &trend.offices {
        office_section(&mut out, office, bank, lang, w);
    }
    let _ = write!(
        out,
        "<footer>{} {}</footer>\n</body></html>\n",
        w.generated,
        fidelity_core::ENGINE_VERSION
    );
    out
}

/// A self-contained printable page (no script, no external file: the CSP allows nothing else) around `body`,
/// with the page's own `style` after the shared one.
pub(crate) fn page(lang: Lang, title: &str, style: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>{STYLE}{style}</style></head><body>\n{body}<footer>fidelity {}</footer>\n</body></html>\n",
        if lang == Lang::En { "en" } else { "ja" },
        esc(title),
        fidelity_core::ENGINE_VERSION
    )
}

const STYLE: &str = "body{font-family:sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:1em 0}\
th,td{border:1px solid #999;padding:.25em .6em;text-align:right}th:first-child,td:first-child,td.t{text-align:left}\
.notice{background:#fff6d5;padding:.5em}.warn{color:#8a3b00}figure{display:inline-block;margin:0 1em 1em 0}\
section{page-break-before:auto;break-inside:avoid-page}@media print{body{margin:1cm}}";

fn office_section(out: &mut String, o: &OfficeTrend, bank: Option<&Bank>, lang: Lang, w: &Words) {
    let name = o.office.name.as_deref().unwrap_or("");
    let _ = write!(out, "<section>\n<h2>{} ({})</h2>\n", esc(name), esc(&o.office.id));
    if !o.warnings.is_empty() {
        let _ = write!(out, "<p class=\"warn\"><strong>{}</strong></p><ul class=\"warn\">", w.warnings);
        for warning in &o.warnings {
            let _ = write!(out, "<li>{}</li>", esc(warning.message.get(lang)));
        }
        out.push_str("</ul>\n");
    }
    let label = |k: usize| format!("{} ({})", o.points[k].period, Word::from(o.points[k].rater.kind).get(lang));
    // Assessments.
    let _ = write!(
        out,
        "<table><caption>{}</caption><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        w.periods, w.period, w.rater, w.version, w.scoring_digest
    );
    for p in &o.points {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"t\">{}{}</td><td class=\"t\">{}@{}</td><td class=\"t\"><code>{}…</code></td></tr>",
            esc(&p.period),
            Word::from(p.rater.kind).get(lang),
            p.rater.name.as_ref().map_or(String::new(), |n| format!(": {}", esc(n))),
            esc(&p.bank.id),
            esc(&p.bank.version),
            esc(&p.bank.scoring_digest.chars().take(19).collect::<String>())
        );
    }
    out.push_str("</table>\n");
    // Charts.
    out.push_str("<div>");
    let _ = write!(
        out,
        "<figure>{}<figcaption>{}</figcaption></figure>",
        means_chart(o, w, &label),
        w.over_time
    );
    let _ = write!(
        out,
        "<figure>{}<figcaption>{}</figcaption></figure>",
        radar_chart(o, &label),
        w.radar
    );
    out.push_str("</div>\n");
    // Items, domains, total.
    let head: String = (0..o.points.len()).map(|k| format!("<th>{}</th>", esc(&label(k)))).collect();
    let _ = write!(
        out,
        "<table><tr><th>{}</th><th>{}</th>{head}<th>{}</th></tr>",
        w.item, w.domain, w.change
    );
    let item_title = |id: &str| {
        bank.and_then(|b| b.item(id).map(|i| i.title.get(lang).to_string()))
            .unwrap_or_default()
    };
    for row in &o.items {
        let cells: String = row
            .values
            .iter()
            .map(|v| format!("<td>{}</td>", v.map_or("—".into(), |s| s.to_string())))
            .collect();
        let change = match (row.values.first().copied().flatten(), row.values.last().copied().flatten()) {
            (Some(a), Some(b)) if o.points.len() > 1 => format!("{:+}", i16::from(b) - i16::from(a)),
            _ => "—".into(),
        };
        let _ = write!(
            out,
            "<tr><td class=\"t\">{} {}</td><td class=\"t\">{}</td>{cells}<td>{change}</td></tr>",
            esc(&row.id),
            esc(&item_title(&row.id)),
            esc(&row.domain)
        );
    }
    out.push_str("</table>\n");
    let _ = write!(out, "<table><tr><th>{}</th>{head}</tr>", w.domain);
    let domain_title = |id: &str| {
        bank.and_then(|b| b.domains().iter().find(|d| d.id == id).map(|d| d.title.get(lang).to_string()))
            .unwrap_or_default()
    };
    for row in &o.domains {
        let cells: String = row.values.iter().map(|v| format!("<td>{}</td>", mean(*v))).collect();
        let _ = write!(
            out,
            "<tr><td class=\"t\">{} {}</td>{cells}</tr>",
            esc(&row.id),
            esc(&domain_title(&row.id))
        );
    }
    let sums: String = o
        .total_sum
        .iter()
        .map(|v| format!("<td>{}</td>", v.map_or("—".into(), |s| s.to_string())))
        .collect();
    let means: String = o.total_mean.iter().map(|v| format!("<td>{}</td>", mean(*v))).collect();
    let level_label = |id: &Option<String>| {
        let Some(id) = id else { return "—".to_string() };
        bank.and_then(|b| b.level_label(id, lang)).unwrap_or(id).to_string()
    };
    let levels: String = o.level.iter().map(|v| format!("<td>{}</td>", esc(&level_label(v)))).collect();
    let _ = write!(
        out,
        "<tr><th>{}</th>{sums}</tr><tr><th>{}</th>{means}</tr><tr><th>{}</th>{levels}</tr></table>\n</section>\n",
        w.total_sum, w.total_mean, w.level
    );
}

/// Total and domain means over the periods (a line each), on the 1..5 scale.
fn means_chart(o: &OfficeTrend, w: &Words, label: &dyn Fn(usize) -> String) -> String {
    let n = o.points.len();
    svg((460, 300), |root| {
        let x_max = (n.max(2) - 1) as f64;
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(28)
            .y_label_area_size(32)
            .build_cartesian_2d(-0.3f64..x_max + 0.3, 1f64..5f64)?;
        chart
            .configure_mesh()
            .x_labels(n.max(2))
            .x_label_formatter(&|x| {
                let k = x.round();
                if (x - k).abs() < 1e-9 && k >= 0.0 && (k as usize) < n {
                    label(k as usize)
                } else {
                    String::new()
                }
            })
            .y_labels(5)
            .y_label_formatter(&|y| format!("{y:.0}"))
            .draw()?;
        let mut series: Vec<(String, Vec<Option<f64>>)> = vec![(w.total_mean.to_string(), o.total_mean.clone())];
        series.extend(o.domains.iter().map(|d| (format!("{} {}", w.domain, d.id), d.values.clone())));
        for (s, (name, values)) in series.iter().enumerate() {
            let points: Vec<(f64, f64)> = values.iter().enumerate().filter_map(|(k, v)| v.map(|m| (k as f64, m))).collect();
            let c = colour(s);
            let style = ShapeStyle::from(&c).stroke_width(if s == 0 { 3 } else { 2 });
            chart
                .draw_series(LineSeries::new(points.clone(), style))?
                .label(name.clone())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], style));
            chart.draw_series(points.into_iter().map(|p| Circle::new(p, 3, c.filled())))?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()?;
        Ok(())
    })
}

/// One radar of item scores with a polygon per period (1 at the centre, 5 at the rim); an item without a
/// score in a period is drawn at the centre and marked in the table.
fn radar_chart(o: &OfficeTrend, label: &dyn Fn(usize) -> String) -> String {
    let m = o.items.len().max(3);
    let at = |i: usize, r: f64| {
        let a = std::f64::consts::TAU * i as f64 / m as f64 - std::f64::consts::FRAC_PI_2;
        (r * a.cos(), -r * a.sin())
    };
    let radius = |score: Option<u8>| score.map_or(0.0, |s| f64::from(s.saturating_sub(1)) / 4.0);
    svg((380, 380), |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(8)
            .build_cartesian_2d(-1.35f64..1.35f64, -1.35f64..1.35f64)?;
        let grid = ShapeStyle::from(&BLACK.mix(0.25)).stroke_width(1);
        for ring in 1..=4 {
            let r = f64::from(ring) / 4.0;
            let mut pts: Vec<(f64, f64)> = (0..m).map(|i| at(i, r)).collect();
            pts.push(pts[0]);
            chart.draw_series(std::iter::once(PathElement::new(pts, grid)))?;
        }
        for (i, row) in o.items.iter().enumerate() {
            chart.draw_series(std::iter::once(PathElement::new(vec![(0.0, 0.0), at(i, 1.0)], grid)))?;
            let (x, y) = at(i, 1.15);
            let style = TextStyle::from(("sans-serif", 12).into_font()).pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Center,
                plotters::style::text_anchor::VPos::Center,
            ));
            chart.draw_series(std::iter::once(Text::new(row.id.clone(), (x, y), style)))?;
        }
        for k in 0..o.points.len() {
            let c = colour(k);
            let mut pts: Vec<(f64, f64)> = o.items.iter().enumerate().map(|(i, row)| at(i, radius(row.values[k]))).collect();
            if let Some(first) = pts.first().copied() {
                pts.push(first);
            }
            let style = ShapeStyle::from(&c).stroke_width(2);
            chart
                .draw_series(std::iter::once(PathElement::new(pts.clone(), style)))?
                .label(label(k))
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], style));
            chart.draw_series(pts.into_iter().map(|p| Circle::new(p, 2, c.filled())))?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()?;
        Ok(())
    })
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

/// An SVG chart of `size` drawn by `draw` on a white area; empty if plotters reports an error (the tables
/// beside it still hold every number).
fn svg(size: (u32, u32), draw: impl FnOnce(&Area<'_>) -> Result<(), Box<dyn std::error::Error>>) -> String {
    let mut out = String::new();
    let drawn = {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        root.fill(&WHITE).is_ok() && draw(&root).is_ok() && root.present().is_ok()
    };
    if drawn {
        out
    } else {
        String::new()
    }
}
