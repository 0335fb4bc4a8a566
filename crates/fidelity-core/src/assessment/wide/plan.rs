//! The compiled plan: what each column means for scoring, worked out once per header, so a row is scored in
//! one pass over its cells with no tree, no assessment and no trace. It only accepts cells in their plain
//! forms (`1`, `0`, `true`, `false`, blank, `na` where allowed, whole numbers at or above their minimum); on
//! anything else it gives up and the row is read the general way (`tree_row`), which reports the problems.
//! Item rules and summaries are the same functions `score` uses, so the two readings cannot drift apart; a
//! property test checks that they agree on arbitrary rows.

use super::{Cell, Column};
use crate::bank::{Bank, Criterion, FigureTest, ItemRule, Tier};
use crate::report::{ItemStatus, ScoreSummary};
use crate::score::{figure_passes, item_result, options_required, summarize, ItemCounts};

/// What one column does in the plan.
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// Not read for scoring (office name, extra columns).
    Skip,
    /// Must not be blank (office id, period).
    Required,
    RaterKind,
    Element(usize),
    Option(usize),
    /// The input's place among the plan's figure inputs.
    Figure(usize),
}

#[derive(Debug)]
enum Kind {
    Check,
    Options {
        required: u32,
    },
    Figure {
        first_input: usize,
        keys: Vec<String>,
        mins: Vec<u64>,
        test: FigureTest,
    },
}

#[derive(Debug)]
struct ElementPlan {
    item: usize,
    tier: Option<Tier>,
    na_allowed: bool,
    kind: Kind,
}

#[derive(Debug)]
pub(super) struct Plan {
    slots: Vec<Slot>,
    elements: Vec<ElementPlan>,
    rules: Vec<ItemRule>,
    item_sizes: Vec<u32>,
    figure_inputs: usize,
}

/// An element's answer from its own column.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Judgement {
    Unanswered,
    Met,
    NotMet,
    Na,
}

impl Plan {
    pub(super) fn compile(bank: &Bank, columns: &[Column]) -> Plan {
        let mut elements = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut figure_inputs = 0;
        let mut rules = Vec::new();
        let mut item_sizes = Vec::new();
        for (item_no, (_, item)) in bank.items().enumerate() {
            rules.push(bank.rule_for(item).clone());
            item_sizes.push(item.elements.len() as u32);
            for e in &item.elements {
                let kind = match &e.criterion {
                    Criterion::Check => Kind::Check,
                    Criterion::Options { options, require, .. } => Kind::Options {
                        required: options_required(options.len(), require),
                    },
                    Criterion::Figure { inputs, test, .. } => {
                        let first_input = figure_inputs;
                        figure_inputs += inputs.len();
                        Kind::Figure {
                            first_input,
                            keys: inputs.iter().map(|i| i.key.clone()).collect(),
                            mins: inputs.iter().map(|i| i.min).collect(),
                            test: test.clone(),
                        }
                    }
                };
                index.insert(e.id.as_str(), elements.len());
                elements.push(ElementPlan {
                    item: item_no,
                    tier: e.tier,
                    na_allowed: e.na_allowed,
                    kind,
                });
            }
        }
        let slots = columns
            .iter()
            .map(|c| match c {
                Column::Fixed("office_id" | "period") => Slot::Required,
                Column::Fixed("rater_kind") => Slot::RaterKind,
                Column::Fixed(_) | Column::Extra => Slot::Skip,
                Column::Element(id) => Slot::Element(index[id.as_str()]),
                Column::Option(id, _) => Slot::Option(index[id.as_str()]),
                Column::Figure(id, key) => {
                    let e = index[id.as_str()];
                    match &elements[e].kind {
                        Kind::Figure { first_input, keys, .. } => {
                            Slot::Figure(first_input + keys.iter().position(|k| k == key).unwrap_or(0))
                        }
                        _ => Slot::Skip,
                    }
                }
            })
            .collect();
        Plan {
            slots,
            elements,
            rules,
            item_sizes,
            figure_inputs,
        }
    }

    /// The row's scores, or `None` when the row needs the general reading (it may have problems).
    pub(super) fn summarize(&self, bank: &Bank, cells: &[Cell<'_>]) -> Option<ScoreSummary> {
        let n = self.elements.len();
        let mut judgement = vec![Judgement::Unanswered; n];
        // Options: whether any option cell is filled, and how many are selected.
        let mut options = vec![(false, 0u32); n];
        let mut figures: Vec<Option<u64>> = vec![None; self.figure_inputs];
        for (slot, cell) in self.slots.iter().zip(cells) {
            if matches!(cell, Cell::Text(t) if t.len() > super::MAX_CELL_BYTES) {
                return None;
            }
            match *slot {
                Slot::Skip => {}
                Slot::Required => {
                    if cell.text().trim().is_empty() {
                        return None;
                    }
                }
                Slot::RaterKind => {
                    if !matches!(cell, Cell::Text(t) if matches!(t.trim(), "self" | "external")) {
                        return None;
                    }
                }
                Slot::Element(e) => {
                    judgement[e] = match flag(cell) {
                        Flag::Blank => Judgement::Unanswered,
                        Flag::One => Judgement::Met,
                        Flag::Zero => Judgement::NotMet,
                        Flag::Na if self.elements[e].na_allowed => Judgement::Na,
                        Flag::Na | Flag::Other => return None,
                    }
                }
                Slot::Option(e) => match option_flag(cell)? {
                    Flag::Blank => {}
                    Flag::One => options[e] = (true, options[e].1 + 1),
                    _ => options[e].0 = true,
                },
                Slot::Figure(input) => figures[input] = figure(cell)?,
            }
        }
        let mut counts: Vec<ItemCounts> = self
            .item_sizes
            .iter()
            .map(|&elements| ItemCounts {
                elements,
                ..ItemCounts::default()
            })
            .collect();
        for (e, plan) in self.elements.iter().enumerate() {
            let met = match &plan.kind {
                Kind::Options { required } if options[e].0 => Some(options[e].1 >= *required),
                Kind::Figure {
                    first_input,
                    keys,
                    mins,
                    test,
                } if figures[*first_input..first_input + keys.len()].iter().any(Option::is_some) => {
                    let values = &figures[*first_input..first_input + keys.len()];
                    // A missing input or one under its minimum is a problem: leave it to the general reading.
                    if values.iter().zip(mins).any(|(v, min)| v.is_none_or(|v| v < *min)) {
                        return None;
                    }
                    let get = |key: &str| keys.iter().position(|k| k == key).and_then(|i| values[i]).unwrap_or(0);
                    Some(figure_passes(test, get))
                }
                _ => match judgement[e] {
                    Judgement::Met => Some(true),
                    Judgement::NotMet => Some(false),
                    Judgement::Na => {
                        counts[plan.item].na += 1;
                        continue;
                    }
                    Judgement::Unanswered => None,
                },
            };
            let c = &mut counts[plan.item];
            match met {
                Some(true) => {
                    c.met += 1;
                    c.basic_met += u32::from(plan.tier == Some(Tier::Basic));
                    c.advanced_met += u32::from(plan.tier == Some(Tier::Advanced));
                }
                Some(false) => {}
                None => c.unanswered += 1,
            }
        }
        let results: Vec<(ItemStatus, Option<u8>)> = self.rules.iter().zip(&counts).map(|(rule, c)| item_result(rule, c)).collect();
        let (domains, total, level) = summarize(bank, &results);
        Some(ScoreSummary {
            items: results.iter().map(|(_, score)| *score).collect(),
            domains: domains.into_iter().map(|d| d.mean).collect(),
            total,
            level,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Flag {
    Blank,
    One,
    Zero,
    Na,
    Other,
}

/// An element cell: `1`/`true`, `0`/`false`, `na` (any case), blank.
fn flag(cell: &Cell<'_>) -> Flag {
    match *cell {
        Cell::Number(n) => number_flag(n),
        Cell::Text(t) => {
            let t = t.trim();
            let is = |s: &str| t.eq_ignore_ascii_case(s);
            if t.is_empty() {
                Flag::Blank
            } else if t == "1" || is("true") {
                Flag::One
            } else if t == "0" || is("false") {
                Flag::Zero
            } else if is("na") {
                Flag::Na
            } else {
                Flag::Other
            }
        }
    }
}

/// An option cell: `1`, `0` or blank only; `None` for anything else.
fn option_flag(cell: &Cell<'_>) -> Option<Flag> {
    let f = match *cell {
        Cell::Number(n) => number_flag(n),
        Cell::Text(t) => match t.trim() {
            "" => Flag::Blank,
            "1" => Flag::One,
            "0" => Flag::Zero,
            _ => Flag::Other,
        },
    };
    (f != Flag::Other).then_some(f)
}

fn number_flag(n: f64) -> Flag {
    if n.is_nan() {
        Flag::Blank
    } else if n == 1.0 {
        Flag::One
    } else if n == 0.0 && n.is_sign_positive() {
        Flag::Zero
    } else {
        Flag::Other
    }
}

/// A figure cell: `Some(None)` for blank, `Some(Some(v))` for a plain whole number, `None` for anything else.
fn figure(cell: &Cell<'_>) -> Option<Option<u64>> {
    const PLAIN_MAX: f64 = 1e15;
    match *cell {
        Cell::Number(n) if n.is_nan() => Some(None),
        Cell::Number(n) => (n.fract() == 0.0 && n.is_sign_positive() && n < PLAIN_MAX).then_some(Some(n as u64)),
        Cell::Text(t) => {
            let t = t.trim();
            let plain = t.len() <= 15 && t.bytes().all(|b| b.is_ascii_digit()) && !(t.len() > 1 && t.starts_with('0'));
            if t.is_empty() {
                Some(None)
            } else if plain {
                t.parse().ok().map(Some)
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{template_header, Cell, WideLayout};
    use crate::bank::Bank;
    use crate::report::ScoreSummary;
    use crate::score::score;
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
        let layout = WideLayout::new(bank, header.iter().map(String::as_str)).expect("header");
        let (fast, total) = (std::cell::Cell::new(0u32), std::cell::Cell::new(0u32));
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(600));
        let strategy = any::<u64>().prop_flat_map(|seed| row(header.len(), plain_row(bank, &header, seed)));
        runner
            .run(&strategy, |cells| {
                let general = layout.read(2, &cells).assessment.map(|a| ScoreSummary::from(&score(bank, &a)));
                total.set(total.get() + 1);
                if let Some(summary) = layout
                    .plan
                    .get_or_init(|| super::Plan::compile(bank, &layout.columns))
                    .summarize(bank, &cells)
                {
                    fast.set(fast.get() + 1);
                    prop_assert_eq!(Ok(summary), general.map_err(|_| ()), "cells: {:?}", cells);
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
