//! The review: the consensus vectors under tests/consensus (shared with Python and Node), worked by hand in
//! the files' comments, and the round trip from two ratings to a report whose scores verify.
#![allow(clippy::panic, clippy::unwrap_used)]

mod common;

use fidelity_core::boundary::{Document, Origin};
use fidelity_core::consensus::reconcile;
use fidelity_core::{verify, Library, ScoreReport};
use serde_json::Value;

fn read(rel: &str) -> String {
    std::fs::read_to_string(common::repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn problems(e: &fidelity_core::Error) -> Value {
    let mut p: Vec<Value> = e
        .problems
        .iter()
        .map(|p| serde_json::json!({"code": p.code, "path": p.path, "line": p.line, "column": p.column}))
        .collect();
    p.sort_by_key(|v| v["path"].to_string());
    Value::Array(p)
}

/// `expected` problems (each `{code, path, line?, column?}`) are exactly `actual`'s, line and column where given.
fn same_problems(expected: &Value, actual: &Value, name: &str) {
    let (e, a) = (expected.as_array().unwrap(), actual.as_array().unwrap());
    assert_eq!(e.len(), a.len(), "{name}: {actual}");
    for (e, a) in e.iter().zip(a) {
        common::contains(e, a, name).unwrap_or_else(|m| panic!("{name}: {m}: {actual}"));
    }
}

/// Every `tests/consensus/NAME.first.yaml` + `NAME.second.yaml` against `NAME.expected.json`: the worksheet
/// and the draft (partial), the draft's answers exactly, and the problems validating the draft gives.
#[test]
fn consensus_vectors() {
    let lib = Library::builtin();
    let names: Vec<String> = common::files("tests/consensus", "yaml")
        .iter()
        .filter_map(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .strip_suffix(".first.yaml")
                .map(str::to_owned)
        })
        .collect();
    assert!(names.len() >= 3, "consensus vectors missing");
    for name in names {
        let dir = "tests/consensus";
        let (a, b) = (
            read(&format!("{dir}/{name}.first.yaml")),
            read(&format!("{dir}/{name}.second.yaml")),
        );
        let expected: Value = serde_json::from_str(&read(&format!("{dir}/{name}.expected.json"))).unwrap();
        let docs = (
            Document::parse(a.as_str(), Origin::file(format!("{name}.first.yaml"))),
            Document::parse(b.as_str(), Origin::file(format!("{name}.second.yaml"))),
        );
        match (reconcile(&lib, &docs.0, &docs.1), expected.get("error")) {
            (Ok(r), None) => {
                let ws = serde_json::to_value(&r.worksheet).unwrap();
                common::contains(&expected["worksheet"], &ws, &name).unwrap_or_else(|e| panic!("{name}: {e}"));
                let draft = serde_json::to_value(&r.draft).unwrap();
                common::contains(&expected["draft"], &draft, &name).unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(draft["answers"], expected["draft"]["answers"], "{name}: the draft's answers");
                // The YAML the reviewers edit reads back as the same draft, with the same problems.
                let bank = r.bank.clone();
                let found = match Document::parse(r.draft_yaml.as_str(), Origin::text()).assessment(&bank) {
                    Ok(a) => {
                        assert_eq!(a.answers, r.draft.answers, "{name}");
                        Value::Array(Vec::new())
                    }
                    Err(e) => problems(&e),
                };
                same_problems(&expected["draft_problems"], &found, &name);
            }
            (Err(e), Some(want)) => {
                assert_eq!(e.problems[0].code, serde_json::from_value(want["code"].clone()).unwrap(), "{name}");
                assert_eq!(e.problems[0].path, want["path"], "{name}");
            }
            (Ok(_), Some(_)) => panic!("{name}: expected an error"),
            (Err(e), None) => panic!("{name}: {e}"),
        }
    }
}

/// Every `tests/consensus/NAME.consensus.yaml` against `NAME.consensus.expected.json`: its report (partial),
/// or exactly its problems.
#[test]
fn consensus_records() {
    let lib = Library::builtin();
    let files: Vec<_> = common::files("tests/consensus", "yaml")
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".consensus.yaml"))
        .collect();
    assert!(files.len() >= 4);
    for path in files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = common::expected_for(&path);
        match lib.report(&Document::parse(text.as_str(), Origin::text()), None) {
            Ok(report) => common::contains(&expected["report"], &serde_json::to_value(&report).unwrap(), &name)
                .unwrap_or_else(|e| panic!("{name}: {e}")),
            Err(e) => same_problems(&expected["problems"], &problems(&e), &name),
        }
    }
}

/// The whole review on the bundled example: two ratings → draft → the settled consensus (as its reviewers
/// wrote it from that draft) → report → `verify` reproduces its scores; the report never changes a score.
#[test]
fn two_ratings_to_a_verified_report() {
    let lib = Library::builtin();
    let (a, b) = (
        read("examples/review/2026-reviewer-1.yaml"),
        read("examples/review/2026-reviewer-2.yaml"),
    );
    let r = reconcile(
        &lib,
        &Document::parse(a.as_str(), Origin::file("examples/review/2026-reviewer-1.yaml")),
        &Document::parse(b.as_str(), Origin::file("examples/review/2026-reviewer-2.yaml")),
    )
    .unwrap();
    assert_eq!((r.worksheet.agreed, r.worksheet.disagreed), (52, 5));
    let settled_text = read("examples/review/2026-consensus.yaml");
    let settled = Document::parse(settled_text.as_str(), Origin::text()).assessment(&r.bank).unwrap();
    // The settled consensus keeps every agreed answer of the draft and names the same two files.
    for (id, answer) in &r.draft.answers {
        assert_eq!(settled.answers.get(id), Some(answer), "{id}");
    }
    let (draft_record, record) = (r.draft.consensus.as_ref().unwrap(), settled.consensus.as_ref().unwrap());
    assert_eq!(
        draft_record.ratings, record.ratings,
        "the settled consensus records the two ratings as drafted"
    );
    let report = lib.report(&Document::parse(settled_text.as_str(), Origin::text()), None).unwrap();
    let office = fidelity_core::office_report::office_report(&r.bank, &report, None);
    assert_eq!(
        office.items.iter().map(|i| i.score).collect::<Vec<_>>(),
        report.items.iter().map(|i| i.score).collect::<Vec<_>>()
    );
    // A-5 scores 2 (3/7), the lowest: its four unmet elements open the action plan.
    let first: Vec<&str> = office.action_plan.iter().take(4).map(|a| a.element.as_str()).collect();
    assert_eq!(first, ["A-5.1", "A-5.2", "A-5.5", "A-5.7"]);
    let json = serde_json::to_string(&report).unwrap();
    let v = verify(
        &lib,
        &ScoreReport::from_json(&json).unwrap(),
        &Document::parse(settled_text.as_str(), Origin::text()),
    )
    .unwrap();
    assert!(v.matches, "{v:?}");
}
