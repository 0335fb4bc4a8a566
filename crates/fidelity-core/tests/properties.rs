//! Properties of scoring that must hold for every assessment, checked on random valid assessments of the
//! built-in bank and of the test bank (anchors, na): scores stay in range, meeting one more element never
//! lowers an item's score, the order answers are written in never matters, the compiled plan scores as the
//! report does, and reports survive JSON.
#![allow(clippy::panic, clippy::unwrap_used)] // tests and benches fail loudly by design

mod common;

use fidelity_core::bank::Criterion;
use fidelity_core::report::ScoreSummary;
use fidelity_core::NaMarker;
use fidelity_core::{score, Answer, Assessment, Bank, Office, Rater, RaterKind, ScoreReport};
use fidelity_core::{PlannedScores, ScoringPlan};
use proptest::prelude::*;

/// A random valid answer for each element (or none), drawn from what the element accepts.
fn assessment(bank: &Bank) -> impl Strategy<Value = Assessment> {
    let elements: Vec<_> = bank.elements().map(|e| e.element.clone()).collect();
    let per_element: Vec<BoxedStrategy<Option<Answer>>> = elements
        .iter()
        .map(|e| {
            let mut forms: Vec<BoxedStrategy<Option<Answer>>> =
                vec![Just(None).boxed(), any::<bool>().prop_map(|b| Some(Answer::Judgement(b))).boxed()];
            if e.na_allowed {
                forms.push(Just(Some(Answer::Na(NaMarker::Na))).boxed());
            }
            match &e.criterion {
                Criterion::Check => {}
                Criterion::Options { options, .. } => {
                    let keys: Vec<String> = options.iter().map(|o| o.key.clone()).collect();
                    forms.push(
                        proptest::sample::subsequence(keys.clone(), 0..=keys.len())
                            .prop_map(|k| Some(Answer::Options(k)))
                            .boxed(),
                    );
                }
                Criterion::Figure { inputs, .. } => {
                    let specs: Vec<(String, u64)> = inputs.iter().map(|i| (i.key.clone(), i.min)).collect();
                    forms.push(
                        proptest::collection::vec(0u64..40, specs.len())
                            .prop_map(move |vals| {
                                Some(Answer::Figures(
                                    specs.iter().zip(vals).map(|((k, min), v)| (k.clone(), min + v)).collect(),
                                ))
                            })
                            .boxed(),
                    );
                }
            }
            proptest::strategy::Union::new(forms).boxed()
        })
        .collect();
    let ids: Vec<String> = elements.iter().map(|e| e.id.clone()).collect();
    per_element.prop_map(move |answers| Assessment {
        bank: None,
        office: Office {
            id: "1".into(),
            name: None,
        },
        period: "2025".into(),
        rater: Rater {
            kind: RaterKind::SelfAssessment,
            name: None,
            date: None,
        },
        answers: ids.iter().cloned().zip(answers).filter_map(|(id, a)| a.map(|a| (id, a))).collect(),
        findings: Default::default(),
        items: Default::default(),
        consensus: None,
    })
}

/// The assessment as JSON text with its answers (and option lists) in the order `key` gives.
fn text_in_order(a: &Assessment, reverse: bool) -> String {
    let mut answers: Vec<(&String, &Answer)> = a.answers.iter().collect();
    if reverse {
        answers.reverse();
    }
    let body: Vec<String> = answers
        .iter()
        .map(|(k, v)| {
            let value = match v {
                Answer::Options(keys) if reverse => serde_json::to_string(&keys.iter().rev().collect::<Vec<_>>()).unwrap(),
                other => serde_json::to_string(other).unwrap(),
            };
            format!("{}: {value}", serde_json::to_string(k).unwrap())
        })
        .collect();
    format!(
        r#"{{"answers": {{{}}}, "rater": {{"kind": "self"}}, "period": "2025", "office": {{"id": "1"}}}}"#,
        body.join(", ")
    )
}

fn check_properties(bank: &Bank, a: &Assessment) -> Result<(), TestCaseError> {
    prop_assert!(a.check(bank).is_ok(), "generated assessment is invalid: {:?}", a.check(bank));
    let report = score(bank, a);
    for item in &report.items {
        prop_assert!(
            item.score.is_none_or(|s| (1..=5).contains(&s)),
            "{} scored {:?}",
            item.id,
            item.score
        );
        prop_assert_eq!(item.score.is_some(), item.status == fidelity_core::report::ItemStatus::Scored);
    }
    for d in &report.domains {
        prop_assert!(d.mean.is_none_or(|m| (1.0..=5.0).contains(&m)));
    }
    prop_assert_eq!(report.level.is_some(), report.total.sum.is_some() && report.total.scored_items > 0);

    // Meeting one more element never lowers its item's score.
    for (id, answer) in &a.answers {
        if *answer == Answer::Judgement(false) {
            let mut better = a.clone();
            better.answers.insert(id.clone(), Answer::Judgement(true));
            let after = score(bank, &better);
            for (before, after) in report.items.iter().zip(&after.items) {
                prop_assert!(
                    after.score >= before.score,
                    "{id}: {} went from {:?} to {:?}",
                    before.id,
                    before.score,
                    after.score
                );
            }
        }
    }

    // The order answers and options are written in never matters.
    for reverse in [false, true] {
        let text = text_in_order(a, reverse);
        let reread = Assessment::from_text(&text, bank).unwrap_or_else(|e| panic!("{e}\n{text}"));
        prop_assert_eq!(&score(bank, &reread), &report);
    }

    // The compiled plan gives the same scores as the report, reusing one scores value across calls; also with
    // every unanswered element answered, so that items are scored and every element's decision counts.
    let plan = ScoringPlan::new(bank);
    let mut scores = PlannedScores::default();
    let mut filled = a.clone();
    for (n, e) in bank.elements().enumerate() {
        filled.answers.entry(e.element.id.clone()).or_insert(Answer::Judgement(n % 3 == 0));
    }
    for each in [a, &filled, a] {
        plan.score_into(&plan.answers(each), &mut scores);
        prop_assert_eq!(plan.summary(&scores), ScoreSummary::from(&score(bank, each)));
    }

    // A report survives JSON, and so does the assessment.
    let json = serde_json::to_string(&report).unwrap();
    let back: ScoreReport = serde_json::from_str(&json).unwrap();
    prop_assert_eq!(&back, &report);
    let again = Assessment::from_text(&serde_json::to_string(a).unwrap(), bank).unwrap();
    prop_assert_eq!(score(bank, &again), report);
    Ok(())
}

fn run(bank: &Bank) {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(300));
    runner.run(&assessment(bank), |a| check_properties(bank, &a)).unwrap();
}

#[test]
fn scoring_properties_hold_for_the_builtin_bank() {
    run(&common::bank("seiho-shuro@1.0.0"));
}

#[test]
fn scoring_properties_hold_for_the_test_bank() {
    run(&common::bank("test-rules@1.0.0"));
}

#[test]
fn a_filled_template_row_always_validates() {
    use fidelity_core::batch::{Cell, WideLayout};
    use fidelity_core::template::csv_header as template_header;
    let bank = common::bank("seiho-shuro@1.0.0");
    let header = template_header(&bank);
    let rows = fidelity_core::batch::RowScorer::new(WideLayout::new(&bank, header.iter().map(String::as_str)).unwrap());
    // A figure element's inputs are filled together or left blank together.
    let figure_of = |column: &str| {
        column.split_once(':').and_then(|(id, _)| {
            bank.element(id)
                .filter(|e| matches!(e.element.criterion, Criterion::Figure { .. }))
                .map(|_| id.to_string())
        })
    };
    let cells = proptest::collection::vec((0u8..3, 1u64..30), header.len());
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(300));
    runner
        .run(&(cells, any::<bool>()), |(choices, figures_filled)| {
            let texts: Vec<String> = header
                .iter()
                .zip(&choices)
                .map(|(h, (c, n))| match h.as_str() {
                    "office_id" => "1".into(),
                    "office_name" => "サンプル".into(),
                    "period" => "2025".into(),
                    "rater_kind" => "external".into(),
                    // The review's columns as a reviewer fills them (blank, or a value of their kind).
                    "rater_name" => ["", "評価者A", "A, \"B\""][*c as usize].into(),
                    "rater_date" => ["", "2026-09-01", "2025-12-31"][*c as usize].into(),
                    column if column.starts_with("sources:") => ["", "documents", "staff_interview, other"][*c as usize].into(),
                    column if column.starts_with("finding:") || column.starts_with("comment:") => {
                        ["", "所見", "カンマ, \"引用符\"\n改行"][*c as usize].into()
                    }
                    column if figure_of(column).is_some() => {
                        if figures_filled {
                            n.to_string()
                        } else {
                            String::new()
                        }
                    }
                    _ => ["", "0", "1"][*c as usize].to_string(),
                })
                .collect();
            let row: Vec<Cell<'_>> = texts.iter().map(|t| Cell::Text(t)).collect();
            let read = rows.layout().read(2, &row);
            prop_assert!(read.assessment.is_ok(), "{:?}", read.assessment.err());
            prop_assert!(rows.scores(2, &row).is_ok());
            Ok(())
        })
        .unwrap();
}

/// One change that may make an assessment's JSON invalid, or only unusual (a figure written `2.0`, a number
/// as the period): what the JSON batch reader must either read plainly or leave to the general reader.
fn mutate(value: &mut serde_json::Value, kind: u8, pick: usize, bank: &Bank) {
    use serde_json::json;
    let ids: Vec<String> = bank.elements().map(|e| e.element.id.clone()).collect();
    let id = &ids[pick % ids.len()];
    if kind == 19 {
        // The assessment as its JSON text: read as text, with positions.
        *value = json!(value.to_string());
        return;
    }
    let answers = value["answers"].as_object_mut().unwrap();
    match kind {
        0 => {}
        1 => drop(answers.insert(id.clone(), json!(2))),
        2 => drop(answers.insert(id.clone(), json!("yes"))),
        3 => drop(answers.insert(id.clone(), json!("na"))),
        4 => drop(answers.insert("Z-9.9".into(), json!(true))),
        5 => drop(answers.insert(id.clone(), json!(["nope"]))),
        6 => {
            // A figure element with an input below its minimum (the others at theirs).
            let low = bank.elements().find_map(|e| match &e.element.criterion {
                Criterion::Figure { inputs, .. } if inputs.iter().any(|i| i.min > 0) => Some((e.element.id.clone(), inputs.clone())),
                _ => None,
            });
            if let Some((id, inputs)) = low {
                let below = inputs.iter().position(|i| i.min > 0).unwrap_or(0);
                let figures: serde_json::Map<_, _> = inputs
                    .iter()
                    .enumerate()
                    .map(|(n, i)| (i.key.clone(), json!(if n == below { i.min - 1 } else { i.min + pick as u64 % 5 })))
                    .collect();
                answers.insert(id, serde_json::Value::Object(figures));
            }
        }
        7 => drop(answers.insert(id.clone(), json!({"sessions_per_month": 2.0}))),
        8 => drop(answers.insert(id.clone(), json!(null))),
        9 => value["rater"]["kind"] = json!("peer"),
        10 => value["period"] = json!(2025),
        11 => value["office"]["id"] = json!(99001),
        12 => drop(value.as_object_mut().unwrap().insert("extra".into(), json!(1))),
        13 => value["bank"] = json!(bank.reference()),
        14 => value["bank"] = json!("other@9.9.9"),
        15 => drop(value.as_object_mut().unwrap().remove("period")),
        16 => value["answers"] = json!(null),
        _ => value["office"]["name"] = json!(null),
    }
    // An options element given the same key twice, where the mutation picked one.
    if kind == 5 {
        if let Some(e) = bank.element(id) {
            if let Criterion::Options { options, .. } = &e.element.criterion {
                let k = &options[0].key;
                value["answers"][id.as_str()] = json!([k, k]);
            }
        }
    }
}

/// The JSON batch reader (`batch::scores_of_json_array`, which reads plain answers straight into the plan)
/// gives what the general reader gives, assessment by assessment: the same scores, or the same problems with
/// the same rows.
#[test]
fn the_json_batch_reader_agrees_with_the_general_reader() {
    use fidelity_core::boundary::{batch_error, Document, Origin};
    for bank in [common::bank("seiho-shuro@1.0.0"), common::bank("test-rules@1.0.0")] {
        let cases = (assessment(&bank), 0u8..20, any::<usize>(), assessment(&bank));
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(400));
        runner
            .run(&cases, |(a, kind, pick, b)| {
                let mut first = serde_json::to_value(&a).unwrap();
                mutate(&mut first, kind, pick, &bank);
                let batch = [first, serde_json::to_value(&b).unwrap()];
                // The general reading of each: a text as YAML/JSON with positions, values as values.
                let general: Vec<_> = batch
                    .iter()
                    .map(|v| match v.as_str() {
                        Some(text) => Document::parse(text, Origin::text()).assessment(&bank),
                        None => Document::from_json_values(&v.to_string()).assessment(&bank),
                    })
                    .collect();
                let expected = match batch_error(
                    general
                        .iter()
                        .enumerate()
                        .filter_map(|(i, r)| r.as_ref().err().map(|e| (i, e.problems.clone()))),
                ) {
                    Some(e) => Err(e),
                    None => Ok(general
                        .iter()
                        .map(|r| fidelity_core::scores(&bank, r.as_ref().unwrap()))
                        .collect::<Vec<_>>()),
                };
                let json = serde_json::to_string(&batch).unwrap();
                prop_assert_eq!(fidelity_core::batch::scores_of_json_array(&bank, &json), expected, "{}", json);
                Ok(())
            })
            .unwrap();
    }
}
