//! Text renderings for people: score reports and the checklist (`score`), the auditor's views (`audit`) and
//! the research statistics (`analysis`), as terminal tables or Markdown, with the provisional-rules notice.

pub(crate) mod analysis;
pub(crate) mod audit;
pub(crate) mod score;
