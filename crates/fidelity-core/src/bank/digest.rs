//! Digests that make every score reproducible: the content digest covers the whole bank, the scoring digest
//! only what decides a score, so a wording-only (patch) release keeps its scoring digest.
//! The canonical form is JSON with object keys sorted (serde_json's default map) and no whitespace.

use super::model::*;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

pub(super) fn digests(def: &BankDef) -> (String, String) {
    let content = serde_json::to_value(def).unwrap_or(Value::Null);
    (sha256(&content), sha256(&scoring_view(def)))
}

fn sha256(v: &Value) -> String {
    sha256_of(v.to_string().as_bytes())
}

/// `sha256:` and the hex digest of some bytes: the form of every digest fidelity records.
pub(crate) fn sha256_of(bytes: &[u8]) -> String {
    let hash = Sha256::digest(bytes);
    format!("sha256:{}", hash.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

/// Everything that can change a score, and nothing else: no titles, translations or rationales.
fn scoring_view(def: &BankDef) -> Value {
    json!({
        "id": def.id,
        "item_rule": rule_view(&def.scoring.item_rule),
        "levels": def.scoring.levels.bands.iter().map(|b| json!({"id": b.id, "min_mean": b.min_mean})).collect::<Vec<_>>(),
        "domains": def.domains.iter().map(|d| json!({
            "id": d.id,
            "items": d.items.iter().map(|i| json!({
                "id": i.id,
                "rule": i.rule.as_ref().map(rule_view),
                "elements": i.elements.iter().map(|e| {
                    let mut v = element_view(e);
                    v["id"] = json!(e.id);
                    v
                }).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// What of an item rule can change a score: its kind and thresholds, not its rationale.
pub(crate) fn rule_view(r: &ItemRule) -> Value {
    match r {
        ItemRule::RateBands { bands, .. } => json!({"kind": "rate_bands", "bands": bands}),
        ItemRule::Anchors { anchors, .. } => json!({"kind": "anchors", "anchors": anchors}),
    }
}

/// What of an element can change a score, without its id: criterion (option keys, figure inputs and test,
/// not labels or rationale), `na` and tier. Crosswalks compare elements by this view.
pub(crate) fn element_view(e: &Element) -> Value {
    let criterion = match &e.criterion {
        Criterion::Check => json!({"kind": "check"}),
        Criterion::Options { options, require, .. } => json!({
            "kind": "options",
            "options": options.iter().map(|o| &o.key).collect::<Vec<_>>(),
            "require": require,
        }),
        Criterion::Figure { inputs, test, .. } => json!({
            "kind": "figure",
            "inputs": inputs.iter().map(|i| json!({"key": i.key, "min": i.min})).collect::<Vec<_>>(),
            "test": test,
        }),
    };
    json!({"criterion": criterion, "na_allowed": e.na_allowed, "tier": e.tier})
}
