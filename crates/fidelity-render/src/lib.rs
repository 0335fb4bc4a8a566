//! fidelity-render: renderings for people, shared by the CLI and the Python binding so both show the same:
//! score reports (`score`), the checklist with its item texts and glossary (`checklist`), the auditor's views (`audit`) and the research statistics
//! (`analysis`), as terminal tables or Markdown; and HTML (`html`): the trend page with its SVG charts, and the
//! report and comparison fragments a notebook shows. Japanese by default, each with the provisional-rules
//! notice.
//! The words they share with every interface are the core's (`fidelity_core::Word`).

pub mod analysis;
pub mod audit;
pub mod checklist;
pub mod consensus;
pub mod fragment;
pub mod html;
pub mod office_report;
pub mod score;

/// What an absent value shows, in every rendering.
pub(crate) const NONE: &str = "—";

/// A value as written, or `NONE`.
pub(crate) fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or(NONE.into(), |x| x.to_string())
}

/// A mean to two decimals, or `NONE`.
pub(crate) fn mean(v: Option<f64>) -> String {
    v.map_or(NONE.into(), |m| format!("{m:.2}"))
}
