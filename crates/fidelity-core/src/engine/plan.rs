//! The compiled scoring plan: a bank turned once into flat, indexed arrays, so that scoring answers already
//! in plan order ([`PlannedAnswers`]) looks nothing up by name and allocates nothing: the hot loop of batch
//! scoring (simulations, bootstraps, a prefecture's CSV). It is the only scoring loop: the traced report
//! ([`score`]) is the same plan run with a recorder that keeps each element's outcome; batch scoring runs it
//! with none. A bank compiles its plan once, on first use ([`Bank::plan`]).
//!
//! ```
//! use fidelity_core::PlannedScores;
//! let bank = fidelity_core::builtin::get("seiho-shuro")?;
//! let plan = bank.plan();
//! let text = "office: {id: '1'}\nperiod: '2025'\nrater: {kind: self}\nanswers: {A-6.1: true, A-6.2: true, A-6.3: true, A-6.4: false}\n";
//! let answers = plan.answers(&fidelity_core::Assessment::from_text(text, &bank)?); // once, by name
//! let mut scores = PlannedScores::default();
//! plan.score_into(&answers, &mut scores); // as often as needed: no lookups, no allocation
//! assert_eq!(scores.items[5], (fidelity_core::report::ItemStatus::Scored, Some(4)));
//! # Ok::<(), fidelity_core::Error>(())
//! ```
//!
//! [`score`]: crate::score()

use super::tally::{ItemCounts, Tally};
use crate::assessment::{Answer, Assessment};
use crate::bank::{Bank, Criterion, FigureTest, ItemRule, Levels, MetCounts, Tier, MAX_SCORE};
use crate::fraction::Fraction;
use crate::report::{ItemStatus, Outcome, ScoreSummary, Total};
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

impl Test {
    /// The one figure test: exact, on the figures in plan order.
    fn passes(&self, figures: &[u64]) -> bool {
        match *self {
            Test::AtLeast { input, value } => value.times_le(1, figures[input]),
            Test::RatioAtLeast {
                numerator,
                denominator,
                ratio,
            } => ratio.times_le(figures[denominator], figures[numerator]),
        }
    }
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
    /// The element's figure inputs: the first one's position and how many (none but for a figure element).
    inputs: (usize, usize),
}

impl ElementPlan {
    /// The one element-outcome function: what an answer in plan order makes of this element.
    fn outcome(&self, slot: Slot, figures: &[u64]) -> Outcome {
        let met = match (slot, &self.kind) {
            (Slot::Unanswered, _) => return Outcome::Unanswered,
            (Slot::Na, _) => return Outcome::Na,
            (Slot::Judgement(b), _) => b,
            (Slot::Options(n), Kind::Options { required }) => n >= *required,
            (Slot::Figures, Kind::Figure { test }) => test.passes(figures),
            // Evidence of the wrong form: a checked assessment never has it; counted as unanswered.
            (Slot::Options(_) | Slot::Figures, _) => return Outcome::Unanswered,
        };
        if met {
            Outcome::Met
        } else {
            Outcome::NotMet
        }
    }
}

#[derive(Debug, Clone)]
struct ItemPlan {
    elements: Range<usize>,
    /// Whether the rule counts tiers (anchors) rather than met / applicable (rate bands).
    tiers: bool,
    /// The item rule worked out once for every count a scored item can have, by `ItemRule::score` itself:
    /// rate bands at `applicable × (n + 1) + met`, anchors at `basic × (n + 1) + advanced` (n elements).
    scores: Vec<Option<u8>>,
}

impl ItemPlan {
    fn new(elements: Range<usize>, rule: &ItemRule) -> ItemPlan {
        let n = elements.len() as u32;
        let tiers = rule.counts_tiers();
        let mut scores = Vec::new();
        for a in 0..=n {
            for b in 0..=n {
                let c = if tiers {
                    MetCounts {
                        basic_met: a,
                        advanced_met: b,
                        ..MetCounts::default()
                    }
                } else {
                    MetCounts {
                        applicable: a,
                        met: b.min(a),
                        ..MetCounts::default()
                    }
                };
                // No applicable element (every one `na`) is never a scored item: that entry stays empty.
                scores.push(if tiers || a > 0 { rule.score(&c) } else { None });
            }
        }
        ItemPlan { elements, tiers, scores }
    }

    fn result(&self, c: &ItemCounts) -> (ItemStatus, Option<u8>) {
        let status = c.status();
        let width = self.elements.len() + 1;
        let at = if self.tiers {
            c.basic_met as usize * width + c.advanced_met as usize
        } else {
            c.applicable() as usize * width + c.met as usize
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
    levels: Levels,
    /// The level band of every complete tally, by `Levels::band` itself: at `n × (MAX_SCORE × items + 1) + sum`.
    level_of: Vec<Option<usize>>,
    /// Element ids and figure input keys in plan order, to convert answers by name (no hashing: an item
    /// has a handful of elements and an element at most a few inputs).
    ids: Vec<String>,
    figure_keys: Vec<String>,
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
    /// Figure inputs, in plan order (an input left out counts as 0).
    pub figures: Vec<u64>,
}

/// Scores in plan order; reuse one value across calls so scoring allocates nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlannedScores {
    /// Each item's status and score, in bank order.
    pub items: Vec<(ItemStatus, Option<u8>)>,
    /// Each domain's tally, in bank order.
    pub domains: Vec<Tally>,
    pub total: Total,
    /// The level band's position in the bank (from the top), when the total has one.
    pub level: Option<usize>,
    /// Elements whose criterion takes evidence (options or figures) but that were answered by judgement
    /// alone, as positions in plan order: what reports flag and strict mode refuses.
    pub judged: Vec<usize>,
}

/// What a run of the plan tells besides the scores, in plan order: the traced report listens here; batch
/// scoring uses `()`, which the compiler removes.
pub(crate) trait Recorder {
    fn element(&mut self, _outcome: Outcome) {}
    fn item(&mut self, _counts: &ItemCounts) {}
}

impl Recorder for () {}

impl ScoringPlan {
    /// Compiles a bank's plan. [`Bank::plan`] keeps one per bank: use that unless you need your own.
    pub fn new(bank: &Bank) -> ScoringPlan {
        let mut plan = ScoringPlan {
            elements: Vec::new(),
            items: Vec::new(),
            domains: Vec::new(),
            levels: bank.def().scoring.levels.clone(),
            level_of: Vec::new(),
            ids: Vec::new(),
            figure_keys: Vec::new(),
        };
        // `bank.items()` runs domain by domain, so each domain's items are a range.
        for (_, item) in bank.items() {
            let first = plan.elements.len();
            for e in &item.elements {
                let first_input = plan.figure_keys.len();
                let kind = plan.kind_of(&e.criterion);
                let inputs = (first_input, plan.figure_keys.len() - first_input);
                plan.ids.push(e.id.clone());
                plan.elements.push(ElementPlan {
                    tier: e.tier,
                    kind,
                    inputs,
                });
            }
            plan.items.push(ItemPlan::new(first..plan.elements.len(), bank.rule_for(item)));
        }
        let mut first_item = 0;
        for domain in bank.domains() {
            plan.domains.push(first_item..first_item + domain.items.len());
            first_item += domain.items.len();
        }
        let items = plan.items.len() as u32;
        let sums = u32::from(MAX_SCORE) * items + 1;
        plan.level_of = (0..=items)
            .flat_map(|n| (0..sums).map(move |sum| (n, sum)))
            .map(|(n, sum)| plan.levels.band(sum, n))
            .collect();
        plan
    }

    /// An element's criterion by position; a figure element's inputs get their positions here.
    fn kind_of(&mut self, criterion: &Criterion) -> Kind {
        match criterion {
            Criterion::Check => Kind::Check,
            Criterion::Options { options, require, .. } => Kind::Options {
                required: require.required(options.len()),
            },
            Criterion::Figure { inputs, test, .. } => {
                let first_input = self.figure_keys.len();
                self.figure_keys.extend(inputs.iter().map(|i| i.key.clone()));
                let input = |key: &str| first_input + inputs.iter().position(|i| i.key == key).unwrap_or(0);
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
            figures: vec![0; self.figure_keys.len()],
        }
    }

    /// A figure input's position, by its element's position and the input's key.
    pub fn figure_input(&self, element: usize, key: &str) -> Option<usize> {
        let (first, n) = self.elements.get(element)?.inputs;
        (first..first + n).find(|&i| self.figure_keys[i] == key)
    }

    /// How many items the plan scores.
    pub fn item_count(&self) -> usize {
        self.items.len()
    }

    /// A checked assessment's answers in plan order (answers for unknown elements are ignored).
    pub fn answers(&self, assessment: &Assessment) -> PlannedAnswers {
        let mut out = self.blank_answers();
        for (e, id) in self.ids.iter().enumerate() {
            let Some(answer) = assessment.answers.get(id) else { continue };
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
        self.run(answers, out, &mut ());
    }

    /// The scoring loop, telling `recorder` each element's outcome and each item's counts.
    pub(crate) fn run(&self, answers: &PlannedAnswers, out: &mut PlannedScores, recorder: &mut impl Recorder) {
        out.items.clear();
        out.judged.clear();
        for item in &self.items {
            let mut c = ItemCounts::new(item.elements.len());
            let range = item.elements.clone();
            let first = range.start;
            for (i, (slot, plan)) in answers.slots[range.clone()].iter().zip(&self.elements[range]).enumerate() {
                let outcome = plan.outcome(*slot, &answers.figures);
                if matches!(slot, Slot::Judgement(_)) && !matches!(plan.kind, Kind::Check) {
                    out.judged.push(first + i);
                }
                recorder.element(outcome);
                c.add(outcome, plan.tier);
            }
            recorder.item(&c);
            out.items.push(item.result(&c));
        }
        out.domains.clear();
        for d in &self.domains {
            out.domains.push(Tally::of(&out.items[d.clone()]));
        }
        let t = Tally::of(&out.items);
        out.total = t.total();
        out.level = if t.complete {
            self.level_of[t.scored as usize * (usize::from(MAX_SCORE) * self.items.len() + 1) + t.sum as usize]
        } else {
            None
        };
    }

    /// Scores as [`ScoreSummary`] (allocates: for output, not for the hot loop).
    pub fn summary(&self, scores: &PlannedScores) -> ScoreSummary {
        ScoreSummary {
            items: scores.items.iter().map(|(_, s)| *s).collect(),
            domains: scores.domains.iter().map(Tally::mean).collect(),
            total: scores.total.clone(),
            level: scores.level.map(|b| self.level_id(b).to_string()),
            judged_without_evidence: self.judged_ids(scores).map(str::to_string).collect(),
        }
    }

    /// The ids of the elements answered by judgement alone where evidence could be given (`PlannedScores::judged`).
    pub fn judged_ids<'s>(&'s self, scores: &'s PlannedScores) -> impl Iterator<Item = &'s str> {
        scores.judged.iter().map(|&e| self.ids[e].as_str())
    }

    /// The id of a level band (`PlannedScores::level`).
    pub fn level_id(&self, band: usize) -> &str {
        &self.levels.bands[band].id
    }
}

impl Bank {
    /// This bank's scoring plan, compiled on first use and kept with the bank.
    pub fn plan(&self) -> &ScoringPlan {
        self.plan.get_or_init(|| ScoringPlan::new(self))
    }
}
