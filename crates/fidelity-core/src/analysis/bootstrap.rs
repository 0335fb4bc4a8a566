//! A seeded, reproducible bootstrap over units (offices × periods) for every two-rater coefficient of the long
//! table: the units are resampled with replacement, the two-rater tables computed again from the resampled
//! units (the reports are never scored again), and each coefficient's 2.5% and 97.5% points taken
//! (percentile interval), or adjusted for bias and skew by the jackknife (BCa; Efron 1987; Efron & Tibshirani
//! 1993, ch. 14), as scipy's `stats.bootstrap` computes them. Formulas: docs/analysis.md.

use super::agreement::{self, Agreement, Unit};
use super::table::{self, CoefficientName, CoefficientRow, Scope};
use crate::report::ItemScore;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, Normal};
use std::collections::HashMap;

/// How many resamples, from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct BootstrapOptions {
    pub resamples: u32,
    pub seed: u64,
}

impl Default for BootstrapOptions {
    fn default() -> Self {
        BootstrapOptions { resamples: 2000, seed: 1 }
    }
}

/// The most resamples one analysis draws.
pub const MAX_RESAMPLES: u32 = 100_000;

/// The bootstrap an analysis ran: its resamples, seed, and the units resampled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BootstrapRun {
    pub resamples: u32,
    pub seed: u64,
    /// The units (offices × periods rated by either of the two raters) each resample draws, with replacement.
    pub units: u32,
}

/// The units each resample draws (indices into the units in office-id, period order): ChaCha8 from `seed`,
/// each index uniform over `0..n`. Public so that a second implementation can use the same resamples.
pub fn resample_indices(n: usize, resamples: u32, seed: u64) -> Vec<Vec<usize>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..resamples).map(|_| (0..n).map(|_| rng.random_range(0..n)).collect()).collect()
}

type Key = (Scope, String, CoefficientName);

fn key(r: &CoefficientRow) -> Key {
    (r.scope, r.id.clone(), r.coefficient)
}

/// The two-rater rows of the long table for these units.
fn rows(units: &[Unit<'_>], raters: &[String; 2], shape: &[ItemScore]) -> HashMap<Key, f64> {
    let a: Agreement = agreement::agreement(units, raters, shape);
    table::two_rater_rows(&a).into_iter().map(|r| (key(&r), r.value)).collect()
}

/// Linear interpolation between order statistics at quantile q, as numpy's default `percentile`.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// The percentile and BCa 95% intervals of one coefficient from its resampled values (every resample must
/// give one), its estimate, and its jackknife values (leave one unit out).
pub(crate) fn intervals(estimate: f64, resampled: &[f64], jackknife: &[f64]) -> (Option<[f64; 2]>, Option<[f64; 2]>) {
    let mut sorted = resampled.to_vec();
    sorted.sort_by(f64::total_cmp);
    if sorted.is_empty() {
        return (None, None);
    }
    let percentile = [quantile(&sorted, 0.025), quantile(&sorted, 0.975)];
    let normal = Normal::standard();
    // Bias: the share of resamples below the estimate, ties counting half, as scipy counts it. A tie is equal
    // to 1e-12 (relative above 1): a statistic computed two ways (a share, a difference of shares) may differ
    // in its last bits, which must not move a resample from tie to below.
    let tie = |x: f64| (x - estimate).abs() <= 1e-12 * estimate.abs().max(1.0);
    let below = sorted.iter().filter(|&&x| x < estimate && !tie(x)).count() as f64;
    let equal = sorted.iter().filter(|&&x| tie(x)).count() as f64;
    let z0 = normal.inverse_cdf((below + equal / 2.0) / sorted.len() as f64);
    // Acceleration from the jackknife.
    let mean = jackknife.iter().sum::<f64>() / jackknife.len() as f64;
    let (s2, s3) = jackknife
        .iter()
        .fold((0.0, 0.0), |(s2, s3), x| (s2 + (mean - x).powi(2), s3 + (mean - x).powi(3)));
    let a = s3 / (6.0 * s2.powf(1.5));
    let adjusted = |alpha: f64| {
        let z = normal.inverse_cdf(alpha);
        normal.cdf(z0 + (z0 + z) / (1.0 - a * (z0 + z)))
    };
    let (lo, hi) = (adjusted(0.025), adjusted(0.975));
    let bca = [lo, hi]
        .iter()
        .all(|q| q.is_finite() && (0.0..=1.0).contains(q))
        .then(|| [quantile(&sorted, lo), quantile(&sorted, hi)]);
    (Some(percentile), bca)
}

/// Each coefficient's values over `samples` (sets of units), in order; a coefficient a sample leaves undefined
/// has fewer values than samples.
fn values_over<'u>(samples: impl Iterator<Item = Vec<Unit<'u>>>, raters: &[String; 2], shape: &[ItemScore]) -> HashMap<Key, Vec<f64>> {
    let mut out: HashMap<Key, Vec<f64>> = HashMap::new();
    for sample in samples {
        for (k, v) in rows(&sample, raters, shape) {
            out.entry(k).or_default().push(v);
        }
    }
    out
}

/// Every two-rater row of `coefficients` gets its percentile and BCa intervals, where every resample and
/// every jackknife sample give the coefficient a value. `units` are the two raters' offices × periods.
pub(super) fn apply(
    coefficients: &mut [CoefficientRow],
    units: &[Unit<'_>],
    raters: &[String; 2],
    shape: &[ItemScore],
    options: BootstrapOptions,
) -> BootstrapRun {
    let n = units.len();
    let draws = resample_indices(n, options.resamples, options.seed);
    let resamples = draws.iter().map(|indices| indices.iter().map(|&i| units[i].clone()).collect());
    let resampled = values_over(resamples, raters, shape);
    let leave_one_out = (0..n).map(|left_out| {
        units
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != left_out)
            .map(|(_, u)| u.clone())
            .collect()
    });
    let jackknife = values_over(leave_one_out, raters, shape);
    for row in coefficients.iter_mut().filter(|r| r.raters == Some(2)) {
        let k = key(row);
        let (Some(values), Some(jack)) = (resampled.get(&k), jackknife.get(&k)) else {
            continue;
        };
        if values.len() == options.resamples as usize && jack.len() == n {
            let (percentile, bca) = intervals(row.value, values, jack);
            row.ci95_percentile = percentile;
            row.ci95_bca = bca;
        }
    }
    BootstrapRun {
        resamples: options.resamples,
        seed: options.seed,
        units: n as u32,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn resamples_are_reproducible_and_uniform() {
        assert_eq!(resample_indices(40, 3, 7), resample_indices(40, 3, 7));
        assert_ne!(resample_indices(40, 3, 7), resample_indices(40, 3, 8));
        let all: Vec<usize> = resample_indices(10, 2000, 1).into_iter().flatten().collect();
        for i in 0..10 {
            let share = all.iter().filter(|&&x| x == i).count() as f64 / all.len() as f64;
            assert!((share - 0.1).abs() < 0.01, "{i}: {share}");
        }
    }

    /// A symmetric case worked by hand: resampled values 1..=5 around an estimate of 3, a symmetric
    /// jackknife (no acceleration) and no bias, so BCa is the percentile interval.
    #[test]
    fn without_bias_or_skew_bca_is_the_percentile_interval() {
        let resampled = [1.0, 2.0, 3.0, 4.0, 5.0];
        let (percentile, bca) = intervals(3.0, &resampled, &[2.0, 3.0, 4.0]);
        // Positions 0.025·4 = 0.1 and 0.975·4 = 3.9: 1.1 and 4.9.
        let [lo, hi] = percentile.unwrap();
        assert!((lo - 1.1).abs() < 1e-12 && (hi - 4.9).abs() < 1e-12);
        let [blo, bhi] = bca.unwrap();
        assert!((blo - 1.1).abs() < 1e-9 && (bhi - 4.9).abs() < 1e-9, "{blo} {bhi}");
    }
}
