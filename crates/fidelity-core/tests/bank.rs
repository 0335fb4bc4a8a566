//! The built-in seiho-shuro 1.0.0 bank against the manual's text, and the checks every bank load runs.
#![allow(clippy::panic, clippy::unwrap_used)] // tests and benches fail loudly by design

mod common;

use fidelity_core::bank::{Criterion, FigureTest, Requirement};
use fidelity_core::{builtin, Bank, ErrorCode};
use std::collections::BTreeMap;

const SOURCE: &str = "../shared/source/004_6ea8c7e987f45fd3.txt";

fn seiho() -> std::sync::Arc<Bank> {
    builtin::get("seiho-shuro@1.0.0").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn element_counts_match_the_manual() {
    let bank = seiho();
    let counts: Vec<(String, usize)> = bank.items().map(|(_, i)| (i.id.clone(), i.elements.len())).collect();
    let want = [
        ("A-1", 5),
        ("A-2", 10),
        ("A-3", 8),
        ("A-4", 5),
        ("A-5", 8),
        ("A-6", 4),
        ("B-1", 6),
        ("B-2", 7),
        ("B-3", 4),
    ];
    assert_eq!(counts, want.map(|(i, n)| (i.to_string(), n)));
    assert_eq!(bank.elements().count(), 57);
    let domains: Vec<(&str, &str, Vec<&str>)> = bank
        .domains()
        .iter()
        .map(|d| (d.id.as_str(), d.title.ja.as_str(), d.items.iter().map(|i| i.id.as_str()).collect()))
        .collect();
    assert_eq!(
        domains[0],
        ("A", "福祉事務所をととのえる", vec!["A-1", "A-2", "A-3", "A-4", "A-5", "A-6"])
    );
    assert_eq!(domains[1], ("B", "関係機関を仲間にする", vec!["B-1", "B-2", "B-3"]));
}

/// What the exact comparison with the source (below) does not cover: English, `na`, the source's name.
#[test]
fn every_element_has_english_and_the_source_is_named() {
    let bank = seiho();
    for (_, item) in bank.items() {
        assert!(
            item.purpose.is_some() && item.support.is_some(),
            "{} needs 意義と目的 and 具体的な支援内容",
            item.id
        );
        for e in &item.elements {
            assert!(
                e.text.en.as_deref().is_some_and(|t| !t.is_empty()),
                "{} needs an English translation",
                e.id
            );
            assert!(!e.na_allowed, "{}: na is not allowed anywhere in 1.0.0", e.id);
        }
    }
    // 留意点 exist for exactly A-1, A-3 and B-2 in the manual.
    let with_notes: Vec<&str> = bank
        .items()
        .filter(|(_, i)| i.notes.is_some())
        .map(|(_, i)| i.id.as_str())
        .collect();
    assert_eq!(with_notes, ["A-1", "A-3", "B-2"]);
    assert!(bank.def().source.url.contains("ppcfe.com") && bank.def().source.method.contains("CD-TEP"));
}

/// One item of the source as its post gives it: title, the three texts, and the checklist as the sequence of
/// □ elements, each with its △ sub-options, in the post's order.
#[derive(Debug, PartialEq)]
struct SourceItem {
    title: String,
    purpose: String,
    support: String,
    notes: Option<String>,
    elements: Vec<(String, Vec<String>)>,
}

/// The source's posts (newest first: B-3 .. A-1) read into items by id. A post is a line `ID title`, then
/// one line holding `意義と目的 … 具体的な支援内容 … [留意点 …] 効果的な援助要素 □ … △ …`.
fn source_items(source: &str) -> BTreeMap<String, SourceItem> {
    let mut items = BTreeMap::new();
    let lines: Vec<&str> = source.lines().collect();
    for (n, line) in lines.iter().enumerate() {
        let Some((id, title)) = post_heading(line) else { continue };
        let body = lines[n + 1..]
            .iter()
            .take_while(|l| post_heading(l).is_none())
            .find(|l| l.contains("効果的な援助要素"))
            .unwrap_or_else(|| panic!("{id}: no checklist in its post"));
        let section = |from: &str, to: &[&str]| -> Option<String> {
            let start = body.find(from)? + from.len();
            let end = to
                .iter()
                .filter_map(|t| body[start..].find(t))
                .min()
                .map_or(body.len(), |e| start + e);
            Some(body[start..end].trim().to_string())
        };
        let checklist = section("効果的な援助要素", &[]).expect("checklist");
        let elements = checklist
            .split('□')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|c| {
                let mut parts = c.split('△').map(str::trim);
                let text = parts.next().unwrap_or_default().to_string();
                (text, parts.map(str::to_string).collect())
            })
            .collect();
        items.insert(
            id.to_string(),
            SourceItem {
                title: title.to_string(),
                purpose: section("意義と目的", &["具体的な支援内容"]).expect("意義と目的"),
                support: section("具体的な支援内容", &["留意点", "効果的な援助要素"]).expect("具体的な支援内容"),
                notes: section("留意点", &["効果的な援助要素"]),
                elements,
            },
        );
    }
    items
}

/// `A-3 title` or `A-3title` (the source writes both) at the start of a line.
fn post_heading(line: &str) -> Option<(&str, &str)> {
    let b = line.as_bytes();
    let is_id = b.len() > 3 && matches!(b[0], b'A' | b'B') && b[1] == b'-' && b[2].is_ascii_digit();
    is_id.then(|| (&line[..3], line[3..].trim()))
}

/// Every Japanese text of the bank equals the source's, in the source's order: the item titles, 意義と目的,
/// 具体的な支援内容 and 留意点, each □ element and each △ option. A truncated text, a swapped order or an
/// element in the wrong item fails here.
#[test]
fn the_bank_is_the_source_exactly_item_by_item() {
    let path = common::repo().join(SOURCE);
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("the checklist source {} is needed: {e}", path.display()));
    let from_source = source_items(&source);
    let bank = seiho();
    assert_eq!(from_source.len(), 9, "posts found: {:?}", from_source.keys().collect::<Vec<_>>());
    let mut elements = 0;
    for (_, item) in bank.items() {
        let ja = |t: &Option<fidelity_core::Text>| t.as_ref().map(|t| t.ja.clone());
        let in_bank = SourceItem {
            title: item.title.ja.clone(),
            purpose: ja(&item.purpose).unwrap_or_default(),
            support: ja(&item.support).unwrap_or_default(),
            notes: ja(&item.notes),
            elements: item
                .elements
                .iter()
                .map(|e| {
                    let options = match &e.criterion {
                        Criterion::Options { options, .. } => options.iter().map(|o| o.label.ja.clone()).collect(),
                        _ => Vec::new(),
                    };
                    (e.text.ja.clone(), options)
                })
                .collect(),
        };
        let source = from_source
            .get(&item.id)
            .unwrap_or_else(|| panic!("{} is not in the source", item.id));
        assert_eq!(&in_bank, source, "{}", item.id);
        elements += in_bank.elements.len();
    }
    assert_eq!(elements, 57, "the manual's 57 □ elements");
}

#[test]
fn option_keys_and_requirements_are_the_data_contract() {
    let bank = seiho();
    let keys = |id: &str| match &bank.element(id).expect("element").element.criterion {
        Criterion::Options { options, require, .. } => (options.iter().map(|o| o.key.clone()).collect::<Vec<_>>().join(","), *require),
        other => panic!("{id} is {other:?}"),
    };
    assert_eq!(
        keys("A-3.4"),
        (
            "relationship,intake_assessment,plan,job_development,training,plan_review,workplace_support,retention_review,employer_support"
                .into(),
            Requirement::All
        )
    );
    assert_eq!(keys("A-3.5"), ("outreach,placement_npo,new_partners,partner_liaison,employer_liaison,hellowork_liaison,municipality_liaison,employment_resources,employment_network,living_resources,health_liaison,living_network,advocacy,staff_motivation".into(), Requirement::All));
    assert_eq!(
        keys("B-1.1"),
        (
            "hellowork,npo,minsei_council,hospital,school,park,other".into(),
            Requirement::AtLeast(1)
        )
    );
    let with_options: Vec<&str> = bank
        .elements()
        .filter(|e| matches!(e.element.criterion, Criterion::Options { .. }))
        .map(|e| e.element.id.as_str())
        .collect();
    assert_eq!(with_options, ["A-3.4", "A-3.5", "B-1.1"]);
}

#[test]
fn figure_thresholds_are_the_data_contract() {
    let bank = seiho();
    let figure = |id: &str| match &bank.element(id).expect("element").element.criterion {
        Criterion::Figure { inputs, test, .. } => (
            inputs.iter().map(|i| (i.key.clone(), i.min)).collect::<Vec<_>>(),
            serde_json::to_value(test).expect("json"),
        ),
        other => panic!("{id} is {other:?}"),
    };
    assert_eq!(
        figure("A-2.3"),
        (
            vec![("sessions_per_month".into(), 0)],
            serde_json::json!({"kind": "at_least", "input": "sessions_per_month", "value": "2"})
        )
    );
    assert_eq!(
        figure("B-1.6"),
        (
            vec![("new_users_past_year".into(), 0), ("capacity".into(), 1)],
            serde_json::json!({"kind": "ratio_at_least", "numerator": "new_users_past_year", "denominator": "capacity", "ratio": "0.5"})
        )
    );
    assert_eq!(
        figure("B-2.1"),
        (
            vec![("activities_past_6_months".into(), 0)],
            serde_json::json!({"kind": "at_least", "input": "activities_past_6_months", "value": "1"})
        )
    );
    let n = bank
        .elements()
        .filter(|e| {
            matches!(
                e.element.criterion,
                Criterion::Figure {
                    test: FigureTest::AtLeast { .. } | FigureTest::RatioAtLeast { .. },
                    ..
                }
            )
        })
        .count();
    assert_eq!(n, 3);
}

fn builtin_files() -> BTreeMap<String, String> {
    builtin::files("seiho-shuro", "1.0.0")
}

fn edit(files: &mut BTreeMap<String, String>, name: &str, from: &str, to: &str) {
    let text = files.get_mut(name).expect("file");
    assert!(text.contains(from), "{name} lacks {from:?}");
    *text = text.replacen(from, to, 1);
}

#[test]
fn a_wording_change_keeps_the_scoring_digest_and_a_threshold_change_does_not() {
    let original = Bank::from_files(&builtin_files()).expect("bank");
    let mut reworded = builtin_files();
    edit(
        &mut reworded,
        "A-4.yaml",
        "There is a computer users can use for job searches",
        "Users have a computer for job searches",
    );
    let reworded = Bank::from_files(&reworded).expect("bank");
    assert_ne!(original.content_digest(), reworded.content_digest());
    assert_eq!(original.scoring_digest(), reworded.scoring_digest());
    let mut stricter = builtin_files();
    edit(&mut stricter, "A-2.yaml", r#"value: "2""#, r#"value: "3""#);
    let stricter = Bank::from_files(&stricter).expect("bank");
    assert_ne!(original.scoring_digest(), stricter.scoring_digest());
}

#[test]
fn loading_a_broken_bank_reports_every_problem() {
    let mut files = builtin_files();
    edit(&mut files, "A-1.yaml", "id: A-1.2", "id: A-1.1");
    edit(
        &mut files,
        "bank.yaml",
        r#"{score: 4, min_rate: "0.75"}"#,
        r#"{score: 4, min_rate: "0.25"}"#,
    );
    edit(&mut files, "B-1.yaml", "numerator: new_users_past_year", "numerator: new_users");
    edit(
        &mut files,
        "A-4.yaml",
        "      en: \"Employment support workers can use an official car\"\n",
        "",
    );
    edit(&mut files, "B-1.yaml", "require: {at_least: 1}", "require: {at_least: 8}");
    let err = Bank::from_files(&files).expect_err("broken bank");
    let codes: Vec<ErrorCode> = err.problems.iter().map(|p| p.code).collect();
    for want in [
        ErrorCode::DuplicateId,
        ErrorCode::InvalidValue,
        ErrorCode::InvalidBands,
        ErrorCode::UnknownReference,
        ErrorCode::MissingText,
    ] {
        assert!(codes.contains(&want), "{want:?} missing from {err}");
    }
    assert!(err.problems.len() >= 6, "{err}");
}

#[test]
fn bank_format_errors_carry_file_line_and_column() {
    let mut files = builtin_files();
    edit(&mut files, "B-3.yaml", "elements:", "colour: red\nelements:");
    let err = Bank::from_files(&files).expect_err("unknown key");
    let p = &err.problems[0];
    assert_eq!((p.code, p.file.as_deref()), (ErrorCode::BankFormat, Some("B-3.yaml")));
    assert!(p.line.is_some_and(|l| l > 1) && p.column.is_some(), "{p:?}");
    assert!(p.message.contains("colour"), "{p:?}");
}

#[test]
fn an_unreachable_score_is_refused() {
    let mut files = builtin_files();
    // Two elements under quarter bands can only give 1, 3 or 5.
    let a6 = files["A-6.yaml"].clone();
    let cut = a6.find("  - id: A-6.3").expect("A-6.3");
    files.insert("A-6.yaml".into(), a6[..cut].to_string());
    let err = Bank::from_files(&files).expect_err("unreachable");
    assert!(
        err.problems
            .iter()
            .any(|p| p.code == ErrorCode::UnreachableScore && p.path == "items.A-6"),
        "{err}"
    );
}

#[test]
fn the_test_bank_loads_and_unknown_banks_are_named() {
    let test = common::bank("test-rules@1.0.0");
    assert_eq!(test.elements().count(), 23);
    let err = builtin::get("seiho-shuro@9.9.9").expect_err("unknown version");
    assert_eq!(err.code(), Some(ErrorCode::BankNotFound));
    assert!(err.to_string().contains("seiho-shuro@1.0.0"), "{err}");
    assert_eq!(builtin::get("seiho-shuro").expect("latest").version(), "1.0.0");
}

#[test]
fn the_form_model_lists_every_element_with_its_input() {
    use fidelity_core::form::{Form, FormInput};
    let bank = fidelity_core::builtin::get("seiho-shuro").expect("bank");
    let form = Form::new(&bank, fidelity_core::Lang::En);
    let elements: Vec<_> = form
        .domains
        .iter()
        .flat_map(|d| d.items.iter().flat_map(|i| i.elements.iter()))
        .collect();
    assert_eq!(elements.len(), 57);
    let b16 = elements.iter().find(|e| e.id == "B-1.6").expect("B-1.6");
    match &b16.input {
        FormInput::Figure { inputs, test } => {
            assert_eq!(
                inputs.iter().map(|i| (i.key.as_str(), i.min)).collect::<Vec<_>>(),
                [("new_users_past_year", 0), ("capacity", 1)]
            );
            assert!(test.contains("≥ 0.5 ×"), "{test}");
        }
        other => panic!("B-1.6 should be a figure element, found {other:?}"),
    }
    let a34 = elements.iter().find(|e| e.id == "A-3.4").expect("A-3.4");
    assert!(matches!(&a34.input, FormInput::Options { options, required } if *required as usize == options.len()));
    assert_eq!(
        form.levels.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(),
        ["high", "moderate", "low"]
    );
    assert!(form.notice.contains("provisional"));
}
