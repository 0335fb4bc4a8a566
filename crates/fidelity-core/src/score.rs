//! Scoring: an assessment and a checked bank in, a report with a trace out. Every threshold is compared
//! exactly (see `fraction.rs`). The rules are the bank's data; this module only interprets them.

use crate::assessment::{Answer, Assessment};
use crate::bank::{Anchor, Bank, Criterion, Element, FigureTest, ItemRule, RateBand, Requirement, Tier};
use crate::fraction::Fraction;
use crate::report::*;
use std::collections::BTreeMap;

pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The score of the first band (from the top) whose min_rate `met / applicable` reaches.
pub(crate) fn rate_band_score(bands: &[RateBand], met: u64, applicable: u64) -> Option<u8> {
    bands.iter().find(|b| b.min_rate.le_ratio(met, applicable)).map(|b| b.score)
}

/// The score of the first anchor (from the top) with a condition that the met counts satisfy.
pub(crate) fn anchor_score(anchors: &[Anchor], basic: u32, advanced: u32) -> Option<u8> {
    anchors
        .iter()
        .find(|a| a.any_of.iter().any(|c| basic >= c.basic && advanced >= c.advanced))
        .map(|a| a.score)
}

fn test_passes(test: &FigureTest, values: &BTreeMap<String, u64>) -> bool {
    let get = |k: &String| values.get(k).copied().unwrap_or(0);
    match test {
        FigureTest::AtLeast { input, value } => value.times_le(1, get(input)),
        FigureTest::RatioAtLeast {
            numerator,
            denominator,
            ratio,
        } => ratio.times_le(get(denominator), get(numerator)),
    }
}

fn trace(element: &Element, answer: Option<&Answer>) -> ElementTrace {
    let mut t = ElementTrace {
        id: element.id.clone(),
        outcome: Outcome::Unanswered,
        decided_by: None,
        options: None,
        figure: None,
    };
    let met = |b: bool| if b { Outcome::Met } else { Outcome::NotMet };
    match (answer, &element.criterion) {
        (None, _) => {}
        (Some(Answer::Na(_)), _) => t.outcome = Outcome::Na,
        (Some(Answer::Judgement(b)), _) => {
            t.outcome = met(*b);
            t.decided_by = Some(DecidedBy::Judgement);
        }
        (Some(Answer::Options(selected)), Criterion::Options { options, require, .. }) => {
            let required = match require {
                Requirement::All => options.len() as u32,
                Requirement::AtLeast(k) => *k,
            };
            t.outcome = met(selected.len() as u32 >= required);
            t.decided_by = Some(DecidedBy::Options);
            t.options = Some(OptionsTrace {
                selected: selected.clone(),
                required,
                of: options.len() as u32,
            });
        }
        (Some(Answer::Figures(values)), Criterion::Figure { test, .. }) => {
            t.outcome = met(test_passes(test, values));
            t.decided_by = Some(DecidedBy::Figure);
            t.figure = Some(FigureTrace {
                values: values.clone(),
                test: test.clone(),
            });
        }
        // A checked assessment never pairs evidence with the wrong criterion; treat it as unanswered.
        (Some(_), _) => {}
    }
    t
}

fn mean(sum: u32, n: u32) -> Option<f64> {
    (n > 0).then(|| f64::from(sum) / f64::from(n))
}

/// Scores a checked assessment. The assessment must come from `Assessment::from_text` or pass
/// `Assessment::check` with the same bank; answers for unknown elements are ignored.
pub fn score(bank: &Bank, assessment: &Assessment) -> ScoreReport {
    let mut items = Vec::new();
    for (domain, item) in bank.items() {
        let elements: Vec<ElementTrace> = item.elements.iter().map(|e| trace(e, assessment.answers.get(&e.id))).collect();
        let count = |o: Outcome| elements.iter().filter(|t| t.outcome == o).count() as u32;
        let (met, na, unanswered) = (count(Outcome::Met), count(Outcome::Na), count(Outcome::Unanswered));
        let applicable = elements.len() as u32 - na;
        let rule = bank.rule_for(item);
        let tiers = matches!(rule, ItemRule::Anchors { .. }).then(|| {
            let met_in = |tier| {
                item.elements
                    .iter()
                    .zip(&elements)
                    .filter(|(e, t)| e.tier == Some(tier) && t.outcome == Outcome::Met)
                    .count() as u32
            };
            TierCounts {
                basic_met: met_in(Tier::Basic),
                advanced_met: met_in(Tier::Advanced),
            }
        });
        let status = if applicable == 0 {
            ItemStatus::NotApplicable
        } else if unanswered > 0 {
            ItemStatus::Incomplete
        } else {
            ItemStatus::Scored
        };
        let score = match (status, rule, tiers) {
            (ItemStatus::Scored, ItemRule::RateBands { bands, .. }, _) => rate_band_score(bands, met.into(), applicable.into()),
            (ItemStatus::Scored, ItemRule::Anchors { anchors, .. }, Some(t)) => anchor_score(anchors, t.basic_met, t.advanced_met),
            _ => None,
        };
        items.push(ItemScore {
            id: item.id.clone(),
            domain: domain.id.clone(),
            status,
            score,
            rate: (status == ItemStatus::Scored).then(|| f64::from(met) / f64::from(applicable)),
            met,
            applicable,
            answered: applicable - unanswered,
            tiers,
            elements,
        });
    }
    let summarize = |scores: &[&ItemScore]| {
        let complete = scores.iter().all(|i| i.status != ItemStatus::Incomplete);
        let scored: Vec<u32> = scores.iter().filter_map(|i| i.score.map(u32::from)).collect();
        (complete, scored.iter().sum::<u32>(), scored.len() as u32)
    };
    let domains = bank
        .domains()
        .iter()
        .map(|d| {
            let of_domain: Vec<&ItemScore> = items.iter().filter(|i| i.domain == d.id).collect();
            let (complete, sum, n) = summarize(&of_domain);
            DomainScore {
                id: d.id.clone(),
                mean: if complete { mean(sum, n) } else { None },
                complete,
                scored_items: n,
            }
        })
        .collect();
    let (complete, sum, n) = summarize(&items.iter().collect::<Vec<_>>());
    let total = Total {
        sum: (complete && n > 0).then_some(sum),
        mean: if complete { mean(sum, n) } else { None },
        scored_items: n,
    };
    // Levels compare the exact mean sum / n against each band.
    let level = (complete && n > 0)
        .then(|| {
            let exact = Fraction::new(u64::from(sum), u64::from(n))?;
            bank.def()
                .scoring
                .levels
                .bands
                .iter()
                .find(|b| exact >= b.min_mean)
                .map(|b| b.id.clone())
        })
        .flatten();
    ScoreReport {
        report_format: REPORT_FORMAT,
        bank: BankStamp {
            id: bank.id().to_string(),
            version: bank.version().to_string(),
            content_digest: bank.content_digest().to_string(),
            scoring_digest: bank.scoring_digest().to_string(),
        },
        engine_version: ENGINE_VERSION.to_string(),
        notice: bank.def().scoring.notice.clone(),
        office: assessment.office.clone(),
        period: assessment.period.clone(),
        rater: assessment.rater.clone(),
        items,
        domains,
        total,
        level,
    }
}
