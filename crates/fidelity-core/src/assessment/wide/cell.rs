//! The cell grammar of the wide layout, in one place for both readings of a row (the compiled plan and the
//! general reading): what an element, option or figure cell may hold.
//!
//! - element: `1`/`true`, `0`/`false` (any case), `na` (any case), blank;
//! - option: `1`, `0`, blank;
//! - figure: a whole number, blank.
//!
//! A number whose value is whole is that whole number in any notation (`1.0` is `1`): a spreadsheet or a
//! DataFrame column with a blank holds floats, and pandas writes them back as `1.0`.

use super::Cell;
use crate::tree::number::{whole, Whole};

/// What an element or option cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flag {
    Blank,
    One,
    Zero,
    Na,
    /// Anything else: a problem, reported by the general reading.
    Other,
}

/// An element cell.
#[inline]
pub(crate) fn element(cell: &Cell<'_>) -> Flag {
    match *cell {
        Cell::Number(n) => number(n),
        // The forms almost every cell has, without trimming or case folding.
        Cell::Text("1") => Flag::One,
        Cell::Text("0") => Flag::Zero,
        Cell::Text("") => Flag::Blank,
        Cell::Text(t) => {
            let t = t.trim();
            let is = |s: &str| t.eq_ignore_ascii_case(s);
            if is("true") {
                Flag::One
            } else if is("false") {
                Flag::Zero
            } else if is("na") {
                Flag::Na
            } else {
                text_number(t)
            }
        }
    }
}

/// An option cell: as an element cell, without `true`, `false` and `na`.
#[inline]
pub(crate) fn option(cell: &Cell<'_>) -> Flag {
    match *cell {
        Cell::Number(n) => number(n),
        // The forms almost every cell has, without trimming or the number grammar.
        Cell::Text("1") => Flag::One,
        Cell::Text("0") => Flag::Zero,
        Cell::Text("") => Flag::Blank,
        Cell::Text(t) => text_number(t.trim()),
    }
}

/// A figure cell: `Some(None)` for blank, `Some(Some(v))` for a whole number, `None` for anything else
/// (negative, fractional, text), which the general reading reports.
pub(crate) fn figure(cell: &Cell<'_>) -> Option<Option<u64>> {
    match *cell {
        Cell::Number(n) if n.is_nan() => Some(None),
        Cell::Number(n) => (n.fract() == 0.0 && (0.0..1e15).contains(&n)).then_some(Some(n as u64)),
        Cell::Text(t) => {
            let t = t.trim();
            if t.is_empty() {
                return Some(None);
            }
            // Plain digits, the form almost every figure cell has, without the general number grammar.
            if t.len() <= 15 && t.bytes().all(|b| b.is_ascii_digit()) {
                return t.parse().ok().map(Some);
            }
            match whole(t) {
                Some(Whole::Count(v)) => Some(Some(v)),
                _ => None,
            }
        }
    }
}

/// A trimmed text cell read as a number: blank, 1, 0, or other.
fn text_number(t: &str) -> Flag {
    if t.is_empty() {
        return Flag::Blank;
    }
    match whole(t) {
        Some(Whole::Count(1)) => Flag::One,
        Some(Whole::Count(0)) => Flag::Zero,
        _ => Flag::Other,
    }
}

fn number(n: f64) -> Flag {
    if n.is_nan() {
        Flag::Blank
    } else if n == 1.0 {
        Flag::One
    } else if n == 0.0 {
        Flag::Zero
    } else {
        Flag::Other
    }
}
