//! Structured answers from the fuzzer's bytes, element by element: every combination the bank accepts scores
//! without a panic, in range, and meeting one more element never lowers an item's score.
#![no_main]
use fidelity_core::bank::Criterion;
use fidelity_core::{builtin, score, Answer, Assessment, Office, Rater, RaterKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let bank = builtin::get(builtin::DEFAULT).expect("built-in bank");
    let mut bytes = data.iter().copied();
    let mut answers = std::collections::BTreeMap::new();
    for e in bank.elements() {
        let Some(b) = bytes.next() else { break };
        let answer = match (b % 4, &e.element.criterion) {
            (0, _) => continue,
            (1, _) => Answer::Judgement(b & 0x10 != 0),
            (2, Criterion::Options { options, .. }) => {
                Answer::Options(options.iter().enumerate().filter(|(i, _)| b >> (i % 6) & 1 == 1).map(|(_, o)| o.key.clone()).collect())
            }
            (3, Criterion::Figure { inputs, .. }) => {
                Answer::Figures(inputs.iter().map(|i| (i.key.clone(), i.min + u64::from(bytes.next().unwrap_or(0)))).collect())
            }
            _ => Answer::Judgement(b & 0x20 != 0),
        };
        answers.insert(e.element.id.clone(), answer);
    }
    let a = Assessment {
        bank: None,
        office: Office { id: "1".into(), name: None },
        period: "1".into(),
        rater: Rater { kind: RaterKind::External, name: None, date: None },
        answers,
        findings: Default::default(),
        items: Default::default(),
        consensus: None,
    };
    a.check(&bank).expect("built from what the bank accepts");
    let report = score(&bank, &a);
    assert!(report.items.iter().all(|i| i.score.is_none_or(|s| (1..=5).contains(&s))));
    for (id, answer) in &a.answers {
        if *answer == Answer::Judgement(false) {
            let mut better = a.clone();
            better.answers.insert(id.clone(), Answer::Judgement(true));
            let after = score(&bank, &better);
            assert!(report.items.iter().zip(&after.items).all(|(x, y)| y.score >= x.score));
        }
    }
});
