//! Scoring: an assessment and a checked bank in, a report with a trace out. Every threshold is compared
//! exactly (see `fraction.rs`). The rules are the bank's data; this module only interprets them.

use crate::assessment::{Answer, Assessment};
use crate::bank::{Anchor, Bank, Criterion, Element, FigureTest, ItemRule, LevelBand, RateBand, Requirement, Tier};
use crate::fraction::Fraction;
use crate::report::*;

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

/// Whether the figures pass a figure test; a missing input counts as 0 (a checked answer has them all).
pub(crate) fn figure_passes(test: &FigureTest, get: impl Fn(&str) -> u64) -> bool {
    match test {
        FigureTest::AtLeast { input, value } => value.times_le(1, get(input)),
        FigureTest::RatioAtLeast {
            numerator,
            denominator,
            ratio,
        } => ratio.times_le(get(denominator), get(numerator)),
    }
}

/// How many options an options element needs selected.
pub(crate) fn options_required(of: usize, require: &Requirement) -> u32 {
    match require {
        Requirement::All => of as u32,
        Requirement::AtLeast(k) => *k,
    }
}

/// Element outcomes of one item, counted.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct ItemCounts {
    pub elements: u32,
    pub met: u32,
    pub na: u32,
    pub unanswered: u32,
    pub basic_met: u32,
    pub advanced_met: u32,
}

/// An item's status from its counts.
pub(crate) fn item_status(c: &ItemCounts) -> ItemStatus {
    if c.elements == c.na {
        ItemStatus::NotApplicable
    } else if c.unanswered > 0 {
        ItemStatus::Incomplete
    } else {
        ItemStatus::Scored
    }
}

/// An item's status and score from its counts: the one place the item rules are applied.
pub(crate) fn item_result(rule: &ItemRule, c: &ItemCounts) -> (ItemStatus, Option<u8>) {
    let applicable = c.elements - c.na;
    let status = item_status(c);
    let score = match (status, rule) {
        (ItemStatus::Scored, ItemRule::RateBands { bands, .. }) => rate_band_score(bands, c.met.into(), applicable.into()),
        (ItemStatus::Scored, ItemRule::Anchors { anchors, .. }) => anchor_score(anchors, c.basic_met, c.advanced_met),
        _ => None,
    };
    (status, score)
}

/// Whether none of the items is incomplete, the sum of their scores and how many are scored.
pub(crate) fn tally<'a>(results: impl IntoIterator<Item = &'a (ItemStatus, Option<u8>)>) -> (bool, u32, u32) {
    let (mut complete, mut sum, mut n) = (true, 0u32, 0u32);
    for (status, score) in results {
        complete &= *status != ItemStatus::Incomplete;
        if let Some(s) = score {
            sum += u32::from(*s);
            n += 1;
        }
    }
    (complete, sum, n)
}

/// The mean of a tally: null when an item is incomplete or none is scored.
pub(crate) fn tally_mean((complete, sum, n): (bool, u32, u32)) -> Option<f64> {
    if complete {
        mean(sum, n)
    } else {
        None
    }
}

/// The total of every item's tally.
pub(crate) fn tally_total((complete, sum, n): (bool, u32, u32)) -> Total {
    Total {
        sum: (complete && n > 0).then_some(sum),
        mean: tally_mean((complete, sum, n)),
        scored_items: n,
    }
}

/// The level band (its index in the bank's order, from the top) that the exact total mean sum / n reaches.
pub(crate) fn level_band(bands: &[LevelBand], (complete, sum, n): (bool, u32, u32)) -> Option<usize> {
    let exact = Fraction::new(u64::from(sum), u64::from(n)).filter(|_| complete)?;
    bands.iter().position(|b| exact >= b.min_mean)
}

/// Domain means, total and level from every item's (status, score), in the bank's item order: the one place
/// the summary rules are applied (`plan.rs` uses the same pieces).
pub(crate) fn summarize(bank: &Bank, items: &[(ItemStatus, Option<u8>)]) -> (Vec<DomainScore>, Total, Option<String>) {
    let mut start = 0;
    let domains = bank
        .domains()
        .iter()
        .map(|d| {
            let of_domain = &items[start..start + d.items.len()];
            start += d.items.len();
            let t = tally(of_domain);
            DomainScore {
                id: d.id.clone(),
                mean: tally_mean(t),
                complete: t.0,
                scored_items: t.2,
            }
        })
        .collect();
    let t = tally(items);
    let bands = &bank.def().scoring.levels.bands;
    let level = level_band(bands, t).map(|b| bands[b].id.clone());
    (domains, tally_total(t), level)
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
            let required = options_required(options.len(), require);
            t.outcome = met(selected.len() as u32 >= required);
            t.decided_by = Some(DecidedBy::Options);
            t.options = Some(OptionsTrace {
                selected: selected.clone(),
                required,
                of: options.len() as u32,
            });
        }
        (Some(Answer::Figures(values)), Criterion::Figure { test, .. }) => {
            t.outcome = met(figure_passes(test, |k| values.get(k).copied().unwrap_or(0)));
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
        let mut c = ItemCounts {
            elements: elements.len() as u32,
            ..ItemCounts::default()
        };
        for (e, t) in item.elements.iter().zip(&elements) {
            match t.outcome {
                Outcome::Met => {
                    c.met += 1;
                    c.basic_met += u32::from(e.tier == Some(Tier::Basic));
                    c.advanced_met += u32::from(e.tier == Some(Tier::Advanced));
                }
                Outcome::Na => c.na += 1,
                Outcome::Unanswered => c.unanswered += 1,
                Outcome::NotMet => {}
            }
        }
        let rule = bank.rule_for(item);
        let (status, score) = item_result(rule, &c);
        let applicable = c.elements - c.na;
        items.push(ItemScore {
            id: item.id.clone(),
            domain: domain.id.clone(),
            status,
            score,
            rate: (status == ItemStatus::Scored).then(|| f64::from(c.met) / f64::from(applicable)),
            met: c.met,
            applicable,
            answered: applicable - c.unanswered,
            tiers: matches!(rule, ItemRule::Anchors { .. }).then_some(TierCounts {
                basic_met: c.basic_met,
                advanced_met: c.advanced_met,
            }),
            elements,
        });
    }
    let results: Vec<(ItemStatus, Option<u8>)> = items.iter().map(|i| (i.status, i.score)).collect();
    let (domains, total, level) = summarize(bank, &results);
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
