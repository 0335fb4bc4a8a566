//! The compiled scoring plan: a bank turned once into flat, indexed arrays, so that scoring answers already
//! in plan order ([`PlannedAnswers`]) looks nothing up by name and allocates nothing: the hot loop of batch
//! scoring (simulations, bootstraps, a prefecture's CSV). It produces the scores alone, without the trace.
//! Item rules and summaries are `score.rs`'s own functions, and tests check that the plan and [`score`]
//! agree on arbitrary assessments, so the two cannot drift apart.
//!
//! ```
//! use fidelity_core::plan::{PlannedScores, ScoringPlan};
//! let bank = fidelity_core::builtin::get("seiho-shuro")?;
//! let plan = ScoringPlan::new(&bank);
//! let text = "office: {id: '1'}\nperiod: '2025'\nrater: {kind: self}\nanswers: {A-6.1: true, A-6.2: true, A-6.3: true, A-6.4: false}\n";
//! let answers = plan.answers(&fidelity_core::Assessment::from_text(text, &bank)?); // once, by name
//! let mut scores = PlannedScores::default();
//! plan.score_into(&answers, &mut scores); // as often as needed: no lookups, no allocation
//! assert_eq!(scores.items[5], (fidelity_core::report::ItemStatus::Scored, Some(4)));
//! # Ok::<(), fidelity_core::Error>(())
//! ```
//!
//! [`score`]: crate::score()

use crate::assessment::{Answer, Assessment};
use crate::bank::{Bank, Criterion, FigureTest, ItemRule, LevelBand, Tier};
use crate::fraction::Fraction;
use crate::report::{ItemStatus, ScoreSummary, Total};
use crate::score::{item_result, item_status, level_band, options_required, tally, tally_mean, tally_total, ItemCounts};
use std::collections::HashMap;
use std::ops::Range;

/// A figure test on input positions instead of input names.
#[derive(Debug, Clone, Copy)]
enum Test {
    AtLeast {
        input: usize,
        value: Fraction,
    },
    RatioAtLeast {
        numerator: usize,
        denominator: usize,
        ratio: Fraction,
    },
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Check,
    Options { required: u32 },
    Figure { test: Test },
}

#[derive(Debug, Clone, Copy)]
struct ElementPlan {
    tier: Option<Tier>,
    kind: Kind,
}

#[derive(Debug, Clone)]
struct ItemPlan {
    elements: Range<usize>,
    /// Whether the rule counts tiers (anchors) rather than met / applicable (rate bands).
    tiers: bool,
    /// The item rule worked out once for every count a scored item can have, by `item_result` itself:
    /// rate bands at `applicable × (n + 1) + met`, anchors at `basic × (n + 1) + advanced` (n elements).
    scores: Vec<Option<u8>>,
}

impl ItemPlan {
    fn new(elements: Range<usize>, rule: &ItemRule) -> ItemPlan {
        let n = elements.len() as u32;
        let tiers = matches!(rule, ItemRule::Anchors { .. });
        let mut scores = Vec::new();
        for a in 0..=n {
            for b in 0..=n {
                let c = if tiers {
                    ItemCounts {
                        elements: n,
                        met: n,
                        basic_met: a,
                        advanced_met: b,
                        ..ItemCounts::default()
                    }
                } else {
                    ItemCounts {
                        elements: n,
                        na: n - a,
                        met: b.min(a),
                        ..ItemCounts::default()
                    }
                };
                scores.push(item_result(rule, &c).1);
            }
        }
        ItemPlan { elements, tiers, scores }
    }

    fn score(&self, c: &ItemCounts) -> (ItemStatus, Option<u8>) {
        let status = item_status(c);
        let width = self.elements.len() + 1;
        let at = if self.tiers {
            c.basic_met as usize * width + c.advanced_met as usize
        } else {
            (c.elements - c.na) as usize * width + c.met as usize
        };
        (status, if status == ItemStatus::Scored { self.scores[at] } else { None })
    }
}

/// A bank compiled for scoring: elements in bank order, each with its criterion by position.
#[derive(Debug, Clone)]
pub struct ScoringPlan {
    elements: Vec<ElementPlan>,
    items: Vec<ItemPlan>,
    /// Each domain's items, as a range of item positions.
    domains: Vec<Range<usize>>,
    levels: Vec<LevelBand>,
    /// The level band of every complete tally, by `level_band` itself: at `n × (5 × items + 1) + sum`.
    level_of: Vec<Option<usize>>,
    /// Element id → position; figure input (element position, key) → position. Used only to convert.
    element_index: HashMap<String, usize>,
    figure_index: HashMap<(usize, String), usize>,
    figure_inputs: usize,
}

/// An element's answer in plan order: what the rater gave, not yet judged against the criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Slot {
    #[default]
    Unanswered,
    Na,
    Judgement(bool),
    /// How many options are selected (an options element).
    Options(u32),
    /// The element's figure inputs are in [`PlannedAnswers`]' figures (a figure element).
    Figures,
}

/// One assessment's answers in plan order: a slot per element and a value per figure input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlannedAnswers {
    pub slots: Vec<Slot>,
    /// Figure inputs, in plan order (an input left out counts as 0, as in `score`).
    pub figures: Vec<u64>,
}

/// Scores in plan order; reuse one value across calls so scoring allocates nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlannedScores {
    /// Each item's status and score, in bank order.
    pub items: Vec<(ItemStatus, Option<u8>)>,
    /// Each domain's mean, in bank order.
    pub domains: Vec<Option<f64>>,
    pub total: Total,
    /// The level band's position in the bank (from the top), when the total has one.
    pub level: Option<usize>,
}

impl ScoringPlan {
    pub fn new(bank: &Bank) -> ScoringPlan {
        let mut plan = ScoringPlan {
            elements: Vec::new(),
            items: Vec::new(),
            domains: Vec::new(),
            levels: bank.def().scoring.levels.bands.clone(),
            level_of: Vec::new(),
            element_index: HashMap::new(),
            figure_index: HashMap::new(),
            figure_inputs: 0,
        };
        // `bank.items()` runs domain by domain, so each domain's items are a range (as `summarize` takes them).
        for (_, item) in bank.items() {
            let first = plan.elements.len();
            for e in &item.elements {
                let at = plan.elements.len();
                plan.element_index.insert(e.id.clone(), at);
                let kind = plan.kind_of(at, &e.criterion);
                plan.elements.push(ElementPlan { tier: e.tier, kind });
            }
            plan.items.push(ItemPlan::new(first..plan.elements.len(), bank.rule_for(item)));
        }
        let mut first_item = 0;
        for domain in bank.domains() {
            plan.domains.push(first_item..first_item + domain.items.len());
            first_item += domain.items.len();
        }
        let (items, sums) = (plan.items.len() as u32, 5 * plan.items.len() as u32 + 1);
        plan.level_of = (0..=items)
            .flat_map(|n| (0..sums).map(move |sum| (n, sum)))
            .map(|(n, sum)| level_band(&plan.levels, (true, sum, n)))
            .collect();
        plan
    }

    /// An element's criterion by position; a figure element's inputs get their positions here.
    fn kind_of(&mut self, at: usize, criterion: &Criterion) -> Kind {
        match criterion {
            Criterion::Check => Kind::Check,
            Criterion::Options { options, require, .. } => Kind::Options {
                required: options_required(options.len(), require),
            },
            Criterion::Figure { inputs, test, .. } => {
                let first_input = self.figure_inputs;
                for (k, input) in inputs.iter().enumerate() {
                    self.figure_index.insert((at, input.key.clone()), first_input + k);
                }
                self.figure_inputs += inputs.len();
                let input = |key: &str| self.figure_input(at, key).unwrap_or(first_input);
                let test = match test {
                    FigureTest::AtLeast { input: key, value } => Test::AtLeast {
                        input: input(key),
                        value: *value,
                    },
                    FigureTest::RatioAtLeast {
                        numerator,
                        denominator,
                        ratio,
                    } => Test::RatioAtLeast {
                        numerator: input(numerator),
                        denominator: input(denominator),
                        ratio: *ratio,
                    },
                };
                Kind::Figure { test }
            }
        }
    }

    /// Answers with every element unanswered, sized for this plan.
    pub fn blank_answers(&self) -> PlannedAnswers {
        PlannedAnswers {
            slots: vec![Slot::Unanswered; self.elements.len()],
            figures: vec![0; self.figure_inputs],
        }
    }

    /// An element's position, by id.
    pub fn element(&self, id: &str) -> Option<usize> {
        self.element_index.get(id).copied()
    }

    /// A figure input's position, by its element's position and the input's key.
    pub fn figure_input(&self, element: usize, key: &str) -> Option<usize> {
        self.figure_index.get(&(element, key.to_string())).copied()
    }

    /// A checked assessment's answers in plan order (answers for unknown elements are ignored, as by
    /// `score`).
    pub fn answers(&self, assessment: &Assessment) -> PlannedAnswers {
        let mut out = self.blank_answers();
        for (id, answer) in &assessment.answers {
            let Some(e) = self.element(id) else { continue };
            out.slots[e] = match answer {
                Answer::Na(_) => Slot::Na,
                Answer::Judgement(b) => Slot::Judgement(*b),
                Answer::Options(selected) => Slot::Options(selected.len() as u32),
                Answer::Figures(values) => {
                    for (key, v) in values {
                        if let Some(i) = self.figure_input(e, key) {
                            out.figures[i] = *v;
                        }
                    }
                    Slot::Figures
                }
            };
        }
        out
    }

    /// Scores answers into `out`, reusing its buffers: the hot loop, with no lookups and no allocation once
    /// `out` has its size.
    pub fn score_into(&self, answers: &PlannedAnswers, out: &mut PlannedScores) {
        out.items.clear();
        for item in &self.items {
            let mut c = ItemCounts {
                elements: item.elements.len() as u32,
                ..ItemCounts::default()
            };
            let range = item.elements.clone();
            for (slot, plan) in answers.slots[range.clone()].iter().zip(&self.elements[range]) {
                let met = match (*slot, &plan.kind) {
                    (Slot::Unanswered, _) => {
                        c.unanswered += 1;
                        continue;
                    }
                    (Slot::Na, _) => {
                        c.na += 1;
                        continue;
                    }
                    (Slot::Judgement(b), _) => b,
                    (Slot::Options(n), Kind::Options { required }) => n >= *required,
                    (Slot::Figures, Kind::Figure { test }) => passes(test, &answers.figures),
                    // Evidence of the wrong form: a checked assessment never has it; as `score`, unanswered.
                    (Slot::Options(_) | Slot::Figures, _) => {
                        c.unanswered += 1;
                        continue;
                    }
                };
                if met {
                    c.met += 1;
                    c.basic_met += u32::from(plan.tier == Some(Tier::Basic));
                    c.advanced_met += u32::from(plan.tier == Some(Tier::Advanced));
                }
            }
            out.items.push(item.score(&c));
        }
        out.domains.clear();
        for d in &self.domains {
            out.domains.push(tally_mean(tally(&out.items[d.clone()])));
        }
        let t = tally(&out.items);
        out.total = tally_total(t);
        let (complete, sum, n) = t;
        out.level = if complete {
            self.level_of[n as usize * (5 * self.items.len() + 1) + sum as usize]
        } else {
            None
        };
    }

    /// Scores as [`ScoreSummary`] (allocates: for output, not for the hot loop).
    pub fn summary(&self, scores: &PlannedScores) -> ScoreSummary {
        ScoreSummary {
            items: scores.items.iter().map(|(_, s)| *s).collect(),
            domains: scores.domains.clone(),
            total: scores.total.clone(),
            level: scores.level.map(|b| self.levels[b].id.clone()),
        }
    }

    /// The id of a level band (`PlannedScores::level`).
    pub fn level_id(&self, band: usize) -> &str {
        &self.levels[band].id
    }
}

fn passes(test: &Test, figures: &[u64]) -> bool {
    match *test {
        Test::AtLeast { input, value } => value.times_le(1, figures[input]),
        Test::RatioAtLeast {
            numerator,
            denominator,
            ratio,
        } => ratio.times_le(figures[denominator], figures[numerator]),
    }
}
