//! What a review records beside the answers, never scored: the data sources and a comment per item, and for
//! a consensus rating the two independent ratings it settles and the reasons for its answers.

use super::{Answer, Rater};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Per item: where the rating's information came from, and a comment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemRecord {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<DataSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A data source of a rating, as fidelity reviews name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DataSource {
    StaffInterview,
    UserInterview,
    CaseRecords,
    Documents,
    Observation,
    Statistics,
    Other,
}

impl DataSource {
    pub const ALL: [DataSource; 7] = [
        DataSource::StaffInterview,
        DataSource::UserInterview,
        DataSource::CaseRecords,
        DataSource::Documents,
        DataSource::Observation,
        DataSource::Statistics,
        DataSource::Other,
    ];

    pub fn as_str(self) -> &'static str {
        [
            "staff_interview",
            "user_interview",
            "case_records",
            "documents",
            "observation",
            "statistics",
            "other",
        ][self as usize]
    }

    pub fn parse(s: &str) -> Option<DataSource> {
        DataSource::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// A consensus rating's record of what it settles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsensusRecord {
    /// The two independent ratings, as they were when the consensus began.
    pub ratings: Vec<SourceRating>,
    /// Why the consensus answers an element as it does, by element id: required for every element whose
    /// consensus answer differs from either rating's.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reasons: BTreeMap<String, String>,
}

/// One of the independent ratings a consensus settles: who, which office and period, the file's digest, and
/// its answers (so the consensus can be checked without the file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceRating {
    pub office: String,
    pub period: String,
    pub rater: Rater,
    /// The file's name as given when the consensus was drafted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// `sha256:` of the file's bytes.
    pub digest: String,
    pub answers: BTreeMap<String, Answer>,
}

/// The elements, in the order of `ids`, whose consensus answer (absent = unanswered) differs from either
/// rating's and that have no written reason: what keeps a consensus from being settled.
pub fn unsettled<'a>(ids: impl IntoIterator<Item = &'a str>, answers: &BTreeMap<String, Answer>, record: &ConsensusRecord) -> Vec<&'a str> {
    ids.into_iter()
        .filter(|id| {
            let own = answers.get(*id);
            let differs = record.ratings.iter().any(|r| r.answers.get(*id) != own);
            differs && record.reasons.get(*id).is_none_or(|r| r.trim().is_empty())
        })
        .collect()
}

/// `sha256:` of a file's bytes, as a consensus records its source ratings.
pub fn file_digest(bytes: &[u8]) -> String {
    crate::bank::digest::sha256_of(bytes)
}
