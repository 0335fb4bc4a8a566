//! Every coefficient in one long table (scope, id, coefficient, value, standard error, interval, n): what a
//! researcher filters and plots, besides the per-element and per-item tables it is taken from.

use super::agreement::{Agreement, Coefficient, Icc};
use super::many::ManyRaters;
use super::reliability::Reliability;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What a row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Element,
    Item,
    /// The sum of the item scores.
    Total,
    /// A domain's items, or `total` (every item), for internal consistency.
    Scale,
}

/// Which coefficient a row holds (docs/analysis.md gives each formula and its reference).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CoefficientName {
    PercentAgreement,
    WithinOne,
    CohenKappa,
    WeightedKappaQuadratic,
    Ac1,
    Ac2Quadratic,
    Ac2Linear,
    FleissKappa,
    FleissKappaQuadratic,
    CongerKappa,
    CongerKappaQuadratic,
    BrennanPrediger,
    BrennanPredigerQuadratic,
    KrippendorffAlphaNominal,
    KrippendorffAlphaOrdinal,
    PrevalenceIndex,
    BiasIndex,
    #[serde(rename = "icc2_1")]
    Icc21,
    #[serde(rename = "icc3_1")]
    Icc31,
    CronbachAlpha,
}

/// One coefficient of one element, item, the total or a scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CoefficientRow {
    pub scope: Scope,
    /// The element's, item's or domain's id; `total` for the total and the every-item scale.
    pub id: String,
    pub coefficient: CoefficientName,
    pub value: f64,
    /// Gwet's standard error, where the coefficient has one here.
    pub se: Option<f64>,
    /// The 95% interval: Gwet's (t on n − 1 degrees of freedom) for the chance-corrected coefficients, McGraw
    /// and Wong's (F) for the ICCs; null where none is computed.
    pub ci95: Option<[f64; 2]>,
    /// How many raters the coefficient is among: 2 for the two-rater tables, k for the many-rater ones, null
    /// for internal consistency.
    pub raters: Option<u32>,
    /// The bootstrap's percentile 95% interval (two-rater rows, when the analysis ran a bootstrap and every
    /// resample gave the coefficient a value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ci95_percentile: Option<[f64; 2]>,
    /// The bootstrap's bias-corrected and accelerated (BCa) 95% interval, likewise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ci95_bca: Option<[f64; 2]>,
    /// Units the value is over: pairs for percent agreement, Cohen's kappa, the indices, Krippendorff's alpha
    /// and the ICCs; units either rater rated for AC1/AC2, Fleiss and Brennan–Prediger; rows for alpha.
    pub n: u32,
}

fn plain(scope: Scope, id: &str, coefficient: CoefficientName, value: Option<f64>, n: u32) -> Option<CoefficientRow> {
    Some(CoefficientRow {
        scope,
        id: id.to_string(),
        raters: Some(2),
        coefficient,
        value: value?,
        se: None,
        ci95: None,
        ci95_percentile: None,
        ci95_bca: None,
        n,
    })
}

fn estimated(scope: Scope, id: &str, coefficient: CoefficientName, c: Option<&Coefficient>, n: Option<u32>) -> Option<CoefficientRow> {
    let c = c?;
    Some(CoefficientRow {
        se: c.se,
        ci95: c.ci95,
        ..plain(scope, id, coefficient, Some(c.value), n.unwrap_or(c.units))?
    })
}

fn icc(scope: Scope, id: &str, coefficient: CoefficientName, c: Option<&Icc>, n: u32) -> Option<CoefficientRow> {
    let c = c?;
    Some(CoefficientRow {
        ci95: Some(c.ci95),
        ..plain(scope, id, coefficient, Some(c.value), n)?
    })
}

/// The columns of the long table as CSV.
pub const CSV_HEADER: [&str; 13] = [
    "scope",
    "id",
    "raters",
    "coefficient",
    "value",
    "se",
    "ci95_lower",
    "ci95_upper",
    "percentile_lower",
    "percentile_upper",
    "bca_lower",
    "bca_upper",
    "n",
];

/// The long table as CSV (`fidelity agreement --format csv`): numbers as the shortest text that reads back
/// the same value, blank where there is none.
pub fn coefficients_csv(rows: &[CoefficientRow]) -> String {
    let records = rows.iter().map(|r| {
        let mut record = identity(r.scope, &r.id, r.raters, r.coefficient);
        record.extend([r.value.to_string(), number(r.se)]);
        record.extend(bounds([r.ci95, r.ci95_percentile, r.ci95_bca]));
        record.push(r.n.to_string());
        record
    });
    csv_text(&CSV_HEADER, records)
}

/// A row's first four columns: scope, id, raters, coefficient.
pub(super) fn identity(scope: Scope, id: &str, raters: Option<u32>, coefficient: CoefficientName) -> Vec<String> {
    let name = |v: &dyn erased::Named| v.name();
    vec![
        name(&scope),
        id.to_string(),
        raters.map(|k| k.to_string()).unwrap_or_default(),
        name(&coefficient),
    ]
}

fn number(x: Option<f64>) -> String {
    x.map(|x| x.to_string()).unwrap_or_default()
}

/// Intervals as lower and upper columns, blank where there is none.
pub(super) fn bounds<const N: usize>(intervals: [Option<[f64; 2]>; N]) -> impl Iterator<Item = String> {
    intervals
        .into_iter()
        .flat_map(|c| [number(c.map(|c| c[0])), number(c.map(|c| c[1]))])
}

pub(super) fn csv_text(header: &[&str], records: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(header);
    for record in records {
        let _ = out.write_record(record);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The serialised (snake_case) name of a value of the enums above.
mod erased {
    pub trait Named {
        fn name(&self) -> String;
    }
    impl<T: serde::Serialize> Named for T {
        fn name(&self) -> String {
            match serde_json::to_value(self) {
                Ok(serde_json::Value::String(s)) => s,
                _ => String::new(),
            }
        }
    }
}

/// Cohen's kappa (weighted or not) as computed on the pairs, with the standard error and interval of the same
/// kappa computed as Conger's (equal to within rounding).
fn kappa(
    scope: Scope,
    id: &str,
    coefficient: CoefficientName,
    value: Option<f64>,
    c: Option<&Coefficient>,
    n: u32,
) -> Option<CoefficientRow> {
    let value = value?;
    match estimated(scope, id, coefficient, c, Some(n)) {
        Some(row) => Some(CoefficientRow { value, ..row }),
        None => plain(scope, id, coefficient, Some(value), n),
    }
}

/// The two-rater rows: every element's, item's and the total's coefficients between the two raters.
fn two_rater_rows(agreement: &Agreement) -> Vec<CoefficientRow> {
    use CoefficientName::*;
    let mut rows = Vec::new();
    for e in &agreement.elements {
        let (id, n, s) = (e.id.as_str(), e.pairs, Scope::Element);
        rows.extend([
            plain(s, id, PercentAgreement, e.percent_agreement, n),
            kappa(s, id, CohenKappa, e.kappa, e.kappa_estimate.as_ref(), n),
            estimated(s, id, Ac1, e.ac1.as_ref(), None),
            estimated(s, id, FleissKappa, e.fleiss_kappa.as_ref(), None),
            estimated(s, id, BrennanPrediger, e.brennan_prediger.as_ref(), None),
            plain(s, id, KrippendorffAlphaNominal, e.alpha, n),
            plain(s, id, PrevalenceIndex, e.prevalence_index, n),
            plain(s, id, BiasIndex, e.bias_index, n),
        ]);
    }
    for i in &agreement.items {
        let (id, n, s) = (i.id.as_str(), i.pairs, Scope::Item);
        rows.extend([
            plain(s, id, PercentAgreement, i.percent_agreement, n),
            plain(s, id, WithinOne, i.within_one, n),
            kappa(
                s,
                id,
                WeightedKappaQuadratic,
                i.weighted_kappa,
                i.weighted_kappa_estimate.as_ref(),
                n,
            ),
            estimated(s, id, Ac2Quadratic, i.ac2_quadratic.as_ref(), None),
            estimated(s, id, Ac2Linear, i.ac2_linear.as_ref(), None),
            estimated(s, id, BrennanPredigerQuadratic, i.brennan_prediger.as_ref(), None),
            plain(s, id, KrippendorffAlphaOrdinal, i.alpha, n),
            icc(s, id, Icc21, i.icc2.as_ref(), n),
            icc(s, id, Icc31, i.icc3.as_ref(), n),
        ]);
    }
    let t = &agreement.total;
    rows.extend([
        icc(Scope::Total, "total", Icc21, t.icc2.as_ref(), t.pairs),
        icc(Scope::Total, "total", Icc31, t.icc3.as_ref(), t.pairs),
    ]);
    rows.into_iter().flatten().collect()
}

/// The many-rater rows: every element's, item's and the total's coefficients among the k raters.
fn many_rater_rows(m: &ManyRaters) -> Vec<CoefficientRow> {
    use CoefficientName::*;
    let mut rows = Vec::new();
    for e in &m.elements {
        let (id, s) = (e.id.as_str(), Scope::Element);
        // Krippendorff's alpha is over the pairable units: those rated twice or more.
        let pairable = e.ac1.as_ref().map_or(0, |c| c.rated_twice);
        rows.extend([
            estimated(s, id, FleissKappa, e.fleiss_kappa.as_ref(), None),
            estimated(s, id, CongerKappa, e.conger_kappa.as_ref(), None),
            estimated(s, id, Ac1, e.ac1.as_ref(), None),
            estimated(s, id, BrennanPrediger, e.brennan_prediger.as_ref(), None),
            plain(s, id, KrippendorffAlphaNominal, e.alpha, pairable),
        ]);
    }
    for i in &m.items {
        let (id, s) = (i.id.as_str(), Scope::Item);
        let pairable = i.ac2_quadratic.as_ref().map_or(0, |c| c.rated_twice);
        rows.extend([
            estimated(s, id, Ac2Quadratic, i.ac2_quadratic.as_ref(), None),
            estimated(s, id, Ac2Linear, i.ac2_linear.as_ref(), None),
            estimated(s, id, FleissKappaQuadratic, i.fleiss_kappa.as_ref(), None),
            estimated(s, id, CongerKappaQuadratic, i.conger_kappa.as_ref(), None),
            estimated(s, id, BrennanPredigerQuadratic, i.brennan_prediger.as_ref(), None),
            plain(s, id, KrippendorffAlphaOrdinal, i.alpha, pairable),
            icc(s, id, Icc21, i.icc2.as_ref(), i.complete),
            icc(s, id, Icc31, i.icc3.as_ref(), i.complete),
        ]);
    }
    rows.extend([
        icc(Scope::Total, "total", Icc21, m.total.icc2.as_ref(), m.total.complete),
        icc(Scope::Total, "total", Icc31, m.total.icc3.as_ref(), m.total.complete),
    ]);
    let k = m.raters.len() as u32;
    rows.into_iter()
        .flatten()
        .map(|r| CoefficientRow { raters: Some(k), ..r })
        .collect()
}

/// The long table of an analysis's agreement and reliability, element by element, then items, the total
/// and the scales; coefficients that are undefined are left out.
pub fn coefficients(agreement: &Agreement, many: Option<&ManyRaters>, reliability: &Reliability) -> Vec<CoefficientRow> {
    let scales = reliability.scales.iter().filter_map(|scale| {
        let row = plain(
            Scope::Scale,
            &scale.id,
            CoefficientName::CronbachAlpha,
            scale.alpha,
            scale.alpha_rows,
        )?;
        Some(CoefficientRow {
            raters: None,
            ci95: scale.alpha_ci95,
            ..row
        })
    });
    let mut rows = agreement_rows(agreement, many);
    rows.extend(scales);
    rows
}

/// The agreement rows of the long table: the two raters', then the many raters'.
pub(super) fn agreement_rows(agreement: &Agreement, many: Option<&ManyRaters>) -> Vec<CoefficientRow> {
    let mut rows = two_rater_rows(agreement);
    rows.extend(many.map(many_rater_rows).unwrap_or_default());
    rows
}
