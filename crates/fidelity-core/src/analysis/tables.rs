//! The agreement tables as functions of unit weights: the units as the two compared raters see them and, with
//! three or more raters named, as all of them do. The analysis weighs every unit once; a bootstrap resample
//! weighs each as often as it was drawn; a period's table weighs only that period's units.

use super::agreement::{self, Agreement, Scales};
use super::many::{self, ManyRaters};
use super::table::{self, CoefficientName, CoefficientRow, Scope};
use super::units::{Unit, View};
use crate::report::ItemScore;

pub(super) struct Tables<'s> {
    raters: Vec<String>,
    shape: &'s [ItemScore],
    pair: View,
    many: Option<View>,
    scales: Scales,
}

/// What identifies a row of the long table.
pub(super) type Key = (Scope, String, CoefficientName, Option<u32>);

pub(super) fn key(r: &CoefficientRow) -> Key {
    (r.scope, r.id.clone(), r.coefficient, r.raters)
}

impl<'s> Tables<'s> {
    /// `units` of `raters` (the first two compared), reports shaped as `shape`.
    pub(super) fn new(units: &[Unit<'_>], raters: &[String], shape: &'s [ItemScore]) -> Tables<'s> {
        let all: Vec<usize> = (0..raters.len()).collect();
        Tables {
            raters: raters.to_vec(),
            shape,
            pair: View::new(units, &[0, 1], shape),
            many: (raters.len() > 2).then(|| View::new(units, &all, shape)),
            scales: Scales::new(),
        }
    }

    /// The two-rater and many-rater tables (`values_only`: see `agreement::agreement`).
    pub(super) fn tables(&self, weights: &[f64], values_only: bool) -> (Agreement, Option<ManyRaters>) {
        let pair = [self.raters[0].clone(), self.raters[1].clone()];
        let two = agreement::agreement(&self.pair, weights, &pair, self.shape, &self.scales, values_only);
        let many = self
            .many
            .as_ref()
            .map(|v| many::many_raters(v, weights, &self.raters, self.shape, &self.scales, values_only));
        (two, many)
    }

    /// The values of every agreement row of the long table under `weights`, by key.
    pub(super) fn values(&self, weights: &[f64]) -> Vec<(Key, f64)> {
        let (two, many) = self.tables(weights, true);
        table::agreement_rows(&two, many.as_ref())
            .iter()
            .map(|r| (key(r), r.value))
            .collect()
    }
}
