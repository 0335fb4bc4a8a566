//! The traced report: the plan's run with a recorder that keeps each element's outcome and each item's
//! counts, then the report built from them with the evidence that decided each element.

use super::plan::{PlannedScores, Recorder};
use super::tally::ItemCounts;
use crate::assessment::{Answer, Assessment};
use crate::bank::{Bank, Criterion, Element};
use crate::report::*;

pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Outcomes and counts in plan order.
#[derive(Default)]
struct Trace {
    outcomes: Vec<Outcome>,
    counts: Vec<ItemCounts>,
}

impl Recorder for Trace {
    fn element(&mut self, outcome: Outcome) {
        self.outcomes.push(outcome);
    }
    fn item(&mut self, counts: &ItemCounts) {
        self.counts.push(*counts);
    }
}

/// How one element was decided: its outcome and the evidence behind it.
fn element_trace(element: &Element, answer: Option<&Answer>, outcome: Outcome) -> ElementTrace {
    let mut t = ElementTrace {
        id: element.id.clone(),
        outcome,
        decided_by: None,
        options: None,
        figure: None,
        finding: None,
        reason: None,
    };
    if !matches!(outcome, Outcome::Met | Outcome::NotMet) {
        return t;
    }
    match (answer, &element.criterion) {
        (Some(Answer::Options(selected)), Criterion::Options { options, require, .. }) => {
            t.decided_by = Some(DecidedBy::Options);
            t.options = Some(OptionsTrace {
                selected: selected.clone(),
                required: require.required(options.len()),
                of: options.len() as u32,
            });
        }
        (Some(Answer::Figures(values)), Criterion::Figure { test, .. }) => {
            t.decided_by = Some(DecidedBy::Figure);
            t.figure = Some(FigureTrace {
                values: values.clone(),
                test: test.clone(),
            });
        }
        _ => t.decided_by = Some(DecidedBy::Judgement),
    }
    t
}

/// Scores a checked assessment. The assessment must come from `Assessment::from_text` or pass
/// `Assessment::check` with the same bank; answers for unknown elements are ignored.
pub fn score(bank: &Bank, assessment: &Assessment) -> ScoreReport {
    let plan = bank.plan();
    let mut trace = Trace::default();
    let mut scores = PlannedScores::default();
    plan.run(&plan.answers(assessment), &mut scores, &mut trace);
    let mut outcomes = trace.outcomes.into_iter();
    let items = bank
        .items()
        .zip(trace.counts.iter().zip(&scores.items))
        .map(|((domain, item), (c, &(status, score)))| {
            let elements = item
                .elements
                .iter()
                .map(|e| ElementTrace {
                    finding: assessment.findings.get(&e.id).cloned(),
                    reason: assessment.consensus.as_ref().and_then(|c| c.reasons.get(&e.id)).cloned(),
                    ..element_trace(e, assessment.answers.get(&e.id), outcomes.next().unwrap_or(Outcome::Unanswered))
                })
                .collect();
            let record = assessment.items.get(&item.id);
            let applicable = c.applicable();
            ItemScore {
                id: item.id.clone(),
                domain: domain.id.clone(),
                status,
                score,
                rate: (status == ItemStatus::Scored).then(|| f64::from(c.met) / f64::from(applicable)),
                met: c.met,
                applicable,
                answered: applicable - c.unanswered,
                tiers: bank.rule_for(item).counts_tiers().then_some(TierCounts {
                    basic_met: c.basic_met,
                    advanced_met: c.advanced_met,
                }),
                elements,
                sources: record.map(|r| r.sources.clone()).unwrap_or_default(),
                comment: record.and_then(|r| r.comment.clone()),
            }
        })
        .collect();
    let domains = bank
        .domains()
        .iter()
        .zip(&scores.domains)
        .map(|(d, t)| DomainScore {
            id: d.id.clone(),
            mean: t.mean(),
            complete: t.complete,
            scored_items: t.scored,
        })
        .collect();
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
        level: scores.level.map(|b| plan.level_id(b).to_string()),
        judged_without_evidence: plan.judged_ids(&scores).map(str::to_string).collect(),
        total: scores.total,
        consensus: assessment.consensus.as_ref().map(|c| ConsensusStamp {
            ratings: c
                .ratings
                .iter()
                .map(|r| RatingStamp {
                    rater: r.rater.clone(),
                    file: r.file.clone(),
                    digest: r.digest.clone(),
                })
                .collect(),
        }),
    }
}
