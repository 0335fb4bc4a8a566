//! Limits: oversized or hostile inputs are refused with `limit_exceeded` (or `unsupported_yaml`), at their
//! place, quickly, and never by exhausting memory. The limits are listed in docs/errors.md.
#![allow(clippy::panic, clippy::unwrap_used)] // tests and benches fail loudly by design

mod common;

use fidelity_core::batch::{self, CsvScorer, RowScorer};
use fidelity_core::batch::{Cell, WideLayout, WideReader, MAX_CELL_BYTES, MAX_COLUMNS, MAX_LINE_BYTES};
use fidelity_core::boundary::{MAX_DEPTH, MAX_INPUT_BYTES, MAX_SCALAR_BYTES};
use fidelity_core::{Assessment, ErrorCode, Problem};

fn yaml_problems(text: &str) -> Vec<Problem> {
    Assessment::from_text(text, &common::bank("seiho-shuro@1.0.0"))
        .unwrap_err()
        .problems
}

#[test]
fn a_long_value_is_refused_at_its_path() {
    let name = "福".repeat(MAX_SCALAR_BYTES / 3 + 1);
    let p = yaml_problems(&format!(
        "office: {{id: '1', name: '{name}'}}\nperiod: '1'\nrater: {{kind: self}}\nanswers: {{}}\n"
    ));
    assert_eq!(
        (p[0].code, p[0].path.as_str(), p[0].line),
        (ErrorCode::LimitExceeded, "office.name", Some(1))
    );
}

#[test]
fn deep_nesting_and_huge_inputs_are_refused() {
    let deep = format!("answers: {}{}\n", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    assert_eq!(yaml_problems(&deep)[0].code, ErrorCode::LimitExceeded);
    let huge = format!("office: {{id: '1'}}\n#{}\n", "x".repeat(MAX_INPUT_BYTES));
    assert_eq!(yaml_problems(&huge)[0].code, ErrorCode::LimitExceeded);
}

#[test]
fn an_alias_bomb_is_refused_at_its_first_anchor() {
    let mut bomb = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        bomb += &format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n");
    }
    let p = yaml_problems(&bomb);
    assert_eq!((p.len(), p[0].code, p[0].path.as_str()), (1, ErrorCode::UnsupportedYaml, "a"));
}

#[test]
fn too_many_columns_are_refused() {
    let bank = common::bank("seiho-shuro@1.0.0");
    let header: Vec<String> = (0..=MAX_COLUMNS).map(|i| format!("extra_{i}")).collect();
    let err = WideLayout::new(&bank, header.iter().map(String::as_str)).unwrap_err();
    assert_eq!(err.problems[0].code, ErrorCode::LimitExceeded);
}

#[test]
fn a_long_cell_is_refused_at_its_cell_by_both_readings() {
    let bank = common::bank("seiho-shuro@1.0.0");
    let long = "1".repeat(MAX_CELL_BYTES + 1);
    let header = ["office_id", "period", "rater_kind", "A-1.1"];
    let layout = WideLayout::new(&bank, header).unwrap();
    let row = [Cell::Text("1"), Cell::Text("2025"), Cell::Text("self"), Cell::Text(&long)];
    let read = layout.read(2, &row).assessment.unwrap_err();
    assert_eq!(
        (read[0].code, read[0].path.as_str(), read[0].line, read[0].column),
        (ErrorCode::LimitExceeded, "answers.A-1.1", Some(2), Some(4))
    );
    assert_eq!(RowScorer::new(layout).scores(2, &row).unwrap_err(), read);
}

#[test]
fn rows_past_the_limit_end_the_read() {
    let bank = common::bank("seiho-shuro@1.0.0");
    let csv = format!("office_id,period,rater_kind\n{}", "1,2025,self\n".repeat(11));
    let mut reader = CsvScorer::new(csv.as_bytes(), &bank).unwrap().with_max_rows(10);
    let mut ok = 0;
    let err = loop {
        match reader.next_scored() {
            Some(Ok(_)) => ok += 1,
            Some(Err(e)) => break e,
            None => panic!("the 11th row should be refused"),
        }
    };
    assert_eq!(
        (ok, err.problems[0].code, err.problems[0].line),
        (10, ErrorCode::LimitExceeded, Some(12))
    );
}

#[test]
fn a_csv_without_line_ends_cannot_fill_memory() {
    let bank = common::bank("seiho-shuro@1.0.0");
    // An endless first line: the reader stops at the limit instead of buffering it all.
    let endless = std::io::Read::take(std::io::repeat(b'a'), (MAX_LINE_BYTES as u64) * 4);
    let err = WideReader::new(endless, &bank).unwrap_err();
    assert_eq!(err.problems[0].code, ErrorCode::LimitExceeded);
    let problems = batch::check(std::io::Read::take(std::io::repeat(b'a'), (MAX_LINE_BYTES as u64) * 2), &bank);
    assert_eq!(problems[0].code, ErrorCode::LimitExceeded);
}
