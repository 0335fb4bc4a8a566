//! Year-over-year audit: the compare and verify vectors under tests/ (shared with Python and Node), the
//! crosswalk checks, and trends.
#![allow(clippy::panic, clippy::unwrap_used)]

mod common;

use fidelity_core::boundary::{Document, Origin};
use fidelity_core::crosswalk::Crosswalk;
use fidelity_core::{compare, trend, verify, ErrorCode, Library, ScoreReport};
use serde_json::Value;

fn library() -> Library {
    Library::with_dir(common::repo().join("tests/banks")).unwrap()
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(common::repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every `tests/compare/NAME.{old,new}.yaml` pair against `NAME.expected.json`.
#[test]
fn compare_vectors() {
    let lib = library();
    let names: Vec<String> = common::files("tests/compare", "yaml")
        .iter()
        .filter_map(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .strip_suffix(".old.yaml")
                .map(str::to_owned)
        })
        .collect();
    assert!(names.len() >= 4, "compare vectors missing");
    for name in names {
        let old = lib.report(&doc(&read(&format!("tests/compare/{name}.old.yaml"))), None).unwrap();
        let new = lib.report(&doc(&read(&format!("tests/compare/{name}.new.yaml"))), None).unwrap();
        let expected = common::expected_for(&common::repo().join(format!("tests/compare/{name}.yaml")));
        match (compare(&lib, &old, &new), expected.get("error")) {
            (Ok(c), None) => {
                let actual = serde_json::to_value(&c).unwrap();
                common::contains(&expected, &actual, &name).unwrap_or_else(|e| panic!("{name}: {e}"));
            }
            (Err(e), Some(want)) => assert_eq!(Value::String(e.code().unwrap().to_string()), want["code"], "{name}"),
            (Ok(c), Some(_)) => panic!("{name}: expected an error, got {c:?}"),
            (Err(e), None) => panic!("{name}: {e}"),
        }
    }
}

/// Sets a dotted path (`items.1.score`) in a JSON value.
fn tamper(v: &mut Value, path: &str, value: Value) {
    let mut at = v;
    for key in path.split('.') {
        at = match key.parse::<usize>() {
            Ok(i) => &mut at[i],
            Err(_) => &mut at[key],
        };
    }
    *at = value;
}

/// Every `tests/verify/NAME.json`: score `report_of`, apply `tamper`, verify against `assessment`.
#[test]
fn verify_vectors() {
    let lib = Library::builtin();
    let cases = common::files("tests/verify", "json");
    assert!(cases.len() >= 6);
    for path in cases {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let name = path.display().to_string();
        let report = lib.report(&doc(&read(case["report_of"].as_str().unwrap())), None).unwrap();
        let mut json = serde_json::to_value(&report).unwrap();
        for t in case["tamper"].as_array().unwrap() {
            tamper(&mut json, t["path"].as_str().unwrap(), t["value"].clone());
        }
        let recorded = ScoreReport::from_json(&json.to_string()).unwrap();
        let result = verify(&lib, &recorded, &doc(&read(case["assessment"].as_str().unwrap()))).unwrap();
        let actual = serde_json::to_value(&result).unwrap();
        common::contains(&case["expected"], &actual, &name).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn newer_or_malformed_reports_are_refused_with_a_code() {
    let lib = Library::builtin();
    let report = lib.report(&doc(&read("examples/sample-office-2025.yaml")), None).unwrap();
    let mut json = serde_json::to_value(&report).unwrap();
    json["report_format"] = Value::from(99);
    let e = ScoreReport::from_json(&json.to_string()).unwrap_err();
    assert_eq!(e.code(), Some(ErrorCode::ReportFormat));
    assert!(e.to_string().contains("99"), "{e}");
    let e = ScoreReport::from_json("{\"report_format\": 1,\n \"items\": [}").unwrap_err();
    assert_eq!((e.code(), e.problems[0].line), (Some(ErrorCode::ReportFormat), Some(2)));
}

/// The good crosswalk, edited one way each, must fail with the given code at the given path.
#[test]
fn crosswalk_checks_name_every_problem() {
    let lib = library();
    let old = lib.bank("test-audit@1.0.0").unwrap();
    let new = lib.bank("test-audit@1.1.0").unwrap();
    let good = read("tests/banks/test-audit/crosswalks/1.0.0--1.1.0.yaml");
    let checked = Crosswalk::load(&good, &old, &new).unwrap();
    assert_eq!(checked.element("P-4.3"), Some("P-4.4"));
    assert!(checked.levels_same);
    let cases: [(&str, &str, &str, ErrorCode, &str); 8] = [
        (
            "threshold change declared same",
            "{from: P-3.1, to: P-3.1, change: rule_changed, note: \"at least 3 sessions a month instead of 2\"}",
            "{from: P-3.1, to: P-3.1, change: same}",
            ErrorCode::CrosswalkMismatch,
            "elements[9].change",
        ),
        (
            "changed item declared same",
            "{from: P-2, to: P-2, change: rule_changed, note: \"element P-2.5 added\"}",
            "{from: P-2, to: P-2, change: same}",
            ErrorCode::CrosswalkMismatch,
            "items[1].change",
        ),
        (
            "unchanged element declared rule_changed",
            "{from: P-5.1, to: P-5.1, change: same}",
            "{from: P-5.1, to: P-5.1, change: rule_changed}",
            ErrorCode::CrosswalkMismatch,
            "elements[17].change",
        ),
        (
            "reworded element declared same",
            "{from: P-1.2, to: P-1.2, change: renamed, note: \"reworded\"}",
            "{from: P-1.2, to: P-1.2, change: same}",
            ErrorCode::CrosswalkMismatch,
            "elements[1].change",
        ),
        (
            "mapped twice",
            "{from: P-5.4, to: P-5.4, change: same}",
            "{from: P-5.4, to: P-5.4, change: same}\n  - {from: P-5.4, to: P-5.4, change: same}",
            ErrorCode::DuplicateId,
            "elements[21].from",
        ),
        (
            "unknown id",
            "{from: P-5.4, to: P-5.4, change: same}",
            "{from: P-5.9, to: P-5.4, change: same}",
            ErrorCode::UnknownReference,
            "elements[20].from",
        ),
        (
            "element left out",
            "  - {from: P-5.4, to: P-5.4, change: same}\n",
            "",
            ErrorCode::MissingField,
            "elements",
        ),
        (
            "split into one",
            "{from: P-4.2, to: [P-4.2, P-4.3], change: split}",
            "{from: P-4.2, to: [P-4.2], change: split}",
            ErrorCode::CrosswalkFormat,
            "elements[14]",
        ),
    ];
    for (what, from, to, code, path) in cases {
        assert!(good.contains(from), "{what}: the edit does not apply");
        let bad = good.replace(from, to);
        let e = Crosswalk::load(&bad, &old, &new).expect_err(what);
        assert!(
            e.problems
                .iter()
                .any(|p| p.code == code && p.path == path && p.line.is_some() == (code != ErrorCode::MissingField)),
            "{what}: expected {code} at {path}, got {e}"
        );
    }
    // Labels and wording are not scoring: with P-3.1's threshold back at 2 and its input relabelled, the
    // element is `renamed` and its item `same`.
    let dir = common::repo().join("tests/banks/test-audit/1.1.0");
    let mut files: std::collections::BTreeMap<String, String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    let p3 = files["P-3.yaml"]
        .replace("value: 3}", "value: 2}")
        .replace("実施回数（月あたり）", "研修の実施回数（月あたり）");
    files.insert("P-3.yaml".into(), p3);
    let relabelled = fidelity_core::Bank::from_files(&files).unwrap();
    let kept = good
        .replace(
            "{from: P-3, to: P-3, change: rule_changed, note: \"P-3.1 threshold raised from 2 to 3 sessions a month\"}",
            "{from: P-3, to: P-3, change: same}",
        )
        .replace(
            "{from: P-3.1, to: P-3.1, change: rule_changed, note: \"at least 3 sessions a month instead of 2\"}",
            "{from: P-3.1, to: P-3.1, change: renamed}",
        );
    assert_ne!(kept, good);
    Crosswalk::load(&kept, &old, &relabelled).unwrap_or_else(|e| panic!("a relabelled input keeps its scoring: {e}"));
    // The wrong pair of versions.
    let e = Crosswalk::load(&good, &old, &lib.bank("test-audit@1.0.1").unwrap()).unwrap_err();
    assert!(e.problems.iter().any(|p| p.path == "to"), "{e}");
}

#[test]
fn a_crosswalk_error_refuses_the_comparison_and_names_its_file() {
    let mut lib = library();
    let bad = read("tests/banks/test-audit/crosswalks/1.0.0--1.1.0.yaml").replace(
        "{from: P-2, to: P-2, change: rule_changed, note: \"element P-2.5 added\"}",
        "{from: P-2, to: P-2, change: same}",
    );
    // An added crosswalk is found before the one in the folder.
    let mut only_bad = Library::builtin();
    for v in ["1.0.0", "1.1.0"] {
        only_bad.add_bank(fidelity_core::Bank::from_dir(common::repo().join("tests/banks/test-audit").join(v)).unwrap());
    }
    only_bad.add_crosswalk("edited.yaml", bad);
    lib.add_crosswalk("unused.yaml", "bank: other\nfrom: 1.0.0\nto: 1.1.0\nitems: []\nelements: []\n");
    let old = lib.report(&doc(&read("tests/compare/crosswalk-minor.old.yaml")), None).unwrap();
    let new = lib.report(&doc(&read("tests/compare/crosswalk-minor.new.yaml")), None).unwrap();
    assert!(compare(&lib, &old, &new).is_ok());
    let e = compare(&only_bad, &old, &new).unwrap_err();
    assert_eq!(e.code(), Some(ErrorCode::CrosswalkMismatch));
    assert_eq!(e.problems[0].file.as_deref(), Some("edited.yaml"));
}

#[test]
fn different_banks_do_not_compare() {
    let lib = library();
    let a = lib.report(&doc(&read("examples/sample-office-2025.yaml")), None).unwrap();
    let b = lib.report(&doc(&read("tests/compare/patch-release.new.yaml")), None).unwrap();
    let e = compare(&lib, &a, &b).unwrap_err();
    assert_eq!(e.code(), Some(ErrorCode::NotComparable));
    assert!(e.to_string().contains("seiho-shuro") && e.to_string().contains("test-audit"), "{e}");
}

#[test]
fn the_example_office_compares_item_by_item_as_its_reports_say() {
    let lib = Library::builtin();
    let old = lib.report(&doc(&read("examples/sample-office-2024.yaml")), None).unwrap();
    let new = lib.report(&doc(&read("examples/sample-office-2025.yaml")), None).unwrap();
    let c = compare(&lib, &old, &new).unwrap();
    // Same version: the comparison's totals are the reports' own, and each delta is the difference of scores.
    assert_eq!((c.total.old_mean, c.total.new_mean), (old.total.mean, new.total.mean));
    for (i, (o, n)) in c.items.iter().zip(old.items.iter().zip(&new.items)) {
        assert_eq!(i.delta, Some(n.score.unwrap() as i8 - o.score.unwrap() as i8), "{}", o.id);
    }
    assert!(c.warnings.iter().any(|w| w.code == fidelity_core::WarningCode::RaterKindsDiffer));
    // Reversed, the period order is flagged.
    let back = compare(&lib, &new, &old).unwrap();
    assert!(back.warnings.iter().any(|w| w.code == fidelity_core::WarningCode::PeriodNotLater));
    assert_eq!(
        (back.newly_met.len(), back.no_longer_met.len()),
        (c.no_longer_met.len(), c.newly_met.len())
    );
}

#[test]
fn trends_order_periods_and_warn_across_scoring_rules() {
    let lib = library();
    let reports: Vec<ScoreReport> = [
        "tests/compare/crosswalk-minor.new.yaml",
        "tests/compare/crosswalk-minor.old.yaml",
        "tests/compare/status-change.old.yaml",
    ]
    .iter()
    .map(|p| lib.report(&doc(&read(p)), None).unwrap())
    .collect();
    let t = trend(&reports).unwrap();
    assert_eq!(t.offices.len(), 1);
    let o = &t.offices[0];
    // 2024 self before 2024 external, then 2025.
    let order: Vec<(&str, &str)> = o.points.iter().map(|p| (p.period.as_str(), p.rater.kind.as_str())).collect();
    assert_eq!(order, [("2024", "self"), ("2024", "external"), ("2025", "external")]);
    let p1 = o.items.iter().find(|r| r.id == "P-1").unwrap();
    assert_eq!(p1.values, [Some(3), Some(3), Some(4)]);
    let codes: Vec<_> = o.warnings.iter().map(|w| w.code).collect();
    use fidelity_core::WarningCode::*;
    assert_eq!(codes, [ScoringDiffers, RaterKindsDiffer]);
    // Reports of another bank for the same office are refused.
    let mut mixed = reports.clone();
    let mut other = lib.report(&doc(&read("examples/sample-office-2025.yaml")), None).unwrap();
    other.office.id = "T01".into();
    mixed.push(other);
    assert_eq!(trend(&mixed).unwrap_err().code(), Some(ErrorCode::NotComparable));
}

/// A text as the CLI reads a file's.
fn doc(text: &str) -> Document<'_> {
    Document::parse(text, Origin::text())
}
