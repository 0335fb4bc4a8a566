//! The wide CSV layout researchers keep in spreadsheets: one office per row; columns `office_id`,
//! `office_name`, `period`, `rater_kind`; one column per element (`1`/`0`/blank/`na`); `A-3.4:relationship`
//! columns for options (`1`/`0`/blank) and `A-2.3:sessions_per_month` columns for figures. Filled evidence
//! columns decide over the element column. Other columns are allowed; every input column is carried through
//! to the scored output unchanged, so no data is lost.
//!
//! A [`WideLayout`] is the header checked against a bank. Rows are given to it as [`Cell`]s, from a CSV
//! ([`WideReader`]) or from a binding's columns. Two readings of a row give the same result:
//! - [`WideLayout::read`] (`tree_row`) builds the assessment with its trace and every problem positioned;
//! - [`WideLayout::summarize`] (`plan`) computes the scores alone from a plan compiled once per header, and
//!   hands any row it does not find plainly valid to `read`, so problems are always the general reading's.

mod cell;
mod plan;
mod tree_row;

use super::Assessment;
use crate::bank::{Bank, Criterion};
use crate::engine::score;
use crate::error::{Error, ErrorCode, ErrorKind, Pos, Problem, Result};
use crate::report::ScoreSummary;
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Read;

pub const FIXED_COLUMNS: [&str; 4] = ["office_id", "office_name", "period", "rater_kind"];
/// Most columns a wide table may have (a bank's template has about a hundred).
pub const MAX_COLUMNS: usize = 4096;
/// Longest accepted cell, in bytes (as for a YAML scalar).
pub const MAX_CELL_BYTES: usize = crate::tree::MAX_SCALAR_BYTES;
/// Most rows a CSV may have; rows are streamed, so memory does not grow with them.
pub const MAX_ROWS: u64 = 10_000_000;
/// Longest accepted line of a CSV file, in bytes: a file with no line ends cannot fill memory.
pub const MAX_LINE_BYTES: usize = 16 * 1024 * 1024;
const REQUIRED_COLUMNS: [&str; 3] = ["office_id", "period", "rater_kind"];

/// What a column of the input holds.
#[derive(Debug, Clone, PartialEq)]
enum Column {
    Fixed(&'static str),
    Element(String),
    Option(String, String),
    Figure(String, String),
    Extra,
}

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

/// The input header for a bank: fixed columns, then each element with its option or figure columns.
pub fn template_header(bank: &Bank) -> Vec<String> {
    let mut out: Vec<String> = FIXED_COLUMNS.iter().map(|c| c.to_string()).collect();
    for e in bank.elements() {
        out.push(e.element.id.clone());
        match &e.element.criterion {
            Criterion::Check => {}
            Criterion::Options { options, .. } => out.extend(options.iter().map(|o| format!("{}:{}", e.element.id, o.key))),
            Criterion::Figure { inputs, .. } => out.extend(inputs.iter().map(|i| format!("{}:{}", e.element.id, i.key))),
        }
    }
    out
}

/// One input row read the general way: its line, its assessment or problems, and its cells as written.
#[derive(Debug, Clone)]
pub struct WideRow {
    pub line: u64,
    pub assessment: std::result::Result<Assessment, Vec<Problem>>,
    /// The cells of every column but the four identity ones, as written (see `carried_columns`).
    pub carried: Vec<String>,
    /// The fixed cells as written, so invalid rows can still be identified in the output.
    pub fixed: [String; 4],
}

/// One input row scored: its cells as written and its scores or problems.
#[derive(Debug, Clone)]
pub struct ScoredRow {
    pub line: u64,
    pub scores: std::result::Result<ScoreSummary, Vec<Problem>>,
    pub carried: Vec<String>,
    pub fixed: [String; 4],
}

/// A header checked against a bank: what each column holds, and the scoring plan, compiled on first use
/// (callers that only `read` never pay for it).
#[derive(Debug)]
pub struct WideLayout<'b> {
    bank: &'b Bank,
    columns: Vec<Column>,
    carried_names: Vec<String>,
    /// Where each of `FIXED_COLUMNS` is (office_name may be absent), and every carried column.
    fixed_at: [Option<usize>; 4],
    carried_at: Vec<usize>,
    /// `id@version`, written on every output row.
    reference: String,
    plan: std::sync::OnceLock<plan::Plan>,
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
                    format!("the table has {} columns; at most {MAX_COLUMNS} are accepted", header.len()),
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
                        format!("column `{name}` appears twice (first as column {first})"),
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
        for required in REQUIRED_COLUMNS {
            if !columns.contains(&Column::Fixed(required)) {
                problems.push(
                    Problem::new(ErrorCode::MissingField, required, format!("the CSV needs a `{required}` column"))
                        .at(Some(Pos { line: 1, column: 1 })),
                );
            }
        }
        if !problems.is_empty() {
            return Err(Error::new(ErrorKind::Assessment, problems));
        }
        let fixed_at = FIXED_COLUMNS.map(|name| columns.iter().position(|c| *c == Column::Fixed(name)));
        let carried_at = (0..columns.len()).filter(|i| !matches!(columns[*i], Column::Fixed(_))).collect();
        Ok(WideLayout {
            bank,
            columns,
            carried_names,
            fixed_at,
            carried_at,
            reference: bank.reference(),
            plan: std::sync::OnceLock::new(),
        })
    }

    /// Names of the columns carried through to the output: every column but the four identity ones, in
    /// input order.
    pub fn carried_columns(&self) -> &[String] {
        &self.carried_names
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

    /// The row's scores, or every problem of it. Same result as `score(read(..))`, much faster.
    pub fn summarize(&self, line: u64, cells: &[Cell<'_>]) -> std::result::Result<ScoreSummary, Vec<Problem>> {
        let mut scratch = plan::Scratch::default();
        if self.plan().summarize(cells.iter().copied(), &mut scratch) {
            Ok(self.plan().scoring().summary(&scratch.scores))
        } else {
            self.summarize_generally(line, cells)
        }
    }

    /// The row's scores by the general reading, for a row the plan handed over (it may have problems).
    fn summarize_generally(&self, line: u64, cells: &[Cell<'_>]) -> std::result::Result<ScoreSummary, Vec<Problem>> {
        self.read(line, cells).assessment.map(|a| ScoreSummary::from(&score(self.bank, &a)))
    }

    fn plan(&self) -> &plan::Plan {
        self.plan.get_or_init(|| plan::Plan::compile(self.bank, &self.columns))
    }

    /// The fixed cells and the carried cells of a row, as written.
    pub fn identity(&self, cells: &[Cell<'_>]) -> ([String; 4], Vec<String>) {
        let mut fixed: [String; 4] = Default::default();
        let mut carried = Vec::new();
        for (column, cell) in self.columns.iter().zip(cells) {
            match column {
                Column::Fixed(name) => {
                    if let Some(slot) = FIXED_COLUMNS.iter().position(|c| c == name) {
                        fixed[slot] = cell.text().into_owned();
                    }
                }
                _ => carried.push(cell.text().into_owned()),
            }
        }
        (fixed, carried)
    }
}

/// Reads a wide CSV against a bank, row by row (streaming: memory does not grow with the row count).
#[derive(Debug)]
pub struct WideReader<'b, R: Read> {
    layout: WideLayout<'b>,
    csv: csv::Reader<LineGuard<R>>,
    record: csv::StringRecord,
    rows: u64,
    max_rows: u64,
    /// Buffers of `write_next`, reused from row to row.
    scratch: plan::Scratch,
    output: csv::ByteRecord,
}

impl<'b, R: Read> WideReader<'b, R> {
    /// Reads and checks the header.
    pub fn new(input: R, bank: &'b Bank) -> Result<Self> {
        let mut csv = csv::ReaderBuilder::new().flexible(false).from_reader(LineGuard::new(input));
        let header = csv.headers().map_err(csv_error)?.clone();
        Ok(WideReader {
            layout: WideLayout::new(bank, header.iter())?,
            csv,
            record: csv::StringRecord::new(),
            rows: 0,
            max_rows: MAX_ROWS,
            scratch: plan::Scratch::default(),
            output: csv::ByteRecord::new(),
        })
    }

    /// The same reader with another row limit (tests use a small one).
    pub fn with_max_rows(mut self, max_rows: u64) -> Self {
        self.max_rows = max_rows;
        self
    }

    /// Names of the columns carried through to the output, in input order.
    pub fn carried_columns(&self) -> &[String] {
        self.layout.carried_columns()
    }

    /// The next row read into an assessment, `None` at the end; a malformed CSV record is an error that
    /// ends the read.
    pub fn next_row(&mut self) -> Option<Result<WideRow>> {
        let line = match self.advance()? {
            Ok(line) => line,
            Err(e) => return Some(Err(e)),
        };
        let cells: Vec<Cell<'_>> = self.record.iter().map(Cell::Text).collect();
        Some(Ok(self.layout.read(line, &cells)))
    }

    /// The next row scored (scores only, see [`WideLayout::summarize`]), `None` at the end.
    pub fn next_scored(&mut self) -> Option<Result<ScoredRow>> {
        let line = match self.advance()? {
            Ok(line) => line,
            Err(e) => return Some(Err(e)),
        };
        let cells: Vec<Cell<'_>> = self.record.iter().map(Cell::Text).collect();
        let (fixed, carried) = self.layout.identity(&cells);
        Some(Ok(ScoredRow {
            line,
            scores: self.layout.summarize(line, &cells),
            carried,
            fixed,
        }))
    }

    /// Scores the next row and writes its output record (the layout of [`output_header`]) to `out`: what
    /// [`output_record`] of [`next_scored`](Self::next_scored) writes, without building the row's strings
    /// (the CLI's CSV path). Gives the row's problems (none when it is scored), `None` at the end.
    pub fn write_next<W: std::io::Write>(&mut self, out: &mut csv::Writer<W>) -> Option<Result<Vec<Problem>>> {
        let line = match self.advance()? {
            Ok(line) => line,
            Err(e) => return Some(Err(e)),
        };
        let plan = self.layout.plan();
        if !plan.summarize(self.record.iter().map(Cell::Text), &mut self.scratch) {
            let cells: Vec<Cell<'_>> = self.record.iter().map(Cell::Text).collect();
            let (fixed, carried) = self.layout.identity(&cells);
            let row = ScoredRow {
                line,
                scores: self.layout.summarize_generally(line, &cells),
                carried,
                fixed,
            };
            let written = out.write_record(output_record(self.layout.bank, &row)).map_err(write_error);
            return Some(written.map(|()| row.scores.err().unwrap_or_default()));
        }
        let written = write_scored(&self.layout, &self.record, &self.scratch.scores, &mut self.output, out);
        Some(written.map(|()| Vec::new()).map_err(write_error))
    }

    /// Reads the next record; its line, `None` at the end.
    fn advance(&mut self) -> Option<Result<u64>> {
        match self.csv.read_record(&mut self.record) {
            Ok(false) => None,
            Err(e) => Some(Err(csv_error(e))),
            Ok(true) => {
                let line = self.record.position().map_or(0, |p| p.line());
                self.rows += 1;
                if self.rows > self.max_rows {
                    return Some(Err(Error::one(
                        ErrorKind::Assessment,
                        Problem::new(ErrorCode::LimitExceeded, "", format!("more than {} rows", self.max_rows)).at(Some(Pos {
                            line: line as u32,
                            column: 1,
                        })),
                    )));
                }
                Some(Ok(line))
            }
        }
    }
}

/// A scored row's output record, built in `buffer` from the input record's fields and the scores' texts
/// (no strings built), then written through the csv writer's fast path for whole records.
fn write_scored<W: std::io::Write>(
    layout: &WideLayout<'_>,
    record: &csv::StringRecord,
    scores: &crate::engine::PlannedScores,
    buffer: &mut csv::ByteRecord,
    out: &mut csv::Writer<W>,
) -> csv::Result<()> {
    let texts = layout.plan().texts();
    buffer.clear();
    for at in layout.fixed_at {
        buffer.push_field(at.and_then(|i| record.get(i)).unwrap_or("").as_bytes());
    }
    buffer.push_field(layout.reference.as_bytes());
    for (_, score) in &scores.items {
        buffer.push_field(texts.score(*score).as_bytes());
    }
    for mean in &scores.domains {
        buffer.push_field(texts.mean(mean.mean()).as_bytes());
    }
    buffer.push_field(texts.sum(scores.total.sum).as_bytes());
    buffer.push_field(texts.mean(scores.total.mean).as_bytes());
    buffer.push_field(scores.level.map_or("", |b| layout.plan().scoring().level_id(b)).as_bytes());
    buffer.push_field(b"");
    for &at in &layout.carried_at {
        buffer.push_field(record.get(at).unwrap_or("").as_bytes());
    }
    out.write_byte_record(buffer)
}

/// Every problem of a wide CSV against a bank: the header's, or else every row's, in order. Reading goes on
/// past a malformed record, and stops at an error that makes no progress (so an I/O error cannot loop).
pub fn check<R: Read>(input: R, bank: &Bank) -> Vec<Problem> {
    let mut reader = match WideReader::new(input, bank) {
        Ok(reader) => reader,
        Err(e) => return e.problems,
    };
    let mut problems = Vec::new();
    loop {
        let before = reader.csv.position().byte();
        match reader.next_scored() {
            None => break,
            Some(Ok(row)) => problems.extend(row.scores.err().unwrap_or_default()),
            Some(Err(e)) => {
                problems.extend(e.problems);
                if reader.csv.position().byte() == before {
                    break;
                }
            }
        }
    }
    problems
}

/// Passes a CSV file through, failing once a line grows past `MAX_LINE_BYTES`, so a file with no line ends
/// (or a hostile field) cannot make the CSV reader buffer without bound.
#[derive(Debug)]
struct LineGuard<R> {
    inner: R,
    line: usize,
}

const LINE_TOO_LONG: &str = "a line of the CSV is longer than the limit";

impl<R: Read> LineGuard<R> {
    fn new(inner: R) -> Self {
        LineGuard { inner, line: 0 }
    }
}

impl<R: Read> Read for LineGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for chunk in buf[..n].split_inclusive(|b| *b == b'\n') {
            let length = self.line + chunk.len();
            if length > MAX_LINE_BYTES {
                return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, LINE_TOO_LONG));
            }
            self.line = if chunk.ends_with(b"\n") { 0 } else { length };
        }
        Ok(n)
    }
}

/// The output could not be written (a full disk, a closed pipe).
fn write_error(e: csv::Error) -> Error {
    Error::one(
        ErrorKind::Io,
        Problem::new(ErrorCode::Io, "", format!("cannot write the scored CSV: {e}")),
    )
}

fn csv_error(e: csv::Error) -> Error {
    if let csv::ErrorKind::Io(io) = e.kind() {
        if io.to_string() == LINE_TOO_LONG {
            return Error::one(
                ErrorKind::Assessment,
                Problem::new(ErrorCode::LimitExceeded, "", format!("a line longer than {MAX_LINE_BYTES} bytes")),
            );
        }
    }
    let pos = e.position().map(|p| Pos {
        line: p.line() as u32,
        column: 1,
    });
    Error::one(
        ErrorKind::Assessment,
        Problem::new(ErrorCode::Syntax, "", format!("not a well-formed CSV: {e}")).at(pos),
    )
}

/// What a header names. Columns that look like this bank's elements but are unknown are errors.
fn classify(bank: &Bank, name: &str) -> std::result::Result<Column, Problem> {
    if let Some(fixed) = FIXED_COLUMNS.iter().find(|c| **c == name) {
        return Ok(Column::Fixed(fixed));
    }
    let (id, key) = match name.split_once(':') {
        Some((id, key)) => (id, Some(key)),
        None => (name, None),
    };
    let Some(e) = bank.element(id) else {
        let looks_like_element = id
            .rsplit_once('.')
            .is_some_and(|(item, n)| bank.items().any(|(_, i)| i.id == item) && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        return if looks_like_element {
            Err(Problem::new(
                ErrorCode::UnknownElement,
                format!("answers.{id}"),
                format!("column `{name}`: `{id}` is not an element of {}", bank.reference()),
            ))
        } else {
            Ok(Column::Extra)
        };
    };
    let Some(key) = key else {
        return Ok(Column::Element(id.to_string()));
    };
    match &e.element.criterion {
        Criterion::Options { options, .. } if options.iter().any(|o| o.key == key) => Ok(Column::Option(id.to_string(), key.to_string())),
        Criterion::Figure { inputs, .. } if inputs.iter().any(|i| i.key == key) => Ok(Column::Figure(id.to_string(), key.to_string())),
        Criterion::Options { .. } => Err(Problem::new(
            ErrorCode::UnknownOption,
            format!("answers.{id}.{key}"),
            format!("column `{name}`: `{key}` is not an option of {id}"),
        )),
        Criterion::Figure { .. } => Err(Problem::new(
            ErrorCode::UnknownFigure,
            format!("answers.{id}.{key}"),
            format!("column `{name}`: `{key}` is not an input of {id}"),
        )),
        Criterion::Check => Err(Problem::new(
            ErrorCode::UnknownKey,
            format!("answers.{id}.{key}"),
            format!("column `{name}`: {id} has no options or figures"),
        )),
    }
}

/// The output header: identity, bank, item scores, domain means, total, level, problems, then every carried
/// input column. A carried column whose name is also a score column's is renamed `NAME (input)`.
pub fn output_header(bank: &Bank, carried: &[String]) -> Vec<String> {
    let mut out: Vec<String> = FIXED_COLUMNS.iter().map(|c| c.to_string()).collect();
    out.push("bank".into());
    out.extend(bank.items().map(|(_, i)| i.id.clone()));
    out.extend(bank.domains().iter().map(|d| format!("domain_{}", d.id)));
    out.extend(["total_sum", "total_mean", "level", "problems"].map(String::from));
    let computed = out.len();
    for name in carried {
        let taken = out[..computed].contains(name);
        out.push(if taken { format!("{name} (input)") } else { name.clone() });
    }
    out
}

/// One output row, aligned with `output_header`. Invalid rows keep their identity and every carried cell,
/// with their problems listed and no scores.
pub fn output_record(bank: &Bank, row: &ScoredRow) -> Vec<String> {
    let opt = |v: Option<String>| v.unwrap_or_default();
    let mut out: Vec<String> = row.fixed.to_vec();
    out.push(bank.reference());
    match &row.scores {
        Ok(s) => {
            out.extend(s.items.iter().map(|i| opt(i.map(|s| s.to_string()))));
            out.extend(s.domains.iter().map(|d| opt(d.map(|m| m.to_string()))));
            out.push(opt(s.total.sum.map(|s| s.to_string())));
            out.push(opt(s.total.mean.map(|m| m.to_string())));
            out.push(opt(s.level.clone()));
            out.push(String::new());
        }
        Err(problems) => {
            let blanks = bank.items().count() + bank.domains().len() + 3;
            out.extend(std::iter::repeat_n(String::new(), blanks));
            out.push(problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "));
        }
    }
    out.extend(row.carried.iter().cloned());
    out
}
