//! `fidelity agreement` in text: agreement between the two raters, internal consistency, item and element
//! statistics (terminal tables or Markdown, Japanese by default), with the provisional-rules notice.

use crate::audit::{grid, heading, ja_en};
use crate::mean;
use fidelity_core::analysis::{Analysis, Coefficient, CoefficientName, ElementFlag, Icc, ManyRaters, Missing, PeriodDifference, Scope};
use fidelity_core::{Lang, RaterKind, Word};

/// A sub-heading, set off from the table above it.
fn section(text: &str, markdown: bool) -> String {
    format!("\n{}", heading("###", text, markdown))
}

/// A statistic to three decimals, or — where it is undefined.
fn num(v: Option<f64>) -> String {
    v.map_or("—".into(), |x| format!("{x:.3}"))
}

fn percent(v: Option<f64>) -> String {
    v.map_or("—".into(), |x| format!("{:.1}%", x * 100.0))
}

fn icc(v: &Option<Icc>) -> String {
    v.as_ref()
        .map_or("—".into(), |c| format!("{:.3} [{:.3}, {:.3}]", c.value, c.ci95[0], c.ci95[1]))
}

pub fn render(a: &Analysis, lang: Lang, markdown: bool) -> String {
    let l = |ja: &str, en: &str| ja_en(lang, ja, en);
    let g = &a.agreement;
    let mut out = heading(
        "##",
        &format!(
            "{}@{}: {} {} · {} {} / {} {}",
            a.bank.id,
            a.bank.version,
            a.assessments,
            l("件の評価", "assessments"),
            l("評価者", "raters"),
            g.raters.iter().map(|k| rater_word(k, lang)).collect::<Vec<_>>().join(" × "),
            g.pairs,
            l("組（事務所×期間）", "pairs (office × period)"),
        ),
        markdown,
    );
    out += &format!(
        "{}\n\n",
        l(
            &format!(
                "両評価者がそろう組: {} / {}（片方のみの組は κ・ICC から除外、α では対にならない値として除外）",
                g.pairs, g.units
            ),
            &format!(
                "Units rated by both: {} of {} (units with one rater are left out of κ and ICC and are unpairable in α)",
                g.pairs, g.units
            ),
        )
    );
    if a.consensus_left_out > 0 {
        out += &l(
            &format!(
                "合意評価 {} 件は独立した評価ではないため、すべての統計から除いています。\n\n",
                a.consensus_left_out
            ),
            &format!(
                "{} consensus ratings are left out of every statistic: they are not independent ratings.\n\n",
                a.consensus_left_out
            ),
        );
    }

    out += &section(&l("項目の一致（1〜5点）", "Item agreement (scores 1..5)"), markdown);
    let header = vec![
        Word::Item.get(lang).to_string(),
        l("組", "Pairs"),
        l("一致率", "Exact"),
        l("±1以内", "Within 1"),
        l("重み付きκ（二次）", "Weighted κ (quadratic)"),
        "ICC(2,1) [95% CI]".into(),
        "ICC(3,1) [95% CI]".into(),
        l("α（順序）", "α (ordinal)"),
    ];
    let mut rows: Vec<Vec<String>> = g
        .items
        .iter()
        .map(|i| {
            vec![
                i.id.clone(),
                i.pairs.to_string(),
                percent(i.percent_agreement),
                percent(i.within_one),
                num(i.weighted_kappa),
                icc(&i.icc2),
                icc(&i.icc3),
                num(i.alpha),
            ]
        })
        .collect();
    rows.push(vec![
        l("合計点", "Total score"),
        g.total.pairs.to_string(),
        String::new(),
        String::new(),
        String::new(),
        icc(&g.total.icc2),
        icc(&g.total.icc3),
        String::new(),
    ]);
    out += &grid(&header, &rows, markdown);

    out += &section(
        &l("要素の一致（満たす／満たさない）", "Element agreement (met / not met)"),
        markdown,
    );
    let header = vec![
        l("要素", "Element"),
        l("組", "Pairs"),
        l("一致率", "Agreement"),
        "Cohen κ".into(),
        "Gwet AC1".into(),
        l("有病率指数", "Prevalence index"),
        l("偏り指数", "Bias index"),
        l("α（名義）", "α (nominal)"),
    ];
    let rows: Vec<Vec<String>> = g
        .elements
        .iter()
        .map(|e| {
            vec![
                e.id.clone(),
                e.pairs.to_string(),
                percent(e.percent_agreement),
                num(e.kappa),
                num(e.ac1.as_ref().map(|c| c.value)),
                num(e.prevalence_index),
                num(e.bias_index),
                num(e.alpha),
            ]
        })
        .collect();
    out += &grid(&header, &rows, markdown);

    if let Some(m) = &a.many_raters {
        out += &many_raters(m, lang, markdown);
    }
    if let Some(d) = &a.period_difference {
        out += &period_difference(d, lang, markdown);
    }

    let r = &a.reliability;
    let who = r
        .rater
        .as_deref()
        .map_or_else(|| l("全評価", "every report"), |k| rater_word(k, lang));
    let how = match r.missing {
        Missing::Listwise => l("欠測のある行を除外（listwise）", "rows with a missing item dropped (listwise)"),
        Missing::Pairwise => l(
            "共分散ごとに両項目のある行（pairwise）",
            "each covariance over rows with both items (pairwise)",
        ),
    };
    out += &section(
        &l(
            &format!("内的一貫性（{who}, {} 件）", r.rows),
            &format!("Internal consistency ({who}, {} reports)", r.rows),
        ),
        markdown,
    );
    out += &format!(
        "Cronbach α: {how}; {}\n\n",
        l("項目-残余相関は完全な行のみ", "item-rest correlations over complete rows")
    );
    let header = vec![
        l("尺度", "Scale"),
        "Cronbach α".into(),
        l("α の行数", "α rows"),
        l("完全な行", "Complete rows"),
        l("項目-残余相関", "Item-rest r"),
    ];
    let rows: Vec<Vec<String>> = r
        .scales
        .iter()
        .map(|s| {
            let rest = s
                .item_rest
                .iter()
                .map(|x| format!("{} {}", x.id, num(x.r)))
                .collect::<Vec<_>>()
                .join(", ");
            vec![
                if s.id == "total" {
                    Word::Total.get(lang).to_string()
                } else {
                    s.id.clone()
                },
                num(s.alpha),
                s.alpha_rows.to_string(),
                s.complete_rows.to_string(),
                rest,
            ]
        })
        .collect();
    out += &grid(&header, &rows, markdown);

    out += &section(&l("項目の分布", "Item distributions"), markdown);
    let header = vec![
        Word::Item.get(lang).to_string(),
        l("採点", "Scored"),
        Word::Incomplete.get(lang).to_string(),
        Word::NotApplicable.get(lang).to_string(),
        "1 / 2 / 3 / 4 / 5".into(),
        Word::Mean.get(lang).to_string(),
        "SD".into(),
        l("床（1点）", "Floor (1)"),
        l("天井（5点）", "Ceiling (5)"),
    ];
    let rows: Vec<Vec<String>> = a
        .items
        .iter()
        .map(|i| {
            vec![
                i.id.clone(),
                i.scored.to_string(),
                i.incomplete.to_string(),
                i.not_applicable.to_string(),
                i.counts.iter().map(u32::to_string).collect::<Vec<_>>().join(" / "),
                mean(i.mean),
                mean(i.sd),
                percent(i.floor),
                percent(i.ceiling),
            ]
        })
        .collect();
    out += &grid(&header, &rows, markdown);

    out += &section(
        &l(
            "ほとんどの事務所が満たす（>90%）／ほとんど満たさない（<10%）要素",
            "Elements met by almost all (>90%) or almost none (<10%)",
        ),
        markdown,
    );
    let flagged: Vec<Vec<String>> = a
        .elements
        .iter()
        .filter_map(|e| {
            let flag = match e.flag? {
                ElementFlag::AlmostAll => l("ほぼ全て", "almost all"),
                ElementFlag::AlmostNone => l("ほぼなし", "almost none"),
            };
            Some(vec![
                e.id.clone(),
                flag,
                percent(e.met_share),
                format!("{} / {}", e.met, e.met + e.not_met),
            ])
        })
        .collect();
    if flagged.is_empty() {
        out += &format!("{}\n", l("該当なし", "None"));
    } else {
        out += &grid(
            &[
                l("要素", "Element"),
                l("区分", "Flag"),
                l("充足率", "Met share"),
                l("満たす / 回答", "Met / answered"),
            ],
            &flagged,
            markdown,
        );
    }
    out += &format!(
        "\n※ {}\n※ {}\n",
        a.notice.get(lang),
        l(
            "統計量はこの暫定的な採点規則による点数から計算したものです。",
            "These statistics are computed from scores under these provisional rules."
        )
    );
    out
}

/// A rater key in words: the kinds by their screen word, names as they are.
fn rater_word(key: &str, lang: Lang) -> String {
    RaterKind::parse(key).map_or(key, |k| Word::from(k).get(lang)).to_string()
}

/// The agreement among three or more raters: items (AC2, the k-rater ICCs, α) and elements (Fleiss,
/// Conger, AC1, Brennan–Prediger, α).
fn many_raters(m: &ManyRaters, lang: Lang, markdown: bool) -> String {
    let l = |ja: &str, en: &str| ja_en(lang, ja, en);
    let value = |c: &Option<Coefficient>| num(c.as_ref().map(|c| c.value));
    let names = m.raters.iter().map(|k| rater_word(k, lang)).collect::<Vec<_>>().join(", ");
    let k = m.raters.len();
    let mut out = section(
        &l(
            &format!("{k} 人の評価者の一致（{names}; {} 単位、全員がそろう {}）", m.units, m.complete),
            &format!(
                "Agreement among {k} raters ({names}; {} units, {} rated by all)",
                m.units, m.complete
            ),
        ),
        markdown,
    );
    let header = vec![
        l("項目", "Item"),
        l("全員", "All"),
        l("AC2（二次）", "AC2 (quadratic)"),
        format!("ICC(2,1) k={k}"),
        format!("ICC(3,1) k={k}"),
        l("α（順序）", "α (ordinal)"),
    ];
    let mut rows: Vec<Vec<String>> = m
        .items
        .iter()
        .map(|i| {
            vec![
                i.id.clone(),
                i.complete.to_string(),
                value(&i.ac2_quadratic),
                icc(&i.icc2),
                icc(&i.icc3),
                num(i.alpha),
            ]
        })
        .collect();
    rows.push(vec![
        l("合計点", "Total score"),
        m.total.complete.to_string(),
        String::new(),
        icc(&m.total.icc2),
        icc(&m.total.icc3),
        String::new(),
    ]);
    out += &grid(&header, &rows, markdown);
    let header = vec![
        l("要素", "Element"),
        "Fleiss κ".into(),
        "Conger κ".into(),
        "Gwet AC1".into(),
        "Brennan–Prediger".into(),
        l("α（名義）", "α (nominal)"),
    ];
    let rows: Vec<Vec<String>> = m
        .elements
        .iter()
        .map(|e| {
            vec![
                e.id.clone(),
                value(&e.fleiss_kappa),
                value(&e.conger_kappa),
                value(&e.ac1),
                value(&e.brennan_prediger),
                num(e.alpha),
            ]
        })
        .collect();
    out += &grid(&header, &rows, markdown);
    out
}

/// Agreement in two periods, on the items and the total: the weighted kappa, AC2 and ICC(2,1) in each, their
/// difference and its bootstrap interval (BCa where defined, else percentile). Every coefficient, elements
/// included, is in the JSON and in `--format csv`.
fn period_difference(d: &PeriodDifference, lang: Lang, markdown: bool) -> String {
    let l = |ja: &str, en: &str| ja_en(lang, ja, en);
    let [first, second] = &d.periods;
    let mut out = section(
        &l(
            &format!("評価期間による一致の変化（{first} → {second}; 事務所 {}）", d.offices),
            &format!("Agreement by period ({first} → {second}; {} offices)", d.offices),
        ),
        markdown,
    );
    out += &match &d.bootstrap {
        Some(b) => l(
            &format!(
                "差 = {second} − {first}。95% 区間は事務所の再標本 {} 回（シード {}）による BCa（定義できないときは百分位）。全係数は --format csv で出力できます。\n\n",
                b.resamples, b.seed
            ),
            &format!(
                "Difference = {second} − {first}. 95% intervals from {} resamples of the offices (seed {}): BCa, or percentile where BCa is undefined. Every coefficient: --format csv.\n\n",
                b.resamples, b.seed
            ),
        ),
        None => l(
            &format!("差 = {second} − {first}。区間は --bootstrap を付けると出力されます。\n\n"),
            &format!("Difference = {second} − {first}. Add --bootstrap for intervals.\n\n"),
        ),
    };
    let header = vec![
        Word::Item.get(lang).to_string(),
        l("係数", "Coefficient"),
        first.clone(),
        second.clone(),
        l("差", "Difference"),
        "95% CI".into(),
    ];
    let name = |c: CoefficientName| match c {
        CoefficientName::WeightedKappaQuadratic => l("重み付きκ（二次）", "Weighted κ (quadratic)"),
        CoefficientName::Ac2Quadratic => l("AC2（二次）", "AC2 (quadratic)"),
        _ => "ICC(2,1)".into(),
    };
    let shown = [
        CoefficientName::WeightedKappaQuadratic,
        CoefficientName::Ac2Quadratic,
        CoefficientName::Icc21,
    ];
    let rows: Vec<Vec<String>> = d
        .rows
        .iter()
        .filter(|r| r.raters == Some(2) && matches!(r.scope, Scope::Item | Scope::Total) && shown.contains(&r.coefficient))
        .map(|r| {
            let interval = r.ci95_bca.or(r.ci95_percentile);
            vec![
                match r.scope {
                    Scope::Total => l("合計点", "Total score"),
                    _ => r.id.clone(),
                },
                name(r.coefficient),
                num(Some(r.values[0])),
                num(Some(r.values[1])),
                format!("{:+.3}", r.difference),
                interval.map_or("—".into(), |[lo, hi]| format!("[{lo:+.3}, {hi:+.3}]")),
            ]
        })
        .collect();
    out += &grid(&header, &rows, markdown);
    out
}
