//! Reading a wide CSV file: the header checked into a [`WideLayout`], then one record at a time (streaming:
//! memory does not grow with the row count), with limits on rows and line length so no file can hang or
//! fill memory.

use super::guard::{Guard, LineTooLong, MAX_LINE_BYTES};
use super::{Cell, WideLayout, WideRow};
use crate::bank::Bank;
use crate::error::{Error, ErrorCode, ErrorKind, Pos, Problem, Result};
use crate::said;
use std::io::Read;

/// Most rows a CSV may have; rows are streamed, so memory does not grow with them.
pub const MAX_ROWS: u64 = 10_000_000;

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
    csv: csv::Reader<Guard<R>>,
    /// The record [`advance`](Self::advance) read.
    pub record: Record,
    rows: u64,
    pub max_rows: u64,
}

/// A record's fields as text. The file's bytes are checked as UTF-8 once, as they are read (`guard.rs`); a
/// record is checked field by field ([`check`](Record::check)) only when a byte before its end was not (the
/// csv crate's text records check every field of a record with any non-ASCII byte, a check per column in a
/// table of Japanese names).
#[derive(Debug, Default)]
pub(crate) struct Record {
    fields: csv::ByteRecord,
}

impl Record {
    /// Every field, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|f| std::str::from_utf8(f).unwrap_or_default())
    }

    /// Every field's bytes, in order (each one UTF-8 text, as [`check`](Self::check) made sure).
    pub fn bytes(&self) -> csv::ByteRecordIter<'_> {
        self.fields.iter()
    }

    /// Field `i`'s bytes, if the record has it.
    pub fn get_bytes(&self, i: usize) -> Option<&[u8]> {
        self.fields.get(i)
    }

    /// Checks that the record just read is UTF-8 text, field by field; an `encoding` problem at its line and
    /// the first field that is not.
    fn check(&self, line: u64) -> Result<()> {
        let field = match std::str::from_utf8(self.fields.as_slice()) {
            Err(e) => {
                let at = e.valid_up_to();
                (0..self.fields.len()).find(|&i| self.fields.range(i).is_some_and(|r| r.end > at))
            }
            // Text as a whole, a field may still start inside a character the one before it began (a file
            // with `\xE3\x81,\x82`): text on its own, no field starts with a continuation byte.
            Ok(_) => match self.fields.iter().position(|f| f.first().is_some_and(|b| (0x80..0xC0).contains(b))) {
                None => return Ok(()),
                found => found,
            },
        };
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

impl<R: Read> Records<R> {
    fn open(input: R) -> Result<(Self, csv::StringRecord)> {
        let mut csv = csv::ReaderBuilder::new().flexible(false).from_reader(Guard::new(input));
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
                // A record of bytes that passed as UTF-8 is text, field by field; the others are checked.
                if !self.csv.get_ref().utf8_before(self.csv.position().byte()) {
                    if let Err(e) = self.record.check(line) {
                        return Some(Err(e));
                    }
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

#[cfg(test)]
mod tests {
    use super::WideReader;
    use crate::error::ErrorCode;

    /// Each row's problem (code, line, column), or none: a row that is not UTF-8 text is an `encoding` problem
    /// at its line and first field that is not, and the rows around it are read.
    #[test]
    fn a_row_that_is_not_utf8_text_is_told_at_its_field_and_no_other_row_is_lost() {
        let bank = crate::builtin::get("seiho-shuro@1.0.0").expect("bank");
        let mut file = b"office_id,office_name,memo,period,rater_kind\n1,\xe7\xa6\x8f,,2025,self\n".to_vec();
        // 福 (e7 a6 8f) cut by a comma: each part alone is not text, though the record's bytes together are.
        file.extend_from_slice(b"2,\xe7\xa6,\x8f,2025,self\n3,a,b,2025,self\n");
        // Shift_JIS 福祉 (95 9f 8e 83), then a last row without a line end.
        file.extend_from_slice(b"4,\x95\x9f\x8e\x83,,2025,self\n5,\xe7\xa6\x8f,x,2025,self");
        let mut reader = WideReader::new(&file[..], &bank).expect("header");
        let mut rows = Vec::new();
        while let Some(row) = reader.next_row() {
            rows.push(row.err().map(|e| {
                let p = &e.problems[0];
                (p.code, p.line, p.column)
            }));
        }
        let encoding = |line, column| Some((ErrorCode::Encoding, Some(line), Some(column)));
        assert_eq!(rows, [None, encoding(3, 3), None, encoding(5, 2), None]);
    }
}
