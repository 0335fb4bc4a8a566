//! Chance-corrected agreement among any number of raters, from raw ratings (units × raters, a rater's rating
//! missing where they did not rate the unit), in Gwet's framework (Handbook of Inter-Rater Reliability, 4th ed.,
//! 2014, ch. 2–5; the R package irrCAC): Gwet's AC1 (AC2 with weights), Fleiss' kappa, Conger's kappa (Cohen's
//! with two raters) and Brennan–Prediger, each with Gwet's variance conditional on the raters, its standard
//! error and a 95% interval on n − 1 degrees of freedom. A unit rated by nobody is left out; a unit rated once
//! counts towards the categories' shares (π) but not the observed agreement, as irrCAC counts it. Formulas:
//! docs/analysis.md.

use super::stats::{self, Counted};
use statrs::distribution::{Continuous, ContinuousCDF, StudentsT};

/// Student's t distribution function for whole degrees of freedom ν, exactly as the finite series of
/// Abramowitz & Stegun 26.7.3–4 gives it (statrs's, through the incomplete beta function, is off by about
/// 5e-10, which the intervals, compared with scipy's to 1e-9, would show).
fn t_cdf(t: f64, nu: u64) -> f64 {
    let theta = (t / (nu as f64).sqrt()).atan();
    let (sin, cos2) = (theta.sin(), theta.cos().powi(2));
    // A(t|ν) = P(|T| ≤ t).
    let a = if nu % 2 == 1 {
        let (mut sum, mut term) = (0.0, theta.cos());
        if nu > 1 {
            sum = term;
            for k in (3..=nu.saturating_sub(2)).step_by(2) {
                term *= (k - 1) as f64 / k as f64 * cos2;
                sum += term;
            }
        }
        2.0 / std::f64::consts::PI * (theta + sin * sum)
    } else {
        let (mut sum, mut term) = (1.0, 1.0);
        for k in (2..=nu.saturating_sub(2)).step_by(2) {
            term *= (k - 1) as f64 / k as f64 * cos2;
            sum += term;
        }
        sin * sum
    };
    0.5 + a / 2.0
}

/// Student's t quantile for whole degrees of freedom: statrs's, polished by Newton's method on the exact
/// distribution function above.
fn t_quantile(p: f64, nu: u64) -> Option<f64> {
    let t = StudentsT::new(0.0, 1.0, nu as f64).ok()?;
    let mut x = t.inverse_cdf(p);
    for _ in 0..4 {
        let density = t.pdf(x);
        if density.is_nan() || density <= 0.0 {
            break;
        }
        x -= (t_cdf(x, nu) - p) / density;
    }
    x.is_finite().then_some(x)
}

/// How near two categories count as agreeing: 1 on the diagonal, less further apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weighting {
    /// 1 for the same category, 0 otherwise (AC1, kappa).
    Identity,
    /// 1 − (x − y)² / (max − min)².
    Quadratic,
    /// 1 − |x − y| / (max − min).
    Linear,
}

/// The weight matrix of `weighting` over the categories' values, in order.
pub fn weights(values: &[f64], weighting: Weighting) -> Vec<Vec<f64>> {
    let range = values.iter().copied().fold(f64::NEG_INFINITY, f64::max) - values.iter().copied().fold(f64::INFINITY, f64::min);
    values
        .iter()
        .map(|x| {
            values
                .iter()
                .map(|y| match weighting {
                    Weighting::Identity => f64::from(u8::from(x == y)),
                    _ if range == 0.0 => 1.0,
                    Weighting::Quadratic => 1.0 - (x - y).powi(2) / range.powi(2),
                    Weighting::Linear => 1.0 - (x - y).abs() / range,
                })
                .collect()
        })
        .collect()
}

/// A coefficient with its observed and chance agreement, standard error and 95% interval (the upper bound
/// capped at 1, as irrCAC caps it). The error and interval are `None` with fewer than two units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub value: f64,
    pub pa: f64,
    pub pe: f64,
    pub se: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    /// Units with at least one rating (the variance's n).
    pub units: usize,
    /// Units with two ratings or more (the observed agreement's).
    pub rated_twice: usize,
}

/// Units × raters, each rating a category's index, each unit with a frequency weight (how many units have
/// these ratings; see `stats::Counted`); units nobody rated are dropped.
#[derive(Debug)]
pub struct Ratings<'w> {
    rows: Vec<Vec<Option<usize>>>,
    /// f_i: how many units unit i stands for.
    f: Vec<f64>,
    w: &'w [Vec<f64>],
    /// r_ik: how many raters put unit i in category k.
    counts: Vec<Vec<f64>>,
    /// r_i: how many raters rated unit i.
    r: Vec<f64>,
    /// Only the coefficients' values, without errors or intervals (a bootstrap resample's).
    values_only: bool,
}

impl<'w> Ratings<'w> {
    /// `rows`: one per unit, one entry per rater (the same raters, in the same order, in every row).
    pub fn new(rows: Vec<Vec<Option<usize>>>, w: &'w [Vec<f64>]) -> Ratings<'w> {
        Ratings::counted(rows.into_iter().map(|r| (r, 1.0)).collect(), w)
    }

    /// Rows with their frequency weights: the same coefficients as each row written out that many times.
    pub fn counted(rows: Vec<(Vec<Option<usize>>, f64)>, w: &'w [Vec<f64>]) -> Ratings<'w> {
        let q = w.len();
        let (rows, f): (Vec<Vec<Option<usize>>>, Vec<f64>) = rows
            .into_iter()
            .filter(|(r, f)| *f > 0.0 && r.iter().any(|x| x.is_some_and(|k| k < q)))
            .unzip();
        let counts: Vec<Vec<f64>> = rows
            .iter()
            .map(|row| {
                let mut c = vec![0.0; q];
                for k in row.iter().flatten().filter(|&&k| k < q) {
                    c[*k] += 1.0;
                }
                c
            })
            .collect();
        let r = counts.iter().map(|c| c.iter().sum()).collect();
        Ratings {
            rows,
            f,
            w,
            counts,
            r,
            values_only: false,
        }
    }

    /// The same ratings, computing only the coefficients' values.
    pub fn values_only(self) -> Ratings<'w> {
        Ratings { values_only: true, ..self }
    }

    /// Σ f_i x_i.
    fn sum(&self, x: impl Fn(usize) -> f64) -> f64 {
        (0..self.rows.len()).map(|i| self.f[i] * x(i)).sum()
    }

    /// Units rated (Σ f_i).
    fn n(&self) -> f64 {
        self.f.iter().sum()
    }

    fn q(&self) -> usize {
        self.w.len()
    }

    /// Σ_k r_ik (r*_ik − 1) for each unit, with r*_ik = Σ_l w_kl r_il: its weighted agreeing pairs, doubled.
    fn agreeing(&self) -> Vec<f64> {
        self.counts
            .iter()
            .map(|c| {
                (0..self.q())
                    .map(|k| c[k] * ((0..self.q()).map(|l| self.w[k][l] * c[l]).sum::<f64>() - 1.0))
                    .sum()
            })
            .collect()
    }

    /// Observed agreement p_a over the units rated twice or more (how many: the last), and each unit's own
    /// p_a|i.
    fn observed(&self) -> Option<(f64, Vec<f64>, f64)> {
        let agreeing = self.agreeing();
        let pairs: Vec<f64> = self.r.iter().map(|r| r * (r - 1.0)).collect();
        let twice = self.sum(|i| f64::from(u8::from(self.r[i] >= 2.0)));
        if twice == 0.0 {
            return None;
        }
        let pa_i: Vec<f64> = (0..self.rows.len())
            .map(|i| if pairs[i] > 0.0 { agreeing[i] / pairs[i] } else { 0.0 })
            .collect();
        let pa = self.sum(|i| pa_i[i]) / twice;
        Some((pa, pa_i, twice))
    }

    /// π_k: the mean over units of each unit's share of ratings in category k.
    fn shares(&self) -> Vec<f64> {
        let n = self.n();
        (0..self.q()).map(|k| self.sum(|i| self.counts[i][k] / self.r[i]) / n).collect()
    }

    fn weight_sum(&self) -> f64 {
        self.w.iter().flatten().sum()
    }

    /// The coefficient (p_a − p_e)/(1 − p_e) and Gwet's linearised variance from each unit's chance agreement
    /// p_e|i (`None` for Brennan–Prediger, whose p_e is fixed).
    fn estimate(&self, pe: f64, pe_i: Option<&[f64]>) -> Option<Estimate> {
        let (pa, pa_i, twice) = self.observed()?;
        if pe.is_nan() || pe >= 1.0 {
            return None;
        }
        let nf = self.n();
        let value = (pa - pe) / (1.0 - pe);
        let term = |i: usize| {
            let pe_r2 = if self.r[i] >= 2.0 { pe } else { 0.0 };
            let own = nf / twice * (pa_i[i] - pe_r2) / (1.0 - pe);
            match pe_i {
                Some(pe_i) => own - 2.0 * (1.0 - value) * (pe_i[i] - pe) / (1.0 - pe),
                None => own,
            }
        };
        let (se, ci95) = if nf >= 2.0 && !self.values_only {
            let variance = self.sum(|i| (term(i) - value).powi(2)) / (nf * (nf - 1.0));
            let se = variance.sqrt();
            let t = t_quantile(0.975, nf as u64 - 1)?;
            (Some(se), Some([value - t * se, (value + t * se).min(1.0)]))
        } else {
            (None, None)
        };
        value.is_finite().then_some(Estimate {
            value,
            pa,
            pe,
            se,
            ci95,
            units: nf as usize,
            rated_twice: twice as usize,
        })
    }
}

/// Gwet's AC1 (identity weights) or AC2 (any other): p_e = Σw / (q(q − 1)) · Σ_k π_k (1 − π_k).
pub fn gwet(ratings: &Ratings<'_>) -> Option<Estimate> {
    let q = ratings.q() as f64;
    if q < 2.0 {
        return None;
    }
    let pi = ratings.shares();
    let scale = ratings.weight_sum() / (q * (q - 1.0));
    let pe = scale * pi.iter().map(|p| p * (1.0 - p)).sum::<f64>();
    let pe_i: Vec<f64> = ratings
        .counts
        .iter()
        .zip(&ratings.r)
        .map(|(c, r)| scale * c.iter().zip(&pi).map(|(ck, p)| ck * (1.0 - p)).sum::<f64>() / r)
        .collect();
    ratings.estimate(pe, Some(&pe_i))
}

/// Fleiss' kappa (weighted with any weights other than identity): p_e = Σ_kl w_kl π_k π_l.
pub fn fleiss(ratings: &Ratings<'_>) -> Option<Estimate> {
    let (q, w) = (ratings.q(), ratings.w);
    let pi = ratings.shares();
    let pe: f64 = (0..q)
        .flat_map(|k| (0..q).map(move |l| (k, l)))
        .map(|(k, l)| w[k][l] * pi[k] * pi[l])
        .sum();
    // π̄_k: (W π + Wᵀ π) / 2.
    let pi_w: Vec<f64> = (0..q).map(|k| (0..q).map(|l| (w[k][l] + w[l][k]) / 2.0 * pi[l]).sum()).collect();
    let pe_i: Vec<f64> = ratings
        .counts
        .iter()
        .zip(&ratings.r)
        .map(|(c, r)| c.iter().zip(&pi_w).map(|(ck, p)| ck * p).sum::<f64>() / r)
        .collect();
    ratings.estimate(pe, Some(&pe_i))
}

/// Brennan–Prediger: p_e = Σw / q², chance as every category equally likely.
pub fn brennan_prediger(ratings: &Ratings<'_>) -> Option<Estimate> {
    let q = ratings.q() as f64;
    ratings.estimate(ratings.weight_sum() / (q * q), None)
}

/// Conger's kappa: p_e from each rater's own category shares (Cohen's kappa with two raters and no missing
/// ratings).
pub fn conger(ratings: &Ratings<'_>) -> Option<Estimate> {
    let (q, w) = (ratings.q(), ratings.w);
    let raters = ratings.rows.first()?.len();
    if raters < 2 {
        return None;
    }
    let rf = raters as f64;
    // p_gk: the share of rater g's ratings in category k; n_g: units rater g rated.
    let mut classified = vec![vec![0.0; q]; raters];
    for (row, f) in ratings.rows.iter().zip(&ratings.f) {
        for (g, k) in row.iter().enumerate() {
            if let Some(k) = k.filter(|&k| k < q) {
                classified[g][k] += f;
            }
        }
    }
    let ng: Vec<f64> = classified.iter().map(|c| c.iter().sum()).collect();
    if ng.contains(&0.0) {
        return None;
    }
    let p: Vec<Vec<f64>> = classified.iter().zip(&ng).map(|(c, n)| c.iter().map(|x| x / n).collect()).collect();
    let mean: Vec<f64> = (0..q).map(|k| p.iter().map(|pg| pg[k]).sum::<f64>() / rf).collect();
    let s2 = |k: usize, l: usize| (p.iter().map(|pg| pg[k] * pg[l]).sum::<f64>() - rf * mean[k] * mean[l]) / (rf - 1.0);
    let pe: f64 = (0..q)
        .flat_map(|k| (0..q).map(move |l| (k, l)))
        .map(|(k, l)| w[k][l] * (mean[k] * mean[l] - s2(k, l) / rf))
        .sum();
    // Each unit's chance agreement, through λ_ig (Gwet 2014, §5.2; irrCAC's conger.kappa.raw).
    let nf = ratings.n();
    let pe_i: Vec<f64> = ratings
        .rows
        .iter()
        .map(|row| {
            let mut lambda = 0.0;
            for (g, rating) in row.iter().enumerate() {
                let rated = f64::from(u8::from(rating.is_some_and(|k| k < q)));
                for k in 0..q {
                    let inner: f64 = (0..q)
                        .map(|l| {
                            let delta = f64::from(u8::from(*rating == Some(l)));
                            w[k][l] * (delta - (rated - ng[g] / nf) * p[g][l])
                        })
                        .sum();
                    lambda += inner * nf / ng[g] * (rf * mean[k] - p[g][k]);
                }
            }
            lambda / (rf * (rf - 1.0))
        })
        .collect();
    ratings.estimate(pe, Some(&pe_i))
}

/// Byrt, Bishop & Carlin's (1993) indices of a two-rater table of a yes/no rating (met = yes), over the
/// units both rated: prevalence (both yes − both no)/n and bias (first yes and second no − first no and second
/// yes)/n. They explain a kappa that is low while agreement is high.
pub fn prevalence_and_bias(pairs: &Counted<(u8, u8)>) -> Option<(f64, f64)> {
    let share = |a: u8, b: u8| stats::share(pairs, |x, y| (x, y) == (a, b));
    Some((share(1, 1)? - share(0, 0)?, share(1, 0)? - share(0, 1)?))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// irrCAC's documented example (`raw_4raters`, 12 units, 4 raters, categories 1..5), rounded as it prints.
    #[test]
    fn the_four_rater_example_of_irrcac() {
        let table = [
            [Some(1), Some(1), None, Some(1)],
            [Some(2), Some(2), Some(3), Some(2)],
            [Some(3), Some(3), Some(3), Some(3)],
            [Some(3), Some(3), Some(3), Some(3)],
            [Some(2), Some(2), Some(2), Some(2)],
            [Some(1), Some(2), Some(3), Some(4)],
            [Some(4), Some(4), Some(4), Some(4)],
            [Some(1), Some(1), Some(2), Some(1)],
            [Some(2), Some(2), Some(2), Some(2)],
            [None, Some(5), Some(5), Some(5)],
            [None, None, Some(1), Some(1)],
            [None, None, Some(3), None],
        ];
        let rows: Vec<Vec<Option<usize>>> = table.iter().map(|r| r.iter().map(|x| x.map(|v: usize| v - 1)).collect()).collect();
        let w = weights(&[1.0, 2.0, 3.0, 4.0, 5.0], Weighting::Identity);
        let ratings = Ratings::new(rows, &w);
        let round = |x: f64| (x * 1e5).round() / 1e5;
        let ac1 = gwet(&ratings).unwrap();
        assert_eq!(
            (round(ac1.value), round(ac1.se.unwrap()), round(ac1.pa), round(ac1.pe)),
            (0.77544, 0.14295, 0.81818, 0.19032)
        );
        assert_eq!(round(ac1.ci95.unwrap()[0]), 0.46081);
        let fleiss = fleiss(&ratings).unwrap();
        assert_eq!(
            (round(fleiss.value), round(fleiss.se.unwrap()), round(fleiss.pe)),
            (0.76117, 0.15302, 0.23872)
        );
    }

    /// Three raters, a unit rated once and units missing a rating, every weighting and coefficient: against
    /// irrCAC 0.4.4 (PyPI) printed to 12 decimals.
    #[test]
    fn three_raters_with_missing_ratings_match_irrcac() {
        let table: [[Option<usize>; 3]; 12] = [
            [Some(1), Some(2), Some(2)],
            [Some(2), Some(2), None],
            [Some(3), Some(3), Some(3)],
            [Some(1), Some(1), Some(2)],
            [Some(5), Some(4), Some(5)],
            [Some(4), Some(4), Some(4)],
            [Some(2), Some(3), None],
            [None, Some(1), Some(1)],
            [Some(3), Some(3), Some(4)],
            [Some(5), Some(5), Some(5)],
            [Some(1), None, None],
            [Some(2), Some(2), Some(2)],
        ];
        let rows: Vec<Vec<Option<usize>>> = table.iter().map(|r| r.iter().map(|x| x.map(|v| v - 1)).collect()).collect();
        let expected = [
            (
                Weighting::Identity,
                [
                    (0.585760517799, 0.156168373228, 0.242036245849, 0.929484789749, 0.1953125),
                    (0.573333333333, 0.163122351059, 0.214303459374, 0.932363207292, 0.21875),
                    (0.581475787855, 0.155404638814, 0.239432484018, 0.923519091693, 0.203550658096),
                    (0.583333333333, 0.15724363707, 0.237242421624, 0.929424245043, 0.2),
                ],
            ),
            (
                Weighting::Quadratic,
                [
                    (0.922141119221, 0.08722090547, 0.730169200633, 1.0, 0.732421875),
                    (0.909689557855, 0.089824955853, 0.711986163019, 1.0, 0.769314236111),
                    (0.910517666393, 0.089464953718, 0.713606630911, 1.0, 0.767179369452),
                    (0.916666666667, 0.088436295596, 0.722019692446, 1.0, 0.75),
                ],
            ),
            (
                Weighting::Linear,
                [
                    (0.798742138365, 0.100920726202, 0.57661711765, 1.0, 0.5859375),
                    (0.779535595815, 0.111532393462, 0.534054452937, 1.0, 0.622010030864),
                    (0.783412887828, 0.106980882863, 0.547949552234, 1.0, 0.615243342516),
                    (0.791666666667, 0.103237465931, 0.564442536188, 1.0, 0.6),
                ],
            ),
        ];
        for (weighting, coefficients) in expected {
            let w = weights(&[1.0, 2.0, 3.0, 4.0, 5.0], weighting);
            let ratings = Ratings::new(rows.clone(), &w);
            let got = [gwet(&ratings), fleiss(&ratings), conger(&ratings), brennan_prediger(&ratings)];
            for (e, (value, se, lower, upper, pe)) in got.iter().zip(coefficients) {
                let e = e.unwrap();
                let ci = e.ci95.unwrap();
                for (a, b) in [(e.value, value), (e.se.unwrap(), se), (ci[0], lower), (ci[1], upper), (e.pe, pe)] {
                    assert!((a - b).abs() < 1e-11, "{weighting:?}: {a} vs {b}");
                }
                assert!((e.pa - if weighting == Weighting::Identity { 2.0 / 3.0 } else { e.pa }).abs() < 1e-12);
            }
        }
    }

    /// The t quantiles of the intervals: exact for ν = 1 (tan 0.475π) and ν = 2 (√(2·0.95²/(1 − 0.95²))),
    /// scipy 1.17's `stats.t.ppf(0.975, ν)` beyond, which mpmath confirms to 16 digits at ν = 39 (the scipy
    /// 1.12 that irrCAC pins is off by 8.3e-9 there, and statrs's own inverse by 1e-9).
    #[test]
    fn t_quantiles_are_exact() {
        for (nu, exact) in [
            (1, 12.706204736174696),
            (2, 4.302652729749464),
            (3, 3.182446305284263),
            (39, 2.022690920036761),
            (1000, 1.9623390808264078),
        ] {
            assert!(
                (t_quantile(0.975, nu).unwrap() - exact).abs() < 1e-12,
                "{nu}: {}",
                t_quantile(0.975, nu).unwrap()
            );
        }
    }
}
