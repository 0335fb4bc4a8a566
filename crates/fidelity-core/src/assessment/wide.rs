//! The wide CSV layout researchers keep in spreadsheets: one office per row; columns `office_id`,
//! `office_name`, `period`, `rater_kind`; one column per element (`1`/`0`/blank/`na`); `A-3.4:relationship`
//! columns for options (`1`/`0`/blank) and `A-2.3:sessions_per_month` columns for figures. Filled evidence
//! columns decide over the element column. Any other column is carried through to the output unchanged.
//!
//! Each row is laid out as the same positioned tree a YAML assessment parses into (cells keep their line and
//! column), so rows are checked by the very rules, codes and paths that YAML and JSON assessments are.

use super::Assessment;
use crate::bank::{Bank, Criterion};
use crate::error::{Error, ErrorCode, ErrorKind, Pos, Problem, Result};
use crate::report::ScoreReport;
use crate::tree::{Node, Value};
use std::collections::HashMap;
use std::io::Read;

pub const FIXED_COLUMNS: [&str; 4] = ["office_id", "office_name", "period", "rater_kind"];
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

/// Evidence cells of one element: whether they are figures (else options), the entries, the first cell.
type Evidence = (bool, Vec<(Node, Node)>, Pos);

/// One input row: its line, its assessment or problems, and the carried-through cells of the extra columns.
#[derive(Debug, Clone)]
pub struct WideRow {
    pub line: u64,
    pub assessment: std::result::Result<Assessment, Vec<Problem>>,
    pub extras: Vec<String>,
    /// The fixed cells as written, so invalid rows can still be identified in the output.
    pub fixed: [String; 4],
}

/// Reads a wide CSV against a bank, row by row (streaming: memory does not grow with the row count).
#[derive(Debug)]
pub struct WideReader<'b, R: Read> {
    bank: &'b Bank,
    csv: csv::Reader<R>,
    columns: Vec<Column>,
    extra_names: Vec<String>,
    record: csv::StringRecord,
}

impl<'b, R: Read> WideReader<'b, R> {
    /// Reads and checks the header. Element-like columns the bank does not know are errors, not extras,
    /// so a typo never silently drops answers.
    pub fn new(input: R, bank: &'b Bank) -> Result<Self> {
        let mut csv = csv::ReaderBuilder::new().flexible(false).from_reader(input);
        let header = csv.headers().map_err(csv_error)?.clone();
        let mut problems = Vec::new();
        let mut columns = Vec::new();
        let mut extra_names = Vec::new();
        let mut seen = HashMap::new();
        for (i, name) in header.iter().enumerate() {
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
            match classify(bank, name) {
                Ok(Column::Extra) => {
                    extra_names.push(name.to_string());
                    columns.push(Column::Extra);
                }
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
        Ok(WideReader {
            bank,
            csv,
            columns,
            extra_names,
            record: csv::StringRecord::new(),
        })
    }

    /// Names of the columns carried through, in input order.
    pub fn extra_columns(&self) -> &[String] {
        &self.extra_names
    }

    /// The next row, `None` at the end; a malformed CSV record is an error that ends the read.
    pub fn next_row(&mut self) -> Option<Result<WideRow>> {
        match self.csv.read_record(&mut self.record) {
            Ok(false) => None,
            Err(e) => Some(Err(csv_error(e))),
            Ok(true) => Some(Ok(self.row())),
        }
    }

    fn row(&self) -> WideRow {
        let line = self.record.position().map_or(0, |p| p.line());
        let mut cell_problems = Vec::new();
        let mut extras = Vec::new();
        let mut fixed: [String; 4] = Default::default();
        let mut top: Vec<(&'static str, Node)> = Vec::new();
        let mut office: Vec<(&'static str, Node)> = Vec::new();
        let mut rater: Vec<(&'static str, Node)> = Vec::new();
        let mut judgement: HashMap<&str, Node> = HashMap::new();
        let mut evidence: HashMap<&str, Evidence> = HashMap::new();
        for (i, (column, raw)) in self.columns.iter().zip(self.record.iter()).enumerate() {
            let pos = Pos {
                line: line as u32,
                column: i as u32 + 1,
            };
            let cell = raw.trim();
            let scalar = |text: &str, quoted: bool| Node::scalar(text, quoted, pos);
            match column {
                Column::Extra => extras.push(raw.to_string()),
                Column::Fixed(name) => {
                    if let Some(slot) = FIXED_COLUMNS.iter().position(|c| c == name) {
                        fixed[slot] = raw.to_string();
                    }
                    if cell.is_empty() {
                        continue;
                    }
                    match *name {
                        "office_id" => office.push(("id", scalar(cell, true))),
                        "office_name" => office.push(("name", scalar(cell, true))),
                        "period" => top.push(("period", scalar(cell, true))),
                        _ => rater.push(("kind", scalar(cell, true))),
                    }
                }
                Column::Element(id) => match cell.to_ascii_lowercase().as_str() {
                    "" => {}
                    "1" | "true" => drop(judgement.insert(id, scalar("true", false))),
                    "0" | "false" => drop(judgement.insert(id, scalar("false", false))),
                    "na" => drop(judgement.insert(id, scalar("na", true))),
                    _ => cell_problems.push(wrong_cell(format!("answers.{id}"), "1, 0, na or blank", cell, pos)),
                },
                Column::Option(id, key) => match cell {
                    "" => {}
                    "1" | "0" => {
                        let entry = evidence.entry(id).or_insert((false, Vec::new(), pos));
                        if cell == "1" {
                            entry.1.push((scalar(key, true), scalar(key, true)));
                        }
                    }
                    _ => cell_problems.push(wrong_cell(format!("answers.{id}.{key}"), "1, 0 or blank", cell, pos)),
                },
                Column::Figure(id, key) => {
                    if !cell.is_empty() {
                        evidence
                            .entry(id)
                            .or_insert((true, Vec::new(), pos))
                            .1
                            .push((scalar(key, true), scalar(cell, false)));
                    }
                }
            }
        }
        let row_pos = Pos {
            line: line as u32,
            column: 1,
        };
        let mut answers: Vec<(String, Node)> = judgement.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        for (id, (is_figure, entries, pos)) in evidence {
            // Filled evidence decides over the element column.
            answers.retain(|(k, _)| k != id);
            let value = if is_figure {
                Value::Map(entries)
            } else {
                Value::Seq(entries.into_iter().map(|(_, v)| v).collect())
            };
            answers.push((id.to_string(), Node { value, pos }));
        }
        answers.sort_by(|a, b| a.0.cmp(&b.0));
        let answers = mapping(answers, row_pos);
        if !office.is_empty() {
            top.push(("office", mapping(office, row_pos)));
        }
        if !rater.is_empty() {
            top.push(("rater", mapping(rater, row_pos)));
        }
        top.push(("answers", answers));
        let root = mapping(top, row_pos);
        let assessment = match Assessment::from_tree(&root, self.bank) {
            Ok(a) if cell_problems.is_empty() => Ok(a),
            Ok(_) => Err(cell_problems),
            Err(mut p) => {
                cell_problems.append(&mut p);
                cell_problems.sort_by_key(|p| (p.line, p.column));
                Err(cell_problems)
            }
        };
        WideRow {
            line,
            assessment,
            extras,
            fixed,
        }
    }
}

/// A mapping node from keys and values; each key is placed at its value's cell, where problems point.
fn mapping<K: Into<String>>(entries: Vec<(K, Node)>, pos: Pos) -> Node {
    let entries = entries.into_iter().map(|(k, v)| (Node::scalar(k, true, v.pos), v)).collect();
    Node {
        value: Value::Map(entries),
        pos,
    }
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
        match reader.next_row() {
            None => break,
            Some(Ok(row)) => problems.extend(row.assessment.err().unwrap_or_default()),
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

fn wrong_cell(path: String, expected: &str, found: &str, pos: Pos) -> Problem {
    Problem::new(ErrorCode::WrongType, path, format!("expected {expected}, found `{found}`")).at(Some(pos))
}

fn csv_error(e: csv::Error) -> Error {
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

/// The output header: identity, bank, item scores, domain means, total, level, problems, then the extras.
pub fn output_header(bank: &Bank, extras: &[String]) -> Vec<String> {
    let mut out: Vec<String> = FIXED_COLUMNS.iter().map(|c| c.to_string()).collect();
    out.push("bank".into());
    out.extend(bank.items().map(|(_, i)| i.id.clone()));
    out.extend(bank.domains().iter().map(|d| format!("domain_{}", d.id)));
    out.extend(["total_sum", "total_mean", "level", "problems"].map(String::from));
    out.extend(extras.iter().cloned());
    out
}

/// One output row, aligned with `output_header`. Invalid rows keep their identity and extras, with their
/// problems listed and no scores.
pub fn output_record(bank: &Bank, row: &WideRow, report: Option<&ScoreReport>) -> Vec<String> {
    let opt = |v: Option<String>| v.unwrap_or_default();
    let mut out: Vec<String> = row.fixed.to_vec();
    out.push(bank.reference());
    match (report, &row.assessment) {
        (Some(r), _) => {
            out.extend(r.items.iter().map(|i| opt(i.score.map(|s| s.to_string()))));
            out.extend(r.domains.iter().map(|d| opt(d.mean.map(|m| m.to_string()))));
            out.push(opt(r.total.sum.map(|s| s.to_string())));
            out.push(opt(r.total.mean.map(|m| m.to_string())));
            out.push(opt(r.level.clone()));
            out.push(String::new());
        }
        (None, result) => {
            let blanks = bank.items().count() + bank.domains().len() + 3;
            out.extend(std::iter::repeat_n(String::new(), blanks));
            let problems = match result {
                Err(p) => p.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
                Ok(_) => String::new(),
            };
            out.push(problems);
        }
    }
    out.extend(row.extras.iter().cloned());
    out
}
