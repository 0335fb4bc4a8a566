//! Tables the bindings hold in memory (a DataFrame's columns, a JavaScript array of rows), read in the wide
//! layout with one convention for where a row is: its 0-based index (`Problem::row`) and the line it would
//! have in the same table saved as CSV, the header being line 1.

use super::RowScorer;
use crate::assessment::wide::{Cell, WideLayout, WideReader};
use crate::bank::Bank;
use crate::engine::score;
use crate::error::{in_row, Error, ErrorKind, Problem, Result};
use crate::report::{ScoreReport, ScoreSummary};

/// The CSV line of a table's row `row` (0-based): the header is line 1.
fn line(row: usize) -> u64 {
    row as u64 + 2
}

/// Every row of a table read the general way and scored with its trace, or that row's problems. `cells_of`
/// fills a row's cells, in header order, into the buffer it is given (reused from row to row).
pub fn report_rows<'c>(
    layout: &WideLayout<'_>,
    rows: usize,
    mut cells_of: impl FnMut(usize, &mut Vec<Cell<'c>>),
) -> Vec<std::result::Result<ScoreReport, Vec<Problem>>> {
    let mut cells = Vec::with_capacity(layout.width());
    (0..rows)
        .map(|row| {
            cells.clear();
            cells_of(row, &mut cells);
            let assessment = layout.read(line(row), &cells).assessment.map_err(|p| in_row(p, row))?;
            Ok(score(layout.bank, &assessment))
        })
        .collect()
}

impl RowScorer<'_> {
    /// The scores of a table's row `row` (0-based), or its problems with that row.
    pub fn score_row(&self, row: usize, cells: &[Cell<'_>]) -> std::result::Result<ScoreSummary, Vec<Problem>> {
        self.scores(line(row), cells).map_err(|p| in_row(p, row))
    }
}

/// Every row of a CSV text scored with its trace: a wide table, or a REDCap raw export of the bank's
/// instrument, read as the wide layout it is laid out as (lines and columns stay the export's). Fails with
/// every invalid row's problems, each with its row (0-based) and line (the batch convention of
/// `boundary::batch_error`).
pub fn reports_of_csv_text(bank: &Bank, text: &str) -> Result<Vec<ScoreReport>> {
    let wide = crate::redcap::as_wide(bank, text)?;
    let mut reader = WideReader::new(wide.as_bytes(), bank)?;
    let (mut reports, mut problems) = (Vec::new(), Vec::new());
    let mut row_index = 0;
    while let Some(row) = reader.next_row() {
        match row?.assessment {
            Ok(a) => reports.push(score(bank, &a)),
            Err(p) => problems.extend(in_row(p, row_index)),
        }
        row_index += 1;
    }
    if problems.is_empty() {
        Ok(reports)
    } else {
        Err(Error::new(ErrorKind::Assessment, problems))
    }
}
