//! The score report: what a score is, with everything needed to explain and reproduce it.
//! Its JSON form is the data contract shared by the CLI, the Python and the WASM bindings.

use crate::assessment::{DataSource, Office, Rater};
use crate::bank::FigureTest;
use crate::text::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the report's JSON layout; readers accept every version up to their own.
pub const REPORT_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ScoreReport {
    pub report_format: u32,
    pub bank: BankStamp,
    /// Version of the fidelity engine that computed the scores.
    pub engine_version: String,
    /// The scoring rules are the project's provisional decisions; shown wherever scores are shown.
    pub notice: Text,
    pub office: Office,
    pub period: String,
    pub rater: Rater,
    pub items: Vec<ItemScore>,
    pub domains: Vec<DomainScore>,
    pub total: Total,
    /// Level id (e.g. `high`), or null when the total is null.
    pub level: Option<String>,
    /// Elements whose criterion takes evidence (△ options or figures) but that were answered by judgement
    /// alone (`true`/`false`), in bank order: accepted, but flagged; strict validation refuses them. Absent
    /// from reports written before it existed, which read as none.
    #[serde(default)]
    pub judged_without_evidence: Vec<String>,
    /// For a consensus rating: the two independent ratings it settles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consensus: Option<ConsensusStamp>,
}

impl ScoreReport {
    /// A consensus's source raters by name (their kind where they have none); none for another rating.
    pub fn consensus_raters(&self) -> Vec<String> {
        let ratings = self.consensus.iter().flat_map(|c| &c.ratings);
        ratings
            .map(|s| s.rater.name.clone().unwrap_or_else(|| s.rater.kind.as_str().into()))
            .collect()
    }
}

/// The independent ratings a consensus settles, as its report names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ConsensusStamp {
    pub ratings: Vec<RatingStamp>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RatingStamp {
    pub rater: Rater,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// `sha256:` of the rating's file.
    pub digest: String,
}

/// Which rules produced the scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BankStamp {
    pub id: String,
    pub version: String,
    pub content_digest: String,
    pub scoring_digest: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Every applicable element answered: the item has a score.
    Scored,
    /// Some applicable element unanswered: no score.
    Incomplete,
    /// Every element `na`: no score, and the item is left out of means.
    NotApplicable,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ItemScore {
    pub id: String,
    pub domain: String,
    pub status: ItemStatus,
    /// 1..5, or null unless scored.
    pub score: Option<u8>,
    /// met / applicable, or null unless scored.
    pub rate: Option<f64>,
    pub met: u32,
    pub applicable: u32,
    pub answered: u32,
    /// Met elements by tier, for items scored by the anchors rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tiers: Option<TierCounts>,
    pub elements: Vec<ElementTrace>,
    /// The data sources the rating used for this item (never scored).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<DataSource>,
    /// The rater's comment on this item (never scored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TierCounts {
    pub basic_met: u32,
    pub advanced_met: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Met,
    NotMet,
    Na,
    Unanswered,
}

/// Which form of answer decided an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecidedBy {
    Judgement,
    Options,
    Figure,
}

/// How one element was decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ElementTrace {
    pub id: String,
    pub outcome: Outcome,
    /// Null for unanswered and `na` elements.
    pub decided_by: Option<DecidedBy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<OptionsTrace>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<FigureTrace>,
    /// The rater's finding on this element (never scored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<String>,
    /// A consensus's reason for its answer to this element.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl ElementTrace {
    /// The trace without what the rater wrote beside the answer: what decides and explains the score.
    pub fn scoring_part(&self) -> ElementTrace {
        ElementTrace {
            finding: None,
            reason: None,
            ..self.clone()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OptionsTrace {
    pub selected: Vec<String>,
    /// How many had to be selected.
    pub required: u32,
    /// How many options there are.
    pub of: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FigureTrace {
    pub values: BTreeMap<String, u64>,
    /// The threshold applied, as the bank states it.
    pub test: FigureTest,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DomainScore {
    pub id: String,
    /// Mean of the scored items; null if any item is incomplete or none is scored.
    pub mean: Option<f64>,
    /// False when any item of the domain is incomplete.
    pub complete: bool,
    /// How many items the mean is over.
    pub scored_items: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Total {
    /// Sum of all scored item scores; null if any item is incomplete.
    pub sum: Option<u32>,
    /// Mean of all scored item scores; null if any item is incomplete.
    pub mean: Option<f64>,
    pub scored_items: u32,
}

/// The scores alone, without the trace: what the wide CSV output and batch scoring carry per office.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ScoreSummary {
    /// Item scores in the bank's item order (null unless scored).
    pub items: Vec<Option<u8>>,
    /// Domain means in the bank's domain order.
    pub domains: Vec<Option<f64>>,
    pub total: Total,
    pub level: Option<String>,
    /// As the report's `judged_without_evidence`; left out when empty (a batch of thousands stays small).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub judged_without_evidence: Vec<String>,
}

impl From<&ScoreReport> for ScoreSummary {
    fn from(r: &ScoreReport) -> Self {
        ScoreSummary {
            items: r.items.iter().map(|i| i.score).collect(),
            domains: r.domains.iter().map(|d| d.mean).collect(),
            total: r.total.clone(),
            level: r.level.clone(),
            judged_without_evidence: r.judged_without_evidence.clone(),
        }
    }
}
