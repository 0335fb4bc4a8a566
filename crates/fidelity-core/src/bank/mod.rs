//! Item banks: the data model (`model`), loading a bank folder (`load`), the semantic checks every load runs
//! (`check`) and the digests that pin a score to the exact rules it was computed with (`digest`).

mod check;
pub(crate) mod digest;
pub(crate) use digest::{element_view, rule_view};
mod load;
pub mod model;
mod provenance;
mod read;
mod rules;
#[cfg(test)]
mod serde_agreement;

pub use rules::{MetCounts, MAX_SCORE};

pub use model::*;

use rustc_hash::FxHashMap;

/// A loaded bank that passed every check. Scoring takes only this, so nothing downstream re-checks the bank.
#[derive(Debug, Clone)]
pub struct Bank {
    def: BankDef,
    content_digest: String,
    scoring_digest: String,
    /// element id -> (domain, item, element) positions, and the element's position in bank order
    element_index: FxHashMap<String, (usize, usize, usize, usize)>,
    /// The scoring plan, compiled on first use (`Bank::plan`, in the engine).
    pub(crate) plan: std::sync::OnceLock<crate::engine::ScoringPlan>,
}

/// A reference to one element of a bank, with its item and domain.
#[derive(Debug, Clone, Copy)]
pub struct ElementRef<'a> {
    pub domain: &'a Domain,
    pub item: &'a Item,
    pub element: &'a Element,
}

impl Bank {
    /// A bank of a checked definition, its digests computed.
    pub(crate) fn new(def: BankDef) -> Bank {
        let (content_digest, scoring_digest) = digest::digests(&def);
        Bank::with_digests(def, content_digest, scoring_digest)
    }

    pub(crate) fn with_digests(def: BankDef, content_digest: String, scoring_digest: String) -> Bank {
        let mut element_index = FxHashMap::default();
        for (d, domain) in def.domains.iter().enumerate() {
            for (i, item) in domain.items.iter().enumerate() {
                for (e, element) in item.elements.iter().enumerate() {
                    let at = element_index.len();
                    element_index.insert(element.id.clone(), (d, i, e, at));
                }
            }
        }
        Bank {
            def,
            content_digest,
            scoring_digest,
            element_index,
            plan: std::sync::OnceLock::new(),
        }
    }

    pub fn def(&self) -> &BankDef {
        &self.def
    }

    pub fn id(&self) -> &str {
        &self.def.id
    }

    pub fn version(&self) -> &str {
        &self.def.version
    }

    /// `id@version`, as assessments name their bank.
    pub fn reference(&self) -> String {
        format!("{}@{}", self.def.id, self.def.version)
    }

    /// sha256 of the canonical JSON form of the whole bank (text included).
    pub fn content_digest(&self) -> &str {
        &self.content_digest
    }

    /// sha256 of the scoring structure only (ids, criteria, rules, levels; no text). Equal across patch releases.
    pub fn scoring_digest(&self) -> &str {
        &self.scoring_digest
    }

    pub fn domains(&self) -> &[Domain] {
        &self.def.domains
    }

    /// Items in bank order, with their domain.
    pub fn items(&self) -> impl Iterator<Item = (&Domain, &Item)> {
        self.def.domains.iter().flat_map(|d| d.items.iter().map(move |i| (d, i)))
    }

    /// Elements in bank order.
    pub fn elements(&self) -> impl Iterator<Item = ElementRef<'_>> {
        self.items()
            .flat_map(|(domain, item)| item.elements.iter().map(move |element| ElementRef { domain, item, element }))
    }

    pub fn element(&self, id: &str) -> Option<ElementRef<'_>> {
        let &(d, i, e, _) = self.element_index.get(id)?;
        let domain = &self.def.domains[d];
        let item = &domain.items[i];
        Some(ElementRef {
            domain,
            item,
            element: &item.elements[e],
        })
    }

    /// An element's position in bank order (as `elements()` yields it, and the scoring plan counts).
    pub fn element_position(&self, id: &str) -> Option<usize> {
        self.element_index.get(id).map(|&(.., at)| at)
    }

    /// An element and its position, in one lookup.
    pub(crate) fn element_and_position(&self, id: &str) -> Option<(&Element, usize)> {
        let &(d, i, e, at) = self.element_index.get(id)?;
        Some((&self.def.domains[d].items[i].elements[e], at))
    }

    /// An item by id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().map(|(_, i)| i).find(|i| i.id == id)
    }

    /// A level's label in `lang` (`high` → 高), if the bank defines the level.
    pub fn level_label(&self, id: &str, lang: crate::text::Lang) -> Option<&str> {
        self.def.scoring.levels.bands.iter().find(|b| b.id == id).map(|b| b.label.get(lang))
    }

    /// The rule that scores `item`: its own, or the bank's.
    pub fn rule_for<'a>(&'a self, item: &'a Item) -> &'a ItemRule {
        item.rule.as_ref().unwrap_or(&self.def.scoring.item_rule)
    }
}
