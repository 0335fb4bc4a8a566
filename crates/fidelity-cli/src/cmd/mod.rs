//! One file per command (or per family of commands); each takes its parsed arguments and returns whether
//! every input was free of problems.

pub(crate) mod agreement;
pub(crate) mod audit;
pub(crate) mod checklist;
pub(crate) mod review;
pub(crate) mod score;
pub(crate) mod validate;
