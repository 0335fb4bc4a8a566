//! Semantic checks run on every bank load. They collect every problem rather than stopping at the first,
//! so an author fixing a bank sees the whole list at once.

use super::model::*;
use super::rules::{MetCounts, MAX_SCORE};
use crate::error::{ErrorCode, Problem};
use crate::fraction::Fraction;
use crate::text::Text;
use std::collections::HashSet;

pub(super) fn check(def: &BankDef) -> Vec<Problem> {
    let mut c = Checker { problems: Vec::new() };
    c.manifest(def);
    c.glossary(def);
    c.provenance(def);
    let mut item_ids = HashSet::new();
    let mut element_ids = HashSet::new();
    for domain in &def.domains {
        c.text(&domain.title, &format!("domains.{}.title", domain.id), true);
        for item in &domain.items {
            let path = format!("items.{}", item.id);
            if !item_ids.insert(item.id.as_str()) {
                c.push(ErrorCode::DuplicateId, &path, format!("item {} is listed twice", item.id));
            }
            c.item(def, item, &path, &mut element_ids);
        }
    }
    c.problems
}

pub(super) struct Checker {
    problems: Vec<Problem>,
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl Checker {
    pub(super) fn push(&mut self, code: ErrorCode, path: &str, message: impl Into<String>) {
        self.problems.push(Problem::new(code, path, message.into()));
    }

    pub(super) fn text(&mut self, text: &Text, path: &str, needs_en: bool) {
        if text.ja.trim().is_empty() {
            self.push(ErrorCode::MissingText, path, "the Japanese text (ja) is empty");
        }
        if needs_en && text.en.as_deref().is_none_or(|e| e.trim().is_empty()) {
            self.push(ErrorCode::MissingText, path, "an English translation (en) is required here");
        }
    }

    fn manifest(&mut self, def: &BankDef) {
        if !is_id(&def.id) {
            self.push(ErrorCode::InvalidValue, "id", "a bank id is letters, digits, `-` and `_`");
        }
        let parts: Vec<&str> = def.version.split('.').collect();
        if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
            self.push(
                ErrorCode::InvalidValue,
                "version",
                format!("`{}` is not a semantic version such as 1.0.0", def.version),
            );
        }
        self.text(&def.title, "title", true);
        self.text(&def.scoring.notice, "scoring.notice", true);
        let mut domain_ids = HashSet::new();
        for d in &def.domains {
            if !domain_ids.insert(d.id.as_str()) {
                self.push(
                    ErrorCode::DuplicateId,
                    &format!("domains.{}", d.id),
                    format!("domain {} is defined twice", d.id),
                );
            }
        }
        if def.domains.iter().all(|d| d.items.is_empty()) {
            self.push(ErrorCode::MissingField, "domains", "a bank needs at least one item");
        }
        self.levels(&def.scoring.levels);
        self.rule_shape(&def.scoring.item_rule, "scoring.item_rule");
    }

    fn levels(&mut self, levels: &Levels) {
        let path = "scoring.levels.bands";
        let mut ids = HashSet::new();
        for b in &levels.bands {
            if !ids.insert(b.id.as_str()) {
                self.push(ErrorCode::DuplicateId, path, format!("level {} is defined twice", b.id));
            }
            self.text(&b.label, &format!("{path}.{}.label", b.id), true);
        }
        let mins: Vec<Fraction> = levels.bands.iter().map(|b| b.min_mean).collect();
        if mins.windows(2).any(|w| w[0] <= w[1]) {
            self.push(
                ErrorCode::InvalidBands,
                path,
                "levels must be listed highest first, with strictly decreasing min_mean",
            );
        }
        match mins.last() {
            Some(last) if *last <= Fraction::integer(1) => {}
            _ => self.push(
                ErrorCode::InvalidBands,
                path,
                "the lowest level must start at a mean of 1 or less, so every total has a level",
            ),
        }
        if mins.first().is_some_and(|m| *m > Fraction::integer(MAX_SCORE.into())) {
            self.push(
                ErrorCode::InvalidBands,
                path,
                format!("a level above a mean of {MAX_SCORE} can never be reached"),
            );
        }
    }

    /// Checks that a rule lists the scores 5..1 once each, highest first, and that its lowest band covers all.
    fn rule_shape(&mut self, rule: &ItemRule, path: &str) {
        let scores: Vec<u8> = match rule {
            ItemRule::RateBands { bands, .. } => bands.iter().map(|b| b.score).collect(),
            ItemRule::Anchors { anchors, .. } => anchors.iter().map(|a| a.score).collect(),
        };
        let scale: Vec<u8> = (1..=MAX_SCORE).rev().collect();
        if scores != scale {
            self.push(
                ErrorCode::InvalidBands,
                path,
                format!(
                    "scores must be listed as {} (found {})",
                    join_numbers(&scale),
                    join_numbers(&scores)
                ),
            );
        }
        match rule {
            ItemRule::RateBands { bands, .. } => {
                let mins: Vec<Fraction> = bands.iter().map(|b| b.min_rate).collect();
                if mins.windows(2).any(|w| w[0] <= w[1]) {
                    self.push(
                        ErrorCode::InvalidBands,
                        path,
                        "min_rate must strictly decrease from score 5 to score 1",
                    );
                }
                if mins.iter().any(|m| *m > Fraction::integer(1)) {
                    self.push(ErrorCode::InvalidBands, path, "a min_rate above 1 can never be reached");
                }
                if mins.last() != Some(&Fraction::ZERO) {
                    self.push(
                        ErrorCode::InvalidBands,
                        path,
                        "the lowest band must have min_rate 0, so every item gets a score",
                    );
                }
            }
            ItemRule::Anchors { anchors, .. } => {
                let covers = anchors
                    .last()
                    .is_some_and(|a| a.any_of.iter().any(|c| c.basic == 0 && c.advanced == 0));
                if !covers {
                    self.push(
                        ErrorCode::InvalidBands,
                        path,
                        "the lowest anchor must have a condition with basic 0 and advanced 0, so every item gets a score",
                    );
                }
                if anchors.iter().any(|a| a.any_of.is_empty()) {
                    self.push(ErrorCode::InvalidBands, path, "every anchor needs at least one condition in any_of");
                }
            }
        }
    }

    fn item(&mut self, def: &BankDef, item: &Item, path: &str, element_ids: &mut HashSet<String>) {
        self.text(&item.title, &format!("{path}.title"), true);
        if item.elements.is_empty() {
            self.push(
                ErrorCode::MissingField,
                &format!("{path}.elements"),
                "an item needs at least one element",
            );
        }
        if let Some(rule) = &item.rule {
            self.rule_shape(rule, &format!("{path}.rule"));
        }
        let rule = item.rule.as_ref().unwrap_or(&def.scoring.item_rule);
        for (n, e) in item.elements.iter().enumerate() {
            let epath = format!("{path}.elements.{}", e.id);
            let expected = format!("{}.{}", item.id, n + 1);
            if e.id != expected {
                self.push(
                    ErrorCode::InvalidValue,
                    &epath,
                    format!("element ids are the item id and the position: expected `{expected}`"),
                );
            }
            if !element_ids.insert(e.id.clone()) {
                self.push(ErrorCode::DuplicateId, &epath, format!("element {} is defined twice", e.id));
            }
            self.text(&e.text, &format!("{epath}.text"), true);
            self.criterion(&e.criterion, &format!("{epath}.criterion"));
            if matches!(rule, ItemRule::Anchors { .. }) && e.tier.is_none() {
                self.push(
                    ErrorCode::MissingField,
                    &format!("{epath}.tier"),
                    "the anchors rule needs every element tagged basic or advanced",
                );
            }
        }
        self.reachable(item, rule, path);
    }

    fn criterion(&mut self, c: &Criterion, path: &str) {
        match c {
            Criterion::Check => {}
            Criterion::Options { options, require, .. } => {
                self.unique_keys(options.iter().map(|o| o.key.as_str()), &format!("{path}.options"), "option");
                for o in options {
                    self.text(&o.label, &format!("{path}.options.{}.label", o.key), true);
                }
                if options.is_empty() {
                    self.push(
                        ErrorCode::MissingField,
                        &format!("{path}.options"),
                        "an options criterion needs options",
                    );
                }
                if let Requirement::AtLeast(k) = require {
                    if *k == 0 || *k as usize > options.len() {
                        self.push(
                            ErrorCode::InvalidValue,
                            &format!("{path}.require"),
                            format!("at_least must be between 1 and {}", options.len()),
                        );
                    }
                }
            }
            Criterion::Figure { inputs, test, .. } => {
                self.unique_keys(inputs.iter().map(|i| i.key.as_str()), &format!("{path}.inputs"), "input");
                for i in inputs {
                    self.text(&i.label, &format!("{path}.inputs.{}.label", i.key), true);
                    self.text(&i.unit, &format!("{path}.inputs.{}.unit", i.key), true);
                }
                let find = |k: &str| inputs.iter().find(|i| i.key == k);
                let referenced: Vec<&String> = match test {
                    FigureTest::AtLeast { input, .. } => vec![input],
                    FigureTest::RatioAtLeast {
                        numerator, denominator, ..
                    } => {
                        if find(denominator).is_some_and(|d| d.min == 0) {
                            self.push(
                                ErrorCode::InvalidValue,
                                &format!("{path}.inputs.{denominator}.min"),
                                "a ratio's denominator needs min 1 or more",
                            );
                        }
                        vec![numerator, denominator]
                    }
                };
                for r in referenced {
                    if find(r).is_none() {
                        self.push(
                            ErrorCode::UnknownReference,
                            &format!("{path}.test"),
                            format!("the test uses input `{r}`, which is not defined"),
                        );
                    }
                }
            }
        }
    }

    /// Option and input keys: well-formed ids, each used once within its element.
    fn unique_keys<'k>(&mut self, keys: impl Iterator<Item = &'k str>, path: &str, what: &str) {
        let mut seen = HashSet::new();
        for key in keys {
            if !is_id(key) || !seen.insert(key) {
                self.push(
                    ErrorCode::DuplicateId,
                    &format!("{path}.{key}"),
                    format!("{what} key `{key}` is empty, malformed or repeated"),
                );
            }
        }
    }

    /// Every score 1..5 must be produced by some combination of met elements (all elements applicable).
    fn reachable(&mut self, item: &Item, rule: &ItemRule, path: &str) {
        let mut reached = [false; MAX_SCORE as usize + 1];
        match rule {
            ItemRule::RateBands { .. } => {
                let applicable = item.elements.len() as u32;
                for met in 0..=applicable {
                    if let Some(s) = rule.score(&MetCounts {
                        met,
                        applicable,
                        ..MetCounts::default()
                    }) {
                        reached[s as usize] = true;
                    }
                }
            }
            ItemRule::Anchors { .. } => {
                let count = |t| item.elements.iter().filter(|e| e.tier == Some(t)).count() as u32;
                for b in 0..=count(Tier::Basic) {
                    for a in 0..=count(Tier::Advanced) {
                        if let Some(s) = rule.score(&MetCounts {
                            basic_met: b,
                            advanced_met: a,
                            ..MetCounts::default()
                        }) {
                            reached[s as usize] = true;
                        }
                    }
                }
            }
        }
        let missing: Vec<usize> = (1..=usize::from(MAX_SCORE)).filter(|&s| !reached[s]).collect();
        if !missing.is_empty() {
            self.push(
                ErrorCode::UnreachableScore,
                path,
                format!(
                    "with {} elements no answers can give score {}; adjust the rule or the elements",
                    item.elements.len(),
                    join_numbers(&missing)
                ),
            );
        }
    }
}

fn join_numbers<T: ToString>(numbers: &[T]) -> String {
    numbers.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}
