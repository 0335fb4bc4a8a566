//! Runs every vector in tests/conformance: each assessment's report must contain its hand-worked expectation.
//! The Python and Node suites run the same files.
#![allow(clippy::panic, clippy::unwrap_used)] // tests and benches fail loudly by design

mod common;

use fidelity_core::batch::WideReader;
use fidelity_core::batch::{self, CsvScorer};
use fidelity_core::boundary::{Document, Origin};
use fidelity_core::{score, Assessment};

#[test]
fn yaml_vectors() {
    let inputs = common::files("tests/conformance", "yaml");
    assert!(inputs.len() >= 12, "conformance vectors are missing");
    let mut failures = Vec::new();
    for input in &inputs {
        let text = std::fs::read_to_string(input).expect("read");
        let doc = Document::parse(&text, Origin::file(input.display().to_string()));
        let bank = common::bank(doc.bank_reference());
        let report = doc.score(&bank).unwrap_or_else(|e| panic!("{e}"));
        let actual = serde_json::to_value(&report).expect("json");
        if let Err(e) = common::contains(&common::expected_for(input), &actual, "report") {
            failures.push(format!("{}: {e}", input.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn csv_vectors() {
    let inputs = common::files("tests/conformance", "csv");
    assert!(!inputs.is_empty(), "CSV conformance vectors are missing");
    for input in &inputs {
        let bank = common::bank("seiho-shuro@1.0.0");
        let mut reader = WideReader::new(std::fs::File::open(input).expect("open"), &bank).unwrap_or_else(|e| panic!("{e}"));
        let mut reports = Vec::new();
        while let Some(row) = reader.next_row() {
            let row = row.unwrap_or_else(|e| panic!("{e}"));
            let a = row
                .assessment
                .unwrap_or_else(|p| panic!("{}: line {}: {p:?}", input.display(), row.line));
            reports.push(serde_json::to_value(score(&bank, &a)).expect("json"));
        }
        let actual = serde_json::Value::Array(reports);
        common::contains(&common::expected_for(input), &actual, "rows").unwrap_or_else(|e| panic!("{}: {e}", input.display()));
    }
}

/// The bundled examples: the CSV rows of the sample office score exactly as its YAML files do.
#[test]
fn example_csv_rows_agree_with_yaml() {
    let bank = common::bank("seiho-shuro@1.0.0");
    let repo = common::repo();
    let mut reader = WideReader::new(std::fs::File::open(repo.join("examples/offices.csv")).expect("open"), &bank).expect("header");
    let mut checked = 0;
    while let Some(row) = reader.next_row() {
        let a = row.expect("row").assessment.expect("valid row");
        if a.office.id == "99001" {
            let text = std::fs::read_to_string(repo.join(format!("examples/sample-office-{}.yaml", a.period))).expect("yaml");
            let from_yaml = Assessment::from_text(&text, &bank).expect("valid yaml");
            let (r1, r2) = (score(&bank, &a), score(&bank, &from_yaml));
            assert_eq!(r1.items, r2.items);
            assert_eq!(r1.total, r2.total);
            checked += 1;
        }
    }
    assert_eq!(checked, 2);
}

/// The CLI's streaming writer (`write_next`) writes exactly what `output_record` of `next_scored` does, on
/// valid rows and on rows with problems.
#[test]
fn streamed_output_equals_output_record() {
    let repo = common::repo();
    let bank = common::bank("seiho-shuro@1.0.0");
    let mut inputs = vec![repo.join("examples/offices.csv"), repo.join("examples/offices-two-raters.csv")];
    inputs.extend(common::files("tests/conformance", "csv"));
    inputs.extend(common::files("tests/bad-inputs", "csv"));
    let (mut compared, mut with_problems) = (0, 0);
    for input in &inputs {
        let data = std::fs::read(input).expect("read");
        let (Ok(mut a), Ok(mut b)) = (CsvScorer::new(data.as_slice(), &bank), CsvScorer::new(data.as_slice(), &bank)) else {
            continue; // a header error: nothing is streamed
        };
        let (mut streamed, mut built) = (csv::Writer::from_writer(Vec::new()), csv::Writer::from_writer(Vec::new()));
        loop {
            match (a.write_next(&mut streamed), b.next_scored()) {
                (None, None) => break,
                (Some(Ok(problems)), Some(Ok(row))) => {
                    assert_eq!(problems, row.scores.clone().err().unwrap_or_default(), "{}", input.display());
                    with_problems += usize::from(!problems.is_empty());
                    built.write_record(batch::output_record(&bank, &row)).expect("write");
                }
                (Some(Err(x)), Some(Err(y))) => assert_eq!(x, y),
                (x, y) => panic!("{}: {x:?} vs {y:?}", input.display()),
            }
        }
        assert_eq!(
            String::from_utf8(streamed.into_inner().expect("bytes")).expect("utf-8"),
            String::from_utf8(built.into_inner().expect("bytes")).expect("utf-8"),
            "{}",
            input.display()
        );
        compared += 1;
    }
    assert!(
        compared >= 4 && with_problems >= 2,
        "{compared} files, {with_problems} rows with problems"
    );
}

/// Every example assessment (the offices, the two reviewers' ratings with their findings and sources, the
/// consensus with its record), written as the YAML file the web form saves, reads back as the same
/// assessment, and the file lists every element of its bank, unanswered ones as `null`.
#[test]
fn filled_yaml_reads_back_as_the_same_assessment() {
    let mut inputs = common::files("examples", "yaml");
    inputs.extend(common::files("examples/review", "yaml"));
    assert!(inputs.len() >= 6, "examples are missing");
    for input in &inputs {
        let text = std::fs::read_to_string(input).expect("read");
        let doc = Document::parse(&text, Origin::file(input.display().to_string()));
        let bank = common::bank(doc.bank_reference());
        let a = doc.assessment(&bank).unwrap_or_else(|e| panic!("{e}"));
        // Unanswered, too (a consensus must answer what its ratings agree on, so it is not blanked).
        let mut blank = a.clone();
        blank.answers.clear();
        let cases = match a.consensus {
            Some(_) => vec![("as given", &a)],
            None => vec![("as given", &a), ("unanswered", &blank)],
        };
        for (case, a) in cases {
            let written = fidelity_core::template::filled_yaml(&bank, a);
            let back = Assessment::from_text(&written, &bank).unwrap_or_else(|e| panic!("{}: {case}: {e}\n{written}", input.display()));
            assert_eq!(&back, a, "{}: {case}", input.display());
            let listed = written
                .lines()
                .filter(|l| l.starts_with("  ") && !l.trim_start().starts_with('#'))
                .count();
            assert_eq!(listed, bank.elements().count(), "{}: {case}: every element listed", input.display());
        }
    }
}
