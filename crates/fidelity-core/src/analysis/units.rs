//! The units an analysis is over (offices × periods) and how each element, item and the total sees them: the
//! distinct patterns of ratings (one per rater, in the order named) with the pattern of each unit. Every
//! agreement coefficient is computed from a pattern's count, so a set of unit weights — every unit once, a
//! bootstrap resample's counts, one period's units — gives every coefficient without reading a report again.

use super::problem;
use crate::error::Result;
use crate::report::{ItemScore, Outcome, ScoreReport};
use crate::said;
use std::collections::{BTreeMap, HashMap};

/// One office and period: what each rater gave (any may be absent), in the order the raters are named.
pub(super) type Unit<'a> = Vec<Option<&'a ScoreReport>>;

/// Every office and period rated by at least one of `raters` (by key), in office-id and period order; one
/// rater twice for an office and period is refused.
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

/// An element's value for the agreement statistics: met 1, not met 0; `na` and unanswered are missing.
fn element_value(r: &ScoreReport, item: usize, element: usize) -> Option<u32> {
    match r.items[item].elements[element].outcome {
        Outcome::Met => Some(1),
        Outcome::NotMet => Some(0),
        Outcome::Na | Outcome::Unanswered => None,
    }
}

/// A rating pattern: each rater's value, `None` where they gave none.
pub(super) type Pattern = Vec<Option<u32>>;

/// The distinct rating patterns of one element, item or the total, and each unit's.
#[derive(Debug)]
pub(super) struct Patterns {
    distinct: Vec<Pattern>,
    of_unit: Vec<usize>,
}

impl Patterns {
    fn new(units: &[Unit<'_>], slots: &[usize], value: impl Fn(&ScoreReport) -> Option<u32>) -> Patterns {
        let mut index: HashMap<Pattern, usize> = HashMap::new();
        let mut distinct = Vec::new();
        let of_unit = units
            .iter()
            .map(|u| {
                let pattern: Pattern = slots.iter().map(|&s| u[s].and_then(&value)).collect();
                *index.entry(pattern.clone()).or_insert_with(|| {
                    distinct.push(pattern);
                    distinct.len() - 1
                })
            })
            .collect();
        Patterns { distinct, of_unit }
    }

    /// Each pattern with its count under `weights` (one per unit), patterns counting nothing left out.
    pub(super) fn counted(&self, weights: &[f64]) -> Vec<(&Pattern, f64)> {
        let mut counts = vec![0.0; self.distinct.len()];
        for (&p, w) in self.of_unit.iter().zip(weights) {
            counts[p] += w;
        }
        self.distinct.iter().zip(counts).filter(|(_, c)| *c > 0.0).collect()
    }
}

/// The units as some of the raters see them: every element's, item's and the total's patterns, and which of
/// the raters rated each unit at all.
#[derive(Debug)]
pub(super) struct View {
    pub elements: Vec<Patterns>,
    pub items: Vec<Patterns>,
    pub totals: Patterns,
    /// 1 where the rater gave a report.
    pub rated: Patterns,
}

impl View {
    /// The raters at `slots` of `units`, for reports shaped as `shape`.
    pub(super) fn new(units: &[Unit<'_>], slots: &[usize], shape: &[ItemScore]) -> View {
        let patterns = |value: &dyn Fn(&ScoreReport) -> Option<u32>| Patterns::new(units, slots, value);
        View {
            elements: shape
                .iter()
                .enumerate()
                .flat_map(|(i, item)| (0..item.elements.len()).map(move |e| (i, e)))
                .map(|(i, e)| patterns(&|r| element_value(r, i, e)))
                .collect(),
            items: (0..shape.len()).map(|i| patterns(&|r| r.items[i].score.map(u32::from))).collect(),
            totals: patterns(&|r| r.total.sum),
            rated: patterns(&|_| Some(1)),
        }
    }
}
