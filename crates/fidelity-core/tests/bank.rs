//! The built-in seiho-shuro banks against the manual's text, their English and glossary, and the checks every
//! bank load runs.
#![allow(clippy::panic, clippy::unwrap_used)] // tests and benches fail loudly by design

mod common;

use fidelity_core::bank::{Criterion, FigureTest, Requirement};
use fidelity_core::{builtin, Bank, ErrorCode};
use std::collections::BTreeMap;

const SOURCE: &str = "../shared/source/004_6ea8c7e987f45fd3.txt";

fn seiho() -> std::sync::Arc<Bank> {
    builtin::get("seiho-shuro@1.0.0").unwrap_or_else(|e| panic!("{e}"))
}

/// Every built-in version of seiho-shuro, oldest first.
fn seiho_versions() -> Vec<std::sync::Arc<Bank>> {
    let versions: Vec<_> = builtin::list()
        .into_iter()
        .filter(|(id, _)| id == "seiho-shuro")
        .map(|(id, v)| builtin::get(&format!("{id}@{v}")).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert!(versions.len() >= 2, "1.0.0 and 1.0.1 are built in");
    versions
}

/// The newest built-in seiho-shuro, which `seiho-shuro` without a version names.
fn newest() -> std::sync::Arc<Bank> {
    builtin::get("seiho-shuro").unwrap_or_else(|e| panic!("{e}"))
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
    assert_eq!(from_source.len(), 9, "posts found: {:?}", from_source.keys().collect::<Vec<_>>());
    for bank in seiho_versions() {
        the_bank_is(&bank, &from_source);
    }
}

fn the_bank_is(bank: &Bank, from_source: &BTreeMap<String, SourceItem>) {
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
        assert_eq!(&in_bank, source, "{} in {}", item.id, bank.reference());
        elements += in_bank.elements.len();
    }
    assert_eq!(elements, 57, "the manual's 57 □ elements in {}", bank.reference());
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
    assert_eq!(builtin::get("seiho-shuro").expect("latest").version(), "1.1.0");
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

/// Every text of a bank with where it is: (path, text).
fn texts(bank: &Bank) -> Vec<(String, fidelity_core::Text)> {
    let def = bank.def();
    let mut out = vec![
        ("title".to_string(), def.title.clone()),
        ("scoring.notice".into(), def.scoring.notice.clone()),
    ];
    for b in &def.scoring.levels.bands {
        out.push((format!("levels.{}", b.id), b.label.clone()));
    }
    for d in bank.domains() {
        out.push((format!("{}.title", d.id), d.title.clone()));
        for item in &d.items {
            out.push((format!("{}.title", item.id), item.title.clone()));
            for (name, text) in [("purpose", &item.purpose), ("support", &item.support), ("notes", &item.notes)] {
                if let Some(t) = text {
                    out.push((format!("{}.{name}", item.id), t.clone()));
                }
            }
            for e in &item.elements {
                out.push((e.id.clone(), e.text.clone()));
                if let Some(g) = &e.guidance {
                    out.push((format!("{}.guidance", e.id), g.clone()));
                }
                match &e.criterion {
                    Criterion::Check => {}
                    Criterion::Options { options, .. } => {
                        out.extend(options.iter().map(|o| (format!("{}.{}", e.id, o.key), o.label.clone())));
                    }
                    Criterion::Figure { inputs, .. } => {
                        for i in inputs {
                            out.push((format!("{}.{}.label", e.id, i.key), i.label.clone()));
                            out.push((format!("{}.{}.unit", e.id, i.key), i.unit.clone()));
                        }
                    }
                }
            }
        }
    }
    if let Some(g) = &def.guidance {
        out.push(("guidance".into(), g.clone()));
    }
    for g in &def.glossary {
        out.push((format!("glossary.{}.term", g.id), g.term.clone()));
        out.push((format!("glossary.{}.definition", g.id), g.definition.clone()));
    }
    out
}

/// 1.0.1 is a patch release of 1.0.0: the same scoring digest, the same Japanese texts apart from the notice
/// (which now says what the total covers), and English for every text, the item texts included.
#[test]
fn the_patch_release_changes_texts_only_and_has_english_everywhere() {
    let old = seiho();
    let new = builtin::get("seiho-shuro@1.0.1").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(old.scoring_digest(), new.scoring_digest());
    assert_ne!(old.content_digest(), new.content_digest());
    let old_texts: BTreeMap<String, String> = texts(&old).into_iter().map(|(p, t)| (p, t.ja)).collect();
    for (path, text) in texts(&new) {
        if path == "scoring.notice" || path.starts_with("glossary.") {
            continue;
        }
        assert_eq!(old_texts.get(&path), Some(&text.ja), "{path}: a patch release keeps the Japanese");
    }
    for (path, text) in texts(&newest()) {
        assert!(text.en.as_deref().is_some_and(|e| !e.trim().is_empty()), "{path} has no English");
    }
    let notice = newest().def().scoring.notice.clone();
    assert!(notice.ja.contains("A-1〜B-3の9項目") && notice.en.as_deref().is_some_and(|e| e.contains("nine checklist items")));
    assert!(
        !newest().def().source.method.contains("Continuous"),
        "no invented English expansion of CD-TEP"
    );
}

/// One term, one rendering: where a Japanese text uses a glossary term (or a variant the source writes for
/// it), its English uses the term's English rendering, and the rendering appears in no English text whose
/// Japanese lacks the term. 実習 (work experience) and 就労 (employment) are kept apart: "placement" is said
/// only where the Japanese says 実習.
#[test]
fn every_english_text_renders_a_glossary_term_one_way() {
    let bank = newest();
    let checked = [
        "employment_support_staff",
        "employment_support_worker",
        "employment_support_specialist",
        "employment_support_team",
        "caseworker",
        "supervisor",
        "coordinator",
        "living_support_staff",
        "related_organisations",
        "partner_workplace",
        "work_experience_placement",
        "job_development",
        "job_retention_support",
        "negative_image",
        "stigma",
        "trial_employment",
        "hello_work",
        "self_reliance_program",
    ];
    let mut wrong = Vec::new();
    for id in checked {
        let entry = bank
            .def()
            .glossary
            .iter()
            .find(|g| g.id == id)
            .unwrap_or_else(|| panic!("glossary lacks {id}"));
        let rendering = entry.term.en.clone().unwrap_or_default().to_lowercase();
        let mut ja_forms = vec![entry.term.ja.clone()];
        ja_forms.extend(entry.variants.iter().cloned());
        for (path, text) in texts(&bank) {
            if path.starts_with(&format!("glossary.{id}.")) {
                continue; // an entry's own definition explains its Japanese
            }
            let en = text.en.clone().unwrap_or_default().to_lowercase();
            let in_ja = ja_forms.iter().any(|f| text.ja.contains(f.as_str()));
            if in_ja != en.contains(&rendering) {
                wrong.push(format!(
                    "{path}: {} in Japanese, {rendering:?} in English: {}",
                    in_ja,
                    text.en.unwrap_or_default()
                ));
            }
        }
    }
    for (path, text) in texts(&bank) {
        if text.en.as_deref().unwrap_or_default().contains("placement") && !text.ja.contains("実習") {
            wrong.push(format!("{path}: \"placement\" without 実習: {}", text.en.unwrap_or_default()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Definitions the glossary attributes to a section of the manual are copied from it verbatim.
#[test]
fn glossary_definitions_from_the_manual_are_verbatim() {
    let source = std::fs::read_to_string(common::repo().join(SOURCE)).expect("source");
    let bank = newest();
    let quoted: Vec<_> = bank.def().glossary.iter().filter(|g| g.source != "project").collect();
    assert_eq!(
        quoted.iter().map(|g| (g.id.as_str(), g.source.as_str())).collect::<Vec<_>>(),
        [
            ("program", "3.3"),
            ("user", "3.2"),
            ("employment_support_staff", "3.3"),
            ("coordinator", "3.3")
        ]
    );
    for g in quoted {
        assert!(source.contains(&g.definition.ja), "{}: not the source's words", g.id);
        assert!(source.contains(&format!("{} ", g.source)), "{}: no section {}", g.id, g.source);
    }
}

/// The source's slips kept verbatim are recorded, and "fixing" one fails the bank check with its path.
#[test]
fn kept_slips_of_the_source_cannot_be_fixed_silently() {
    use fidelity_core::bank::ProvenanceKind;
    let bank = newest();
    let kept: Vec<(&str, &str)> = bank
        .def()
        .provenance
        .iter()
        .filter(|n| n.kind == ProvenanceKind::KeptAsWritten)
        .map(|n| (n.at[0].as_str(), n.quote.as_deref().unwrap_or_default()))
        .collect();
    assert_eq!(
        kept,
        [
            ("A-1", "専門期間"),
            ("A-3.3", "就労支援の就労継続支援"),
            ("A-3.6", "ケースケースワーカー"),
            ("A-3.8", "による同行訪問する"),
            ("A-5.5", "専門家派遣できる"),
        ]
    );
    let mut files = builtin::files("seiho-shuro", bank.version());
    edit(&mut files, "A-3.yaml", "ケースケースワーカーを入れずに", "ケースワーカーを入れずに");
    let err = Bank::from_files(&files).expect_err("a fixed slip is refused");
    let problem = err
        .problems
        .iter()
        .find(|p| p.code == ErrorCode::InvalidValue)
        .expect("invalid_value");
    assert_eq!(problem.path, "provenance[2].quote");
    assert!(
        problem.message.contains("A-3.6") && problem.message.contains("ケースケースワーカー"),
        "{}",
        problem.message
    );
}

/// An assessment written for 1.0.0 scores with the newest patch release, to the same scores, and the report
/// names the version that scored it; a bank that scores differently still refuses it.
#[test]
fn a_patch_release_scores_the_assessments_of_the_version_before() {
    let text = std::fs::read_to_string(common::repo().join("examples/sample-office-2025.yaml")).expect("example");
    assert!(text.contains("bank: seiho-shuro@1.0.0"));
    let old = fidelity_core::score_text(&seiho(), &text).expect("1.0.0 scores its own");
    let patch = builtin::get("seiho-shuro@1.0.1").unwrap_or_else(|e| panic!("{e}"));
    let new = fidelity_core::score_text(&patch, &text).expect("1.0.1 scores a 1.0.0 assessment");
    assert_eq!(new.bank.version, "1.0.1");
    assert_eq!(serde_json::to_value(&old.items).unwrap(), serde_json::to_value(&new.items).unwrap());
    assert_eq!(serde_json::to_value(&old.total).unwrap(), serde_json::to_value(&new.total).unwrap());
    let mut stricter = builtin::files("seiho-shuro", "1.0.1");
    edit(&mut stricter, "A-2.yaml", r#"value: "2""#, r#"value: "3""#);
    let stricter = Bank::from_files(&stricter).expect("bank");
    let err = fidelity_core::score_text(&stricter, &text).expect_err("scores differently");
    assert_eq!(err.code(), Some(ErrorCode::BankMismatch));
    let err = fidelity_core::score_text(&newest(), &text).expect_err("1.1.0 scores differently");
    assert_eq!(err.code(), Some(ErrorCode::BankMismatch));
    // Every conformance vector written for 1.0.0 scores the same under 1.0.1, item by item.
    let mut checked = 0;
    for entry in std::fs::read_dir(common::repo().join("tests/conformance")).expect("vectors") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if path.extension().is_some_and(|x| x == "yaml") && text.contains("bank: seiho-shuro@1.0.0") {
            let old = fidelity_core::score_text(&seiho(), &text).expect("scores");
            let new = fidelity_core::score_text(&patch, &text).expect("scores");
            assert_eq!(
                serde_json::to_value(&old.items).unwrap(),
                serde_json::to_value(&new.items).unwrap(),
                "{}",
                path.display()
            );
            assert_eq!((old.total.sum, old.level), (new.total.sum, new.level), "{}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked} vectors");
}

/// 1.1.0's rules as data: `na` exactly where an element depends on an event of the period, each with its
/// guidance and rationale; A-2.3 asked over the period's months; guidance for A-3.4, A-3.5 and B-1.4.
#[test]
fn the_minor_release_allows_na_where_an_event_may_not_occur() {
    let bank = builtin::get("seiho-shuro@1.1.0").unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(bank.scoring_digest(), seiho().scoring_digest());
    let na: Vec<&str> = bank
        .elements()
        .filter(|e| e.element.na_allowed)
        .map(|e| e.element.id.as_str())
        .collect();
    assert_eq!(na, ["A-3.8", "A-5.4", "B-1.6", "B-3.3", "B-3.4"]);
    for id in na {
        let e = bank.element(id).expect("element").element;
        let guidance = e.guidance.as_ref().unwrap_or_else(|| panic!("{id} needs guidance"));
        assert!(
            guidance.ja.contains("該当なし（na）") && guidance.en.as_deref().is_some_and(|g| g.contains("Answer na")),
            "{id}"
        );
        assert!(e.rationale.as_deref().is_some_and(|r| r.starts_with("Provisional")), "{id}");
    }
    let Criterion::Figure { inputs, test, .. } = &bank.element("A-2.3").expect("A-2.3").element.criterion else {
        panic!("A-2.3 is a figure")
    };
    assert_eq!(
        inputs.iter().map(|i| (i.key.as_str(), i.min)).collect::<Vec<_>>(),
        [("months", 1), ("months_with_two_sessions", 0)]
    );
    assert_eq!(serde_json::to_value(test).unwrap()["ratio"], "1");
    for id in ["A-3.4", "A-3.5", "B-1.4", "B-2.1"] {
        assert!(bank.element(id).expect("element").element.guidance.is_some(), "{id} needs guidance");
    }
    assert!(bank.def().guidance.as_ref().is_some_and(|g| g.ja.contains("評価期間")));
}
