//! Many assessments as one JSON array (what a binding writes from its caller's list in one crossing: WASM's
//! `JSON.stringify`), scored without a tree, an `Assessment` or a trace. As for wide rows (`rows.rs`), a
//! reader that only accepts the plain forms goes first: each assessment's answers are read straight into the
//! engine's plan order, in one pass over the text. An assessment with anything else (a wrong type, an unknown
//! id, a figure below its minimum, a number written `2.0`, escapes in a key) is passed over and read again by
//! the general reader, which reports its problems. Both end in the engine's one plan; a property test checks
//! that they agree.

use crate::assessment::{Assessment, RaterKind};
use crate::bank::{Bank, Element, Evidence};
use crate::boundary::{batch_error, Document, Origin};
use crate::engine::{PlannedAnswers, PlannedScores, Slot};
use crate::error::Said;
use crate::error::{Error, ErrorCode, ErrorKind, Problem, Result};
use crate::report::ScoreSummary;
use crate::said;
use crate::tree;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// The scores of a batch given as one JSON array: each element an assessment's values, or its YAML/JSON
/// text; each scored without its trace. Every invalid one's problems, each with its row, make the error.
pub fn scores_of_json_array(bank: &Bank, json: &str) -> Result<Vec<ScoreSummary>> {
    let plan = bank.plan();
    let mut read = Batch {
        bank,
        order: bank.elements().map(|e| (e.element.id.as_str(), e.element)).collect(),
        answers: plan.blank_answers(),
        scores: PlannedScores::default(),
        out: Vec::new(),
        later: Vec::new(),
    };
    let mut de = serde_json::Deserializer::from_str(json);
    let is_list = de::Deserializer::deserialize_any(&mut de, &mut read).and_then(|is_list| de.end().map(|()| is_list));
    match is_list {
        Ok(true) => {}
        Ok(false) => {
            let p = Problem::new(
                ErrorCode::WrongType,
                "",
                Said::new("評価票のリストが必要です", "expected a list of assessments"),
            );
            return Err(Error::one(ErrorKind::Assessment, p));
        }
        Err(e) => {
            let p = Problem::new(
                ErrorCode::Syntax,
                "",
                said!("JSON として正しくありません: {e}", "not well-formed JSON: {e}"),
            );
            return Err(Error::one(ErrorKind::Assessment, p));
        }
    }
    let Batch { mut out, later, .. } = read;
    if later.is_empty() {
        return Ok(out.into_iter().flatten().collect());
    }
    // The general reading of what the plain one passed over: texts as YAML/JSON with positions, values from
    // the array's tree (read once, only when needed).
    let tree = later
        .iter()
        .any(|(_, text)| text.is_none())
        .then(|| tree::from_json(json))
        .transpose()
        .map_err(|p| Error::one(ErrorKind::Assessment, p))?;
    let mut invalid = Vec::new();
    for (row, text) in later {
        let assessment = match (text, tree.as_ref().and_then(|t| t.as_seq()).and_then(|s| s.get(row))) {
            (Some(text), _) => Document::parse(text, Origin::text()).assessment(bank),
            (None, Some(node)) => Assessment::from_node(node, bank),
            (None, None) => continue, // the tree is the same array: unreachable
        };
        match assessment {
            Ok(a) => out[row] = Some(crate::engine::scores(bank, &a)),
            Err(e) => invalid.push((row, e.problems)),
        }
    }
    batch_error(invalid).map_or_else(|| Ok(out.into_iter().flatten().collect()), Err)
}

/// Implements a visitor's scalar methods as "not plain" (`$no`), the value being consumed.
macro_rules! not_plain_scalars {
    ($no:expr, $($skip:ident),*) => {
        $(not_plain_scalars!(@one $skip, $no);)*
    };
    (@one bool, $no:expr) => { fn visit_bool<E>(self, _: bool) -> std::result::Result<Self::Value, E> { Ok($no) } };
    (@one i64, $no:expr) => { fn visit_i64<E>(self, _: i64) -> std::result::Result<Self::Value, E> { Ok($no) } };
    (@one u64, $no:expr) => { fn visit_u64<E>(self, _: u64) -> std::result::Result<Self::Value, E> { Ok($no) } };
    (@one f64, $no:expr) => { fn visit_f64<E>(self, _: f64) -> std::result::Result<Self::Value, E> { Ok($no) } };
    (@one str, $no:expr) => { fn visit_str<E>(self, _: &str) -> std::result::Result<Self::Value, E> { Ok($no) } };
    (@one unit, $no:expr) => { fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> { Ok($no) } };
    (@one seq, $no:expr) => {
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok($no)
        }
    };
    (@one map, $no:expr) => {
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok($no)
        }
    };
}

/// The array's reader: scores of plain assessments as they come, the rest (with their text when they are
/// one) for the general reading.
struct Batch<'b> {
    bank: &'b Bank,
    /// The bank's elements in plan order, by id: answers written in that order are found without hashing.
    order: Vec<(&'b str, &'b Element)>,
    answers: PlannedAnswers,
    scores: PlannedScores,
    /// A slot per assessment, filled by the plain reading or later by the general one.
    out: Vec<Option<ScoreSummary>>,
    later: Vec<(usize, Option<String>)>,
}

impl<'de> Visitor<'de> for &mut Batch<'_> {
    /// Whether the value was a list.
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of assessments")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<bool, A::Error> {
        let plan = self.bank.plan();
        loop {
            self.answers.slots.iter_mut().for_each(|s| *s = Slot::Unanswered);
            self.answers.figures.iter_mut().for_each(|f| *f = 0);
            let item = Item {
                bank: self.bank,
                order: &self.order,
                answers: &mut self.answers,
            };
            let Some(read) = seq.next_element_seed(item)? else { break };
            let row = self.out.len();
            match read {
                Read::Plain => {
                    plan.score_into(&self.answers, &mut self.scores);
                    self.out.push(Some(plan.summary(&self.scores)));
                }
                Read::Text(text) => {
                    self.out.push(None);
                    self.later.push((row, Some(text)));
                }
                Read::Other => {
                    self.out.push(None);
                    self.later.push((row, None));
                }
            }
        }
        Ok(true)
    }

    // Anything but a list: refused by the caller.
    not_plain_scalars!(false, bool, i64, u64, f64, str, unit, map);
}

/// How one element of the array was read.
enum Read {
    /// Its answers are in plan order.
    Plain,
    /// A YAML/JSON text, for the general reading.
    Text(String),
    /// Anything else, for the general reading.
    Other,
}

/// Consumes the rest of a mapping (after a whole entry) and tells "not plain".
fn pass_over<'de, A: MapAccess<'de>>(mut map: A) -> std::result::Result<bool, A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(false)
}

/// A key or string value written without escapes (borrowed from the text), or None for anything else.
struct Plain;

impl<'de> DeserializeSeed<'de> for Plain {
    type Value = Option<&'de str>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Plain {
    type Value = Option<&'de str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Self::Value, E> {
        Ok(Some(v))
    }

    not_plain_scalars!(None, bool, i64, u64, f64, str, unit, seq, map);
}

struct Item<'a> {
    bank: &'a Bank,
    order: &'a [(&'a str, &'a Element)],
    answers: &'a mut PlannedAnswers,
}

impl<'de> DeserializeSeed<'de> for Item<'_> {
    type Value = Read;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Read, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Item<'_> {
    type Value = Read;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an assessment")
    }

    fn visit_str<E>(self, v: &str) -> std::result::Result<Read, E> {
        Ok(Read::Text(v.to_owned()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Read, A::Error> {
        let mut seen = [false; 4]; // office, period, rater, answers: all required
        while let Some(key) = map.next_key_seed(Plain)? {
            let plain = match key {
                Some("bank") => map.next_value_seed(Plain)?.is_some_and(|reference| {
                    let (id, version) = reference.split_once('@').unwrap_or((reference, self.bank.version()));
                    id == self.bank.id() && version == self.bank.version()
                }),
                Some("office") => map.next_value_seed(Named { first: "id" })? && !std::mem::replace(&mut seen[0], true),
                Some("period") => map.next_value_seed(Plain)?.is_some() && !std::mem::replace(&mut seen[1], true),
                Some("rater") => map.next_value_seed(Named { first: "kind" })? && !std::mem::replace(&mut seen[2], true),
                Some("answers") => {
                    let answers = Answers {
                        bank: self.bank,
                        order: self.order,
                        answers: &mut *self.answers,
                    };
                    map.next_value_seed(answers)? && !std::mem::replace(&mut seen[3], true)
                }
                _ => map.next_value::<IgnoredAny>().map(|_| false)?,
            };
            if !plain {
                pass_over(map)?;
                return Ok(Read::Other);
            }
        }
        Ok(if seen.iter().all(|s| *s) { Read::Plain } else { Read::Other })
    }

    not_plain_scalars!(Read::Other, bool, i64, u64, f64, unit, seq);
}

/// `office` (`id`, `name`) or `rater` (`kind`, `name`): the first key a string (a rater's kind `self` or
/// `external`), the name a string or null. Tells whether it is plain.
struct Named {
    first: &'static str,
}

impl<'de> DeserializeSeed<'de> for Named {
    type Value = bool;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> std::result::Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Named {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an office or a rater")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<bool, A::Error> {
        let mut first = false;
        while let Some(key) = map.next_key_seed(Plain)? {
            let plain = match key {
                Some(k) if k == self.first && !first => {
                    first = true;
                    map.next_value_seed(Plain)?
                        .is_some_and(|v| self.first != "kind" || RaterKind::parse(v).is_some())
                }
                Some("name") => map.next_value_seed(NameValue)?,
                _ => map.next_value::<IgnoredAny>().map(|_| false)?,
            };
            if !plain {
                return pass_over(map);
            }
        }
        Ok(first)
    }

    not_plain_scalars!(false, bool, i64, u64, f64, str, unit, seq);
}

/// A name: a string without escapes, or null.
struct NameValue;

impl<'de> DeserializeSeed<'de> for NameValue {
    type Value = bool;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> std::result::Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NameValue {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a name or null")
    }

    fn visit_borrowed_str<E>(self, _: &'de str) -> std::result::Result<bool, E> {
        Ok(true)
    }

    fn visit_unit<E>(self) -> std::result::Result<bool, E> {
        Ok(true)
    }

    not_plain_scalars!(false, bool, i64, u64, f64, str, seq, map);
}

struct Answers<'a> {
    bank: &'a Bank,
    order: &'a [(&'a str, &'a Element)],
    answers: &'a mut PlannedAnswers,
}

impl<'de> DeserializeSeed<'de> for Answers<'_> {
    type Value = bool;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> std::result::Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Answers<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("answers by element id")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<bool, A::Error> {
        let mut next = 0;
        while let Some(key) = map.next_key_seed(Plain)? {
            // The element after the last one is the first guess (a form writes answers in bank order).
            let guess = self.order.get(next).filter(|(id, _)| Some(*id) == key).map(|&(_, e)| (e, next));
            let found = guess.or_else(|| key.and_then(|id| self.bank.element_and_position(id)));
            // An unknown element, or one given twice, is not plain.
            let Some((element, position)) = found.filter(|(_, at)| self.answers.slots[*at] == Slot::Unanswered) else {
                map.next_value::<IgnoredAny>()?;
                return pass_over(map);
            };
            let answer = Answer {
                element,
                figures: &mut self.answers.figures,
                position,
                bank: self.bank,
            };
            match map.next_value_seed(answer)? {
                Some(slot) => self.answers.slots[position] = slot,
                None => return pass_over(map),
            }
            next = position + 1;
        }
        Ok(true)
    }

    not_plain_scalars!(false, bool, i64, u64, f64, str, unit, seq);
}

/// One element's answer: true/false, null (unanswered), `na` where allowed, option keys (each once), or every
/// figure input as a whole number at or above its minimum. None when it is not plain.
struct Answer<'a> {
    element: &'a Element,
    figures: &'a mut Vec<u64>,
    position: usize,
    bank: &'a Bank,
}

impl<'de> DeserializeSeed<'de> for Answer<'_> {
    type Value = Option<Slot>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Option<Slot>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Answer<'_> {
    type Value = Option<Slot>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an answer")
    }

    fn visit_bool<E>(self, v: bool) -> std::result::Result<Option<Slot>, E> {
        Ok(Some(Slot::Judgement(v)))
    }

    fn visit_unit<E>(self) -> std::result::Result<Option<Slot>, E> {
        Ok(Some(Slot::Unanswered))
    }

    fn visit_str<E>(self, v: &str) -> std::result::Result<Option<Slot>, E> {
        Ok((v == "na" && self.element.na_allowed).then_some(Slot::Na))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Option<Slot>, A::Error> {
        let options = match self.element.criterion.evidence() {
            Evidence::Flags(options) => options,
            _ => &[],
        };
        // Which options are selected, by position (an element has a handful); None once not plain.
        let mut selected = Some(0u64);
        let mut count = 0;
        while let Some(key) = seq.next_element_seed(Plain)? {
            let at = key.and_then(|k| options.iter().position(|o| o.key == k)).filter(|&i| i < 64);
            selected = match (selected, at) {
                (Some(mask), Some(i)) if mask & (1 << i) == 0 => Some(mask | (1 << i)),
                _ => None,
            };
            count += 1;
        }
        Ok(selected.map(|_| Slot::Options(count)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Option<Slot>, A::Error> {
        let inputs = match self.element.criterion.evidence() {
            Evidence::Counts(inputs) => inputs,
            _ => &[],
        };
        let plan = self.bank.plan();
        // Which inputs are given, by position (an element has one or two); None once not plain.
        let mut given = Some(0u64);
        while let Some(key) = map.next_key_seed(Plain)? {
            let value = map.next_value_seed(Count)?;
            let at = key.and_then(|k| Some((inputs.iter().position(|i| i.key == k)?, plan.figure_input(self.position, k)?)));
            given = match (given, at, value) {
                (Some(mask), Some((i, at)), Some(v)) if i < 64 && mask & (1 << i) == 0 && v >= inputs[i].min => {
                    self.figures[at] = v;
                    Some(mask | (1 << i))
                }
                _ => None,
            };
        }
        Ok(given
            .filter(|mask| mask.count_ones() as usize == inputs.len() && !inputs.is_empty())
            .map(|_| Slot::Figures))
    }

    not_plain_scalars!(None, i64, u64, f64);
}

/// A figure: a whole number written as one (`2`; `2.0` is left to the general reading).
struct Count;

impl<'de> DeserializeSeed<'de> for Count {
    type Value = Option<u64>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Option<u64>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Count {
    type Value = Option<u64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a count")
    }

    fn visit_u64<E>(self, v: u64) -> std::result::Result<Option<u64>, E> {
        Ok(Some(v))
    }

    not_plain_scalars!(None, bool, i64, f64, str, unit, seq, map);
}
