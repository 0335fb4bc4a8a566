//! Runs every file in tests/bad-inputs against seiho-shuro 1.0.0: the problems reported must be exactly the
//! expected ones (code, path, and line/column and the element where the expectation gives them). Python and Node run the same.
#![allow(clippy::panic, clippy::unwrap_used)] // tests and benches fail loudly by design

mod common;

use fidelity_core::{Assessment, Problem};
use serde_json::Value;

fn problems_of(path: &std::path::Path) -> Vec<Problem> {
    let bank = common::bank("seiho-shuro@1.0.0");
    if path.extension().is_some_and(|x| x == "csv") {
        fidelity_core::batch::check(std::fs::File::open(path).expect("open"), &bank)
    } else {
        let text = std::fs::read_to_string(path).expect("read");
        Assessment::from_text(&text, &bank).err().map(|e| e.problems).unwrap_or_default()
    }
}

#[test]
fn every_bad_input_gives_its_codes_and_paths() {
    let mut inputs = Vec::new();
    for ext in ["yaml", "json", "csv"] {
        inputs.extend(common::files("tests/bad-inputs", ext));
    }
    assert!(inputs.len() >= 60, "bad-input corpus is missing files");
    let mut failures = Vec::new();
    for input in &inputs {
        let expected = common::expected_for(input);
        let expected = expected["problems"].as_array().expect("problems");
        let mut actual: Vec<Problem> = problems_of(input);
        let mut unmatched = Vec::new();
        for e in expected {
            let hit = actual.iter().position(|p| {
                p.code.to_string() == e["code"]
                    && p.path == e["path"]
                    && e.get("line").is_none_or(|l| Some(l) == p.line.map(Value::from).as_ref())
                    && e.get("column").is_none_or(|c| Some(c) == p.column.map(Value::from).as_ref())
                    && e.get("element")
                        .is_none_or(|c| Some(c) == p.element.clone().map(Value::from).as_ref())
            });
            match hit {
                Some(i) => drop(actual.remove(i)),
                None => unmatched.push(e.to_string()),
            }
        }
        if !unmatched.is_empty() || !actual.is_empty() {
            failures.push(format!(
                "{}:\n  expected but not reported: {unmatched:?}\n  reported but not expected: {actual:?}",
                input.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Whether `s` holds kana or kanji: a message written in Japanese, not the English one repeated.
fn japanese(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

/// Every problem the corpus gives is told in Japanese too (message and help), and in English without
/// Japanese words of its own: an office reads its errors in its own language.
#[test]
fn every_bad_input_is_told_in_japanese_and_in_english() {
    let mut inputs = Vec::new();
    for ext in ["yaml", "json", "csv"] {
        inputs.extend(common::files("tests/bad-inputs", ext));
    }
    let mut untold = Vec::new();
    let mut count = 0;
    for input in &inputs {
        for p in problems_of(input) {
            count += 1;
            let ja = p.told(fidelity_core::Lang::Ja);
            if !japanese(&p.message_ja) || !japanese(&p.help_ja) || p.message_ja == p.message {
                untold.push(format!("{}: {ja}", input.display()));
            }
            // English, but for the user's own text quoted in backquotes (such as a Japanese office name).
            let unquoted: String = p.message.split('`').step_by(2).collect();
            if japanese(&unquoted) || japanese(&p.help) {
                untold.push(format!("{}: {p}", input.display()));
            }
            assert_eq!(ja, p.to_string().replacen(&p.message, &p.message_ja, 1), "only the message differs");
        }
    }
    assert!(count > 80, "{count} problems");
    assert!(untold.is_empty(), "{}", untold.join("\n"));
}
