//! Agreement in two periods and its change (self × external in 2024 against 2025, say): every agreement
//! coefficient of the long table computed over each period's units, the difference second − first, and its
//! bootstrap intervals. The bootstrap resamples offices, not units: an office rated in both periods is the same
//! office, and its two periods stay together in every resample.

use super::bootstrap::{self, BootstrapOptions, BootstrapRun};
use super::table::{bounds, csv_text, identity, CoefficientName, Scope};
use super::tables::{Key, Tables};
use super::units::Unit;
use crate::error::{Error, ErrorCode, ErrorKind, Problem, Result};
use crate::said;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// Agreement in two periods, coefficient by coefficient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PeriodDifference {
    /// The periods compared: the difference is the second's value minus the first's.
    pub periods: [String; 2],
    /// Units (offices rated by any of the raters) in each period.
    pub units: [u32; 2],
    /// Offices rated in either period: what the bootstrap resamples, an office's two periods together.
    pub offices: u32,
    /// The bootstrap behind the intervals, when one was asked for.
    pub bootstrap: Option<BootstrapRun>,
    /// Every agreement coefficient defined in both periods, in the long table's order.
    pub rows: Vec<DifferenceRow>,
}

/// One coefficient in two periods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DifferenceRow {
    pub scope: Scope,
    pub id: String,
    pub coefficient: CoefficientName,
    /// How many raters the coefficient is among.
    pub raters: Option<u32>,
    /// The value in the first period and in the second.
    pub values: [f64; 2],
    /// Second minus first.
    pub difference: f64,
    /// The bootstrap's percentile 95% interval of the difference (when every resample gave both values).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ci95_percentile: Option<[f64; 2]>,
    /// The bootstrap's BCa 95% interval of the difference, likewise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ci95_bca: Option<[f64; 2]>,
}

/// Each unit's weight in one period when each office counts as `offices` says.
fn in_period(office_of: &[Option<usize>], offices: &[f64]) -> Vec<f64> {
    office_of.iter().map(|o| o.map_or(0.0, |o| offices[o])).collect()
}

/// A unit's office and period.
fn office_and_period<'r>(unit: &Unit<'r>) -> Option<(&'r str, &'r str)> {
    unit.iter().flatten().next().map(|r| (r.office.id.as_str(), r.period.as_str()))
}

/// The differences between `periods` of every agreement coefficient of `tables` over `units`.
pub(super) fn difference(
    units: &[Unit<'_>],
    tables: &Tables<'_>,
    periods: &[String; 2],
    options: Option<BootstrapOptions>,
) -> Result<PeriodDifference> {
    let present: BTreeSet<&str> = units.iter().filter_map(office_and_period).map(|(_, p)| p).collect();
    for (n, period) in periods.iter().enumerate() {
        if !present.contains(period.as_str()) {
            let listed = present.iter().copied().collect::<Vec<_>>().join(", ");
            return Err(Error::one(
                ErrorKind::Assessment,
                Problem::new(
                    ErrorCode::InvalidValue,
                    format!("periods[{n}]"),
                    said!(
                        "評価期間 {period:?} の評価がありません（あるのは {listed}）",
                        "no ratings of period {period:?}; expected one of {listed}"
                    ),
                ),
            ));
        }
    }
    // The offices of either period, and each unit's office in the first and in the second period.
    let offices: Vec<&str> = units
        .iter()
        .filter_map(office_and_period)
        .filter(|(_, p)| periods.iter().any(|x| x == p))
        .map(|(o, _)| o)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let index: HashMap<&str, usize> = offices.iter().enumerate().map(|(i, o)| (*o, i)).collect();
    let office_in = |period: &str| -> Vec<Option<usize>> {
        units
            .iter()
            .map(|u| office_and_period(u).filter(|(_, p)| *p == period).map(|(o, _)| index[o]))
            .collect()
    };
    let (first, second) = (office_in(&periods[0]), office_in(&periods[1]));
    let differences = |counts: &[f64]| -> Vec<(Key, (f64, f64))> {
        let after: HashMap<Key, f64> = tables.values(&in_period(&second, counts)).into_iter().collect();
        tables
            .values(&in_period(&first, counts))
            .into_iter()
            .filter_map(|(k, before)| {
                let now = *after.get(&k)?;
                Some((k, (before, now)))
            })
            .collect()
    };
    let ones = vec![1.0; offices.len()];
    let intervals = options.map(|o| {
        bootstrap::intervals_of(offices.len(), o, |counts| {
            differences(counts).into_iter().map(|(k, (a, b))| (k, b - a)).collect()
        })
    });
    let rows = differences(&ones)
        .into_iter()
        .map(|((scope, id, coefficient, raters), (a, b))| {
            let (ci95_percentile, ci95_bca) = intervals
                .as_ref()
                .and_then(|i| i.get(&(scope, id.clone(), coefficient, raters)).copied())
                .unwrap_or_default();
            DifferenceRow {
                scope,
                id,
                coefficient,
                raters,
                values: [a, b],
                difference: b - a,
                ci95_percentile,
                ci95_bca,
            }
        })
        .collect();
    let count = |of: &[Option<usize>]| of.iter().flatten().count() as u32;
    Ok(PeriodDifference {
        periods: periods.clone(),
        units: [count(&first), count(&second)],
        offices: offices.len() as u32,
        bootstrap: options.map(|o| BootstrapRun {
            resamples: o.resamples,
            seed: o.seed,
            units: offices.len() as u32,
        }),
        rows,
    })
}

/// The columns of the period difference as CSV.
pub const DIFFERENCE_CSV_HEADER: [&str; 12] = [
    "scope",
    "id",
    "raters",
    "coefficient",
    "first",
    "second",
    "difference",
    "percentile_lower",
    "percentile_upper",
    "bca_lower",
    "bca_upper",
    "offices",
];

/// The period difference as CSV (`fidelity agreement --periods A,B --format csv`), numbers as in
/// `coefficients_csv`; `first` and `second` are the periods' values.
pub fn differences_csv(d: &PeriodDifference) -> String {
    let records = d.rows.iter().map(|r| {
        let mut record = identity(r.scope, &r.id, r.raters, r.coefficient);
        record.extend([r.values[0], r.values[1], r.difference].map(|x| x.to_string()));
        record.extend(bounds([r.ci95_percentile, r.ci95_bca]));
        record.push(d.offices.to_string());
        record
    });
    csv_text(&DIFFERENCE_CSV_HEADER, records)
}
