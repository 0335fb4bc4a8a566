//! A seeded, reproducible bootstrap for every agreement coefficient of the long table (two raters and many):
//! the units (offices × periods) are resampled with replacement and each coefficient computed again from the
//! resample's counts of each rating pattern (the reports are never read again), and each coefficient's 2.5% and
//! 97.5% points taken (percentile interval), or adjusted for bias and skew by the jackknife (BCa; Efron 1987;
//! Efron & Tibshirani 1993, ch. 14), as scipy's `stats.bootstrap` computes them. The difference between two
//! periods resamples offices the same way (`periods`). Formulas: docs/analysis.md.

use super::table::CoefficientRow;
use super::tables::{key, Tables};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, Normal};
use std::collections::HashMap;
use std::hash::Hash;

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
    /// How many units each resample draws, with replacement: offices × periods rated by any of the raters for
    /// the long table, offices for a period difference.
    pub units: u32,
}

/// The units each resample draws (indices into the units in office-id, period order): ChaCha8 from `seed`,
/// each index uniform over `0..n`. Public so that a second implementation can use the same resamples.
pub fn resample_indices(n: usize, resamples: u32, seed: u64) -> Vec<Vec<usize>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..resamples).map(|_| (0..n).map(|_| rng.random_range(0..n)).collect()).collect()
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

/// Each cluster's count in one resample of `resample_indices`.
fn counts(clusters: usize, drawn: &[usize]) -> Vec<f64> {
    let mut counts = vec![0.0; clusters];
    for &i in drawn {
        counts[i] += 1.0;
    }
    counts
}

/// `f` over `0..n`, on every core natively (in order: the results do not depend on the threads), one after
/// another where there are no threads (WASM).
fn each<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync + Send) -> Vec<T> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        (0..n).into_par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        (0..n).map(f).collect()
    }
}

/// A statistic's percentile and BCa 95% intervals.
pub(super) type Intervals = (Option<[f64; 2]>, Option<[f64; 2]>);

/// The percentile and BCa intervals of every statistic `of` gives from cluster counts (each of `clusters`
/// clusters counted once gives the estimates; a resample counts each as often as it was drawn; the jackknife
/// leaves each out in turn). A statistic gets intervals only where every resample and every jackknife sample
/// gives it a value: one over a subset of the resamples would not be the interval asked for.
pub(super) fn intervals_of<K>(
    clusters: usize,
    options: BootstrapOptions,
    of: impl Fn(&[f64]) -> Vec<(K, f64)> + Sync + Send,
) -> HashMap<K, Intervals>
where
    K: Eq + Hash + Clone + Send + Sync,
{
    let estimates = of(&vec![1.0; clusters]);
    let at: HashMap<&K, usize> = estimates.iter().enumerate().map(|(i, (k, _))| (k, i)).collect();
    // Each sample's values in the estimates' order, NaN where the sample leaves a statistic undefined.
    let aligned = |counts: &[f64]| {
        let mut values = vec![f64::NAN; estimates.len()];
        for (k, v) in of(counts) {
            if let Some(&i) = at.get(&k) {
                values[i] = v;
            }
        }
        values
    };
    let draws = resample_indices(clusters, options.resamples, options.seed);
    let resampled = each(draws.len(), |r| aligned(&counts(clusters, &draws[r])));
    let jackknife = each(clusters, |left_out| {
        let mut counts = vec![1.0; clusters];
        counts[left_out] = 0.0;
        aligned(&counts)
    });
    estimates
        .iter()
        .enumerate()
        .filter_map(|(i, (k, estimate))| {
            // The statistic's values over the samples, if every sample has one.
            let column = |samples: &[Vec<f64>]| -> Option<Vec<f64>> {
                let values: Vec<f64> = samples.iter().map(|s| s[i]).collect();
                values.iter().all(|v| !v.is_nan()).then_some(values)
            };
            Some((k.clone(), intervals(*estimate, &column(&resampled)?, &column(&jackknife)?)))
        })
        .collect()
}

/// Every agreement row of `coefficients` (two-rater and many-rater) gets its percentile and BCa intervals
/// from resamples of the `units` units of `tables`.
pub(super) fn apply(coefficients: &mut [CoefficientRow], tables: &Tables<'_>, units: usize, options: BootstrapOptions) -> BootstrapRun {
    let intervals = intervals_of(units, options, |weights| tables.values(weights));
    for row in coefficients.iter_mut() {
        if let Some((percentile, bca)) = intervals.get(&key(row)) {
            row.ci95_percentile = *percentile;
            row.ci95_bca = *bca;
        }
    }
    BootstrapRun {
        resamples: options.resamples,
        seed: options.seed,
        units: units as u32,
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
