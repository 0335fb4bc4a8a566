//! fidelity-core: the 生活保護就労支援プログラム checklist (and any bank in the same format) as versioned item
//! banks with declarative scoring rules, and the engine that scores an office's assessment against them.
//!
//! Data flows one way: text (YAML / JSON / CSV row) → positioned tree ([`tree`]) → checked [`Assessment`]
//! → [`score()`] → [`ScoreReport`]. Banks are checked once on load ([`Bank`]); nothing downstream re-checks.
//!
//! The scoring rules of the built-in bank are the project's provisional decisions: the manual publishes none.

pub mod assessment;
pub mod bank;
pub mod builtin;
pub mod error;
pub mod fraction;
pub mod report;
pub mod schema;
pub mod score;
pub mod text;
pub mod tree;

pub use assessment::{Answer, Assessment, Office, Rater, RaterKind};
pub use bank::Bank;
pub use error::{Error, ErrorCode, ErrorKind, Problem, Result};
pub use report::ScoreReport;
pub use score::{score, ENGINE_VERSION};
pub use text::{Lang, Text};

/// The bank an assessment text names (`bank:`), or the default built-in bank `seiho-shuro`.
pub fn declared(text: &str) -> String {
    assessment::declared_bank(text).unwrap_or_else(|| "seiho-shuro".to_string())
}

/// Parses an assessment (YAML or JSON) against `bank` and scores it.
pub fn score_text(bank: &Bank, text: &str) -> Result<ScoreReport> {
    Assessment::from_text(text, bank).map(|a| score(bank, &a))
}
