//! Scoring many offices at once: wide rows scored by a plan compiled per header ([`RowScorer`]), and a wide CSV
//! read, scored and written back row by row ([`CsvScorer`]) with every input column carried through, so no
//! data is lost. This layer sits above the engine: it reads through `assessment::wide` and scores through
//! the bank's plan.

mod json;
mod output;
mod rows;
mod table;

pub use json::scores_of_json_array;
pub use output::{output_header, output_record, ScoredRow};
pub use rows::RowScorer;
pub use table::{report_rows, reports_of_csv_text};
// The wide layout's reading side, which every batch starts from.
pub use crate::assessment::wide::{
    Cell, Fixed, RowId, WideLayout, WideReader, WideRow, MAX_CELL_BYTES, MAX_COLUMNS, MAX_LINE_BYTES, MAX_ROWS,
};

use crate::assessment::wide::Records;
use crate::bank::Bank;
use crate::error::{Problem, Result};
use output::{write_error, write_scored, Texts};
use rows::Scratch;
use std::io::Read;

/// Reads a wide CSV against a bank and scores it, row by row (streaming: memory does not grow with the rows).
#[derive(Debug)]
pub struct CsvScorer<'b, R: Read> {
    records: Records<R>,
    rows: RowScorer<'b>,
    /// What `write_next` writes besides the input's fields, and its buffers, reused from row to row.
    texts: Texts,
    scratch: Scratch,
    /// Whether the input's other columns are carried through to the output (the default: no data is lost).
    carry: bool,
    /// Per input column up to the last one carried, whether the output carries it (all but the identity
    /// ones, or those naming the rating).
    kept: Vec<bool>,
}

impl<'b, R: Read> CsvScorer<'b, R> {
    /// Reads and checks the header.
    pub fn new(input: R, bank: &'b Bank) -> Result<Self> {
        Ok(Self::from_reader(WideReader::new(input, bank)?))
    }

    /// Scores what `reader` has still to read.
    pub fn from_reader(reader: WideReader<'b, R>) -> Self {
        let (layout, records) = reader.into_parts();
        CsvScorer {
            kept: kept(&layout, &layout.carried_at),
            records,
            texts: Texts::new(layout.bank),
            rows: RowScorer::new(layout),
            scratch: Scratch::default(),
            carry: true,
        }
    }

    /// The same scorer writing the scores alone: the identity columns, the bank and the scores, without the
    /// input's other columns (a smaller file, for joining back on the identity columns).
    pub fn scores_only(mut self) -> Self {
        self.carry = false;
        let layout = self.rows.layout();
        let rating: Vec<usize> = layout.rating_carried.iter().map(|k| layout.carried_at[*k]).collect();
        self.kept = kept(layout, &rating);
        self
    }

    /// The output's header (see [`output_header`]), with the carried columns, or scores only with the
    /// columns naming the rating (`rater_name`, `rater_date`) that the input has.
    pub fn output_header(&self) -> Vec<String> {
        let layout = self.rows.layout();
        match self.carry {
            true => output_header(layout.bank, self.carried_columns()),
            false => output_header(layout.bank, &layout.rating_columns()),
        }
    }

    /// The same scorer with another row limit (tests use a small one).
    pub fn with_max_rows(mut self, max_rows: u64) -> Self {
        self.records.max_rows = max_rows;
        self
    }

    /// Names of the columns carried through to the output, in input order.
    pub fn carried_columns(&self) -> &[String] {
        self.rows.layout().carried_columns()
    }

    /// The next row scored (scores only, see [`RowScorer::scores`]), `None` at the end.
    pub fn next_scored(&mut self) -> Option<Result<ScoredRow>> {
        let line = match self.records.advance()? {
            Ok(line) => line,
            Err(e) => return Some(Err(e)),
        };
        Some(Ok(self.current_row(line, false)))
    }

    /// The record just read as a scored row; `general` when the plain reading is known to have given up.
    fn current_row(&self, line: u64, general: bool) -> ScoredRow {
        let cells: Vec<Cell<'_>> = self.records.record.iter().map(Cell::Text).collect();
        let (fixed, carried) = self.rows.layout().identity(&cells);
        let scores = if general {
            self.rows.scores_generally(line, &cells)
        } else {
            self.rows.scores(line, &cells)
        }
        .map_err(|p| self.records.in_row(p));
        ScoredRow {
            line,
            scores,
            carried,
            fixed,
        }
    }

    /// Scores the next row and writes its output record (the layout of [`output_header`]) to `out`: what
    /// [`output_record`] of [`next_scored`](Self::next_scored) writes, without building the row's strings
    /// (the CLI's CSV path). Gives the row's problems (none when it is scored), `None` at the end.
    pub fn write_next<W: std::io::Write>(&mut self, out: &mut csv::Writer<W>) -> Option<Result<Vec<Problem>>> {
        let line = match self.records.advance()? {
            Ok(line) => line,
            Err(e) => return Some(Err(e)),
        };
        if !self.rows.score_plain(self.records.record.bytes(), &mut self.scratch) {
            let mut row = self.current_row(line, true);
            if !self.carry {
                let layout = self.rows.layout();
                row.carried = layout.rating_carried.iter().map(|k| std::mem::take(&mut row.carried[*k])).collect();
            }
            let written = out.write_record(output_record(self.rows.layout().bank, &row)).map_err(write_error);
            return Some(written.map(|()| row.scores.err().unwrap_or_default()));
        }
        let layout = self.rows.layout();
        let written = write_scored(layout, &self.texts, &self.records.record, &self.scratch.scores, &self.kept, out);
        Some(written.map(|()| Vec::new()).map_err(write_error))
    }
}

/// Per input column up to the last of `columns` (positions), whether it is one of them.
fn kept(layout: &WideLayout<'_>, columns: &[usize]) -> Vec<bool> {
    let end = columns.iter().max().map_or(0, |last| last + 1);
    (0..end.min(layout.width())).map(|i| columns.contains(&i)).collect()
}

/// Every problem of a wide CSV against a bank: the header's, or else every row's, in order. Reading goes on
/// past a malformed record, and stops at an error that makes no progress (so an I/O error cannot loop).
pub fn check<R: Read>(input: R, bank: &Bank) -> Vec<Problem> {
    check_rows(input, bank, false)
}

/// [`check`], strictly: also an `evidence_required` problem, at the row's line, for every element that takes
/// evidence (△ options or figures) but was answered by its judgement column alone.
pub fn check_strict<R: Read>(input: R, bank: &Bank) -> Vec<Problem> {
    check_rows(input, bank, true)
}

fn check_rows<R: Read>(input: R, bank: &Bank, strict: bool) -> Vec<Problem> {
    let mut scorer = match CsvScorer::new(input, bank) {
        Ok(scorer) => scorer,
        Err(e) => return e.problems,
    };
    let mut problems = Vec::new();
    loop {
        let before = scorer.records.byte_position();
        match scorer.next_scored() {
            None => break,
            Some(Ok(row)) => match row.scores {
                Err(found) => problems.extend(found),
                Ok(scores) if strict => {
                    let judged = scores.judged_without_evidence.iter().map(|id| {
                        let mut p = crate::assessment::evidence_required(bank, id);
                        p.line = u32::try_from(row.line).ok();
                        p
                    });
                    problems.extend(scorer.records.in_row(judged.collect()));
                }
                Ok(_) => {}
            },
            Some(Err(e)) => {
                problems.extend(e.problems);
                if scorer.records.byte_position() == before {
                    break;
                }
            }
        }
    }
    problems
}
