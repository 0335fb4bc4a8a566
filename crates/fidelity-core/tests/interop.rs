//! Other tools' formats: the REDCap data dictionary against REDCap's documented column rules, and a hand-made
//! raw export (tests/redcap) read as the wide layout and scored.
#![allow(clippy::panic, clippy::unwrap_used)]

mod common;

use fidelity_core::batch::WideReader;
use fidelity_core::{builtin, redcap, score, Lang};
use std::collections::HashSet;

#[test]
fn the_redcap_dictionary_follows_redcaps_rules() {
    let bank = builtin::get("seiho-shuro@1.1.0").unwrap();
    for lang in [Lang::Ja, Lang::En] {
        let rows = redcap::dictionary(&bank, lang);
        assert_eq!(rows[0], redcap::DICTIONARY_COLUMNS.map(String::from).to_vec());
        let fields = &rows[1..];
        // The record id first; field names lowercase letters, digits and `_`, starting with a letter, unique.
        assert_eq!(fields[0][0], "record_id");
        let mut seen = HashSet::new();
        for f in fields {
            assert_eq!(f.len(), 18, "{f:?}");
            let name = &f[0];
            assert!(name.starts_with(|c: char| c.is_ascii_lowercase()), "{name}");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{name}"
            );
            assert!(!name.contains("___"), "{name}: `___` is REDCap's checkbox separator");
            assert!(seen.insert(name.clone()), "{name} twice");
            // One instrument, named as REDCap names instruments.
            assert_eq!(f[1], "seiho_shuro_1_1_0");
            assert!(["text", "radio", "checkbox"].contains(&f[3].as_str()), "{name}: {}", f[3]);
            assert!(!f[4].is_empty(), "{name} has a label");
            // Radio and checkbox fields list `code, label` choices separated by ` | `, codes unique.
            if f[3] != "text" {
                let codes: Vec<&str> = f[5].split(" | ").map(|c| c.split_once(", ").unwrap().0).collect();
                assert_eq!(codes.iter().collect::<HashSet<_>>().len(), codes.len(), "{name}");
                assert!(
                    codes.iter().all(|c| c.chars().all(|x| x.is_ascii_alphanumeric())),
                    "{name}: {codes:?}"
                );
            } else {
                assert!(f[5].is_empty(), "{name}");
            }
            // Integer validation only on figures, with the input's minimum.
            if f[7] == "integer" {
                assert!(f[8].parse::<u64>().is_ok(), "{name}");
            }
        }
        // Every element is a radio field; each △ option list a checkbox field; each figure input an integer.
        let radios = fields.iter().filter(|f| f[3] == "radio").count();
        assert_eq!(radios, 57 + 1, "57 elements and the rater's kind");
        assert_eq!(fields.iter().filter(|f| f[3] == "checkbox").count(), 3);
        assert_eq!(fields.iter().filter(|f| f[7] == "integer").count(), 5);
        // `NA` only where the element may be not applicable (A-3.8, A-5.4, B-1.6, B-3.3, B-3.4).
        assert_eq!(fields.iter().filter(|f| f[5].contains("NA, ")).count(), 5);
        assert!(
            fields[4][2].contains(bank.def().scoring.notice.get(lang)),
            "the provisional-rules notice above the first element"
        );
    }
}

#[test]
fn a_redcap_raw_export_scores_as_worked_by_hand() {
    let path = common::repo().join("tests/redcap/export.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    assert!(redcap::is_export(&header));
    let named = redcap::builtin_version(&header).unwrap();
    assert_eq!(named, "seiho-shuro@1.1.0");
    let bank = builtin::get(&named).unwrap();
    let wide = redcap::to_wide_csv(&bank, &text).unwrap();
    let mut reader = WideReader::new(wide.as_bytes(), &bank).unwrap();
    let mut reports = Vec::new();
    while let Some(row) = reader.next_row() {
        let a = row.unwrap().assessment.unwrap_or_else(|p| panic!("{p:?}"));
        reports.push(serde_json::to_value(score(&bank, &a)).unwrap());
    }
    // Each record scores as the same answers written in YAML by hand (tests/redcap/export.ID.yaml).
    for report in &reports {
        let id = report["office"]["id"].as_str().unwrap();
        let yaml = std::fs::read_to_string(common::repo().join(format!("tests/redcap/export.{id}.yaml"))).unwrap();
        let from_yaml = serde_json::to_value(fidelity_core::score_text(&bank, &yaml).unwrap()).unwrap();
        assert_eq!(report["items"], from_yaml["items"], "{id}");
        assert_eq!(report["total"], from_yaml["total"], "{id}");
    }
    let expected = common::expected_for(&path);
    common::contains(&expected, &serde_json::Value::Array(reports), "export").unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_redcap_export_problem_is_at_the_exports_own_cell() {
    let bank = builtin::get("seiho-shuro@1.1.0").unwrap();
    // a_6_1 holds 7 (line 3, column 5); a_3_4_opt___12 names an option the instrument lacks.
    let text = "record_id,period,rater_kind,a_6_2,a_6_1\n1,2026,self,1,1\n2,2026,self,1,7\n";
    let wide = redcap::to_wide_csv(&bank, text).unwrap();
    let mut reader = WideReader::new(wide.as_bytes(), &bank).unwrap();
    reader.next_row().unwrap().unwrap().assessment.unwrap();
    let problems = reader.next_row().unwrap().unwrap().assessment.unwrap_err();
    let at: Vec<_> = problems.iter().map(|p| (p.path.as_str(), p.line, p.column)).collect();
    assert_eq!(at, [("answers.A-6.1", Some(3), Some(5))]);
    let e = redcap::to_wide_csv(&bank, "record_id,period,rater_kind,a_3_4_opt___12\n").unwrap_err();
    assert_eq!(
        (e.problems[0].code, e.problems[0].column),
        (fidelity_core::ErrorCode::UnknownOption, Some(4))
    );
}

#[test]
fn the_fhir_questionnaire_asks_every_element_once() {
    let bank = builtin::get("seiho-shuro@1.1.0").unwrap();
    let q = fidelity_core::fhir::questionnaire(&bank);
    assert_eq!(
        (q["resourceType"].as_str(), q["version"].as_str()),
        (Some("Questionnaire"), Some("1.1.0"))
    );
    let mut links = Vec::new();
    fn walk<'a>(items: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>) {
        for item in items.as_array().into_iter().flatten() {
            out.push(item);
            walk(&item["item"], out);
        }
    }
    walk(&q["item"], &mut links);
    let ids: Vec<&str> = links.iter().map(|i| i["linkId"].as_str().unwrap()).collect();
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len(), "linkIds are unique");
    for e in bank.elements() {
        assert!(ids.contains(&e.element.id.as_str()), "{}", e.element.id);
    }
    let kind = |id: &str| {
        links
            .iter()
            .find(|i| i["linkId"] == id)
            .map(|i| i["type"].as_str().unwrap().to_string())
    };
    assert_eq!(kind("A-3.4:options").as_deref(), Some("choice"));
    assert_eq!(kind("B-1.6:capacity").as_deref(), Some("integer"));
    assert_eq!(kind("notice").as_deref(), Some("display"));
    // `na` only where allowed; every element's English in the translation extension.
    let options = |id: &str| {
        links.iter().find(|i| i["linkId"] == id).unwrap()["answerOption"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!((options("A-3.8"), options("A-3.7")), (3, 2));
    let a11 = links.iter().find(|i| i["linkId"] == "A-1.1").unwrap();
    assert_eq!(
        a11["_text"]["extension"][0]["extension"][1]["valueString"],
        bank.element("A-1.1").unwrap().element.text.en.clone().unwrap().as_str()
    );
}

#[test]
fn a_fhir_response_scores_as_the_same_answers_in_yaml() {
    let bank = builtin::get("seiho-shuro@1.1.0").unwrap();
    let text = std::fs::read_to_string(common::repo().join("tests/fhir/response.json")).unwrap();
    let doc = fidelity_core::boundary::Document::parse(text.as_str(), fidelity_core::boundary::Origin::text());
    assert_eq!(doc.declared_bank(), Some("seiho-shuro@1.1.0"));
    assert_eq!(
        doc.score(&bank).unwrap().items,
        score(&bank, &fidelity_core::fhir::response_assessment(&bank, &text).unwrap()).items
    );
    let from_fhir = score(&bank, &fidelity_core::fhir::response_assessment(&bank, &text).unwrap());
    let yaml = std::fs::read_to_string(common::repo().join("tests/fhir/response.yaml")).unwrap();
    let from_yaml = fidelity_core::score_text(&bank, &yaml).unwrap();
    assert_eq!(from_fhir.items, from_yaml.items);
    assert_eq!(from_fhir.rater, from_yaml.rater);
    // Another version's response is refused by name; a wrong answer code at its line and column.
    let other = builtin::get("seiho-shuro@1.0.1").unwrap();
    let e = fidelity_core::fhir::response_assessment(&other, &text).unwrap_err();
    assert_eq!(e.problems[0].code, fidelity_core::ErrorCode::BankMismatch);
    assert!(e.problems[0].message.contains("seiho-shuro|1.1.0"), "{}", e.problems[0].message);
    let bad = text.replacen("\"code\": \"not_met\"", "\"code\": \"maybe\"", 1);
    let e = fidelity_core::fhir::response_assessment(&bank, &bad).unwrap_err();
    let line = bad.lines().position(|l| l.contains("\"maybe\"")).unwrap() as u32 + 1;
    let found: Vec<_> = e.problems.iter().map(|p| (p.code, p.path.as_str(), p.line)).collect();
    // The answer's position is its `answer` entry's, two lines above the code.
    assert_eq!(found, [(fidelity_core::ErrorCode::WrongType, "answers.A-3.4", Some(line - 3))]);
}
