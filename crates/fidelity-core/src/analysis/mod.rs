//! Research analytics over many score reports of one bank version: agreement between two raters of the same
//! office and period, internal consistency, and item and element statistics. Everything is computed from the
//! reports' own outcomes and scores, so missing data follow the scoring rules: an element counts only when it
//! is met or not met, an item only when it is scored. Formulas, references and missing-data rules:
//! docs/analysis.md.

mod agreement;
pub mod bootstrap;
pub mod chance;
mod distribution;
mod many;
mod periods;
mod reliability;
pub mod stats;
mod table;
mod tables;
mod units;

pub use agreement::{Agreement, Coefficient, ElementAgreement, Icc, ItemAgreement, TotalAgreement};
pub use bootstrap::{BootstrapOptions, BootstrapRun};
pub use distribution::{ElementFlag, ElementStats, ItemStats};
pub use many::{ManyElement, ManyItem, ManyRaters, ManyTotal};
pub use periods::{differences_csv, DifferenceRow, PeriodDifference};
pub use reliability::{ItemRest, Reliability, ScaleReliability};
pub use stats::Missing;
pub use table::{coefficients_csv, CoefficientName, CoefficientRow, Scope};

use crate::assessment::{Rater, RaterKind};
use crate::error::Said;
use crate::error::{Error, ErrorCode, ErrorKind, Problem, Result};
use crate::report::{BankStamp, ScoreReport};
use crate::said;
use crate::text::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub const ANALYSIS_FORMAT: u32 = 1;

/// What identifies a rater when reports are paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RaterKey {
    /// `self` or `external`.
    #[default]
    Kind,
    /// The rater's name (its kind where a report has none): for two external reviewers, say.
    Name,
}

/// How to analyse; every field has a default, so `{}` is a valid value.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AnalysisOptions {
    pub rater_key: RaterKey,
    /// The raters to compare, by key: two, or more for the many-rater coefficients (`many_raters`; the
    /// two-rater tables then compare the first two). Default: `self` and `external` by kind; by name, the two
    /// names present (an error when there are more).
    pub raters: Option<Vec<String>>,
    /// Restrict reliability and item statistics to one rater's reports (by key). Default: every report.
    pub only: Option<String>,
    /// Cronbach's alpha over complete rows only (`listwise`, the default) or each covariance over the rows
    /// that have both items (`pairwise`).
    pub missing: Option<Missing>,
    /// Bootstrap intervals for every agreement coefficient (and for the period difference): how many
    /// resamples, from which seed.
    pub bootstrap: Option<BootstrapOptions>,
    /// Two periods whose agreement to compare: every agreement coefficient in each, and the second's minus
    /// the first's (`period_difference`).
    pub periods: Option<[String; 2]>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Analysis {
    pub analysis_format: u32,
    /// The scoring rules are provisional, and so is every statistic computed from their scores.
    pub notice: Text,
    pub bank: BankStamp,
    /// Reports analysed (all of them for agreement; `reliability.rows` says how many the rest used).
    pub assessments: u32,
    /// Consensus ratings among the input, left out of every statistic (they are not independent ratings).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub consensus_left_out: u32,
    pub agreement: Agreement,
    /// Agreement among every named rater, when three or more are named.
    pub many_raters: Option<ManyRaters>,
    pub reliability: Reliability,
    pub items: Vec<ItemStats>,
    pub elements: Vec<ElementStats>,
    /// The bootstrap run for the long table's percentile and BCa intervals, when one was asked for.
    pub bootstrap: Option<BootstrapRun>,
    /// Agreement in the two periods asked for, and its change.
    pub period_difference: Option<PeriodDifference>,
    /// Every coefficient above in one long table (`scope`, `id`, `coefficient`, `value`, `se`, `ci95`, `n`).
    pub coefficients: Vec<CoefficientRow>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// The key of a rater under `key`.
fn rater_key(rater: &Rater, key: RaterKey) -> String {
    match (key, &rater.name) {
        (RaterKey::Name, Some(name)) => name.clone(),
        _ => rater.kind.as_str().to_string(),
    }
}

fn problem(path: &str, message: Said) -> Error {
    Error::one(ErrorKind::Assessment, Problem::new(ErrorCode::RaterPairing, path, message))
}

/// Analyses reports of one bank version (equal scoring digests).
pub fn analyze(reports: &[ScoreReport], options: &AnalysisOptions) -> Result<Analysis> {
    // Agreement and reliability are of independent ratings: a consensus record is never one.
    let independent: Vec<ScoreReport> = reports.iter().filter(|r| r.rater.kind != RaterKind::Consensus).cloned().collect();
    let consensus_left_out = (reports.len() - independent.len()) as u32;
    let reports = independent.as_slice();
    let first = reports.first().ok_or_else(|| {
        problem(
            "",
            Said::new(
                "分析する評価がありません。一つ以上必要です",
                "no assessments to analyse; expected at least one",
            ),
        )
    })?;
    for (n, r) in reports.iter().enumerate() {
        if r.bank.id != first.bank.id || r.bank.scoring_digest != first.bank.scoring_digest {
            return Err(Error::one(
                ErrorKind::Assessment,
                Problem::new(
                    ErrorCode::NotComparable,
                    format!("reports[{n}].bank"),
                    said!(
                        "{}@{} は {}@{} と採点が異なります（採点ダイジェストが違います）。一度に分析するのは一つの版だけにしてください",
                        "{}@{} scores differently from {}@{} (scoring digests differ); analyse one bank version at a time",
                        r.bank.id,
                        r.bank.version,
                        first.bank.id,
                        first.bank.version
                    ),
                ),
            ));
        }
    }
    let keys: Vec<String> = reports.iter().map(|r| rater_key(&r.rater, options.rater_key)).collect();
    let raters: Vec<String> = match &options.raters {
        Some(list) if list.len() < 2 => {
            return Err(problem(
                "raters",
                said!(
                    "評価者が {} 人です。二人以上を指定してください",
                    "{} rater named; expected two or more",
                    list.len()
                ),
            ))
        }
        Some(list) => {
            if let Some(twice) = list.iter().enumerate().find_map(|(i, r)| list[..i].contains(r).then_some(r)) {
                return Err(problem(
                    "raters",
                    said!(
                        "{twice:?} が二度挙がっています。別々の評価者を指定してください",
                        "{twice:?} is named twice; expected different raters"
                    ),
                ));
            }
            list.clone()
        }
        None if options.rater_key == RaterKey::Kind => vec!["self".to_string(), "external".to_string()],
        None => {
            let mut present: Vec<&String> = keys.iter().collect();
            present.sort();
            present.dedup();
            match present.as_slice() {
                [a, b] => vec![(*a).clone(), (*b).clone()],
                _ => {
                    return Err(problem(
                        "raters",
                        said!(
                            "評価者の名前が {} 通りあります（{}）。二人にするか、比べる評価者を指定してください",
                            "{} rater names are present ({}); expected two, or name the raters to compare",
                            present.len(),
                            present.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                        ),
                    ))
                }
            }
        }
    };
    let units = units::units(reports, &keys, &raters)?;
    let tables = tables::Tables::new(&units, &raters, &first.items);
    let (agreement, many_raters) = tables.tables(&vec![1.0; units.len()], false);
    let rows: Vec<&ScoreReport> = match &options.only {
        Some(only) => reports.iter().zip(&keys).filter(|(_, k)| *k == only).map(|(r, _)| r).collect(),
        None => reports.iter().collect(),
    };
    let missing = options.missing.unwrap_or(Missing::Listwise);
    let reliability = reliability::reliability(first, &rows, missing, options.only.clone());
    let mut coefficients = table::coefficients(&agreement, many_raters.as_ref(), &reliability);
    let bootstrap = match options.bootstrap {
        Some(b) if b.resamples == 0 || b.resamples > bootstrap::MAX_RESAMPLES => {
            return Err(problem(
                "bootstrap.resamples",
                said!(
                    "再標本の数は 1 から {} までです（{} です）",
                    "expected 1 to {} resamples, found {}",
                    bootstrap::MAX_RESAMPLES,
                    b.resamples
                ),
            ))
        }
        Some(b) => Some(bootstrap::apply(&mut coefficients, &tables, units.len(), b)),
        None => None,
    };
    let period_difference = match &options.periods {
        Some(periods) => Some(periods::difference(&units, &tables, periods, options.bootstrap)?),
        None => None,
    };
    Ok(Analysis {
        analysis_format: ANALYSIS_FORMAT,
        notice: first.notice.clone(),
        bank: first.bank.clone(),
        assessments: reports.len() as u32,
        consensus_left_out,
        bootstrap,
        period_difference,
        coefficients,
        agreement,
        many_raters,
        reliability,
        items: distribution::items(first, &rows),
        elements: distribution::elements(first, &rows),
    })
}
