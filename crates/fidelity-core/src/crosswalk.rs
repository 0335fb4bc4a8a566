//! Crosswalks: how one bank version maps onto another, element by element and item by item, so scores from
//! two versions whose scoring differs can be compared on the items whose scoring did not change.
//!
//! A crosswalk is a YAML file in `<bank>/crosswalks/` that an expert reviews. It is checked against both
//! bank versions like a bank is checked on load: every id exists on its side, nothing is mapped twice, every
//! element and item of both versions is accounted for, and every `same` or `renamed` claim is true of the
//! banks' scoring (criterion, `na`, tier and item rule), so a crosswalk cannot make a changed rule look
//! comparable.

use crate::bank::{element_view, rule_view, Bank, Item};
use crate::error::{Error, ErrorCode, ErrorKind, Problem, Result};
use crate::tree::{self, join, Node, Shape};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// How an element or item of the old version maps onto the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Same id, same text, same scoring.
    Same,
    /// Another id or wording, same scoring.
    Renamed,
    /// One old entry became several new ones.
    Split,
    /// Several old entries became one new one.
    Merged,
    /// New in the new version.
    Added,
    /// Dropped in the new version.
    Removed,
    /// Same entry, different scoring (a threshold, a criterion, an item rule, or the item's elements).
    RuleChanged,
}

impl Change {
    const NAMES: [&'static str; 7] = ["same", "renamed", "split", "merged", "added", "removed", "rule_changed"];

    fn parse(s: &str) -> Option<Change> {
        use Change::*;
        [Same, Renamed, Split, Merged, Added, Removed, RuleChanged]
            .into_iter()
            .zip(Self::NAMES)
            .find(|(_, n)| *n == s)
            .map(|(c, _)| c)
    }

    /// Whether scores on either side of this mapping mean the same thing.
    pub fn keeps_scoring(self) -> bool {
        matches!(self, Change::Same | Change::Renamed)
    }

    /// How many ids each side of the mapping holds: (old, new) as (min, max).
    fn arity(self) -> ((usize, usize), (usize, usize)) {
        const ONE: (usize, usize) = (1, 1);
        const NONE: (usize, usize) = (0, 0);
        const MANY: (usize, usize) = (2, usize::MAX);
        const SOME: (usize, usize) = (1, usize::MAX);
        match self {
            Change::Same | Change::Renamed | Change::RuleChanged => (ONE, ONE),
            Change::Split => (ONE, MANY),
            Change::Merged => (MANY, ONE),
            Change::Added => (NONE, SOME),
            Change::Removed => (SOME, NONE),
        }
    }
}

/// One line of a crosswalk: old ids, new ids, and how they relate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Mapping {
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub change: Change,
    /// Why, for the reviewer and the comparison's list of excluded items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A crosswalk file: `bank`, `from` and `to` versions, and the item and element mappings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Crosswalk {
    pub bank: String,
    pub from: String,
    pub to: String,
    pub items: Vec<Mapping>,
    pub elements: Vec<Mapping>,
}

/// A crosswalk checked against both of its bank versions: what the comparison uses.
#[derive(Debug, Clone)]
pub struct CheckedCrosswalk {
    pub crosswalk: Crosswalk,
    /// Old item id → its mapping (index into `crosswalk.items`), and the same for new ids.
    old_items: BTreeMap<String, usize>,
    new_items: BTreeMap<String, usize>,
    /// Old element id → new element id, for 1:1 mappings that keep scoring.
    elements: BTreeMap<String, String>,
    /// Whether both versions define the same levels (ids and bounds).
    pub levels_same: bool,
}

impl CheckedCrosswalk {
    /// The mapping of an old item, if any.
    pub fn of_old_item(&self, id: &str) -> Option<&Mapping> {
        self.old_items.get(id).map(|&i| &self.crosswalk.items[i])
    }

    /// The mapping of a new item, if any.
    pub fn of_new_item(&self, id: &str) -> Option<&Mapping> {
        self.new_items.get(id).map(|&i| &self.crosswalk.items[i])
    }

    /// The new id of an old element whose scoring is kept.
    pub fn element(&self, old: &str) -> Option<&str> {
        self.elements.get(old).map(String::as_str)
    }

    /// The old id of a new element whose scoring is kept (the mapping is one to one).
    pub fn old_element(&self, new: &str) -> Option<&str> {
        self.elements.iter().find(|(_, n)| n.as_str() == new).map(|(o, _)| o.as_str())
    }
}

const SHAPE: Shape = Shape {
    wrong_type: ErrorCode::CrosswalkFormat,
    unknown_key: ErrorCode::CrosswalkFormat,
    missing_field: ErrorCode::CrosswalkFormat,
    null_is_absent: true,
};

/// The `bank`, `from` and `to` a crosswalk text declares, to find its two banks before checking it.
pub fn header(text: &str) -> Option<(String, String, String)> {
    let root = tree::parse(text).ok()?;
    let get = |key: &str| root.entry(key)?.as_text().map(str::to_owned);
    Some((get("bank")?, get("from")?, get("to")?))
}

impl Crosswalk {
    /// Reads a crosswalk file and checks it against its old and new bank versions; reports every problem.
    pub fn load(text: &str, old: &Bank, new: &Bank) -> Result<CheckedCrosswalk> {
        let fail = |problems| Error::new(ErrorKind::Bank, problems);
        let root = tree::parse(text).map_err(|p| fail(vec![p]))?;
        let mut problems = Vec::new();
        let crosswalk = read(&root, &mut problems);
        match crosswalk {
            Some(c) if problems.is_empty() => check(c, &root, old, new).map_err(fail),
            _ => Err(fail(problems)),
        }
    }
}

fn read(root: &Node, problems: &mut Vec<Problem>) -> Option<Crosswalk> {
    let f = tree::fields(
        root,
        "",
        &["bank", "from", "to", "items", "elements"],
        &["bank", "from", "to", "items", "elements"],
        &SHAPE,
        problems,
    )?;
    let mut string = |key: &str| {
        let node = f.value(key)?;
        let s = node.as_text().filter(|_| node.as_map().is_none() && node.as_seq().is_none());
        if s.is_none() {
            problems.push(wrong(key, node, "a string"));
        }
        s.map(str::to_owned)
    };
    let (bank, from, to) = (string("bank"), string("from"), string("to"));
    let items = mappings(f.value("items"), "items", problems);
    let elements = mappings(f.value("elements"), "elements", problems);
    Some(Crosswalk {
        bank: bank?,
        from: from?,
        to: to?,
        items: items?,
        elements: elements?,
    })
}

fn wrong(path: &str, node: &Node, expected: &str) -> Problem {
    Problem::new(
        ErrorCode::CrosswalkFormat,
        path,
        format!("expected {expected}, found {}", node.describe().en),
    )
    .at(Some(node.pos))
}

fn mappings(node: Option<&Node>, path: &str, problems: &mut Vec<Problem>) -> Option<Vec<Mapping>> {
    let node = node?;
    let Some(list) = node.as_seq() else {
        problems.push(wrong(path, node, "a list of mappings"));
        return None;
    };
    let before = problems.len();
    let mut out = Vec::new();
    for (i, entry) in list.iter().enumerate() {
        let at = format!("{path}[{i}]");
        let Some(f) = tree::fields(entry, &at, &["from", "to", "change", "note"], &["change"], &SHAPE, problems) else {
            continue;
        };
        let ids = |key: &str, problems: &mut Vec<Problem>| -> Vec<String> {
            match f.value(key) {
                None => Vec::new(),
                Some(n) if n.as_seq().is_some() => n
                    .as_seq()
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|x| {
                        let id = x.as_text().filter(|_| x.as_map().is_none() && x.as_seq().is_none());
                        if id.is_none() {
                            problems.push(wrong(&join(&at, key), x, "an id"));
                        }
                        id.map(str::to_owned)
                    })
                    .collect(),
                Some(n) => match n.as_text().filter(|_| n.as_map().is_none()) {
                    Some(id) => vec![id.to_owned()],
                    None => {
                        problems.push(wrong(&join(&at, key), n, "an id or a list of ids"));
                        Vec::new()
                    }
                },
            }
        };
        let from = ids("from", problems);
        let to = ids("to", problems);
        let change = f.value("change").and_then(|n| {
            let c = n.as_string().and_then(Change::parse);
            if c.is_none() {
                problems.push(wrong(&join(&at, "change"), n, &format!("one of {}", Change::NAMES.join(", "))));
            }
            c
        });
        let note = f.value("note").and_then(|n| n.as_text().map(str::to_owned));
        let Some(change) = change else { continue };
        let ((fmin, fmax), (tmin, tmax)) = change.arity();
        let arity_ok = (fmin..=fmax).contains(&from.len()) && (tmin..=tmax).contains(&to.len());
        if !arity_ok {
            let count = |(min, max): (usize, usize)| match (min, max) {
                (0, 0) => "no id".to_string(),
                (a, b) if a == b => format!("{a} id"),
                (a, _) => format!("{a} or more ids"),
            };
            problems.push(
                Problem::new(
                    ErrorCode::CrosswalkFormat,
                    at.clone(),
                    format!(
                        "`{}` maps {} from the old version onto {} of the new one; found {} and {}",
                        Change::NAMES[change as usize],
                        count((fmin, fmax)),
                        count((tmin, tmax)),
                        from.len(),
                        to.len()
                    ),
                )
                .at(Some(entry.pos)),
            );
        }
        out.push(Mapping { from, to, change, note });
    }
    (problems.len() == before).then_some(out)
}

/// Where each mapping of a list sits in the file, for positioned problems.
fn positions(root: &Node, key: &str) -> Vec<crate::error::Pos> {
    root.entry(key)
        .and_then(Node::as_seq)
        .map(|s| s.iter().map(|n| n.pos).collect())
        .unwrap_or_default()
}

/// The checks of a crosswalk against its two banks.
fn check(c: Crosswalk, root: &Node, old: &Bank, new: &Bank) -> std::result::Result<CheckedCrosswalk, Vec<Problem>> {
    let mut problems = Vec::new();
    let header = |key: &str, want: &str, got: &str, problems: &mut Vec<Problem>| {
        if want != got {
            problems.push(Problem::new(
                ErrorCode::UnknownReference,
                key,
                format!("the crosswalk says `{got}`, but it is being checked against `{want}`"),
            ));
        }
    };
    header("bank", old.id(), &c.bank, &mut problems);
    header("bank", new.id(), &c.bank, &mut problems);
    header("from", old.version(), &c.from, &mut problems);
    header("to", new.version(), &c.to, &mut problems);

    let old_items: BTreeMap<&str, &Item> = old.items().map(|(_, i)| (i.id.as_str(), i)).collect();
    let new_items: BTreeMap<&str, &Item> = new.items().map(|(_, i)| (i.id.as_str(), i)).collect();
    let item_pos = positions(root, "items");
    let element_pos = positions(root, "elements");

    // Every id exists on its side and is mapped exactly once; every id of both versions is mapped.
    let mut cover = |list: &[Mapping],
                     list_name: &str,
                     pos: &[crate::error::Pos],
                     exists_old: &dyn Fn(&str) -> bool,
                     exists_new: &dyn Fn(&str) -> bool,
                     all_old: Vec<String>,
                     all_new: Vec<String>| {
        let mut seen: [BTreeMap<String, usize>; 2] = [BTreeMap::new(), BTreeMap::new()];
        for (i, m) in list.iter().enumerate() {
            for (side, ids, exists, version) in [(0, &m.from, exists_old, &c.from), (1, &m.to, exists_new, &c.to)] {
                let key = if side == 0 { "from" } else { "to" };
                for id in ids {
                    let path = format!("{list_name}[{i}].{key}");
                    if !exists(id) {
                        problems.push(
                            Problem::new(ErrorCode::UnknownReference, path, format!("`{id}` is not in version {version}"))
                                .at(pos.get(i).copied()),
                        );
                    } else if let Some(first) = seen[side].insert(id.clone(), i) {
                        problems.push(
                            Problem::new(
                                ErrorCode::DuplicateId,
                                path,
                                format!("`{id}` is mapped twice ({list_name}[{first}] and {list_name}[{i}])"),
                            )
                            .at(pos.get(i).copied()),
                        );
                    }
                }
            }
        }
        for (side, all, version) in [(0, all_old, &c.from), (1, all_new, &c.to)] {
            for id in all.iter().filter(|id| !seen[side].contains_key(*id)) {
                problems.push(Problem::new(
                    ErrorCode::MissingField,
                    list_name,
                    format!("`{id}` of version {version} is not mapped; every id of both versions needs a line"),
                ));
            }
        }
    };
    cover(
        &c.items,
        "items",
        &item_pos,
        &|id| old_items.contains_key(id),
        &|id| new_items.contains_key(id),
        old_items.keys().map(|s| s.to_string()).collect(),
        new_items.keys().map(|s| s.to_string()).collect(),
    );
    cover(
        &c.elements,
        "elements",
        &element_pos,
        &|id| old.element(id).is_some(),
        &|id| new.element(id).is_some(),
        old.elements().map(|e| e.element.id.clone()).collect(),
        new.elements().map(|e| e.element.id.clone()).collect(),
    );
    if !problems.is_empty() {
        return Err(problems);
    }

    // Every claim that scoring is kept (or changed) must be true of the banks.
    let mismatch =
        |path: String, pos: Option<crate::error::Pos>, message: String| Problem::new(ErrorCode::CrosswalkMismatch, path, message).at(pos);
    let mut elements = BTreeMap::new();
    for (i, m) in c.elements.iter().enumerate() {
        let (Some(a), Some(b)) = (
            m.from.first().and_then(|id| old.element(id)),
            m.to.first().and_then(|id| new.element(id)),
        ) else {
            continue;
        };
        let same_scoring = element_view(a.element) == element_view(b.element);
        let path = format!("elements[{i}].change");
        match m.change {
            Change::Same | Change::Renamed if !same_scoring => problems.push(mismatch(
                path,
                element_pos.get(i).copied(),
                format!(
                    "`{}` → `{}` is declared {}, but its scoring differs; declare it rule_changed",
                    a.element.id,
                    b.element.id,
                    Change::NAMES[m.change as usize]
                ),
            )),
            Change::Same if a.element.id != b.element.id || a.element.text != b.element.text => problems.push(mismatch(
                path,
                element_pos.get(i).copied(),
                format!(
                    "`{}` → `{}` changes the id or the wording; declare it renamed",
                    a.element.id, b.element.id
                ),
            )),
            Change::RuleChanged if same_scoring => problems.push(mismatch(
                path,
                element_pos.get(i).copied(),
                format!(
                    "`{}` → `{}` is declared rule_changed, but its scoring is identical; declare it same or renamed",
                    a.element.id, b.element.id
                ),
            )),
            Change::Same | Change::Renamed => {
                elements.insert(a.element.id.clone(), b.element.id.clone());
            }
            _ => {}
        }
    }
    let mut old_index = BTreeMap::new();
    let mut new_index = BTreeMap::new();
    for (i, m) in c.items.iter().enumerate() {
        old_index.extend(m.from.iter().map(|id| (id.clone(), i)));
        new_index.extend(m.to.iter().map(|id| (id.clone(), i)));
        let (Some(a), Some(b)) = (
            m.from.first().and_then(|id| old_items.get(id.as_str())),
            m.to.first().and_then(|id| new_items.get(id.as_str())),
        ) else {
            continue;
        };
        // An item keeps its scoring when its rule is equal and its elements map one to one, keeping scoring.
        let rule_same = rule_view(old.rule_for(a)) == rule_view(new.rule_for(b));
        let old_ids: BTreeSet<&str> = a.elements.iter().map(|e| e.id.as_str()).collect();
        let new_ids: BTreeSet<&str> = b.elements.iter().map(|e| e.id.as_str()).collect();
        let mapped: BTreeSet<&str> = a.elements.iter().filter_map(|e| elements.get(&e.id).map(String::as_str)).collect();
        let elements_kept = old_ids.len() == new_ids.len() && mapped == new_ids;
        let kept = rule_same && elements_kept;
        let path = format!("items[{i}].change");
        let pos = item_pos.get(i).copied();
        match m.change {
            Change::Same | Change::Renamed if !kept => {
                let why = if !rule_same {
                    "its item rule differs"
                } else {
                    "its elements do not all map one to one with the same scoring"
                };
                problems.push(mismatch(
                    path,
                    pos,
                    format!(
                        "item `{}` → `{}` is declared {}, but {why}; declare it rule_changed",
                        a.id,
                        b.id,
                        Change::NAMES[m.change as usize]
                    ),
                ));
            }
            Change::Same if a.id != b.id || a.title != b.title => problems.push(mismatch(
                path,
                pos,
                format!("item `{}` → `{}` changes the id or the title; declare it renamed", a.id, b.id),
            )),
            Change::RuleChanged if kept => problems.push(mismatch(
                path,
                pos,
                format!(
                    "item `{}` → `{}` is declared rule_changed, but its rule and elements score alike; declare it same or renamed",
                    a.id, b.id
                ),
            )),
            _ => {}
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let levels = |b: &Bank| {
        b.def()
            .scoring
            .levels
            .bands
            .iter()
            .map(|l| (l.id.clone(), l.min_mean))
            .collect::<Vec<_>>()
    };
    Ok(CheckedCrosswalk {
        levels_same: levels(old) == levels(new),
        crosswalk: c,
        old_items: old_index,
        new_items: new_index,
        elements,
    })
}
