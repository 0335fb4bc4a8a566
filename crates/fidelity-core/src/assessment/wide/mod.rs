//! The wide CSV layout researchers keep in spreadsheets: one office per row; columns `office_id`,
//! `office_name`, `period`, `rater_kind`; one column per element (`1`/`0`/blank/`na`); `A-3.4:relationship`
//! columns for options (`1`/`0`/blank) and `A-2.3:sessions_per_month` columns for figures. Filled evidence
//! columns decide over the element column. Other columns are allowed and carried through, so no data is lost.
//!
//! This module reads only: a [`WideLayout`] is the header checked against a bank; a row, given as [`Cell`]s
//! from a CSV ([`WideReader`]) or from a binding's columns, is read into an assessment (`tree_row`) with every
//! problem positioned at its cell. Scoring rows in bulk, and writing them back, is `crate::batch`'s.

pub(crate) mod cell;
mod guard;
mod reader;
mod tree_row;

pub use guard::MAX_LINE_BYTES;
pub(crate) use reader::{Record, Records};
pub use reader::{WideReader, MAX_ROWS};

use super::Assessment;
use crate::bank::{Bank, Evidence};
use crate::error::{Error, ErrorCode, ErrorKind, Pos, Problem, Result};
use crate::said;
use std::borrow::Cow;
use std::collections::HashMap;

/// The identity columns every row has (office_name may be absent from the header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixed {
    OfficeId,
    OfficeName,
    Period,
    RaterKind,
}

impl Fixed {
    pub const ALL: [Fixed; 4] = [Fixed::OfficeId, Fixed::OfficeName, Fixed::Period, Fixed::RaterKind];

    /// The column's name in a header.
    pub fn name(self) -> &'static str {
        FIXED_COLUMNS[self as usize]
    }

    /// Whether a row must fill it.
    pub fn required(self) -> bool {
        self != Fixed::OfficeName
    }

    /// Where the cell goes in an assessment.
    pub fn path(self) -> &'static str {
        ["office.id", "office.name", "period", "rater.kind"][self as usize]
    }
}

/// The identity columns' names, in [`Fixed::ALL`] order.
pub const FIXED_COLUMNS: [&str; 4] = ["office_id", "office_name", "period", "rater_kind"];
/// Most columns a wide table may have (a bank's template has about a hundred).
pub const MAX_COLUMNS: usize = 4096;
/// Longest accepted cell, in bytes (as for a YAML scalar).
pub const MAX_CELL_BYTES: usize = crate::tree::MAX_SCALAR_BYTES;

/// What a column of the input holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Column {
    Fixed(Fixed),
    Element(String),
    Option(String, String),
    Figure(String, String),
    /// What a review records beside the answers (never scored); carried through to the output as well.
    Review(Review),
    Extra,
}

/// A review's columns: `rater_name`, `rater_date`, `finding:A-1.1`, `sources:A-1`, `comment:A-1`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Review {
    RaterName,
    RaterDate,
    Finding(String),
    Sources(String),
    Comment(String),
}

impl Review {
    /// Whether a filled cell can need checking (a date, a list of sources): such a row is read the general way.
    pub(crate) fn checked(&self) -> bool {
        matches!(self, Review::RaterDate | Review::Sources(_))
    }

    /// Whether the column names the rating, so scores-only output keeps it beside the identity columns.
    pub(crate) fn names_rating(&self) -> bool {
        matches!(self, Review::RaterName | Review::RaterDate)
    }
}

/// The columns naming the rating beyond the identity ones: two reviewers of one office sit in one table.
pub const RATING_COLUMNS: [&str; 2] = ["rater_name", "rater_date"];

/// One cell as a source holds it: text (a CSV field, a string) or a number (a spreadsheet or DataFrame
/// column). A number means the text it is written as (`1.0` is `1`); NaN is a blank cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Text(&'a str),
    Number(f64),
}

impl Cell<'_> {
    /// The cell as text: whole numbers without a fraction part, NaN as blank.
    pub fn text(&self) -> Cow<'_, str> {
        match *self {
            Cell::Text(t) => Cow::Borrowed(t),
            Cell::Number(n) if n.is_nan() => Cow::Borrowed(""),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Cow::Owned(format!("{}", n as i64)),
            // serde_json's shortest round-trip form ("2.5", "1e20"): the float formatter the crate already
            // carries for reports, rather than a second one.
            Cell::Number(n) => Cow::Owned(
                serde_json::Number::from_f64(n).map_or_else(|| if n > 0.0 { "inf" } else { "-inf" }.to_string(), |x| x.to_string()),
            ),
        }
    }
}

/// One input row read the general way: its line, its assessment or problems, and its cells as written.
#[derive(Debug, Clone)]
pub struct WideRow {
    pub line: u64,
    pub assessment: std::result::Result<Assessment, Vec<Problem>>,
    /// The cells of every column but the four identity ones, as written (see `carried_columns`).
    pub carried: Vec<String>,
    /// The identity cells as written, so invalid rows can still be identified in the output.
    pub fixed: RowId,
}

/// A row's identity cells as written, indexed by [`Fixed`] (a blank for a column the header lacks).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowId(pub [String; 4]);

/// A header checked against a bank: what each column holds.
#[derive(Debug)]
pub struct WideLayout<'b> {
    pub(crate) bank: &'b Bank,
    pub(crate) columns: Vec<Column>,
    carried_names: Vec<String>,
    /// Where each of the [`Fixed`] columns is (office_name may be absent), and every carried column.
    pub(crate) fixed_at: [Option<usize>; 4],
    pub(crate) carried_at: Vec<usize>,
    /// Of the carried columns, those naming the rating (`rater_name`, `rater_date`): positions among the
    /// carried ones, which scores-only output keeps.
    pub(crate) rating_carried: Vec<usize>,
}

impl<'b> WideLayout<'b> {
    /// Checks a header. Element-like columns the bank does not know are errors, not extras, so a typo never
    /// silently drops answers.
    pub fn new<'h>(bank: &'b Bank, header: impl IntoIterator<Item = &'h str>) -> Result<Self> {
        let header: Vec<&str> = header.into_iter().collect();
        if header.len() > MAX_COLUMNS {
            return Err(Error::one(
                ErrorKind::Assessment,
                Problem::new(
                    ErrorCode::LimitExceeded,
                    "",
                    said!(
                        "表に {} 列あります。受け付けるのは {MAX_COLUMNS} 列までです",
                        "the table has {} columns; at most {MAX_COLUMNS} are accepted",
                        header.len()
                    ),
                )
                .at(Some(Pos { line: 1, column: 1 })),
            ));
        }
        let mut problems = Vec::new();
        let mut columns = Vec::new();
        let mut carried_names = Vec::new();
        let mut seen = HashMap::new();
        for (i, name) in header.into_iter().enumerate() {
            let name = name.trim();
            let at = Some(Pos {
                line: 1,
                column: i as u32 + 1,
            });
            if let Some(first) = seen.insert(name.to_string(), i + 1) {
                problems.push(
                    Problem::new(
                        ErrorCode::DuplicateKey,
                        name,
                        said!(
                            "列 `{name}` が二度あります（最初は {first} 列目）",
                            "column `{name}` appears twice (first as column {first})"
                        ),
                    )
                    .at(at),
                );
            }
            let column = classify(bank, name);
            if !matches!(column, Ok(Column::Fixed(_))) {
                carried_names.push(name.to_string());
            }
            match column {
                Ok(c) => columns.push(c),
                Err(p) => {
                    problems.push(p.at(at));
                    columns.push(Column::Extra);
                }
            }
        }
        for required in Fixed::ALL.into_iter().filter(|f| f.required()) {
            if !columns.contains(&Column::Fixed(required)) {
                let name = required.name();
                problems.push(
                    Problem::new(
                        ErrorCode::MissingField,
                        name,
                        said!("CSV には `{name}` 列が必要です", "the CSV needs a `{name}` column"),
                    )
                    .at(Some(Pos { line: 1, column: 1 })),
                );
            }
        }
        if !problems.is_empty() {
            return Err(Error::new(ErrorKind::Assessment, problems));
        }
        let fixed_at = Fixed::ALL.map(|f| columns.iter().position(|c| *c == Column::Fixed(f)));
        let carried_at: Vec<usize> = (0..columns.len()).filter(|i| !matches!(columns[*i], Column::Fixed(_))).collect();
        let rating_carried = (0..carried_at.len())
            .filter(|k| matches!(&columns[carried_at[*k]], Column::Review(r) if r.names_rating()))
            .collect();
        Ok(WideLayout {
            bank,
            columns,
            carried_names,
            fixed_at,
            carried_at,
            rating_carried,
        })
    }

    /// Names of the columns carried through to the output: every column but the four identity ones, in
    /// input order.
    pub fn carried_columns(&self) -> &[String] {
        &self.carried_names
    }

    /// The carried columns a scores-only output keeps (`rater_name`, `rater_date` when the input has them).
    pub fn rating_columns(&self) -> Vec<String> {
        self.rating_carried.iter().map(|k| self.carried_names[*k].clone()).collect()
    }

    /// How many columns a row has.
    pub fn width(&self) -> usize {
        self.columns.len()
    }

    /// Reads a row into an assessment (with its trace available through `score`), or every problem of it.
    /// `line` is where the row is (CSV line, or 1 + row number), for positions.
    pub fn read(&self, line: u64, cells: &[Cell<'_>]) -> WideRow {
        tree_row::read(self, line, cells)
    }

    /// The identity cells and the carried cells of a row, as written.
    pub fn identity(&self, cells: &[Cell<'_>]) -> (RowId, Vec<String>) {
        let mut fixed = RowId::default();
        let mut carried = Vec::new();
        for (column, cell) in self.columns.iter().zip(cells) {
            match column {
                Column::Fixed(f) => fixed.0[*f as usize] = cell.text().into_owned(),
                _ => carried.push(cell.text().into_owned()),
            }
        }
        (fixed, carried)
    }
}

/// What a header names. Columns that look like this bank's elements but are unknown are errors.
fn classify(bank: &Bank, name: &str) -> std::result::Result<Column, Problem> {
    if let Some(fixed) = Fixed::ALL.into_iter().find(|f| f.name() == name) {
        return Ok(Column::Fixed(fixed));
    }
    if name == RATING_COLUMNS[0] {
        return Ok(Column::Review(Review::RaterName));
    }
    if name == RATING_COLUMNS[1] {
        return Ok(Column::Review(Review::RaterDate));
    }
    let (id, key) = match name.split_once(':') {
        Some((id, key)) => (id, Some(key)),
        None => (name, None),
    };
    // `finding:A-1.1`, `sources:A-1`, `comment:A-1`: the element or item must be the bank's.
    let review = match id {
        "finding" => key.map(|k| (bank.element(k).is_some(), Review::Finding(k.to_string()), "element")),
        "sources" => key.map(|k| (bank.item(k).is_some(), Review::Sources(k.to_string()), "item")),
        "comment" => key.map(|k| (bank.item(k).is_some(), Review::Comment(k.to_string()), "item")),
        _ => None,
    };
    if let Some((known, column, what)) = review {
        return if known {
            Ok(Column::Review(column))
        } else {
            let key = key.unwrap_or_default();
            let (code, path) = match (what, id) {
                ("element", _) => (ErrorCode::UnknownElement, format!("findings.{key}")),
                (_, field) => (ErrorCode::UnknownReference, format!("items.{key}.{field}")),
            };
            let bank = bank.reference();
            let what_ja = if what == "element" { "要素" } else { "項目" };
            Err(Problem::new(
                code,
                path,
                said!(
                    "列 `{name}`: `{key}` は {bank} の{what_ja}ではありません",
                    "column `{name}`: `{key}` is not an {what} of {bank}"
                ),
            ))
        };
    }
    let Some(e) = bank.element(id) else {
        let looks_like_element = id
            .rsplit_once('.')
            .is_some_and(|(item, n)| bank.items().any(|(_, i)| i.id == item) && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        return if looks_like_element {
            Err(Problem::new(
                ErrorCode::UnknownElement,
                format!("answers.{id}"),
                said!(
                    "列 `{name}`: `{id}` は {} の要素ではありません",
                    "column `{name}`: `{id}` is not an element of {}",
                    bank.reference()
                ),
            ))
        } else {
            Ok(Column::Extra)
        };
    };
    let Some(key) = key else {
        return Ok(Column::Element(id.to_string()));
    };
    let evidence = e.element.criterion.evidence();
    let known = evidence.keys().any(|k| k == key);
    match evidence {
        Evidence::Flags(_) if known => Ok(Column::Option(id.to_string(), key.to_string())),
        Evidence::Counts(_) if known => Ok(Column::Figure(id.to_string(), key.to_string())),
        Evidence::Flags(_) => Err(Problem::new(
            ErrorCode::UnknownOption,
            format!("answers.{id}.{key}"),
            said!(
                "列 `{name}`: `{key}` は {id} の選択肢ではありません",
                "column `{name}`: `{key}` is not an option of {id}"
            ),
        )),
        Evidence::Counts(_) => Err(Problem::new(
            ErrorCode::UnknownFigure,
            format!("answers.{id}.{key}"),
            said!(
                "列 `{name}`: `{key}` は {id} の数値ではありません",
                "column `{name}`: `{key}` is not an input of {id}"
            ),
        )),
        Evidence::None => Err(Problem::new(
            ErrorCode::UnknownKey,
            format!("answers.{id}.{key}"),
            said!(
                "列 `{name}`: {id} には選択肢も数値もありません",
                "column `{name}`: {id} has no options or figures"
            ),
        )),
    }
}
