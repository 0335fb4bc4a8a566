//! Scoring wide rows: a [`RowScorer`] works out once per header what each column means for the bank's
//! scoring plan, so a row is scored in one pass over its cells with no tree, no assessment and no trace. It
//! only accepts cells in their plain forms (`1`, `0`, `true`, `false`, blank, `na` where allowed, whole
//! numbers at or above their minimum); on anything else it gives up and the row is read the general way
//! (`assessment::wide`), which reports the problems. Both run the engine's one plan; a property test checks
//! that the two readings agree on arbitrary rows.

use crate::assessment::wide::cell::{Flag, Plain};
use crate::assessment::wide::{Cell, Column, Fixed, WideLayout, MAX_CELL_BYTES};
use crate::bank::{Bank, Evidence as Shape};
use crate::engine::{score, PlannedAnswers, PlannedScores, ScoringPlan, Slot as Answer};
use crate::error::Problem;
use crate::report::ScoreSummary;

/// A header checked against a bank and compiled for scoring its rows.
#[derive(Debug)]
pub struct RowScorer<'b> {
    layout: WideLayout<'b>,
    plan: Plan,
}

impl<'b> RowScorer<'b> {
    pub fn new(layout: WideLayout<'b>) -> RowScorer<'b> {
        RowScorer {
            plan: Plan::compile(layout.bank, &layout.columns),
            layout,
        }
    }

    pub fn layout(&self) -> &WideLayout<'b> {
        &self.layout
    }

    /// The row's scores, or every problem of it. Same result as `score(read(..))`, much faster.
    pub fn scores(&self, line: u64, cells: &[Cell<'_>]) -> std::result::Result<ScoreSummary, Vec<Problem>> {
        let mut scratch = Scratch::default();
        if self.score_plain(cells.iter().copied(), &mut scratch) {
            Ok(self.layout.bank.plan().summary(&scratch.scores))
        } else {
            self.scores_generally(line, cells)
        }
    }

    /// Scores a row of plain cells into `scratch.scores`; false when the row needs the general reading.
    pub(crate) fn score_plain<'c, C: Plain<'c>>(&self, cells: impl IntoIterator<Item = C>, scratch: &mut Scratch) -> bool {
        self.plan.summarize(self.layout.bank.plan(), cells, scratch)
    }

    /// The row's scores by the general reading, for a row the plan handed over (it may have problems).
    pub(crate) fn scores_generally(&self, line: u64, cells: &[Cell<'_>]) -> std::result::Result<ScoreSummary, Vec<Problem>> {
        let bank = self.layout.bank;
        self.layout
            .read(line, cells)
            .assessment
            .map(|a| ScoreSummary::from(&score(bank, &a)))
    }
}

/// What one column does in the plan.
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// Not read for scoring (office name, extra columns).
    Skip,
    /// Must not be blank (office id, period).
    Required,
    RaterKind,
    /// A review's cell that may be wrong when filled (a date, sources): a filled one takes the general reading.
    Checked,
    Element(usize),
    Option(usize),
    /// The input's position among the scoring plan's figure inputs.
    Figure(usize),
}

/// What an element's evidence columns are, to tell evidence from the element's own column.
#[derive(Debug)]
enum Evidence {
    None,
    Options,
    /// The element's figure inputs (positions) and each one's minimum.
    Figures {
        inputs: std::ops::Range<usize>,
        mins: Vec<u64>,
    },
}

#[derive(Debug)]
struct ElementPlan {
    na_allowed: bool,
    evidence: Evidence,
}

#[derive(Debug)]
struct Plan {
    slots: Vec<Slot>,
    elements: Vec<ElementPlan>,
}

/// Buffers reused from row to row, so scoring a row allocates nothing.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    answers: PlannedAnswers,
    /// Per element: its own column's answer, whether an option cell is filled, how many are selected.
    judgement: Vec<Answer>,
    options: Vec<(bool, u32)>,
    figures: Vec<Option<u64>>,
    pub(crate) scores: PlannedScores,
}

impl Plan {
    fn compile(bank: &Bank, columns: &[Column]) -> Plan {
        let scoring = bank.plan();
        let mut elements = Vec::new();
        for e in bank.elements() {
            let at = elements.len();
            let evidence = match e.element.criterion.evidence() {
                Shape::None => Evidence::None,
                Shape::Flags(_) => Evidence::Options,
                Shape::Counts(inputs) => {
                    let first = inputs.first().and_then(|i| scoring.figure_input(at, &i.key)).unwrap_or(0);
                    Evidence::Figures {
                        inputs: first..first + inputs.len(),
                        mins: inputs.iter().map(|i| i.min).collect(),
                    }
                }
            };
            elements.push(ElementPlan {
                na_allowed: e.element.na_allowed,
                evidence,
            });
        }
        let at = |id: &str| bank.element_position(id).unwrap_or(0);
        let slots = columns
            .iter()
            .map(|c| match c {
                Column::Fixed(Fixed::RaterKind) => Slot::RaterKind,
                Column::Fixed(f) if f.required() => Slot::Required,
                Column::Fixed(_) | Column::Extra => Slot::Skip,
                // Free text is never wrong; a date or a list of sources is checked the general way.
                Column::Review(r) if r.checked() => Slot::Checked,
                Column::Review(_) => Slot::Skip,
                Column::Element(id) => Slot::Element(at(id)),
                Column::Option(id, _) => Slot::Option(at(id)),
                Column::Figure(id, key) => scoring.figure_input(at(id), key).map_or(Slot::Skip, Slot::Figure),
            })
            .collect();
        Plan { slots, elements }
    }

    /// Scores a row into `scratch.scores`; false when the row needs the general reading (it may have
    /// problems).
    fn summarize<'c, C: Plain<'c>>(&self, scoring: &ScoringPlan, cells: impl IntoIterator<Item = C>, scratch: &mut Scratch) -> bool {
        let n = self.elements.len();
        if scratch.answers.slots.len() != n {
            scratch.answers = scoring.blank_answers();
        }
        scratch.judgement.clear();
        scratch.judgement.resize(n, Answer::Unanswered);
        scratch.options.clear();
        scratch.options.resize(n, (false, 0));
        scratch.figures.clear();
        scratch.figures.resize(scratch.answers.figures.len(), None);
        for (slot, cell) in self.slots.iter().zip(cells) {
            if cell.width() > MAX_CELL_BYTES {
                return false;
            }
            match *slot {
                Slot::Skip => {}
                Slot::Required => {
                    if cell.cell().is_none_or(|c| c.text().trim().is_empty()) {
                        return false;
                    }
                }
                Slot::Checked => {
                    if cell.cell().is_none_or(|c| !c.text().trim().is_empty()) {
                        return false;
                    }
                }
                Slot::RaterKind => {
                    if !matches!(cell.cell(), Some(Cell::Text(t)) if matches!(t.trim(), "self" | "external")) {
                        return false;
                    }
                }
                Slot::Element(e) => {
                    scratch.judgement[e] = match cell.element() {
                        Flag::Blank => Answer::Unanswered,
                        Flag::Bit(b) => Answer::Judgement(b),
                        Flag::Na if self.elements[e].na_allowed => Answer::Na,
                        Flag::Na | Flag::Other => return false,
                    }
                }
                Slot::Option(e) => match cell.option() {
                    Flag::Blank => {}
                    Flag::Bit(selected) => scratch.options[e] = (true, scratch.options[e].1 + u32::from(selected)),
                    Flag::Na | Flag::Other => return false,
                },
                Slot::Figure(input) => match cell.figure() {
                    None => return false,
                    Some(v) => scratch.figures[input] = v,
                },
            }
        }
        // Filled evidence decides over the element's own column.
        for (e, plan) in self.elements.iter().enumerate() {
            scratch.answers.slots[e] = match &plan.evidence {
                Evidence::Options if scratch.options[e].0 => Answer::Options(scratch.options[e].1),
                Evidence::Figures { inputs, mins } if scratch.figures[inputs.clone()].iter().any(Option::is_some) => {
                    // A missing input or one under its minimum is a problem: leave it to the general reading.
                    for (i, min) in inputs.clone().zip(mins) {
                        match scratch.figures[i] {
                            Some(v) if v >= *min => scratch.answers.figures[i] = v,
                            _ => return false,
                        }
                    }
                    Answer::Figures
                }
                _ => scratch.judgement[e],
            };
        }
        scoring.score_into(&scratch.answers, &mut scratch.scores);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::RowScorer;
    use crate::assessment::template::csv_header as template_header;
    use crate::assessment::wide::{Cell, WideLayout};
    use crate::bank::Bank;
    use crate::engine::score;
    use crate::report::ScoreSummary;
    use proptest::prelude::*;

    /// Cells of every kind a column may meet: plain forms the plan takes, and forms it must hand over.
    fn cell() -> impl Strategy<Value = Cell<'static>> {
        let texts = [
            "", "1", "0", "true", "FALSE", "na", "NA", " 1 ", "2", "x", "self", "external", " self", "other", "007", "-1", "1.5", "19",
            "20", "1e1", "null", "~",
        ];
        prop_oneof![
            3 => proptest::sample::select(texts.to_vec()).prop_map(Cell::Text),
            1 => proptest::sample::select(vec![f64::NAN, 0.0, 1.0, 2.0, 20.0, -0.0, 1.5, -3.0]).prop_map(Cell::Number),
        ]
    }

    /// A row that is mostly plain, with some cells from `cell()`, so both readings are exercised.
    fn row(width: usize, plain: Vec<Cell<'static>>) -> impl Strategy<Value = Vec<Cell<'static>>> {
        proptest::collection::vec((proptest::bool::weighted(0.015), cell()), width).prop_map(move |mixed| {
            mixed
                .into_iter()
                .zip(&plain)
                .map(|((odd, c), p)| if odd { c } else { *p })
                .collect()
        })
    }

    fn plain_row(bank: &Bank, header: &[String], seed: u64) -> Vec<Cell<'static>> {
        header
            .iter()
            .enumerate()
            .map(|(i, h)| match h.as_str() {
                "office_id" => Cell::Text("1"),
                "office_name" => Cell::Text("x"),
                "period" => Cell::Text("2025"),
                "rater_kind" => Cell::Text("self"),
                // The review's free text never sends a row to the general reading; a filled date or list of
                // sources does (it may be wrong), so plain rows leave those blank.
                "rater_name" => Cell::Text("評価者, \"A\""),
                "rater_date" => Cell::Text(""),
                h if h.starts_with("sources:") => Cell::Text(""),
                h if h.starts_with("finding:") || h.starts_with("comment:") => Cell::Text("見た, \"こと\"\n2行目"),
                h if h.contains(':')
                    && bank
                        .element(h.split(':').next().unwrap_or(""))
                        .is_some_and(|e| matches!(e.element.criterion, crate::bank::Criterion::Figure { .. })) =>
                {
                    Cell::Number(((seed >> (i % 60)) & 3) as f64 + 1.0)
                }
                _ => Cell::Text(if (seed >> (i % 64)) & 1 == 1 { "1" } else { "0" }),
            })
            .collect()
    }

    fn check_bank(bank: &Bank) {
        let mut header = template_header(bank);
        header.push("memo".into());
        let rows = RowScorer::new(WideLayout::new(bank, header.iter().map(String::as_str)).expect("header"));
        let (fast, total) = (std::cell::Cell::new(0u32), std::cell::Cell::new(0u32));
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(600));
        let strategy = any::<u64>().prop_flat_map(|seed| row(header.len(), plain_row(bank, &header, seed)));
        runner
            .run(&strategy, |cells| {
                let general = rows
                    .layout()
                    .read(2, &cells)
                    .assessment
                    .map(|a| ScoreSummary::from(&score(bank, &a)));
                total.set(total.get() + 1);
                let mut scratch = super::Scratch::default();
                let plain = rows.score_plain(cells.iter().copied(), &mut scratch);
                if plain {
                    fast.set(fast.get() + 1);
                    let summary = bank.plan().summary(&scratch.scores);
                    prop_assert_eq!(Ok(summary), general.clone().map_err(|_| ()), "cells: {:?}", cells);
                }
                // A CSV's fields are read as bytes: the same cells written as text read the same.
                let texts: Vec<String> = cells.iter().map(|c| c.text().into_owned()).collect();
                let mut scratch = super::Scratch::default();
                let bytes_plain = rows.score_plain(texts.iter().map(String::as_bytes), &mut scratch);
                if bytes_plain {
                    let summary = bank.plan().summary(&scratch.scores);
                    prop_assert_eq!(Ok(summary), general.map_err(|_| ()), "fields: {:?}", texts);
                }
                if cells.iter().all(|c| matches!(c, Cell::Text(_))) {
                    prop_assert_eq!(plain, bytes_plain, "fields: {:?}", texts);
                }
                Ok(())
            })
            .expect("the plan agrees with the general reading");
        // Both readings must really be exercised, or the agreement above says little.
        let (fast, total) = (fast.get(), total.get());
        assert!(fast > total / 10 && fast < total, "{fast} of {total} rows took the plan");
    }

    #[test]
    fn plan_agrees_with_general_reading_builtin() {
        check_bank(&crate::builtin::get("seiho-shuro").expect("bank"));
    }

    #[test]
    fn plan_agrees_with_general_reading_test_rules() {
        // Anchors, na, another band set and level set.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/banks/test-rules/1.0.0");
        check_bank(&Bank::from_dir(std::path::Path::new(dir)).expect("test bank"));
    }
}
