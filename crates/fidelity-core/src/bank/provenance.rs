//! The bank's notes about its own texts: the glossary and the provenance notes. Their checks (run with the
//! others by `check`) make them trustworthy: a note names texts that exist, and a kept slip of the source is
//! still in the text it names.

use super::check::Checker;
use super::model::*;
use crate::error::ErrorCode;
use crate::text::Text;
use std::collections::HashSet;

impl BankDef {
    /// The texts a provenance note names: `field` of the domain, item or element `id`. `None` when `id`
    /// does not name something that has that field.
    pub fn texts_at(&self, id: &str, field: ProvenanceField) -> Option<Vec<&Text>> {
        use ProvenanceField as F;
        let domain = self.domains.iter().find(|d| d.id == id);
        let item = self.domains.iter().flat_map(|d| &d.items).find(|i| i.id == id);
        let element = self
            .domains
            .iter()
            .flat_map(|d| &d.items)
            .flat_map(|i| &i.elements)
            .find(|e| e.id == id);
        match (field, domain, item, element) {
            (F::Title, Some(d), _, _) => Some(vec![&d.title]),
            (F::Title, _, Some(i), _) => Some(vec![&i.title]),
            (F::Purpose, _, Some(i), _) => i.purpose.as_ref().map(|t| vec![t]),
            (F::Support, _, Some(i), _) => i.support.as_ref().map(|t| vec![t]),
            (F::Notes, _, Some(i), _) => i.notes.as_ref().map(|t| vec![t]),
            (F::Text, _, _, Some(e)) => Some(vec![&e.text]),
            (F::Inputs, _, _, Some(e)) => match &e.criterion {
                Criterion::Figure { inputs, .. } => Some(inputs.iter().flat_map(|i| [&i.label, &i.unit]).collect()),
                _ => None,
            },
            _ => None,
        }
    }

    /// The provenance notes about `field` of `id`.
    pub fn provenance_of<'a>(&'a self, id: &'a str, field: ProvenanceField) -> impl Iterator<Item = &'a ProvenanceNote> {
        self.provenance
            .iter()
            .filter(move |n| n.field == field && n.at.iter().any(|a| a == id))
    }
}

impl Checker {
    /// The glossary: ids unique, each term with its Japanese and its English rendering, each definition with
    /// its Japanese.
    pub(super) fn glossary(&mut self, def: &BankDef) {
        let mut ids = HashSet::new();
        for (i, g) in def.glossary.iter().enumerate() {
            let path = format!("glossary[{i}]");
            if !ids.insert(g.id.as_str()) {
                self.push(ErrorCode::DuplicateId, &path, format!("glossary entry {} is defined twice", g.id));
            }
            self.text(&g.term, &format!("{path}.term"), true);
            self.text(&g.definition, &format!("{path}.definition"), false);
        }
    }

    /// The provenance notes: each names texts that exist, and a kept slip is still in every text it names.
    pub(super) fn provenance(&mut self, def: &BankDef) {
        for (i, note) in def.provenance.iter().enumerate() {
            let path = format!("provenance[{i}]");
            if note.at.is_empty() {
                self.push(ErrorCode::MissingField, &format!("{path}.at"), "a note names at least one id");
            }
            let quote = note.quote.as_deref().filter(|q| !q.is_empty());
            if note.kind == ProvenanceKind::KeptAsWritten && quote.is_none() {
                self.push(
                    ErrorCode::MissingField,
                    &format!("{path}.quote"),
                    "a kept_as_written note quotes the words it keeps",
                );
            }
            let field = note.field.name();
            for id in &note.at {
                let Some(texts) = def.texts_at(id, note.field) else {
                    self.push(
                        ErrorCode::UnknownReference,
                        &format!("{path}.at"),
                        format!("{id} has no {field} text"),
                    );
                    continue;
                };
                if let Some(q) = quote.filter(|q| !texts.iter().any(|t| t.ja.contains(q))) {
                    self.push(
                        ErrorCode::InvalidValue,
                        &format!("{path}.quote"),
                        format!("the {field} of {id} no longer contains the words kept as written: {q}"),
                    );
                }
            }
        }
    }
}
