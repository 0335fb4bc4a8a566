//! fidelity-core: the 生活保護就労支援プログラム checklist (and any bank in the same format) as versioned item
//! banks with declarative scoring rules, and the engine that scores an office's assessment against them.
//!
//! Data flows one way: text (YAML / JSON / CSV row) → positioned tree ([`tree`]) → checked [`Assessment`]
//! → [`score()`] → [`ScoreReport`]. Banks are checked once on load ([`Bank`]); nothing downstream re-checks.
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

pub mod analysis;
pub mod assessment;
pub mod bank;
pub mod batch;
pub mod boundary;
pub mod builtin;
pub mod compare;
pub mod crosswalk;
pub mod engine;
pub mod error;
pub mod form;
pub mod fraction;
#[cfg(feature = "html")]
pub mod html;
pub mod input;
pub mod library;
pub mod report;
pub mod schema;
pub mod text;
pub mod tree;
pub mod trend;
pub mod verify;
pub mod warning;
pub mod words;

pub use analysis::{analyze, Analysis, AnalysisOptions};
pub use assessment::{Answer, Assessment, Office, Rater, RaterKind};
pub use bank::Bank;
pub use compare::{compare, Comparison};
pub use engine::{score, score_text, ENGINE_VERSION};
pub use error::{Error, ErrorCode, ErrorKind, Problem, Result};
pub use library::Library;
pub use report::ScoreReport;
pub use text::{Lang, Text};
pub use trend::{trend, Trend};
pub use verify::{verify, Verification};
pub use warning::{Warning, WarningCode};
pub use words::Word;
