//! Assessments: one office's answers to one bank version, as a self-assessment or an external review.
//! `parse` reads YAML or JSON text against a bank; `wide` reads the one-office-per-row CSV layout.

mod parse;
mod record;
pub mod template;
pub mod wide;

use crate::bank::{Bank, Evidence};
use crate::error::{ErrorCode, Problem};
use crate::said;
pub use record::{file_digest, unsettled, ConsensusRecord, DataSource, ItemRecord, SourceRating};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A checked assessment: every element id, option key and figure in it exists in the bank it was read with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// `id@version` of the bank the answers are for; when absent, the bank that scores it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank: Option<String>,
    pub office: Office,
    /// Fiscal year or date of the assessment, e.g. "2025".
    pub period: String,
    pub rater: Rater,
    /// Answers by element id. An element that is absent or null is unanswered.
    pub answers: BTreeMap<String, Answer>,
    /// The rater's findings per element id: what was seen, who said it. Never scored.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub findings: BTreeMap<String, String>,
    /// Per item id: the data sources the rating used and a comment. Never scored.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub items: BTreeMap<String, ItemRecord>,
    /// A consensus rating's record (rater kind `consensus` only): the two independent ratings it settles and
    /// the reason for every answer that differs from either.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consensus: Option<ConsensusRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Office {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rater {
    pub kind: RaterKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The date of the rating, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RaterKind {
    /// The office's own self-assessment.
    #[serde(rename = "self")]
    SelfAssessment,
    /// An external reviewer's rating.
    External,
    /// Two independent ratings reconciled into one (it carries a [`ConsensusRecord`]).
    Consensus,
}

impl RaterKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RaterKind::SelfAssessment => "self",
            RaterKind::External => "external",
            RaterKind::Consensus => "consensus",
        }
    }

    pub fn parse(s: &str) -> Option<RaterKind> {
        match s {
            "self" => Some(RaterKind::SelfAssessment),
            "external" => Some(RaterKind::External),
            "consensus" => Some(RaterKind::Consensus),
            _ => None,
        }
    }
}

/// One element's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Answer {
    /// The rater's judgement: met or not (any element).
    Judgement(bool),
    /// Not applicable (only where the element allows it).
    Na(NaMarker),
    /// The selected option keys (option elements).
    Options(Vec<String>),
    /// The figure inputs (figure elements).
    Figures(BTreeMap<String, u64>),
}

/// An answer as YAML writes it (`true`, `na`, `[a, b]`, `{k: 1}`): how worksheets and messages show it.
impl std::fmt::Display for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Answer::Judgement(b) => write!(f, "{b}"),
            Answer::Na(_) => f.write_str("na"),
            Answer::Options(keys) => write!(f, "[{}]", keys.join(", ")),
            Answer::Figures(values) => {
                let v: Vec<String> = values.iter().map(|(k, v)| format!("{k}: {v}")).collect();
                write!(f, "{{{}}}", v.join(", "))
            }
        }
    }
}

/// The string `na`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NaMarker {
    Na,
}

/// Each problem under an element's answer, finding or consensus reason names the element (`answers.B-1.6.capacity`
/// is about `B-1.6`, `answers.B-1.1[1]` about `B-1.1`): element ids hold dots, so the longest prefix of the
/// rest of the path that the bank defines is the one.
pub(crate) fn name_elements(bank: &Bank, problems: &mut [Problem]) {
    for p in problems {
        let rest = ["answers.", "findings.", "consensus.reasons."]
            .iter()
            .find_map(|prefix| p.path.strip_prefix(prefix));
        if let Some(rest) = rest {
            let ends = rest.match_indices(['.', '[']).map(|(i, _)| i).chain([rest.len()]);
            p.element = ends
                .rev()
                .map(|end| &rest[..end])
                .find(|id| bank.element(id).is_some())
                .map(String::from);
        }
    }
}

/// The problem of an element answered by judgement where strict validation wants its evidence.
pub fn evidence_required(bank: &Bank, id: &str) -> Problem {
    let (ja, en) = match bank.element(id).map(|e| e.element.criterion.evidence()) {
        Some(Evidence::Flags(_)) => (
            "当てはまる選択肢のリスト（どれも当てはまらなければ空のリスト）".to_string(),
            "the list of options that apply (an empty list when none does)".to_string(),
        ),
        Some(e @ Evidence::Counts(_)) => {
            let keys = e.keys().collect::<Vec<_>>().join(", ");
            (format!("数値（{keys}）"), format!("the figures {keys}"))
        }
        _ => ("根拠".to_string(), "its evidence".to_string()),
    };
    let mut problem = Problem::new(
        ErrorCode::EvidenceRequired,
        format!("answers.{id}"),
        said!(
            "判断だけで回答されています。厳格な検証では{ja}が必要です",
            "answered by judgement alone; strict validation expects {en}"
        ),
    );
    problem.element = Some(id.to_string());
    problem
}
