//! JSON Schemas generated from the core's own types (schemars), so the schemas, the bindings' types and the
//! engine cannot disagree. The committed copies in `fidelity-items/schema/` are checked for drift by a test.

use crate::assessment::Assessment;
use crate::bank::Bank;
use crate::bank::{BankDef, Evidence, Item, Manifest};
use crate::error::Problem;
use crate::form::Form;
use crate::report::ScoreReport;
use schemars::{schema_for, Schema};
use serde_json::{json, Value};

/// The schemas this crate publishes, by name (the file is `<name>.schema.json`).
pub const NAMES: [&str; 16] = [
    "bank",
    "bank-manifest",
    "bank-item",
    "assessment",
    "report",
    "problem",
    "form",
    "crosswalk",
    "comparison",
    "trend",
    "verification",
    "analysis",
    "analysis-options",
    "score-summary",
    "worksheet",
    "office-report",
];

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
        "crosswalk" => schema_for!(crate::crosswalk::Crosswalk),
        "comparison" => schema_for!(crate::compare::Comparison),
        "trend" => schema_for!(crate::trend::Trend),
        "verification" => schema_for!(crate::verify::Verification),
        "analysis" => schema_for!(crate::analysis::Analysis),
        "analysis-options" => schema_for!(crate::analysis::AnalysisOptions),
        "score-summary" => schema_for!(crate::report::ScoreSummary),
        "worksheet" => schema_for!(crate::consensus::Worksheet),
        "office-report" => schema_for!(crate::office_report::OfficeReport),
        _ => return None,
    })
}

macro_rules! committed {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fidelity-items/schema/",
            $name,
            ".schema.json"
        ))
    };
}

/// The committed schema text by name (`fidelity-items/schema/<name>.schema.json`, embedded at compile
/// time). A test checks that it equals what `by_name` generates; the WASM package serves these texts so it
/// does not carry the schema generator.
pub fn published(name: &str) -> Option<&'static str> {
    Some(match name {
        "bank" => committed!("bank"),
        "bank-manifest" => committed!("bank-manifest"),
        "bank-item" => committed!("bank-item"),
        "assessment" => committed!("assessment"),
        "report" => committed!("report"),
        "problem" => committed!("problem"),
        "form" => committed!("form"),
        "crosswalk" => committed!("crosswalk"),
        "comparison" => committed!("comparison"),
        "trend" => committed!("trend"),
        "verification" => committed!("verification"),
        "analysis" => committed!("analysis"),
        "analysis-options" => committed!("analysis-options"),
        "score-summary" => committed!("score-summary"),
        "worksheet" => committed!("worksheet"),
        "office-report" => committed!("office-report"),
        _ => return None,
    })
}

/// The assessment schema made specific to one bank: element ids, option keys and figure inputs enumerated,
/// with the element texts as titles, so form libraries can render and check answers field by field.
pub fn assessment_for(bank: &Bank) -> Schema {
    // The committed generic schema is the base (equal to the generated one, which a test checks), so the
    // schema generator is not needed at run time.
    let base = serde_json::from_str::<Value>(committed!("assessment"))
        .ok()
        .and_then(|v| Schema::try_from(v).ok())
        .unwrap_or_default();
    assessment_schema_from(base, bank)
}

/// `assessment_for` on a given generic assessment schema (the tests pass the freshly generated one).
pub fn assessment_schema_from(base: Schema, bank: &Bank) -> Schema {
    let mut schema = base;
    let mut answers = serde_json::Map::new();
    for e in bank.elements() {
        let el = e.element;
        let mut forms = vec![json!({"type": "boolean"}), json!({"type": "null"})];
        if el.na_allowed {
            forms.push(json!({"const": "na"}));
        }
        match el.criterion.evidence() {
            Evidence::None => {}
            Evidence::Flags(options) => forms.push(json!({
                "type": "array",
                "uniqueItems": true,
                "items": {"enum": options.iter().map(|o| &o.key).collect::<Vec<_>>()},
            })),
            Evidence::Counts(inputs) => forms.push(json!({
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
