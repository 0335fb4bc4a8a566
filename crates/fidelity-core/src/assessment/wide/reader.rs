//! Reading a wide CSV file: the header checked into a [`WideLayout`], then one record at a time (streaming:
//! memory does not grow with the row count), with limits on rows and line length so no file can hang or
//! fill memory.

use super::{Cell, WideLayout, WideRow};
use crate::bank::Bank;
use crate::error::{Error, ErrorCode, ErrorKind, Pos, Problem, Result};
use crate::said;
use std::io::Read;

/// Most rows a CSV may have; rows are streamed, so memory does not grow with them.
pub const MAX_ROWS: u64 = 10_000_000;
/// Longest accepted line of a CSV file, in bytes: a file with no line ends cannot fill memory.
pub const MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

/// Reads a wide CSV against a bank, row by row.
#[derive(Debug)]
pub struct WideReader<'b, R: Read> {
    layout: WideLayout<'b>,
    records: Records<R>,
}

impl<'b, R: Read> WideReader<'b, R> {
    /// Reads and checks the header.
    pub fn new(input: R, bank: &'b Bank) -> Result<Self> {
        let (records, header) = Records::open(input)?;
        Ok(WideReader {
            layout: WideLayout::new(bank, header.iter())?,
            records,
        })
    }

    /// The same reader with another row limit (tests use a small one).
    pub fn with_max_rows(mut self, max_rows: u64) -> Self {
        self.records.max_rows = max_rows;
        self
    }

    /// Names of the columns carried through to the output, in input order.
    pub fn carried_columns(&self) -> &[String] {
        self.layout.carried_columns()
    }

    /// The layout and the records still to read, for a reader that does more with each record.
    pub(crate) fn into_parts(self) -> (WideLayout<'b>, Records<R>) {
        (self.layout, self.records)
    }

    /// The next row read into an assessment, `None` at the end; a malformed CSV record is an error that
    /// ends the read.
    pub fn next_row(&mut self) -> Option<Result<WideRow>> {
        let line = match self.records.advance()? {
            Ok(line) => line,
            Err(e) => return Some(Err(e)),
        };
        let cells: Vec<Cell<'_>> = self.records.record.iter().map(Cell::Text).collect();
        let mut row = self.layout.read(line, &cells);
        row.assessment = row.assessment.map_err(|p| self.records.in_row(p));
        Some(Ok(row))
    }
}

/// The records of a CSV after its header, one at a time, within the row and line limits.
#[derive(Debug)]
pub(crate) struct Records<R: Read> {
    csv: csv::Reader<LineGuard<R>>,
    /// The record [`advance`](Self::advance) read.
    pub record: Record,
    rows: u64,
    pub max_rows: u64,
}

/// A record's fields as text. The whole record is checked as UTF-8 once (the csv crate's text records check
/// a record that has any non-ASCII byte field by field, which costs a check per column in a table of Japanese
/// names) and each field is a range of that one text.
#[derive(Debug, Default)]
pub(crate) struct Record {
    fields: csv::ByteRecord,
    text: String,
}

impl Record {
    /// Field `i`, if the record has it.
    pub fn get(&self, i: usize) -> Option<&str> {
        self.text.get(self.fields.range(i)?)
    }

    /// Every field, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.fields.len()).map(|i| self.get(i).unwrap_or_default())
    }

    /// Checks the record just read as UTF-8 into `text`; an `encoding` problem at its line and field if not.
    fn check(&mut self, line: u64) -> Result<()> {
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        bytes.clear();
        bytes.extend_from_slice(self.fields.as_slice());
        match String::from_utf8(bytes) {
            Ok(text) => {
                self.text = text;
                Ok(())
            }
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let field = (0..self.fields.len()).find(|&i| self.fields.range(i).is_some_and(|r| r.end > at));
                let column = field.map_or(1, |f| f + 1);
                Err(Error::one(
                    ErrorKind::Assessment,
                    Problem::new(
                        ErrorCode::Encoding,
                        "",
                        said!(
                            "{line} 行 {column} 列目が UTF-8 のテキストではありません（ファイルは Shift_JIS / CP932 かもしれません）",
                            "line {line}, column {column} is not UTF-8 text (the file may be Shift_JIS / CP932)"
                        ),
                    )
                    .at(Some(Pos {
                        line: u32::try_from(line).unwrap_or(u32::MAX),
                        column: u32::try_from(column).unwrap_or(u32::MAX),
                    })),
                ))
            }
        }
    }
}

impl<R: Read> Records<R> {
    fn open(input: R) -> Result<(Self, csv::StringRecord)> {
        let mut csv = csv::ReaderBuilder::new().flexible(false).from_reader(LineGuard::new(input));
        let header = csv.headers().map_err(csv_error)?.clone();
        let records = Records {
            csv,
            record: Record::default(),
            rows: 0,
            max_rows: MAX_ROWS,
        };
        Ok((records, header))
    }

    /// Reads the next record into `record`; its line, `None` at the end.
    pub fn advance(&mut self) -> Option<Result<u64>> {
        match self.csv.read_byte_record(&mut self.record.fields) {
            Ok(false) => None,
            Err(e) => Some(Err(csv_error(e))),
            Ok(true) => {
                let line = self.record.fields.position().map_or(0, |p| p.line());
                if let Err(e) = self.record.check(line) {
                    return Some(Err(e));
                }
                self.rows += 1;
                if self.rows > self.max_rows {
                    return Some(Err(Error::one(
                        ErrorKind::Assessment,
                        Problem::new(
                            ErrorCode::LimitExceeded,
                            "",
                            said!("{} 行を超えています", "more than {} rows", self.max_rows),
                        )
                        .at(Some(Pos {
                            line: line as u32,
                            column: 1,
                        })),
                    )));
                }
                Some(Ok(line))
            }
        }
    }

    /// The problems of the record just read, each with its row (0-based, data rows only).
    pub fn in_row(&self, problems: Vec<Problem>) -> Vec<Problem> {
        let row = usize::try_from(self.rows.saturating_sub(1)).unwrap_or(usize::MAX);
        crate::error::in_row(problems, row)
    }

    /// How far into the input the reader is, in bytes (to tell an error that makes no progress).
    pub fn byte_position(&self) -> u64 {
        self.csv.position().byte()
    }
}

/// Passes a CSV file through, failing once a line grows past `MAX_LINE_BYTES`, so a file with no line ends
/// (or a hostile field) cannot make the CSV reader buffer without bound.
#[derive(Debug)]
struct LineGuard<R> {
    inner: R,
    line: usize,
}

/// The I/O error `LineGuard` fails with, told apart from others by its type.
#[derive(Debug)]
struct LineTooLong;

impl std::fmt::Display for LineTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a line of the CSV is longer than {MAX_LINE_BYTES} bytes")
    }
}

impl std::error::Error for LineTooLong {}

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
                return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, LineTooLong));
            }
            self.line = if chunk.ends_with(b"\n") { 0 } else { length };
        }
        Ok(n)
    }
}

fn csv_error(e: csv::Error) -> Error {
    if let csv::ErrorKind::Io(io) = e.kind() {
        if io.get_ref().is_some_and(|inner| inner.is::<LineTooLong>()) {
            return Error::one(
                ErrorKind::Assessment,
                Problem::new(
                    ErrorCode::LimitExceeded,
                    "",
                    said!(
                        "{MAX_LINE_BYTES} バイトより長い行があります",
                        "a line longer than {MAX_LINE_BYTES} bytes"
                    ),
                ),
            );
        }
        #[cfg(feature = "encodings")]
        if let Some(bad) = io.get_ref().and_then(|inner| inner.downcast_ref::<crate::csv_text::NotShiftJis>()) {
            return Error::one(ErrorKind::Assessment, bad.problem());
        }
    }
    let pos = e.position().map(|p| Pos {
        line: p.line() as u32,
        column: 1,
    });
    Error::one(
        ErrorKind::Assessment,
        Problem::new(
            ErrorCode::Syntax,
            "",
            said!("CSV として正しくありません: {e}", "not a well-formed CSV: {e}"),
        )
        .at(pos),
    )
}
