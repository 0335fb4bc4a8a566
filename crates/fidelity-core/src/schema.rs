//! JSON Schemas generated from the core's own types (schemars), so the schemas, the bindings' types and the
//! engine cannot disagree. The committed copies in `fidelity-items/schema/` are checked for drift by a test.

use crate::assessment::Assessment;
use crate::bank::Bank;
use crate::bank::{BankDef, Criterion, Item, Manifest};
use crate::error::Problem;
use crate::form::Form;
use crate::report::ScoreReport;
use schemars::{schema_for, Schema};
use serde_json::{json, Value};

/// The schemas this crate publishes, by name (the file is `<name>.schema.json`).
pub const NAMES: [&str; 7] = ["bank", "bank-manifest", "bank-item", "assessment", "report", "problem", "form"];

/// A generic schema by name; `None` for an unknown name.
pub fn by_name(name: &str) -> Option<Schema> {
    Some(match name {
        "bank" => schema_for!(BankDef),
        "bank-manifest" => schema_for!(Manifest),
        "bank-item" => schema_for!(Item),
        "assessment" => schema_for!(Assessment),
        "report" => schema_for!(ScoreReport),
        "problem" => schema_for!(Problem),
        "form" => schema_for!(Form),
        _ => return None,
    })
}

/// The committed schema text by name (`fidelity-items/schema/<name>.schema.json`, embedded at compile
/// time). A test checks that it equals what `by_name` generates; the WASM package serves these texts so it
/// does not carry the schema generator.
pub fn published(name: &str) -> Option<&'static str> {
    NAMES
        .contains(&name)
        .then(|| crate::builtin::embedded_file(&format!("schema/{name}.schema.json")))
        .flatten()
}

/// The assessment schema made specific to one bank: element ids, option keys and figure inputs enumerated,
/// with the element texts as titles, so form libraries can render and check answers field by field.
pub fn assessment_for(bank: &Bank) -> Schema {
    let mut schema = schema_for!(Assessment);
    let mut answers = serde_json::Map::new();
    for e in bank.elements() {
        let el = e.element;
        let mut forms = vec![json!({"type": "boolean"}), json!({"type": "null"})];
        if el.na_allowed {
            forms.push(json!({"const": "na"}));
        }
        match &el.criterion {
            Criterion::Check => {}
            Criterion::Options { options, .. } => forms.push(json!({
                "type": "array",
                "uniqueItems": true,
                "items": {"enum": options.iter().map(|o| &o.key).collect::<Vec<_>>()},
            })),
            Criterion::Figure { inputs, .. } => forms.push(json!({
                "type": "object",
                "additionalProperties": false,
                "required": inputs.iter().map(|i| &i.key).collect::<Vec<_>>(),
                "properties": inputs.iter().map(|i| (i.key.clone(), json!({
                    "type": "integer",
                    "minimum": i.min,
                    "title": i.label.ja,
                    "description": i.label.en,
                }))).collect::<serde_json::Map<_, _>>(),
            })),
        }
        answers.insert(
            el.id.clone(),
            json!({"title": el.text.ja, "description": el.text.en, "anyOf": forms}),
        );
    }
    if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        props.insert(
            "answers".into(),
            json!({"type": "object", "additionalProperties": false, "properties": answers}),
        );
        props.insert("bank".into(), json!({"enum": [bank.reference(), bank.id()]}));
    }
    schema.insert("title".into(), json!(format!("Assessment for {}", bank.reference())));
    schema
}
