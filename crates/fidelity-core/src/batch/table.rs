//! Tables the bindings hold in memory (a DataFrame's columns, a JavaScript array of rows), read in the wide
//! layout with one convention for where a row is: its 0-based index (`Problem::row`) and the line it would
//! have in the same table saved as CSV, the header being line 1.

use super::RowScorer;
use crate::assessment::wide::{Cell, WideLayout};
use crate::engine::score;
use crate::error::{in_row, Problem};
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
) -> Vec<Result<ScoreReport, Vec<Problem>>> {
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
    pub fn score_row(&self, row: usize, cells: &[Cell<'_>]) -> Result<ScoreSummary, Vec<Problem>> {
        self.scores(line(row), cells).map_err(|p| in_row(p, row))
    }
}
