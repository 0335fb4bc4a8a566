//! fidelity-core: the 生活保護就労支援プログラム checklist (and any bank in the same format) as versioned item
//! banks with declarative scoring rules, and the engine that scores an office's assessment against them.
//!
//! Data flows one way: text (YAML / JSON / CSV row) → positioned tree → checked [`Assessment`] → [`score()`]
//! → [`ScoreReport`]. Banks are checked once on load ([`Bank`]); nothing downstream re-checks. What every
//! interface does with its caller's input on the way in (files, languages, batches, error classes) is
//! [`boundary`]'s.
//!
//! The scoring rules of the built-in bank are the project's provisional decisions: the manual publishes none.
//!
//! ```
//! let bank = fidelity_core::builtin::get("seiho-shuro")?; // latest built-in version
//! let text = "office: {id: '1'}\nperiod: '2025'\nrater: {kind: self}\nanswers: {A-6.1: true, A-6.2: true, A-6.3: true, A-6.4: false}\n";
//! let report = fidelity_core::score_text(&bank, text)?;
//! let a6 = report.items.iter().find(|i| i.id == "A-6").expect("A-6");
//! assert_eq!((a6.met, a6.applicable, a6.score), (3, 4, Some(4))); // 3/4 = 0.75 → 4
//! assert_eq!(report.level, None); // other items unanswered: no total, no level
//! # Ok::<(), fidelity_core::Error>(())
//! ```

// The public API (as cedar's `cedar-policy` is over its core): the names below, and the modules whose types
// a caller names. The CLI, the Python and the WASM bindings use nothing else.
pub mod analysis;
pub mod bank;
pub mod batch;
pub mod boundary;
pub mod builtin;
pub mod compare;
pub mod consensus;
pub mod crosswalk;
#[cfg(feature = "fhir")]
pub mod fhir;
pub mod form;
pub mod office_report;
pub mod redcap;
pub mod report;
pub mod schema;
pub mod trend;
pub mod verify;
pub mod words;
#[cfg(feature = "xlsx")]
pub mod workbook;

// The layers under it, in the direction data flows (README, "Design notes": Layers).
mod assessment;
#[cfg(feature = "encodings")]
mod csv_text;
mod engine;
mod error;
mod fraction;
mod input;
mod library;
mod text;
mod tree;
mod warning;

pub use analysis::{analyze, Analysis, AnalysisOptions};
pub use assessment::{
    template, Answer, Assessment, ConsensusRecord, DataSource, ItemRecord, NaMarker, Office, Rater, RaterKind, SourceRating,
};
pub use bank::Bank;
pub use compare::{compare, Comparison};
pub use engine::{score, score_text, scores, PlannedAnswers, PlannedScores, ScoringPlan, ENGINE_VERSION};
pub use error::{Error, ErrorCode, ErrorKind, Problem, Result, Said};
pub use library::Library;
pub use report::{ScoreReport, ScoreSummary};
pub use text::{Lang, Text};
pub use trend::{trend, Trend};
pub use verify::{verify, Verification};
pub use warning::{Warning, WarningCode};
pub use words::Word;
