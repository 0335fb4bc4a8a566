//! Agreement between two raters of the same office and period: per element (met / not met), per item
//! (scores 1..5) and on the total.

use super::chance::{self, Ratings, Weighting};
use super::stats::{self, Counted, Level, Weights};
use super::units::{Pattern, View};
use crate::report::{ElementTrace, ItemScore};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Agreement {
    /// The two raters compared, by key: the first is rater 1 in every table.
    pub raters: [String; 2],
    /// Offices × periods rated by at least one of the two.
    pub units: u32,
    /// Offices × periods rated by both: the pairs.
    pub pairs: u32,
    pub elements: Vec<ElementAgreement>,
    pub items: Vec<ItemAgreement>,
    pub total: TotalAgreement,
}

/// An element's agreement, over the pairs where both raters answered it met or not met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ElementAgreement {
    pub id: String,
    pub item: String,
    pub pairs: u32,
    pub percent_agreement: Option<f64>,
    /// Cohen's kappa (unweighted); null when undefined (no pairs, or both raters constant and equal).
    pub kappa: Option<f64>,
    /// Krippendorff's alpha, nominal, over every unit (a unit rated by one rater drops out).
    pub alpha: Option<f64>,
    /// Cohen's kappa with Gwet's standard error and 95% interval, over the pairs (Conger's kappa of the two).
    pub kappa_estimate: Option<Coefficient>,
    /// Gwet's AC1, over every unit either rater answered (met or not met).
    pub ac1: Option<Coefficient>,
    /// Fleiss' kappa, over the same units.
    pub fleiss_kappa: Option<Coefficient>,
    /// Brennan–Prediger (with two categories, PABAK = 2·p_a − 1), over the same units.
    pub brennan_prediger: Option<Coefficient>,
    /// (both met − both not met) / pairs: far from 0 when nearly every office meets (or misses) the element,
    /// where kappa is low however much the raters agree.
    pub prevalence_index: Option<f64>,
    /// (rater 1 met and rater 2 not − rater 1 not and rater 2 met) / pairs.
    pub bias_index: Option<f64>,
}

/// A chance-corrected coefficient with its observed and chance agreement, Gwet's standard error and a 95%
/// interval on n − 1 degrees of freedom (the upper bound capped at 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Coefficient {
    pub value: f64,
    pub se: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    pub pa: f64,
    pub pe: f64,
    /// Units with at least one rating: the variance's n.
    pub units: u32,
    /// Units with both ratings: the observed agreement's.
    pub rated_twice: u32,
}

impl From<chance::Estimate> for Coefficient {
    fn from(e: chance::Estimate) -> Self {
        Coefficient {
            value: e.value,
            se: e.se,
            ci95: e.ci95,
            pa: e.pa,
            pe: e.pe,
            units: e.units as u32,
            rated_twice: e.rated_twice as u32,
        }
    }
}

/// An item's agreement, over the pairs where both raters' item is scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ItemAgreement {
    pub id: String,
    pub domain: String,
    pub pairs: u32,
    /// Share of pairs with the same score.
    pub percent_agreement: Option<f64>,
    /// Share of pairs whose scores differ by at most 1.
    pub within_one: Option<f64>,
    /// Cohen's kappa with quadratic weights on the 1..5 scale.
    pub weighted_kappa: Option<f64>,
    /// ICC(2,1): two-way random effects, absolute agreement, single rater.
    pub icc2: Option<Icc>,
    /// ICC(3,1): two-way mixed effects, consistency, single rater.
    pub icc3: Option<Icc>,
    /// Krippendorff's alpha, ordinal, over every unit.
    pub alpha: Option<f64>,
    /// The quadratic weighted kappa with Gwet's standard error and interval, over the pairs.
    pub weighted_kappa_estimate: Option<Coefficient>,
    /// Gwet's AC2 with quadratic weights on 1..5, over every unit either rater scored.
    pub ac2_quadratic: Option<Coefficient>,
    /// Gwet's AC2 with linear weights.
    pub ac2_linear: Option<Coefficient>,
    /// Brennan–Prediger with quadratic weights.
    pub brennan_prediger: Option<Coefficient>,
}

/// Agreement on the total (sum of item scores), over the pairs where both totals exist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TotalAgreement {
    pub pairs: u32,
    pub icc2: Option<Icc>,
    pub icc3: Option<Icc>,
}

/// An intraclass correlation with its 95% confidence interval and F test against 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Icc {
    pub value: f64,
    pub ci95: [f64; 2],
    pub f: f64,
    pub df1: f64,
    pub df2: f64,
    pub p: f64,
}

impl From<stats::IccValue> for Icc {
    fn from(v: stats::IccValue) -> Self {
        Icc {
            value: v.icc,
            ci95: [v.lower, v.upper],
            f: v.f,
            df1: v.df1,
            df2: v.df2,
            p: v.p,
        }
    }
}

/// The two raters' agreement over the units of `view` (the two raters' patterns), each unit counted as
/// `weights` says: every unit once for the analysis, a resample's counts for the bootstrap. With
/// `values_only` (a resample's), the chance-corrected coefficients carry no error or interval and the ICCs'
/// intervals, F and p are NaN: only the values are computed.
pub(super) fn agreement(
    view: &View,
    weights: &[f64],
    raters: &[String; 2],
    shape: &[ItemScore],
    scales: &Scales,
    values_only: bool,
) -> Agreement {
    let rated = rated(view, weights);
    let Scales { binary, quadratic, linear } = scales;
    let elements = elements_of(shape)
        .zip(&view.elements)
        .map(|((item, element), patterns)| {
            let counted = patterns.counted(weights);
            let both = pairs(&counted);
            let all = ratings(&counted, 0, binary, values_only);
            let paired = ratings(&complete(&counted), 0, binary, values_only);
            let indices = chance::prevalence_and_bias(&both);
            ElementAgreement {
                id: element.id.clone(),
                item: item.id.clone(),
                pairs: units_in(&both),
                percent_agreement: stats::percent_agreement(&both),
                kappa: stats::cohen_kappa(&both, &[0, 1], Weights::Unweighted),
                alpha: stats::krippendorff_alpha(&values(&counted), &[0, 1], Level::Nominal),
                kappa_estimate: chance::conger(&paired).map(Into::into),
                ac1: chance::gwet(&all).map(Into::into),
                fleiss_kappa: chance::fleiss(&all).map(Into::into),
                brennan_prediger: chance::brennan_prediger(&all).map(Into::into),
                prevalence_index: indices.map(|(p, _)| p),
                bias_index: indices.map(|(_, b)| b),
            }
        })
        .collect();

    const SCALE: [u8; 5] = [1, 2, 3, 4, 5];
    let items = shape
        .iter()
        .zip(&view.items)
        .map(|(item, patterns)| {
            let counted = patterns.counted(weights);
            let both = pairs(&counted);
            let (icc2, icc3) = iccs(&rows(&counted), values_only);
            // Categories 0..4 for the scores 1..5.
            let all = |w| ratings(&counted, 1, w, values_only);
            let paired = ratings(&complete(&counted), 1, quadratic, values_only);
            ItemAgreement {
                id: item.id.clone(),
                domain: item.domain.clone(),
                pairs: units_in(&both),
                percent_agreement: stats::percent_agreement(&both),
                within_one: stats::share(&both, |a, b| a.abs_diff(b) <= 1),
                weighted_kappa: stats::cohen_kappa(&both, &SCALE, Weights::Quadratic),
                icc2,
                icc3,
                alpha: stats::krippendorff_alpha(&values(&counted), &SCALE, Level::Ordinal),
                weighted_kappa_estimate: chance::conger(&paired).map(Into::into),
                ac2_quadratic: chance::gwet(&all(quadratic)).map(Into::into),
                ac2_linear: chance::gwet(&all(linear)).map(Into::into),
                brennan_prediger: chance::brennan_prediger(&all(quadratic)).map(Into::into),
            }
        })
        .collect();

    let totals = rows(&view.totals.counted(weights));
    let (icc2, icc3) = iccs(&totals, values_only);
    Agreement {
        raters: raters.clone(),
        units: units_in(&rated),
        pairs: units_in(&complete(&rated)),
        elements,
        items,
        total: TotalAgreement {
            pairs: units_in(&totals),
            icc2,
            icc3,
        },
    }
}

/// The weight matrices of the two scales, made once per analysis: elements not met (0) and met (1), identity;
/// items 1..5, quadratic and linear.
#[derive(Debug)]
pub(super) struct Scales {
    pub binary: Vec<Vec<f64>>,
    pub quadratic: Vec<Vec<f64>>,
    pub linear: Vec<Vec<f64>>,
}

impl Scales {
    pub(super) fn new() -> Scales {
        let scores = [1.0, 2.0, 3.0, 4.0, 5.0];
        Scales {
            binary: chance::weights(&[0.0, 1.0], Weighting::Identity),
            quadratic: chance::weights(&scores, Weighting::Quadratic),
            linear: chance::weights(&scores, Weighting::Linear),
        }
    }
}

/// Every element of the reports' shape, with its item, in order (the order of `View::elements`).
pub(super) fn elements_of(shape: &[ItemScore]) -> impl Iterator<Item = (&ItemScore, &ElementTrace)> {
    shape.iter().flat_map(|item| item.elements.iter().map(move |e| (item, e)))
}

/// The units any of the view's raters rated, counted.
pub(super) fn rated<'v>(view: &'v View, weights: &[f64]) -> Vec<(&'v Pattern, f64)> {
    let counted = view.rated.counted(weights);
    counted.into_iter().filter(|(p, _)| p.iter().any(Option::is_some)).collect()
}

/// How many units counted data stand for.
pub(super) fn units_in<T>(counted: &Counted<T>) -> u32 {
    counted.iter().map(|(_, w)| w).sum::<f64>() as u32
}

/// The patterns every rater rated.
pub(super) fn complete<'p>(counted: &[(&'p Pattern, f64)]) -> Vec<(&'p Pattern, f64)> {
    counted.iter().filter(|(p, _)| p.iter().all(Option::is_some)).copied().collect()
}

/// Two raters' complete patterns as pairs of values.
fn pairs(counted: &[(&Pattern, f64)]) -> Vec<((u8, u8), f64)> {
    complete(counted)
        .into_iter()
        .filter_map(|(p, w)| Some(((small(p.first()?.as_ref()?)?, small(p.get(1)?.as_ref()?)?), w)))
        .collect()
}

fn small(v: &u32) -> Option<u8> {
    u8::try_from(*v).ok()
}

/// Counted patterns as the chance-corrected coefficients' ratings: category v − `first` for value v.
pub(super) fn ratings<'w>(counted: &[(&Pattern, f64)], first: u32, w: &'w [Vec<f64>], values_only: bool) -> Ratings<'w> {
    let rows = counted
        .iter()
        .map(|(p, f)| {
            (
                p.iter()
                    .map(|v| v.and_then(|v| usize::try_from(v.checked_sub(first)?).ok()))
                    .collect(),
                *f,
            )
        })
        .collect();
    let ratings = Ratings::counted(rows, w);
    if values_only {
        ratings.values_only()
    } else {
        ratings
    }
}

/// Counted patterns as Krippendorff's units: each unit's values, missing ratings left out.
pub(super) fn values(counted: &[(&Pattern, f64)]) -> Vec<(Vec<u8>, f64)> {
    counted
        .iter()
        .map(|(p, w)| (p.iter().flatten().filter_map(small).collect(), *w))
        .collect()
}

/// The complete patterns as the ICCs' targets × raters rows.
pub(super) fn rows(counted: &[(&Pattern, f64)]) -> Vec<(Vec<f64>, f64)> {
    complete(counted)
        .into_iter()
        .map(|(p, w)| (p.iter().flatten().map(|&v| f64::from(v)).collect(), w))
        .collect()
}

/// ICC(2,1) and ICC(3,1) of complete rows; with `values_only`, their intervals, F and p are NaN.
pub(super) fn iccs(rows: &Counted<Vec<f64>>, values_only: bool) -> (Option<Icc>, Option<Icc>) {
    if values_only {
        let value = |value| Icc {
            value,
            ci95: [f64::NAN; 2],
            f: f64::NAN,
            df1: f64::NAN,
            df2: f64::NAN,
            p: f64::NAN,
        };
        return match stats::icc_values(rows) {
            Some((c2, c3)) => (Some(value(c2)), Some(value(c3))),
            None => (None, None),
        };
    }
    match stats::icc(rows) {
        Some((c2, c3)) => (Some(c2.into()), Some(c3.into())),
        None => (None, None),
    }
}
