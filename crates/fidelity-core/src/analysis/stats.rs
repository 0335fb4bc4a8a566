//! The statistics themselves, on plain numbers: no banks, no reports. Each function returns `None` where the
//! statistic is undefined (too few observations, no variance, a zero denominator) rather than NaN, so JSON
//! carries `null` and every interface says the same. Formulas and references: docs/analysis.md.

use statrs::distribution::{ContinuousCDF, FisherSnedecor};

/// A missing value in a column of ratings.
pub type Cell = Option<f64>;

/// Observations with frequency weights: each counts as often as its weight says (1 for a unit of the data; a
/// bootstrap resample counts a unit as often as it was drawn). Every statistic below over `Counted` data equals
/// the same statistic over the data with each observation repeated that many times.
pub type Counted<T> = [(T, f64)];

/// Each observation once.
pub fn once<T>(xs: impl IntoIterator<Item = T>) -> Vec<(T, f64)> {
    xs.into_iter().map(|x| (x, 1.0)).collect()
}

fn total<T>(xs: &Counted<T>) -> f64 {
    xs.iter().map(|(_, w)| w).sum()
}

pub fn mean(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

/// Sample variance (n − 1 in the denominator).
pub fn variance(xs: &[f64]) -> Option<f64> {
    let m = mean(xs)?;
    (xs.len() >= 2).then(|| xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (xs.len() - 1) as f64)
}

/// A finite value, or `None` (0/0, x/0).
fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// Pearson's r; `None` when either side has no variance or there are fewer than two pairs.
pub fn pearson(xs: &[f64], ys: &[f64]) -> Option<f64> {
    let (mx, my) = (mean(xs)?, mean(ys)?);
    if xs.len() < 2 || xs.len() != ys.len() {
        return None;
    }
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in xs.iter().zip(ys) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx).powi(2);
        syy += (y - my).powi(2);
    }
    finite(sxy / (sxx * syy).sqrt())
}

/// Share of pairs with equal ratings.
pub fn percent_agreement(pairs: &Counted<(u8, u8)>) -> Option<f64> {
    share(pairs, |a, b| a == b)
}

/// Share of pairs `agree` holds for; `None` without pairs.
pub fn share(pairs: &Counted<(u8, u8)>, agree: impl Fn(u8, u8) -> bool) -> Option<f64> {
    let n = total(pairs);
    (n > 0.0).then(|| pairs.iter().filter(|((a, b), _)| agree(*a, *b)).map(|(_, w)| w).sum::<f64>() / n)
}

/// How disagreement between two categories is weighted in Cohen's kappa.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weights {
    /// 0 for agreement, 1 for any disagreement (the unweighted kappa).
    Unweighted,
    /// (i − j)², on the categories' positions in `categories`.
    Quadratic,
}

/// Cohen's kappa of two raters over `categories` (every category of the scale, so a category nobody used
/// still keeps its place in the quadratic weights): 1 − Σ w·observed / Σ w·expected-by-chance.
pub fn cohen_kappa(pairs: &Counted<(u8, u8)>, categories: &[u8], weights: Weights) -> Option<f64> {
    let k = categories.len();
    let at = |c: u8| categories.iter().position(|&x| x == c);
    let mut observed = vec![0.0; k * k];
    let (mut rows, mut cols) = (vec![0.0; k], vec![0.0; k]);
    for &((a, b), w) in pairs {
        let (i, j) = (at(a)?, at(b)?);
        observed[i * k + j] += w;
        rows[i] += w;
        cols[j] += w;
    }
    let n = total(pairs);
    let (mut wo, mut we) = (0.0, 0.0);
    for i in 0..k {
        for j in 0..k {
            let w = match weights {
                Weights::Unweighted => f64::from(u8::from(i != j)),
                Weights::Quadratic => (i as f64 - j as f64).powi(2),
            };
            wo += w * observed[i * k + j];
            we += w * rows[i] * cols[j] / n;
        }
    }
    if n == 0.0 || we == 0.0 {
        return None;
    }
    finite(1.0 - wo / we)
}

/// An intraclass correlation with its 95% confidence interval and F test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IccValue {
    pub icc: f64,
    pub lower: f64,
    pub upper: f64,
    pub f: f64,
    pub df1: f64,
    pub df2: f64,
    pub p: f64,
}

/// The two-way ANOVA of a complete targets × raters table: its mean squares.
struct Anova {
    n: f64,
    k: f64,
    msr: f64,
    msc: f64,
    mse: f64,
}

impl Anova {
    fn of(rows: &Counted<Vec<f64>>) -> Option<Anova> {
        let nf = total(rows);
        let k = rows.first()?.0.len();
        if nf < 2.0 || k < 2 || rows.iter().any(|(r, _)| r.len() != k) {
            return None;
        }
        let kf = k as f64;
        let grand = rows.iter().map(|(r, w)| w * r.iter().sum::<f64>()).sum::<f64>() / (nf * kf);
        let col_means: Vec<f64> = (0..k).map(|j| rows.iter().map(|(r, w)| w * r[j]).sum::<f64>() / nf).collect();
        let ss_rows = kf
            * rows
                .iter()
                .map(|(r, w)| w * (r.iter().sum::<f64>() / kf - grand).powi(2))
                .sum::<f64>();
        let ss_cols = nf * col_means.iter().map(|m| (m - grand).powi(2)).sum::<f64>();
        let ss_total: f64 = rows
            .iter()
            .map(|(r, w)| w * r.iter().map(|x| (x - grand).powi(2)).sum::<f64>())
            .sum();
        let ss_error = ss_total - ss_rows - ss_cols;
        let (df_rows, df_cols) = (nf - 1.0, kf - 1.0);
        let anova = Anova {
            n: nf,
            k: kf,
            msr: ss_rows / df_rows,
            msc: ss_cols / df_cols,
            mse: ss_error / (df_rows * df_cols),
        };
        (anova.mse > 0.0).then_some(anova)
    }

    /// ICC(2,1) and ICC(3,1).
    fn iccs(&self) -> (f64, f64) {
        let Anova { n, k, msr, msc, mse } = *self;
        (
            (msr - mse) / (msr + (k - 1.0) * mse + k * (msc - mse) / n),
            (msr - mse) / (msr + (k - 1.0) * mse),
        )
    }
}

/// ICC(2,1) and ICC(3,1) without their intervals (what a bootstrap resample needs); `None` where the ANOVA
/// leaves them undefined.
pub fn icc_values(rows: &Counted<Vec<f64>>) -> Option<(f64, f64)> {
    let (c2, c3) = Anova::of(rows)?.iccs();
    (c2.is_finite() && c3.is_finite()).then_some((c2, c3))
}

/// ICC(2,1) (two-way random, absolute agreement, single rater) and ICC(3,1) (two-way mixed, consistency,
/// single rater) of a complete targets × raters table (Shrout & Fleiss 1979; McGraw & Wong 1996). The
/// intervals are those of McGraw & Wong, as pingouin computes them. `None` with fewer than two targets or
/// raters, or no residual variance.
pub fn icc(rows: &Counted<Vec<f64>>) -> Option<(IccValue, IccValue)> {
    let anova = Anova::of(rows)?;
    let (icc2, icc3) = anova.iccs();
    let Anova {
        n: nf,
        k: kf,
        msr,
        msc,
        mse,
    } = anova;
    let (df_rows, df_cols) = (nf - 1.0, kf - 1.0);
    let df_error = df_rows * df_cols;
    let q = 0.975;
    let quantile = |d1: f64, d2: f64| Some(FisherSnedecor::new(d1, d2).ok()?.inverse_cdf(q));
    let upper_tail = |x: f64, d1: f64, d2: f64| Some(FisherSnedecor::new(d1, d2).ok()?.sf(x));

    // ICC(3,1): consistency; F = MSR / MSE on (n − 1, (n − 1)(k − 1)).
    let f_r = msr / mse;
    let f_l = f_r / quantile(df_rows, df_error)?;
    let f_u = f_r * quantile(df_error, df_rows)?;
    let c3 = IccValue {
        icc: icc3,
        lower: (f_l - 1.0) / (f_l + kf - 1.0),
        upper: (f_u - 1.0) / (f_u + kf - 1.0),
        f: f_r,
        df1: df_rows,
        df2: df_error,
        p: upper_tail(f_r, df_rows, df_error)?,
    };

    // ICC(2,1): absolute agreement; the interval uses Satterthwaite's approximate degrees of freedom v.
    let f_j = msc / mse;
    let a = kf * icc2 * f_j + nf * (1.0 + (kf - 1.0) * icc2) - kf * icc2;
    let v =
        df_error * a.powi(2) / (df_rows * kf.powi(2) * icc2.powi(2) * f_j.powi(2) + (nf * (1.0 + (kf - 1.0) * icc2) - kf * icc2).powi(2));
    let f2u = quantile(df_rows, v)?;
    let f2l = quantile(v, df_rows)?;
    let spread = kf * msc + (kf * nf - kf - nf) * mse;
    let c2 = IccValue {
        icc: icc2,
        lower: nf * (msr - f2u * mse) / (f2u * spread + nf * msr),
        upper: nf * (f2l * msr - mse) / (spread + nf * f2l * msr),
        f: f_r,
        df1: df_rows,
        df2: df_error,
        p: c3.p,
    };
    [c2.icc, c2.lower, c2.upper, c3.icc, c3.lower, c3.upper]
        .iter()
        .all(|x| x.is_finite())
        .then_some((c2, c3))
}

/// Feldt's 95% interval for Cronbach's alpha over n rows of k items (Feldt, Woodruff & Salih 1987):
/// 1 − (1 − α)·F, with F the 0.975 and 0.025 quantiles of F(n − 1, (n − 1)(k − 1)).
pub fn feldt_interval(alpha: f64, n: usize, k: usize) -> Option<[f64; 2]> {
    if n < 2 || k < 2 {
        return None;
    }
    let df1 = n as f64 - 1.0;
    let f = FisherSnedecor::new(df1, df1 * (k as f64 - 1.0)).ok()?;
    let bounds = [
        1.0 - (1.0 - alpha) * f.inverse_cdf(0.975),
        1.0 - (1.0 - alpha) * f.inverse_cdf(0.025),
    ];
    bounds.iter().all(|b| b.is_finite()).then_some(bounds)
}

/// The distance between two values in Krippendorff's alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Nominal,
    /// Ranks: the distance between c and k grows with how many pairable values lie between them.
    Ordinal,
}

/// Krippendorff's alpha over units, each with the values its raters gave (missing ratings simply absent).
/// Units with fewer than two values are not pairable and drop out; `None` when nothing is pairable or there
/// is no expected disagreement. `categories` lists the scale in order (1..5, or 0/1).
pub fn krippendorff_alpha(units: &Counted<Vec<u8>>, categories: &[u8], level: Level) -> Option<f64> {
    let k = categories.len();
    let at = |c: u8| categories.iter().position(|&x| x == c);
    // The coincidence matrix: each ordered pair of values within a unit, weighted 1 / (m_u − 1).
    let mut o = vec![0.0; k * k];
    for (values, count) in units.iter().filter(|(v, _)| v.len() >= 2) {
        let w = count / (values.len() - 1) as f64;
        for (a, &x) in values.iter().enumerate() {
            for (b, &y) in values.iter().enumerate() {
                if a != b {
                    o[at(x)? * k + at(y)?] += w;
                }
            }
        }
    }
    let n_c: Vec<f64> = (0..k).map(|c| (0..k).map(|j| o[c * k + j]).sum()).collect();
    let n: f64 = n_c.iter().sum();
    let delta = |c: usize, j: usize| -> f64 {
        match level {
            Level::Nominal => f64::from(u8::from(c != j)),
            Level::Ordinal => {
                let (lo, hi) = (c.min(j), c.max(j));
                (n_c[lo..=hi].iter().sum::<f64>() - (n_c[lo] + n_c[hi]) / 2.0).powi(2)
            }
        }
    };
    let (mut d_o, mut d_e) = (0.0, 0.0);
    for c in 0..k {
        for j in 0..k {
            d_o += o[c * k + j] * delta(c, j);
            d_e += n_c[c] * n_c[j] * delta(c, j);
        }
    }
    if n < 2.0 || d_e == 0.0 {
        return None;
    }
    finite(1.0 - (n - 1.0) * d_o / d_e)
}

/// How Cronbach's alpha treats a row with a missing item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// Only rows with every item: one sample for every variance and covariance.
    Listwise,
    /// Each covariance over the rows that have both items (as pandas' `DataFrame.cov`).
    Pairwise,
}

/// Cronbach's alpha of the columns of `rows` (items as columns): k / (k − 1) · (1 − Σ var_i / Σ cov), over
/// the item covariance matrix. Returns alpha and how many rows were used (listwise) or had any value
/// (pairwise). `None` with fewer than two items, or a covariance that cannot be computed.
pub fn cronbach_alpha(rows: &[Vec<Cell>], missing: Missing) -> Option<(f64, usize)> {
    let k = rows.first()?.len();
    if k < 2 {
        return None;
    }
    let used: Vec<&Vec<Cell>> = match missing {
        Missing::Listwise => rows.iter().filter(|r| r.iter().all(Option::is_some)).collect(),
        Missing::Pairwise => rows.iter().filter(|r| r.iter().any(Option::is_some)).collect(),
    };
    let mut trace = 0.0;
    let mut sum = 0.0;
    for i in 0..k {
        for j in 0..k {
            let (xs, ys): (Vec<f64>, Vec<f64>) = used.iter().filter_map(|r| Some((r[i]?, r[j]?))).unzip();
            let c = covariance(&xs, &ys)?;
            sum += c;
            if i == j {
                trace += c;
            }
        }
    }
    let kf = k as f64;
    Some((finite(kf / (kf - 1.0) * (1.0 - trace / sum))?, used.len()))
}

/// Sample covariance (n − 1).
fn covariance(xs: &[f64], ys: &[f64]) -> Option<f64> {
    let (mx, my) = (mean(xs)?, mean(ys)?);
    (xs.len() >= 2).then(|| xs.iter().zip(ys).map(|(x, y)| (x - mx) * (y - my)).sum::<f64>() / (xs.len() - 1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Worked by hand. Two raters, four targets:
    //   rows (1,2) (3,3) (4,5) (2,2): grand mean 22/8 = 2.75; row means 1.5, 3, 4.5, 2; column means 2.5, 3.
    //   SSR = 2·(1.5625 + 0.0625 + 3.0625 + 0.5625) = 10.5;  SSC = 4·(0.0625 + 0.0625) = 0.5;
    //   SST = 3.0625+0.5625+0.0625+0.0625+1.5625+5.0625+0.5625+0.5625 = 11.5;  SSE = 11.5 − 10.5 − 0.5 = 0.5.
    //   MSR = 3.5, MSC = 0.5, MSE = 0.5/3.  ICC(3,1) = (3.5 − 1/6)/(3.5 + 1/6) = 20/22 = 0.909090…
    //   ICC(2,1) = (3.5 − 1/6)/(3.5 + 1/6 + 2·(0.5 − 1/6)/4) = (10/3)/(11/3 + 1/6) = 20/23 = 0.869565…
    #[test]
    fn icc_by_hand() {
        let rows = vec![vec![1.0, 2.0], vec![3.0, 3.0], vec![4.0, 5.0], vec![2.0, 2.0]];
        let (c2, c3) = icc(&once(rows.clone())).expect("defined");
        assert!((c3.icc - 20.0 / 22.0).abs() < 1e-12, "{}", c3.icc);
        assert!((c2.icc - 20.0 / 23.0).abs() < 1e-12, "{}", c2.icc);
        assert!((c3.f - 21.0).abs() < 1e-12); // 3.5 / (1/6)
        assert!(c3.lower < c3.icc && c3.icc < c3.upper && c2.lower < c2.icc && c2.icc < c2.upper);
        // Each row counted twice is the table written out twice (eight targets): MSR = 21/7 = 3, MSC = 1,
        // MSE = 1/7 (SSE 1 on 7 df); ICC(3,1) = (3 − 1/7)/(3 + 1/7) = 20/22 again, ICC(2,1) = (20/7)/(22/7 +
        // 2·(6/7)/8) = 40/47.
        let twice: Vec<Vec<f64>> = rows.iter().chain(&rows).cloned().collect();
        let counted: Vec<(Vec<f64>, f64)> = rows.iter().map(|r| (r.clone(), 2.0)).collect();
        let (d2, d3) = icc(&counted).expect("defined");
        assert!(
            (d3.icc - 20.0 / 22.0).abs() < 1e-12 && (d2.icc - 40.0 / 47.0).abs() < 1e-12,
            "{} {}",
            d2.icc,
            d3.icc
        );
        let (t2, t3) = icc(&once(twice)).expect("defined");
        for (a, b) in [
            (d2.icc, t2.icc),
            (d2.lower, t2.lower),
            (d2.upper, t2.upper),
            (d3.lower, t3.lower),
            (d3.p, t3.p),
        ] {
            assert!((a - b).abs() < 1e-12, "{a} vs {b}");
        }
        assert_eq!(icc_values(&counted), Some((d2.icc, d3.icc)));
    }

    // Pairs (1,1) (2,3) (3,3) (5,4) on 1..5. Observed Σw·O = 0 + 1 + 0 + 1 = 2.
    // Rows: 1,2,3,5 once each; columns: 1 once, 3 twice, 4 once. Σ w·E = Σ_i Σ_j (i−j)² r_i c_j / 4:
    //   r=1: c1 0, c3 4·2, c4 9 → 17;  r=2: 1 + 1·2 + 4 → 7;  r=3: 4 + 0 + 1 → 5;  r=5: 16 + 4·2 + 1 → 25.
    //   (17 + 7 + 5 + 25)/4 = 13.5;  kappa = 1 − 2/13.5 = 0.851851…
    #[test]
    fn quadratic_kappa_by_hand() {
        let pairs = [(1, 1), (2, 3), (3, 3), (5, 4)];
        let k = cohen_kappa(&once(pairs), &[1, 2, 3, 4, 5], Weights::Quadratic).expect("defined");
        assert!((k - (1.0 - 2.0 / 13.5)).abs() < 1e-12, "{k}");
        // Unweighted, binary: (1,1) (1,0) (0,0) (1,1): po = 3/4; pe = (3/4·2/4) + (1/4·2/4) = 1/2 → 0.5.
        let k = cohen_kappa(&once([(1, 1), (1, 0), (0, 0), (1, 1)]), &[0, 1], Weights::Unweighted).expect("defined");
        assert!((k - 0.5).abs() < 1e-12, "{k}");
        // The same pairs counted: (1,1) twice.
        let k = cohen_kappa(&[((1, 1), 2.0), ((1, 0), 1.0), ((0, 0), 1.0)], &[0, 1], Weights::Unweighted).expect("defined");
        assert!((k - 0.5).abs() < 1e-12, "{k}");
        assert_eq!(cohen_kappa(&once([(1, 1), (1, 1)]), &[0, 1], Weights::Unweighted), None);
        // no chance disagreement
    }

    // Units {1,1} {0,1} {0,0} {1} (the last unpairable). Coincidences: o11 = 2 + 1·… per unit:
    //   {1,1}: o11 += 2; {0,1}: o01 += 1, o10 += 1; {0,0}: o00 += 2.  n0 = 3, n1 = 3, n = 6.
    //   Nominal: Do = o01 + o10 = 2; De = n0·n1 + n1·n0 = 18; alpha = 1 − 5·2/18 = 0.444…
    #[test]
    fn krippendorff_by_hand() {
        let units = vec![vec![1, 1], vec![0, 1], vec![0, 0], vec![1]];
        let a = krippendorff_alpha(&once(units), &[0, 1], Level::Nominal).expect("defined");
        assert!((a - (1.0 - 10.0 / 18.0)).abs() < 1e-12, "{a}");
    }

    // Items as columns; rows (1,2,2) (2,3,3) (3,3,4) and one with a gap.
    //   Listwise (3 rows): variances 1, 1/3, 1; item sums 5, 8, 10 → variance 6.333…
    //   alpha = 3/2 · (1 − 2.333…/6.333…) = 1.5 · (4/6.333…) = 0.947368… (= 18/19)
    #[test]
    fn cronbach_by_hand() {
        let rows = vec![
            vec![Some(1.0), Some(2.0), Some(2.0)],
            vec![Some(2.0), Some(3.0), Some(3.0)],
            vec![Some(3.0), Some(3.0), Some(4.0)],
            vec![Some(5.0), None, Some(1.0)],
        ];
        let (a, n) = cronbach_alpha(&rows, Missing::Listwise).expect("defined");
        assert_eq!(n, 3);
        assert!((a - 18.0 / 19.0).abs() < 1e-12, "{a}");
    }
}
