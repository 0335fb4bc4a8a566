//! Agreement between two raters of the same office and period: per element (met / not met), per item
//! (scores 1..5) and on the total.

use super::chance::{self, Ratings, Weighting};
use super::problem;
use super::stats::{self, Level, Weights};
use crate::error::Result;
use crate::report::{ItemScore, Outcome, ScoreReport};
use crate::said;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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

/// One office and period: what each rater gave (any may be absent), in the order the raters are named.
pub(super) type Unit<'a> = Vec<Option<&'a ScoreReport>>;

/// Every office and period rated by at least one of `raters` (by key), in order; one rater twice for an
/// office and period is refused.
pub(super) fn units<'r>(reports: &'r [ScoreReport], keys: &[String], raters: &[String]) -> Result<Vec<Unit<'r>>> {
    let mut units: BTreeMap<(&str, &str), Unit<'_>> = BTreeMap::new();
    for (n, (r, key)) in reports.iter().zip(keys).enumerate() {
        let Some(side) = raters.iter().position(|x| x == key) else {
            continue;
        };
        let slot = &mut units.entry((&r.office.id, &r.period)).or_insert_with(|| vec![None; raters.len()])[side];
        if slot.is_some() {
            return Err(problem(
                &format!("reports[{n}]"),
                said!(
                    "事務所 {} の評価期間 {} を {key} が二度評価しています。評価者・事務所・評価期間ごとに採点結果は一つまでです",
                    "office {} period {} is rated twice by {key}; expected at most one report per rater, office and period",
                    r.office.id,
                    r.period
                ),
            ));
        }
        *slot = Some(r);
    }
    Ok(units.into_values().collect())
}

/// The two raters' agreement over these units (`units` of the two; or a bootstrap's resample of them), for
/// reports of the items in `shape`.
pub(super) fn agreement(units: &[Unit<'_>], raters: &[String; 2], shape: &[ItemScore]) -> Agreement {
    let pairs: Vec<[&ScoreReport; 2]> = units.iter().filter_map(|u| Some([u[0]?, u[1]?])).collect();

    // Elements: not met (0) and met (1); items: the scores 1..5.
    let binary = chance::weights(&[0.0, 1.0], Weighting::Identity);
    let scale_values = [1.0, 2.0, 3.0, 4.0, 5.0];
    let (quadratic, linear) = (
        chance::weights(&scale_values, Weighting::Quadratic),
        chance::weights(&scale_values, Weighting::Linear),
    );
    let mut elements = Vec::new();
    for (i, item) in shape.iter().enumerate() {
        for (e, element) in item.elements.iter().enumerate() {
            let value = |r: &ScoreReport| element_value(r, i, e);
            let both: Vec<(u8, u8)> = pairs.iter().filter_map(|[a, b]| Some((value(a)?, value(b)?))).collect();
            let all = Ratings::new(raw(units, |r| value(r).map(usize::from)), &binary);
            let paired = Ratings::new(
                both.iter()
                    .map(|&(a, b)| vec![Some(usize::from(a)), Some(usize::from(b))])
                    .collect(),
                &binary,
            );
            let indices = chance::prevalence_and_bias(&both);
            elements.push(ElementAgreement {
                id: element.id.clone(),
                item: item.id.clone(),
                pairs: both.len() as u32,
                percent_agreement: stats::percent_agreement(&both),
                kappa: stats::cohen_kappa(&both, &[0, 1], Weights::Unweighted),
                alpha: stats::krippendorff_alpha(&unit_values(units, value), &[0, 1], Level::Nominal),
                kappa_estimate: chance::conger(&paired).map(Into::into),
                ac1: chance::gwet(&all).map(Into::into),
                fleiss_kappa: chance::fleiss(&all).map(Into::into),
                brennan_prediger: chance::brennan_prediger(&all).map(Into::into),
                prevalence_index: indices.map(|(p, _)| p),
                bias_index: indices.map(|(_, b)| b),
            });
        }
    }

    const SCALE: [u8; 5] = [1, 2, 3, 4, 5];
    let items = shape
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let value = |r: &ScoreReport| r.items[i].score;
            let both: Vec<(u8, u8)> = pairs.iter().filter_map(|[a, b]| Some((value(a)?, value(b)?))).collect();
            let (icc2, icc3) = iccs(both.iter().map(|&(a, b)| (f64::from(a), f64::from(b))));
            let score = |r: &ScoreReport| value(r).map(|s| usize::from(s) - 1);
            let all = |w| Ratings::new(raw(units, score), w);
            let paired = Ratings::new(
                both.iter()
                    .map(|&(a, b)| vec![Some(usize::from(a) - 1), Some(usize::from(b) - 1)])
                    .collect(),
                &quadratic,
            );
            ItemAgreement {
                id: item.id.clone(),
                domain: item.domain.clone(),
                pairs: both.len() as u32,
                percent_agreement: stats::percent_agreement(&both),
                within_one: (!both.is_empty()).then(|| both.iter().filter(|(a, b)| a.abs_diff(*b) <= 1).count() as f64 / both.len() as f64),
                weighted_kappa: stats::cohen_kappa(&both, &SCALE, Weights::Quadratic),
                icc2,
                icc3,
                alpha: stats::krippendorff_alpha(&unit_values(units, value), &SCALE, Level::Ordinal),
                weighted_kappa_estimate: chance::conger(&paired).map(Into::into),
                ac2_quadratic: chance::gwet(&all(&quadratic)).map(Into::into),
                ac2_linear: chance::gwet(&all(&linear)).map(Into::into),
                brennan_prediger: chance::brennan_prediger(&all(&quadratic)).map(Into::into),
            }
        })
        .collect();

    let totals: Vec<(f64, f64)> = pairs
        .iter()
        .filter_map(|[a, b]| Some((f64::from(a.total.sum?), f64::from(b.total.sum?))))
        .collect();
    let (icc2, icc3) = iccs(totals.iter().copied());
    Agreement {
        raters: raters.clone(),
        units: units.len() as u32,
        pairs: pairs.len() as u32,
        elements,
        items,
        total: TotalAgreement {
            pairs: totals.len() as u32,
            icc2,
            icc3,
        },
    }
}

/// Each unit's two ratings as categories (`None` where a rater did not rate it or gave no value), for the
/// chance-corrected coefficients.
pub(super) fn raw(units: &[Unit<'_>], value: impl Fn(&ScoreReport) -> Option<usize>) -> Vec<Vec<Option<usize>>> {
    units.iter().map(|u| u.iter().map(|r| r.and_then(&value)).collect()).collect()
}

/// Each unit's values (missing ratings left out), for Krippendorff's alpha.
pub(super) fn unit_values(units: &[Unit<'_>], value: impl Fn(&ScoreReport) -> Option<u8>) -> Vec<Vec<u8>> {
    units
        .iter()
        .map(|u| u.iter().flatten().filter_map(|r| value(r)).collect())
        .collect()
}

/// An element's value for the agreement statistics: met 1, not met 0; `na` and unanswered are missing.
pub(super) fn element_value(r: &ScoreReport, item: usize, element: usize) -> Option<u8> {
    match r.items[item].elements[element].outcome {
        Outcome::Met => Some(1),
        Outcome::NotMet => Some(0),
        Outcome::Na | Outcome::Unanswered => None,
    }
}

fn iccs(pairs: impl Iterator<Item = (f64, f64)>) -> (Option<Icc>, Option<Icc>) {
    icc_of(&pairs.map(|(a, b)| vec![a, b]).collect::<Vec<_>>())
}

/// ICC(2,1) and ICC(3,1) of complete targets × raters rows.
pub(super) fn icc_of(rows: &[Vec<f64>]) -> (Option<Icc>, Option<Icc>) {
    match stats::icc(rows) {
        Some((c2, c3)) => (Some(c2.into()), Some(c3.into())),
        None => (None, None),
    }
}
