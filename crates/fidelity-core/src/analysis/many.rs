//! Agreement among three or more raters of the same offices and periods (`--raters A,B,C`): the
//! chance-corrected coefficients over every unit any of them rated (a unit rated once counts towards the
//! categories' shares, not the observed agreement), Krippendorff's alpha over every pairable value, and the
//! ICCs with k raters over the units every one of them scored.

use super::agreement::{element_value, icc_of, raw, unit_values, units, Coefficient, Icc};
use super::chance::{self, Ratings, Weighting};
use super::stats::{self, Level};
use crate::error::Result;
use crate::report::ScoreReport;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ManyRaters {
    /// The raters, by key, in the order named.
    pub raters: Vec<String>,
    /// Offices × periods rated by at least one of them.
    pub units: u32,
    /// Offices × periods rated by every one of them.
    pub complete: u32,
    pub elements: Vec<ManyElement>,
    pub items: Vec<ManyItem>,
    pub total: ManyTotal,
}

/// An element's agreement among the raters (met / not met), over the units any of them answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ManyElement {
    pub id: String,
    pub item: String,
    pub fleiss_kappa: Option<Coefficient>,
    pub conger_kappa: Option<Coefficient>,
    pub ac1: Option<Coefficient>,
    pub brennan_prediger: Option<Coefficient>,
    /// Krippendorff's alpha, nominal.
    pub alpha: Option<f64>,
}

/// An item's agreement among the raters on the scores 1..5.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ManyItem {
    pub id: String,
    pub domain: String,
    pub ac2_quadratic: Option<Coefficient>,
    pub ac2_linear: Option<Coefficient>,
    /// Fleiss' kappa with quadratic weights.
    pub fleiss_kappa: Option<Coefficient>,
    /// Conger's kappa with quadratic weights.
    pub conger_kappa: Option<Coefficient>,
    /// Brennan–Prediger with quadratic weights.
    pub brennan_prediger: Option<Coefficient>,
    /// Krippendorff's alpha, ordinal.
    pub alpha: Option<f64>,
    /// Units where every rater scored the item: the ICCs' targets.
    pub complete: u32,
    /// ICC(2,1) with k raters.
    pub icc2: Option<Icc>,
    /// ICC(3,1) with k raters.
    pub icc3: Option<Icc>,
}

/// The ICCs of the total score, over the units where every rater's total exists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ManyTotal {
    pub complete: u32,
    pub icc2: Option<Icc>,
    pub icc3: Option<Icc>,
}

/// Each unit's values when every rater has one (the ICCs' complete rows).
fn complete_rows(units: &[super::agreement::Unit<'_>], value: impl Fn(&ScoreReport) -> Option<f64>) -> Vec<Vec<f64>> {
    units
        .iter()
        .filter_map(|u| u.iter().map(|r| r.and_then(&value)).collect::<Option<Vec<f64>>>())
        .collect()
}

pub(super) fn many_raters(reports: &[ScoreReport], keys: &[String], raters: &[String]) -> Result<ManyRaters> {
    let units = units(reports, keys, raters)?;
    let shape = reports.first().map(|r| r.items.as_slice()).unwrap_or_default();
    let binary = chance::weights(&[0.0, 1.0], Weighting::Identity);
    let scale = [1.0, 2.0, 3.0, 4.0, 5.0];
    let (quadratic, linear) = (
        chance::weights(&scale, Weighting::Quadratic),
        chance::weights(&scale, Weighting::Linear),
    );
    let coefficient = |e: Option<chance::Estimate>| e.map(Coefficient::from);

    let mut elements = Vec::new();
    for (i, item) in shape.iter().enumerate() {
        for (e, element) in item.elements.iter().enumerate() {
            let value = |r: &ScoreReport| element_value(r, i, e);
            let ratings = Ratings::new(raw(&units, |r| value(r).map(usize::from)), &binary);
            elements.push(ManyElement {
                id: element.id.clone(),
                item: item.id.clone(),
                fleiss_kappa: coefficient(chance::fleiss(&ratings)),
                conger_kappa: coefficient(chance::conger(&ratings)),
                ac1: coefficient(chance::gwet(&ratings)),
                brennan_prediger: coefficient(chance::brennan_prediger(&ratings)),
                alpha: stats::krippendorff_alpha(&unit_values(&units, value), &[0, 1], Level::Nominal),
            });
        }
    }
    let items = shape
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let score = |r: &ScoreReport| r.items[i].score;
            let ratings = |w| Ratings::new(raw(&units, |r| score(r).map(|s| usize::from(s) - 1)), w);
            let (q, l) = (ratings(&quadratic), ratings(&linear));
            let rows = complete_rows(&units, |r| score(r).map(f64::from));
            let (icc2, icc3) = icc_of(&rows);
            ManyItem {
                id: item.id.clone(),
                domain: item.domain.clone(),
                ac2_quadratic: coefficient(chance::gwet(&q)),
                ac2_linear: coefficient(chance::gwet(&l)),
                fleiss_kappa: coefficient(chance::fleiss(&q)),
                conger_kappa: coefficient(chance::conger(&q)),
                brennan_prediger: coefficient(chance::brennan_prediger(&q)),
                alpha: stats::krippendorff_alpha(&unit_values(&units, score), &[1, 2, 3, 4, 5], Level::Ordinal),
                complete: rows.len() as u32,
                icc2,
                icc3,
            }
        })
        .collect();
    let totals = complete_rows(&units, |r| r.total.sum.map(f64::from));
    let (icc2, icc3) = icc_of(&totals);
    Ok(ManyRaters {
        raters: raters.to_vec(),
        units: units.len() as u32,
        complete: units.iter().filter(|u| u.iter().all(Option::is_some)).count() as u32,
        elements,
        items,
        total: ManyTotal {
            complete: totals.len() as u32,
            icc2,
            icc3,
        },
    })
}
