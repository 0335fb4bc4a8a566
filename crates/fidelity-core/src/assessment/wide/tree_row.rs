//! The general reading of a wide row: the row is laid out as the same positioned tree a YAML assessment parses
//! into (cells keep their line and column) and read by the assessment reader, so rows are checked by the very
//! rules, codes and paths that YAML and JSON assessments are.

use super::cell::{self, Flag};
use super::{Cell, Column, Fixed, Review, WideLayout, WideRow, MAX_CELL_BYTES};
use crate::assessment::Assessment;
use crate::error::{ErrorCode, Pos, Problem};
use crate::said;
use crate::tree::{Node, Value};
use std::collections::HashMap;

/// Evidence cells of one element: whether they are figures (else options), the entries, the first cell.
type Evidence = (bool, Vec<(Node, Node)>, Pos);

/// Reads one row the general way: laid out as a positioned tree and read by the assessment reader, so every
/// problem has the code, path and cell position it would have in YAML.
pub(super) fn read(layout: &WideLayout<'_>, line: u64, cells: &[Cell<'_>]) -> WideRow {
    let mut cell_problems = Vec::new();
    let mut top: Vec<(&'static str, Node)> = Vec::new();
    let mut office: Vec<(&'static str, Node)> = Vec::new();
    let mut rater: Vec<(&'static str, Node)> = Vec::new();
    let mut findings: Vec<(String, Node)> = Vec::new();
    let mut records: Vec<(String, Vec<(&'static str, Node)>)> = Vec::new();
    let mut judgement: HashMap<&str, Node> = HashMap::new();
    let mut evidence: HashMap<&str, Evidence> = HashMap::new();
    for (i, (column, raw)) in layout.columns.iter().zip(cells.iter().map(Cell::text)).enumerate() {
        let pos = Pos {
            line: line as u32,
            column: i as u32 + 1,
        };
        if raw.len() > MAX_CELL_BYTES {
            cell_problems.push(
                Problem::new(
                    ErrorCode::LimitExceeded,
                    column_path(column),
                    said!(
                        "{} バイトのセルがあります。受け付けるのは {MAX_CELL_BYTES} バイトまでです",
                        "a cell of {} bytes; at most {MAX_CELL_BYTES} bytes are accepted",
                        raw.len()
                    ),
                )
                .at(Some(pos)),
            );
            continue;
        }
        let cell = raw.trim();
        let scalar = |text: &str, quoted: bool| Node::scalar(text, quoted, pos);
        match column {
            Column::Extra => {}
            Column::Review(review) => {
                if cell.is_empty() {
                    continue;
                }
                // Free text as written (only a blank cell is absent); dates and sources trimmed.
                let text = || Node::scalar(raw.as_ref(), true, pos);
                let mut record = |item: &str, key: &'static str, node: Node| match records.iter_mut().find(|(i, _)| i == item) {
                    Some((_, fields)) => fields.push((key, node)),
                    None => records.push((item.to_string(), vec![(key, node)])),
                };
                match review {
                    Review::RaterName => rater.push(("name", text())),
                    Review::RaterDate => rater.push(("date", scalar(cell, true))),
                    Review::Finding(id) => findings.push((id.clone(), text())),
                    Review::Comment(item) => record(item, "comment", text()),
                    Review::Sources(item) => {
                        let list = cell
                            .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '、')
                            .filter(|s| !s.is_empty())
                            .map(|s| scalar(s, true))
                            .collect();
                        record(
                            item,
                            "sources",
                            Node {
                                value: Value::Seq(list),
                                pos,
                            },
                        );
                    }
                }
            }
            Column::Fixed(fixed) => {
                if cell.is_empty() {
                    continue;
                }
                match fixed {
                    Fixed::OfficeId => office.push(("id", scalar(cell, true))),
                    Fixed::OfficeName => office.push(("name", scalar(cell, true))),
                    Fixed::Period => top.push(("period", scalar(cell, true))),
                    Fixed::RaterKind => rater.push(("kind", scalar(cell, true))),
                }
            }
            Column::Element(id) => match cell::element(&cells[i]) {
                Flag::Blank => {}
                Flag::Bit(b) => drop(judgement.insert(id, scalar(if b { "true" } else { "false" }, false))),
                Flag::Na => drop(judgement.insert(id, scalar("na", true))),
                Flag::Other => cell_problems.push(wrong_cell(
                    format!("answers.{id}"),
                    ("1・0・na・空欄のいずれか", "1, 0, na or blank"),
                    cell,
                    pos,
                )),
            },
            Column::Option(id, key) => match cell::option(&cells[i]) {
                Flag::Blank => {}
                Flag::Bit(selected) => {
                    let entry = evidence.entry(id).or_insert((false, Vec::new(), pos));
                    if selected {
                        entry.1.push((scalar(key, true), scalar(key, true)));
                    }
                }
                Flag::Na | Flag::Other => cell_problems.push(wrong_cell(
                    format!("answers.{id}.{key}"),
                    ("1・0・空欄のいずれか", "1, 0 or blank"),
                    cell,
                    pos,
                )),
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
    if !findings.is_empty() {
        top.push(("findings", mapping(findings, row_pos)));
    }
    if !records.is_empty() {
        let items = records.into_iter().map(|(item, fields)| (item, mapping(fields, row_pos))).collect();
        top.push(("items", mapping(items, row_pos)));
    }
    let root = mapping(top, row_pos);
    let assessment = match Assessment::from_tree(&root, layout.bank) {
        Ok(a) if cell_problems.is_empty() => Ok(a),
        Ok(_) => Err(cell_problems),
        Err(mut p) => {
            cell_problems.append(&mut p);
            cell_problems.sort_by_key(|p| (p.line, p.column));
            Err(cell_problems)
        }
    };
    let (fixed, carried) = layout.identity(cells);
    WideRow {
        line,
        assessment,
        carried,
        fixed,
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

fn wrong_cell(path: String, (ja, en): (&str, &str), found: &str, pos: Pos) -> Problem {
    let found = crate::error::quoted(found);
    let message = said!("{ja}が必要ですが、{found} です", "expected {en}, found {found}");
    Problem::new(ErrorCode::WrongType, path, message).at(Some(pos))
}

/// Where a column's cell goes in the assessment, for problems about the cell itself.
fn column_path(column: &Column) -> String {
    match column {
        Column::Fixed(fixed) => fixed.path().into(),
        Column::Element(id) => format!("answers.{id}"),
        Column::Option(id, key) | Column::Figure(id, key) => format!("answers.{id}.{key}"),
        Column::Review(Review::RaterName) => "rater.name".into(),
        Column::Review(Review::RaterDate) => "rater.date".into(),
        Column::Review(Review::Finding(id)) => format!("findings.{id}"),
        Column::Review(Review::Sources(item)) => format!("items.{item}.sources"),
        Column::Review(Review::Comment(item)) => format!("items.{item}.comment"),
        Column::Extra => String::new(),
    }
}
