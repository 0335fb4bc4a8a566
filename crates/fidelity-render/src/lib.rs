//! fidelity-render: text renderings for people, shared by the CLI and the Python binding so both print the
//! same: score reports and the checklist (`score`), the auditor's views (`audit`) and the research statistics
//! (`analysis`), as terminal tables or Markdown, Japanese by default, each with the provisional-rules notice.
//! The words they share with every interface are the core's (`fidelity_core::Word`).

pub mod analysis;
pub mod audit;
pub mod score;
