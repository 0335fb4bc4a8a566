//! Agreement among three or more raters of the same offices and periods (`--raters A,B,C`): the
//! chance-corrected coefficients over every unit any of them rated (a unit rated once counts towards the
//! categories' shares, not the observed agreement), Krippendorff's alpha over every pairable value, and the
//! ICCs with k raters over the units every one of them scored.

use super::agreement::{complete, elements_of, iccs, rated, ratings, rows, units_in, values, Coefficient, Icc, Scales};
use super::chance;
use super::stats::{self, Level};
use super::units::View;
use crate::report::ItemScore;
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

/// Agreement among the raters of `view`, each unit counted as `weights` says (see `agreement::agreement`, as is
/// `values_only`).
pub(super) fn many_raters(
    view: &View,
    weights: &[f64],
    raters: &[String],
    shape: &[ItemScore],
    scales: &Scales,
    values_only: bool,
) -> ManyRaters {
    let Scales { binary, quadratic, linear } = scales;
    let coefficient = |e: Option<chance::Estimate>| e.map(Coefficient::from);
    let elements = elements_of(shape)
        .zip(&view.elements)
        .map(|((item, element), patterns)| {
            let counted = patterns.counted(weights);
            let ratings = ratings(&counted, 0, binary, values_only);
            ManyElement {
                id: element.id.clone(),
                item: item.id.clone(),
                fleiss_kappa: coefficient(chance::fleiss(&ratings)),
                conger_kappa: coefficient(chance::conger(&ratings)),
                ac1: coefficient(chance::gwet(&ratings)),
                brennan_prediger: coefficient(chance::brennan_prediger(&ratings)),
                alpha: stats::krippendorff_alpha(&values(&counted), &[0, 1], Level::Nominal),
            }
        })
        .collect();
    let items = shape
        .iter()
        .zip(&view.items)
        .map(|(item, patterns)| {
            let counted = patterns.counted(weights);
            // Categories 0..4 for the scores 1..5.
            let (q, l) = (
                ratings(&counted, 1, quadratic, values_only),
                ratings(&counted, 1, linear, values_only),
            );
            let rows = rows(&counted);
            let (icc2, icc3) = iccs(&rows, values_only);
            ManyItem {
                id: item.id.clone(),
                domain: item.domain.clone(),
                ac2_quadratic: coefficient(chance::gwet(&q)),
                ac2_linear: coefficient(chance::gwet(&l)),
                fleiss_kappa: coefficient(chance::fleiss(&q)),
                conger_kappa: coefficient(chance::conger(&q)),
                brennan_prediger: coefficient(chance::brennan_prediger(&q)),
                alpha: stats::krippendorff_alpha(&values(&counted), &[1, 2, 3, 4, 5], Level::Ordinal),
                complete: units_in(&rows),
                icc2,
                icc3,
            }
        })
        .collect();
    let totals = rows(&view.totals.counted(weights));
    let (icc2, icc3) = iccs(&totals, values_only);
    let rated = rated(view, weights);
    ManyRaters {
        raters: raters.to_vec(),
        units: units_in(&rated),
        complete: units_in(&complete(&rated)),
        elements,
        items,
        total: ManyTotal {
            complete: units_in(&totals),
            icc2,
            icc3,
        },
    }
}
