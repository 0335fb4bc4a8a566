//! Trends: the scores of each office across its periods, item by item, domain by domain and in total, from
//! score reports as they were computed (nothing is rescored). Periods scored under different scoring rules
//! are shown side by side with a warning; like-for-like deltas across them need `compare` and a crosswalk.

use crate::assessment::{Office, Rater, RaterKind};
use crate::error::{Error, ErrorCode, ErrorKind, Problem, Result};
use crate::report::{BankStamp, ScoreReport};
use crate::said;
use crate::text::Text;
use crate::warning::Warning;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub const TREND_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Trend {
    pub trend_format: u32,
    /// The scoring rules are provisional (the bank's notice, from the latest report).
    pub notice: Text,
    /// Offices by id.
    pub offices: Vec<OfficeTrend>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OfficeTrend {
    pub office: Office,
    /// The reports, by period (a self-assessment before an external review of the same period).
    pub points: Vec<TrendPoint>,
    /// One row per item; `scores[k]` belongs to `points[k]` (null: incomplete, not applicable or absent).
    pub items: Vec<ItemTrend>,
    pub domains: Vec<DomainTrend>,
    pub total_mean: Vec<Option<f64>>,
    pub total_sum: Vec<Option<u32>>,
    pub level: Vec<Option<String>>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TrendPoint {
    pub period: String,
    pub rater: Rater,
    pub bank: BankStamp,
    pub engine_version: String,
}

/// An item's scores, one per point (null: incomplete, not applicable, or not in that version).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ItemTrend {
    pub id: String,
    pub domain: String,
    pub values: Vec<Option<u8>>,
}

/// A domain's means, one per point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DomainTrend {
    pub id: String,
    pub values: Vec<Option<f64>>,
}

/// A row while it is built: id, domain, a value per point.
struct Row<T> {
    id: String,
    domain: String,
    values: Vec<Option<T>>,
}

/// Groups reports by office and orders each office's reports by period. Refuses reports of different banks
/// for one office.
pub fn trend(reports: &[ScoreReport]) -> Result<Trend> {
    let mut by_office: std::collections::BTreeMap<&str, Vec<&ScoreReport>> = Default::default();
    for r in reports {
        by_office.entry(r.office.id.as_str()).or_default().push(r);
    }
    let mut offices = Vec::new();
    for (id, mut rs) in by_office {
        rs.sort_by(|a, b| {
            a.period
                .cmp(&b.period)
                .then(a.rater.kind.as_str().cmp(b.rater.kind.as_str()).reverse())
        });
        if let Some(other) = rs.iter().find(|r| r.bank.id != rs[0].bank.id) {
            return Err(Error::one(
                ErrorKind::Assessment,
                Problem::new(
                    ErrorCode::NotComparable,
                    "",
                    said!(
                        "事務所 {id} に二つの項目バンク（{} と {}）の採点結果があります。推移は一つの項目バンクでたどります",
                        "office {id} has reports of two banks ({} and {}); a trend follows one bank",
                        rs[0].bank.id,
                        other.bank.id
                    ),
                ),
            ));
        }
        offices.push(office_trend(&rs));
    }
    let notice = reports.last().map(|r| r.notice.clone()).unwrap_or(Text {
        ja: String::new(),
        en: None,
    });
    Ok(Trend {
        trend_format: TREND_FORMAT,
        notice,
        offices,
    })
}

/// Rows in first-seen order over the points, each with a value per point.
fn rows<T: Clone>(rs: &[&ScoreReport], entries: impl Fn(&ScoreReport) -> Vec<(String, String, Option<T>)>) -> Vec<Row<T>> {
    let mut out: Vec<Row<T>> = Vec::new();
    for (k, r) in rs.iter().enumerate() {
        for (id, domain, value) in entries(r) {
            let row = match out.iter().position(|x| x.id == id) {
                Some(i) => &mut out[i],
                None => {
                    out.push(Row {
                        id,
                        domain,
                        values: vec![None; rs.len()],
                    });
                    let last = out.len() - 1;
                    &mut out[last]
                }
            };
            row.values[k] = value;
        }
    }
    out
}

fn office_trend(rs: &[&ScoreReport]) -> OfficeTrend {
    // A period with a consensus has it as its rating of record: its other ratings are left out, and said so.
    let mut warnings = Vec::new();
    let of_record = |r: &ScoreReport| r.rater.kind == RaterKind::Consensus;
    let kept: Vec<&ScoreReport> = rs
        .iter()
        .copied()
        .filter(|r| of_record(r) || !rs.iter().any(|c| of_record(c) && c.period == r.period))
        .collect();
    for c in rs.iter().filter(|r| of_record(r)) {
        let left_out = rs.iter().filter(|r| r.period == c.period && !of_record(r)).count();
        if left_out > 0 {
            warnings.push(Warning::consensus_of_record(&c.period, &c.consensus_raters(), left_out));
        }
    }
    let rs = kept.as_slice();
    let latest = rs[rs.len() - 1];
    let digests: std::collections::BTreeSet<(&str, &str)> = rs
        .iter()
        .map(|r| (r.bank.scoring_digest.as_str(), r.bank.version.as_str()))
        .collect();
    if digests.iter().map(|(d, _)| d).collect::<std::collections::BTreeSet<_>>().len() > 1 {
        let versions: Vec<&str> = digests.iter().map(|(_, v)| *v).collect();
        warnings.push(Warning::scoring_differs(&versions));
    }
    if rs.iter().any(|r| r.rater.kind != rs[0].rater.kind) {
        warnings.push(Warning::rater_kinds_mixed());
    }
    OfficeTrend {
        office: latest.office.clone(),
        points: rs
            .iter()
            .map(|r| TrendPoint {
                period: r.period.clone(),
                rater: r.rater.clone(),
                bank: r.bank.clone(),
                engine_version: r.engine_version.clone(),
            })
            .collect(),
        items: rows(rs, |r| r.items.iter().map(|i| (i.id.clone(), i.domain.clone(), i.score)).collect())
            .into_iter()
            .map(|r| ItemTrend {
                id: r.id,
                domain: r.domain,
                values: r.values,
            })
            .collect(),
        domains: rows(rs, |r| r.domains.iter().map(|d| (d.id.clone(), String::new(), d.mean)).collect())
            .into_iter()
            .map(|r| DomainTrend {
                id: r.id,
                values: r.values,
            })
            .collect(),
        total_mean: rs.iter().map(|r| r.total.mean).collect(),
        total_sum: rs.iter().map(|r| r.total.sum).collect(),
        level: rs.iter().map(|r| r.level.clone()).collect(),
        warnings,
    }
}
