//! The engine: a bank's rules compiled once into a plan ([`ScoringPlan`], kept by the bank), one scoring loop
//! over answers in plan order, and the traced report ([`score`]) as that loop with a recorder.
//!
//! Data flows one way: checked [`Assessment`] → answers in plan order → scores (and, for a report, each
//! element's outcome) → [`ScoreReport`]. The rules themselves are the bank's (`bank/rules.rs`).

mod plan;
mod tally;
mod trace;

pub use plan::{PlannedAnswers, PlannedScores, ScoringPlan, Slot};
pub use tally::Tally;
pub use trace::{score, ENGINE_VERSION};

use crate::assessment::Assessment;
use crate::bank::Bank;
use crate::error::Result;
use crate::report::{ScoreReport, ScoreSummary};

/// An assessment's scores alone (no trace): the plan run without a recorder. Equal to the scores of
/// [`score`]'s report, at a fraction of its cost.
pub fn scores(bank: &Bank, assessment: &Assessment) -> ScoreSummary {
    let plan = bank.plan();
    let mut out = PlannedScores::default();
    plan.score_into(&plan.answers(assessment), &mut out);
    plan.summary(&out)
}

/// Parses an assessment (YAML or JSON) against `bank` and scores it.
pub fn score_text(bank: &Bank, text: &str) -> Result<ScoreReport> {
    Assessment::from_text(text, bank).map(|a| score(bank, &a))
}
