//! Research analytics: the hand-worked vectors under tests/agreement (shared with Python and Node), the
//! pairing rules, and properties of the statistics that hold whatever the data.
#![allow(clippy::panic, clippy::unwrap_used)]

mod common;

use fidelity_core::analysis::{analyze, AnalysisOptions, Missing, RaterKey};
use fidelity_core::batch::WideReader;
use fidelity_core::{score, ErrorCode, ScoreReport};

fn reports_of(csv: &std::path::Path) -> Vec<ScoreReport> {
    let bank = common::bank("seiho-shuro@1.0.0");
    let mut reader = WideReader::new(std::fs::File::open(csv).unwrap(), &bank).unwrap();
    let mut out = Vec::new();
    while let Some(row) = reader.next_row() {
        out.push(score(&bank, &row.unwrap().assessment.unwrap()));
    }
    out
}

/// Every `tests/agreement/NAME.csv` against `NAME.expected.json`.
#[test]
fn agreement_vectors() {
    let inputs = common::files("tests/agreement", "csv");
    assert!(!inputs.is_empty(), "agreement vectors missing");
    for input in &inputs {
        // NAME.options.json, where there is one: the analysis options (rater key, raters).
        let options = std::fs::read_to_string(input.with_extension("options.json"))
            .map(|t| serde_json::from_str::<AnalysisOptions>(&t).unwrap())
            .unwrap_or_default();
        let analysis = analyze(&reports_of(input), &options).unwrap();
        let actual = serde_json::to_value(&analysis).unwrap();
        common::contains(&common::expected_for(input), &actual, "analysis").unwrap_or_else(|e| panic!("{}: {e}", input.display()));
    }
}

fn example() -> Vec<ScoreReport> {
    reports_of(&common::repo().join("examples/offices-two-raters.csv"))
}

#[test]
fn a_rater_twice_for_one_office_and_period_is_refused() {
    let mut reports = example();
    reports.push(reports[0].clone());
    let e = analyze(&reports, &AnalysisOptions::default()).unwrap_err();
    assert_eq!(e.code(), Some(ErrorCode::RaterPairing));
    assert_eq!(e.problems[0].path, format!("reports[{}]", reports.len() - 1));
}

#[test]
fn raters_must_be_two_different_ones() {
    let options = AnalysisOptions {
        raters: Some(vec!["self".into(), "self".into()]),
        ..Default::default()
    };
    assert_eq!(analyze(&example(), &options).unwrap_err().code(), Some(ErrorCode::RaterPairing));
    // By name, with no names given, a rater is its kind: exactly two, so they pair as by kind (sorted).
    let by_name = AnalysisOptions {
        rater_key: RaterKey::Name,
        ..Default::default()
    };
    let a = analyze(&example(), &by_name).unwrap();
    assert_eq!(a.agreement.raters, ["external".to_string(), "self".to_string()]);
    let b = analyze(&example(), &AnalysisOptions::default()).unwrap();
    assert_eq!(a.agreement.pairs, b.agreement.pairs);
    // Swapping the raters leaves every symmetric statistic as it was.
    for (x, y) in a.agreement.items.iter().zip(&b.agreement.items) {
        assert_eq!((x.pairs, x.percent_agreement), (y.pairs, y.percent_agreement));
        assert!((x.weighted_kappa.unwrap() - y.weighted_kappa.unwrap()).abs() < 1e-12);
        assert!((x.icc3.as_ref().unwrap().value - y.icc3.as_ref().unwrap().value).abs() < 1e-12);
    }
}

#[test]
fn reports_of_different_scoring_are_not_analysed_together() {
    let mut reports = example();
    reports[5].bank.scoring_digest = "sha256:0".into();
    assert_eq!(
        analyze(&reports, &AnalysisOptions::default()).unwrap_err().code(),
        Some(ErrorCode::NotComparable)
    );
    assert_eq!(
        analyze(&[], &AnalysisOptions::default()).unwrap_err().code(),
        Some(ErrorCode::RaterPairing)
    );
}

/// Statistics stay in their ranges on the example, and the options do what they say.
#[test]
fn statistics_are_in_range_and_options_apply() {
    let reports = example();
    let a = analyze(&reports, &AnalysisOptions::default()).unwrap();
    assert_eq!((a.agreement.units, a.agreement.pairs), (40, 36));
    for i in &a.agreement.items {
        let (p, w) = (i.percent_agreement.unwrap(), i.within_one.unwrap());
        assert!((0.0..=1.0).contains(&p) && p <= w && w <= 1.0);
        for c in [i.icc2.as_ref().unwrap(), i.icc3.as_ref().unwrap()] {
            assert!(c.ci95[0] <= c.value && c.value <= c.ci95[1] && c.value <= 1.0, "{}: {c:?}", i.id);
        }
        assert!(i.weighted_kappa.unwrap() <= 1.0 && i.alpha.unwrap() <= 1.0);
    }
    for e in &a.elements {
        assert_eq!(e.met + e.not_met + e.na + e.unanswered, reports.len() as u32);
    }
    let external = AnalysisOptions {
        only: Some("external".into()),
        missing: Some(Missing::Pairwise),
        ..Default::default()
    };
    let b = analyze(&reports, &external).unwrap();
    assert_eq!((b.reliability.rows, b.reliability.missing), (36, Missing::Pairwise));
    assert_eq!(b.items[0].scored + b.items[0].incomplete + b.items[0].not_applicable, 36);
    assert_eq!(b.agreement, a.agreement, "agreement always uses every report");
}

/// The long table holds every coefficient of the per-element and per-item tables, with the same values, and
/// Cohen's kappa with Gwet's error is the plain kappa; every interval holds its value.
#[test]
fn the_long_table_is_the_tables_in_one() {
    use fidelity_core::analysis::{CoefficientName as C, Scope};
    let a = analyze(&example(), &AnalysisOptions::default()).unwrap();
    let find = |scope: Scope, id: &str, c: C| {
        a.coefficients
            .iter()
            .find(|r| r.scope == scope && r.id == id && r.coefficient == c)
            .map(|r| r.value)
    };
    for e in &a.agreement.elements {
        assert_eq!(find(Scope::Element, &e.id, C::CohenKappa), e.kappa, "{}", e.id);
        if let (Some(k), Some(est)) = (e.kappa, &e.kappa_estimate) {
            assert!((k - est.value).abs() < 1e-12, "{}: Cohen's kappa is Conger's of two raters", e.id);
        }
        assert_eq!(find(Scope::Element, &e.id, C::Ac1), e.ac1.as_ref().map(|c| c.value));
        assert_eq!(find(Scope::Element, &e.id, C::PrevalenceIndex), e.prevalence_index);
        assert_eq!(find(Scope::Element, &e.id, C::KrippendorffAlphaNominal), e.alpha);
    }
    for i in &a.agreement.items {
        assert_eq!(find(Scope::Item, &i.id, C::Ac2Quadratic), i.ac2_quadratic.as_ref().map(|c| c.value));
        assert_eq!(find(Scope::Item, &i.id, C::Icc21), i.icc2.as_ref().map(|c| c.value));
        if let (Some(k), Some(est)) = (i.weighted_kappa, &i.weighted_kappa_estimate) {
            assert!(
                (k - est.value).abs() < 1e-12,
                "{}: the weighted kappa is Conger's with quadratic weights",
                i.id
            );
        }
    }
    for r in &a.coefficients {
        if let Some([lo, hi]) = r.ci95 {
            assert!(lo <= r.value + 1e-12 && r.value <= hi + 1e-12, "{r:?}");
        }
    }
    let scales = a.coefficients.iter().filter(|r| r.coefficient == C::CronbachAlpha).count();
    assert_eq!(scales, a.reliability.scales.iter().filter(|s| s.alpha.is_some()).count());
}
