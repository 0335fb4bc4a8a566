//! Runs every file in tests/hostile: inputs built to exhaust a reader (a zip bomb, a sheet's far corner, a
//! million rows, deep nesting, thousands of columns, a quote that never closes) must give exactly their
//! expected problems, through the reader each interface uses. Python and Node run the same files.
#![allow(clippy::panic, clippy::unwrap_used)] // tests fail loudly by design

mod common;

use fidelity_core::boundary::{Document, Origin};
use fidelity_core::{batch, builtin, redcap, workbook, Problem};
use serde_json::Value;
use std::path::Path;

fn problems_of(path: &Path) -> Vec<Problem> {
    let default = || builtin::get(builtin::DEFAULT).unwrap();
    let error = match path.extension().and_then(|x| x.to_str()) {
        Some("xlsx") => {
            let bytes = std::fs::read(path).unwrap();
            workbook::read(&bytes, |declared| builtin::get(declared.unwrap_or(builtin::DEFAULT)))
                .map(|_| ())
                .err()
        }
        Some("csv") => {
            let text = std::fs::read_to_string(path).unwrap();
            let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
            let bank = redcap::builtin_version(&header).map_or_else(default, |r| builtin::get(&r).unwrap());
            batch::reports_of_csv_text(&bank, &text).map(|_| ()).err()
        }
        _ => {
            let text = std::fs::read_to_string(path).unwrap();
            let doc = Document::parse(text.as_str(), Origin::text());
            let bank = doc.declared_bank().map_or_else(default, |r| builtin::get(r).unwrap());
            doc.assessment(&bank).map(|_| ()).err()
        }
    };
    error.map(|e| e.problems).unwrap_or_default()
}

#[test]
fn every_hostile_input_is_refused_with_its_problems() {
    let mut inputs = Vec::new();
    for ext in ["xlsx", "json", "csv"] {
        inputs.extend(common::files("tests/hostile", ext));
    }
    assert_eq!(inputs.len(), 6, "the hostile corpus is missing files");
    let mut failures = Vec::new();
    for input in &inputs {
        let expected = common::expected_for(input);
        let expected = expected["problems"].as_array().unwrap();
        let actual = problems_of(input);
        let matches = |e: &Value, p: &Problem| {
            let field = |key: &str, value: Option<Value>| e.get(key).is_none_or(|v| Some(v) == value.as_ref());
            p.code.to_string() == e["code"]
                && p.path == e["path"]
                && field("cell", p.cell.clone().map(Value::from))
                && field("row", p.row.map(Value::from))
                && field("line", p.line.map(Value::from))
                && field("column", p.column.map(Value::from))
        };
        let same = actual.len() == expected.len() && expected.iter().zip(&actual).all(|(e, p)| matches(e, p));
        if !same {
            failures.push(format!("{}: expected {expected:?}, got {actual:?}", input.display()));
        }
        // Told in both languages, never echoing more than a line of the input.
        for p in &actual {
            assert!(p.message.len() < 400 && p.message_ja.len() < 400, "{p}");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
