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
    /// `1` (true) or `0` (false): a value, not two variants, so a row of random answers is read without a
    /// branch on each.
    Bit(bool),
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
        Cell::Text("1") => Flag::Bit(true),
        Cell::Text("0") => Flag::Bit(false),
        Cell::Text("") => Flag::Blank,
        Cell::Text(t) => {
            let t = t.trim();
            let is = |s: &str| t.eq_ignore_ascii_case(s);
            if is("true") {
                Flag::Bit(true)
            } else if is("false") {
                Flag::Bit(false)
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
        Cell::Text("1") => Flag::Bit(true),
        Cell::Text("0") => Flag::Bit(false),
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
        Some(Whole::Count(1)) => Flag::Bit(true),
        Some(Whole::Count(0)) => Flag::Bit(false),
        _ => Flag::Other,
    }
}

fn number(n: f64) -> Flag {
    if n.is_nan() {
        Flag::Blank
    } else if n == 1.0 {
        Flag::Bit(true)
    } else if n == 0.0 {
        Flag::Bit(false)
    } else {
        Flag::Other
    }
}

/// A cell as the compiled plan reads it: a table's value, or a CSV field's bytes, read without making text
/// of it first (almost every field is `1`, `0` or blank). Each reading is the grammar above: a field in any
/// other form is made text and read by the functions above.
pub(crate) trait Plain<'a>: Copy {
    /// The cell as a table holds it; `None` for a field that is not UTF-8 text.
    fn cell(self) -> Option<Cell<'a>>;
    /// Its length in bytes as written (0 for a number).
    fn width(self) -> usize;

    fn element(self) -> Flag {
        self.cell().map_or(Flag::Other, |c| element(&c))
    }

    fn option(self) -> Flag {
        self.cell().map_or(Flag::Other, |c| option(&c))
    }

    fn figure(self) -> Option<Option<u64>> {
        self.cell().and_then(|c| figure(&c))
    }
}

impl<'a> Plain<'a> for Cell<'a> {
    #[inline]
    fn cell(self) -> Option<Cell<'a>> {
        Some(self)
    }

    #[inline]
    fn width(self) -> usize {
        match self {
            Cell::Text(t) => t.len(),
            Cell::Number(_) => 0,
        }
    }
}

impl<'a> Plain<'a> for &'a [u8] {
    #[inline]
    fn cell(self) -> Option<Cell<'a>> {
        std::str::from_utf8(self).ok().map(Cell::Text)
    }

    #[inline]
    fn width(self) -> usize {
        self.len()
    }

    #[inline]
    fn element(self) -> Flag {
        bit_or(self, element)
    }

    #[inline]
    fn option(self) -> Flag {
        bit_or(self, option)
    }

    #[inline]
    fn figure(self) -> Option<Option<u64>> {
        // Plain digits, as `figure` reads them, without making text of them.
        if (1..=15).contains(&self.len()) && self.iter().all(u8::is_ascii_digit) {
            return Some(Some(self.iter().fold(0, |v, d| v * 10 + u64::from(d - b'0'))));
        }
        self.cell().and_then(|c| figure(&c))
    }
}

/// A field's `0`, `1` or blank, read from its bytes; any other field as text, by `general`.
#[inline]
fn bit_or(field: &[u8], general: fn(&Cell<'_>) -> Flag) -> Flag {
    match field {
        [b @ (b'0' | b'1')] => Flag::Bit(*b == b'1'),
        [] => Flag::Blank,
        _ => field.cell().map_or(Flag::Other, |c| general(&c)),
    }
}
