//! Comparing two score reports of one office: item, domain and total deltas, level change, elements newly met
//! and no longer met, status changes, and warnings when the two are not like for like.
//!
//! Two reports compare directly when their banks' scoring digests are equal (a patch release changes wording
//! only). Otherwise a checked crosswalk decides which items are comparable, and every mean is recomputed on
//! that common set; without one the comparison is refused. Earlier scores are never rescored.

use crate::assessment::{Office, Rater};
use crate::crosswalk::CheckedCrosswalk;
use crate::engine::Tally;
use crate::error::Said;
use crate::error::{Error, ErrorCode, ErrorKind, Problem, Result};
use crate::library::Library;
use crate::report::{BankStamp, ItemScore, ItemStatus, Outcome};
use crate::said;
use crate::text::Text;
pub use crate::warning::{Warning, WarningCode};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the comparison's JSON layout.
pub const COMPARISON_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Comparison {
    pub comparison_format: u32,
    /// The scoring rules are provisional (the bank's notice, from the newer report).
    pub notice: Text,
    pub old: Side,
    pub new: Side,
    pub basis: Basis,
    /// Items comparable under the basis, in the new version's order.
    pub items: Vec<ItemChange>,
    /// Items left out of the comparison, each with its reason.
    pub excluded: Vec<ExcludedItem>,
    /// Domain means recomputed on the comparable items (new version's domains).
    pub domains: Vec<MeanChange>,
    /// Total recomputed on the comparable items.
    pub total: TotalChange,
    pub level: LevelChange,
    /// Elements (mapped one to one with the same scoring) met in the new report and not in the old one.
    pub newly_met: Vec<ElementPair>,
    /// Elements met in the old report and not in the new one.
    pub no_longer_met: Vec<ElementPair>,
    pub warnings: Vec<Warning>,
}

/// What is compared on one side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Side {
    pub office: Office,
    pub period: String,
    pub rater: Rater,
    pub bank: BankStamp,
    pub engine_version: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BasisKind {
    /// Equal scoring digests: every item compares directly.
    SameScoring,
    /// A crosswalk between two versions with different scoring.
    Crosswalk,
}

impl From<BasisKind> for crate::words::Word {
    fn from(kind: BasisKind) -> Self {
        match kind {
            BasisKind::SameScoring => crate::words::Word::SameScoring,
            BasisKind::Crosswalk => crate::words::Word::ThroughCrosswalk,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Basis {
    pub kind: BasisKind,
    /// `id from → to` when a crosswalk is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crosswalk: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ItemChange {
    /// The item's id in the old version.
    pub old_id: String,
    /// The item's id in the new version.
    pub id: String,
    /// The new version's domain.
    pub domain: String,
    pub old_status: ItemStatus,
    pub new_status: ItemStatus,
    pub old_score: Option<u8>,
    pub new_score: Option<u8>,
    /// new − old, when both are scored.
    pub delta: Option<i8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExclusionReason {
    Added,
    Removed,
    Split,
    Merged,
    RuleChanged,
}

impl From<ExclusionReason> for crate::words::Word {
    fn from(reason: ExclusionReason) -> Self {
        use crate::words::Word;
        match reason {
            ExclusionReason::Added => Word::Added,
            ExclusionReason::Removed => Word::Removed,
            ExclusionReason::Split => Word::Split,
            ExclusionReason::Merged => Word::Merged,
            ExclusionReason::RuleChanged => Word::RuleChanged,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ExcludedItem {
    /// Old item ids (none when added).
    pub old_ids: Vec<String>,
    /// New item ids (none when removed).
    pub new_ids: Vec<String>,
    pub reason: ExclusionReason,
    /// The crosswalk's note, if it gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A mean on both sides over the same items. Items not applicable on either side are left out; a side's mean
/// is null when one of the items is incomplete on that side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MeanChange {
    pub id: String,
    /// Comparable items of this domain scored on both sides: what the means are over.
    pub items: u32,
    pub old_mean: Option<f64>,
    pub new_mean: Option<f64>,
    pub delta: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TotalChange {
    pub items: u32,
    pub old_sum: Option<u32>,
    pub new_sum: Option<u32>,
    pub old_mean: Option<f64>,
    pub new_mean: Option<f64>,
    pub delta_sum: Option<i64>,
    pub delta_mean: Option<f64>,
}

/// Each report's own level (over its whole version), and whether the two are defined alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LevelChange {
    pub old: Option<String>,
    pub new: Option<String>,
    pub changed: bool,
    /// False when the versions define levels differently, or items were excluded: then the two levels are
    /// over different rules or item sets and are shown, not compared.
    pub comparable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ElementPair {
    pub old_id: String,
    pub id: String,
}

fn side(r: &crate::report::ScoreReport) -> Side {
    Side {
        office: r.office.clone(),
        period: r.period.clone(),
        rater: r.rater.clone(),
        bank: r.bank.clone(),
        engine_version: r.engine_version.clone(),
    }
}

fn refuse(message: Said) -> Error {
    Error::one(ErrorKind::Assessment, Problem::new(ErrorCode::NotComparable, "", message))
}

/// Compares `old` with `new`. Refuses reports of different banks, and reports whose versions score
/// differently when `library` has no crosswalk from the old version to the new one.
pub fn compare(library: &Library, old: &crate::report::ScoreReport, new: &crate::report::ScoreReport) -> Result<Comparison> {
    let (a, b) = (&old.bank, &new.bank);
    if a.id != b.id {
        return Err(refuse(said!(
            "二つの採点結果は別の項目バンク（{} と {}）のものです。比べられるのは一つの項目バンクの版どうしだけです",
            "the reports use different banks ({} and {}); only versions of one bank compare",
            a.id,
            b.id
        )));
    }
    let crosswalk = if a.scoring_digest == b.scoring_digest {
        None
    } else {
        match library.crosswalk(&a.id, &a.version, &b.version)? {
            Some(c) => Some(c),
            None => {
                let (id, va, vb, da, db) = (&a.id, &a.version, &b.version, &a.scoring_digest, &b.scoring_digest);
                return Err(refuse(said!(
                    "{id}@{va} と {id}@{vb} は採点が異なり（採点ダイジェスト {da} と {db}）、{va} から {vb} への対応表（`{id}/crosswalks/`）もないため、得点を比べられません",
                    "{id}@{va} and {id}@{vb} score differently (scoring digests {da} and {db}), and there is no crosswalk from {va} to {vb} (`{id}/crosswalks/`): their scores cannot be compared"
                )));
            }
        }
    };
    Ok(build(old, new, crosswalk.as_ref()))
}

/// The pairs of comparable items and the excluded ones, from the crosswalk or, without one, by id.
fn pair_items<'r>(
    old: &'r crate::report::ScoreReport,
    new: &'r crate::report::ScoreReport,
    crosswalk: Option<&CheckedCrosswalk>,
) -> (Vec<(&'r ItemScore, &'r ItemScore)>, Vec<ExcludedItem>) {
    let find = |r: &'r crate::report::ScoreReport, id: &str| r.items.iter().find(|i| i.id == id);
    let Some(c) = crosswalk else {
        let pairs = new.items.iter().filter_map(|n| find(old, &n.id).map(|o| (o, n))).collect();
        return (pairs, Vec::new());
    };
    let mut pairs = Vec::new();
    let mut excluded = Vec::new();
    for n in &new.items {
        let Some(m) = c.of_new_item(&n.id) else { continue };
        if m.change.keeps_scoring() {
            if let Some(o) = m.from.first().and_then(|id| find(old, id)) {
                pairs.push((o, n));
            }
        }
    }
    // Excluded mappings in crosswalk order, once each.
    for m in c.crosswalk.items.iter().filter(|m| !m.change.keeps_scoring()) {
        use crate::crosswalk::Change::*;
        let reason = match m.change {
            Added => ExclusionReason::Added,
            Removed => ExclusionReason::Removed,
            Split => ExclusionReason::Split,
            Merged => ExclusionReason::Merged,
            RuleChanged | Same | Renamed => ExclusionReason::RuleChanged,
        };
        excluded.push(ExcludedItem {
            old_ids: m.from.clone(),
            new_ids: m.to.clone(),
            reason,
            note: m.note.clone(),
        });
    }
    (pairs, excluded)
}

/// Both sides' tallies over the pairs that count in means (not applicable on neither side), and how many
/// pairs that is. An incomplete item on a side leaves that side's means null.
fn tallies<'a>(pairs: impl Iterator<Item = &'a (&'a ItemScore, &'a ItemScore)>) -> (Tally, Tally, usize) {
    let (mut old, mut new, mut n) = (Tally::default(), Tally::default(), 0);
    for (o, i) in pairs.filter(|(o, i)| o.status != ItemStatus::NotApplicable && i.status != ItemStatus::NotApplicable) {
        old.count(o.status, o.score);
        new.count(i.status, i.score);
        n += 1;
    }
    (old, new, n)
}

/// The exact difference of two means over the same `n` items, as the correctly rounded quotient.
fn delta_mean(old_sum: Option<u32>, new_sum: Option<u32>, n: usize) -> Option<f64> {
    Some((f64::from(new_sum?) - f64::from(old_sum?)) / n as f64)
}

fn build(old: &crate::report::ScoreReport, new: &crate::report::ScoreReport, crosswalk: Option<&CheckedCrosswalk>) -> Comparison {
    let (pairs, excluded) = pair_items(old, new, crosswalk);
    let items: Vec<ItemChange> = pairs
        .iter()
        .map(|(o, n)| ItemChange {
            old_id: o.id.clone(),
            id: n.id.clone(),
            domain: n.domain.clone(),
            old_status: o.status,
            new_status: n.status,
            old_score: o.score,
            new_score: n.score,
            delta: match (o.score, n.score) {
                (Some(a), Some(b)) => Some(b as i8 - a as i8),
                _ => None,
            },
        })
        .collect();

    let domains = new
        .domains
        .iter()
        .map(|d| {
            let (was, is, n) = tallies(pairs.iter().filter(|(_, n)| n.domain == d.id));
            MeanChange {
                id: d.id.clone(),
                items: n as u32,
                old_mean: was.mean(),
                new_mean: is.mean(),
                delta: delta_mean(was.total_sum(), is.total_sum(), n),
            }
        })
        .collect();
    let (was, is, n) = tallies(pairs.iter());
    let (old_sum, new_sum) = (was.total_sum(), is.total_sum());
    let total = TotalChange {
        items: n as u32,
        old_sum,
        new_sum,
        old_mean: was.mean(),
        new_mean: is.mean(),
        delta_sum: new_sum.zip(old_sum).map(|(n, o)| i64::from(n) - i64::from(o)),
        delta_mean: delta_mean(old_sum, new_sum, n),
    };

    let levels_alike = crosswalk.is_none_or(|c| c.levels_same && excluded.is_empty());
    let level = LevelChange {
        old: old.level.clone(),
        new: new.level.clone(),
        changed: old.level != new.level,
        comparable: levels_alike,
    };

    // Element outcomes of elements that keep their scoring, in the new version's order.
    let old_outcomes: std::collections::BTreeMap<&str, Outcome> = old
        .items
        .iter()
        .flat_map(|i| i.elements.iter().map(|e| (e.id.as_str(), e.outcome)))
        .collect();
    let mut newly_met = Vec::new();
    let mut no_longer_met = Vec::new();
    let old_id_of = |new_id: &str| -> Option<String> {
        match crosswalk {
            None => Some(new_id.to_string()),
            Some(c) => c.old_element(new_id).map(str::to_owned),
        }
    };
    for e in new.items.iter().flat_map(|i| &i.elements) {
        let Some(old_id) = old_id_of(&e.id) else { continue };
        let Some(&before) = old_outcomes.get(old_id.as_str()) else {
            continue;
        };
        let pair = ElementPair { old_id, id: e.id.clone() };
        match (before == Outcome::Met, e.outcome == Outcome::Met) {
            (false, true) => newly_met.push(pair),
            (true, false) => no_longer_met.push(pair),
            _ => {}
        }
    }

    let mut warnings = Vec::new();
    if old.office.id != new.office.id {
        warnings.push(Warning::offices_differ(&old.office.id, &new.office.id));
    }
    if old.rater.kind != new.rater.kind {
        warnings.push(Warning::rater_kinds_differ(old.rater.kind, new.rater.kind));
    }
    if new.period <= old.period {
        warnings.push(Warning::period_not_later(&old.period, &new.period));
    }
    if !excluded.is_empty() {
        warnings.push(Warning::items_excluded(excluded.len(), items.len()));
    }
    if old.engine_version != new.engine_version {
        warnings.push(Warning::engine_versions_differ(&old.engine_version, &new.engine_version));
    }
    for r in [old, new].into_iter().filter(|r| r.consensus.is_some()) {
        warnings.push(Warning::consensus_of_record(&r.period, &r.consensus_raters(), 0));
    }

    Comparison {
        comparison_format: COMPARISON_FORMAT,
        notice: new.notice.clone(),
        old: side(old),
        new: side(new),
        basis: Basis {
            kind: if crosswalk.is_some() {
                BasisKind::Crosswalk
            } else {
                BasisKind::SameScoring
            },
            crosswalk: crosswalk.map(|c| format!("{} {} → {}", c.crosswalk.bank, c.crosswalk.from, c.crosswalk.to)),
        },
        items,
        excluded,
        domains,
        total,
        level,
        newly_met,
        no_longer_met,
        warnings,
    }
}
