//! What a form needs to render a bank: every domain, item and element with its input (a check, △ options, or
//! figure fields with units), its texts resolved to one language. The web form (WASM binding) renders this;
//! answers go back as an [`Assessment`](crate::Assessment).

use crate::bank::{Bank, Criterion};
use crate::text::Lang;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Form {
    /// `id@version` of the bank, to put in the assessment's `bank`.
    pub bank: String,
    pub lang: Lang,
    pub title: String,
    /// The scoring rules are provisional: show this wherever scores are shown.
    pub notice: String,
    pub domains: Vec<FormDomain>,
    /// Levels from the highest, with the smallest total mean each needs.
    pub levels: Vec<FormLevel>,
    /// Terms an assessor needs defined, in the bank's order.
    pub glossary: Vec<FormTerm>,
    /// How to answer the checklist as a whole (the reference period, what "met" means).
    pub guidance: Option<String>,
    /// Why items and the total are scored as they are: the project's provisional decisions, in English as the
    /// bank writes them.
    pub rules: Vec<String>,
}

/// A glossary term in the form's language, with the Japanese the checklist writes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FormTerm {
    pub id: String,
    pub term: String,
    /// The term as the Japanese checklist writes it (the same as `term` in a Japanese form).
    pub ja: String,
    pub definition: String,
    /// A section of the manual the definition is copied from (`"3.3"`), or `"project"`.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FormDomain {
    pub id: String,
    pub title: String,
    pub items: Vec<FormItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FormItem {
    pub id: String,
    pub title: String,
    /// 意義と目的 (purpose), where the manual gives it.
    pub purpose: Option<String>,
    /// 具体的な支援内容 (what the support involves), where the manual gives it.
    pub support: Option<String>,
    /// 留意点 (points to note), where the manual gives them.
    pub notes: Option<String>,
    pub elements: Vec<FormElement>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FormElement {
    pub id: String,
    pub text: String,
    /// Whether `na` (not applicable) may be answered.
    pub na_allowed: bool,
    pub input: FormInput,
    /// How to apply the element: what counts, and when to answer `na`.
    pub guidance: Option<String>,
    /// Why the element is scored as it is (its threshold, why `na` is allowed): the project's provisional
    /// decisions, in English as the bank writes them.
    pub rationale: Vec<String>,
}

/// How an element is answered besides met / not met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FormInput {
    /// Met or not met only.
    Check,
    /// △ options to tick; the element is met when at least `required` are ticked.
    Options { options: Vec<FormOption>, required: u32 },
    /// Whole-number fields; the element is met when they pass `test` (in the language of the form).
    Figure { inputs: Vec<FormFigure>, test: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FormOption {
    pub key: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FormFigure {
    pub key: String,
    pub label: String,
    pub unit: String,
    pub min: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FormLevel {
    pub id: String,
    pub label: String,
    /// The smallest total mean of the level, as the bank writes it (`"4"`, `"3.5"`).
    pub min_mean: String,
}

impl Form {
    pub fn new(bank: &Bank, lang: Lang) -> Form {
        let def = bank.def();
        let domains = bank
            .domains()
            .iter()
            .map(|d| FormDomain {
                id: d.id.clone(),
                title: d.title.get(lang).to_string(),
                items: d
                    .items
                    .iter()
                    .map(|item| FormItem {
                        id: item.id.clone(),
                        title: item.title.get(lang).to_string(),
                        purpose: item.purpose.as_ref().map(|p| p.get(lang).to_string()),
                        support: item.support.as_ref().map(|p| p.get(lang).to_string()),
                        notes: item.notes.as_ref().map(|p| p.get(lang).to_string()),
                        elements: item
                            .elements
                            .iter()
                            .map(|e| FormElement {
                                id: e.id.clone(),
                                text: e.text.get(lang).to_string(),
                                na_allowed: e.na_allowed,
                                guidance: e.guidance.as_ref().map(|g| g.get(lang).to_string()),
                                rationale: e
                                    .criterion
                                    .rationale()
                                    .into_iter()
                                    .chain(e.rationale.as_deref())
                                    .map(String::from)
                                    .collect(),
                                input: match &e.criterion {
                                    Criterion::Check => FormInput::Check,
                                    Criterion::Options { options, require, .. } => FormInput::Options {
                                        options: options
                                            .iter()
                                            .map(|o| FormOption {
                                                key: o.key.clone(),
                                                label: o.label.get(lang).to_string(),
                                            })
                                            .collect(),
                                        required: require.required(options.len()),
                                    },
                                    Criterion::Figure { inputs, test, .. } => FormInput::Figure {
                                        inputs: inputs
                                            .iter()
                                            .map(|i| FormFigure {
                                                key: i.key.clone(),
                                                label: i.label.get(lang).to_string(),
                                                unit: i.unit.get(lang).to_string(),
                                                min: i.min,
                                            })
                                            .collect(),
                                        test: test.describe(inputs, lang),
                                    },
                                },
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        Form {
            bank: bank.reference(),
            lang,
            title: def.title.get(lang).to_string(),
            notice: def.scoring.notice.get(lang).to_string(),
            domains,
            levels: def
                .scoring
                .levels
                .bands
                .iter()
                .map(|b| FormLevel {
                    id: b.id.clone(),
                    label: b.label.get(lang).to_string(),
                    min_mean: b.min_mean.to_string(),
                })
                .collect(),
            glossary: def
                .glossary
                .iter()
                .map(|g| FormTerm {
                    id: g.id.clone(),
                    term: g.term.get(lang).to_string(),
                    ja: g.term.ja.clone(),
                    definition: g.definition.get(lang).to_string(),
                    source: g.source.clone(),
                })
                .collect(),
            guidance: def.guidance.as_ref().map(|g| g.get(lang).to_string()),
            rules: def
                .scoring
                .item_rule
                .rationale()
                .into_iter()
                .chain(def.scoring.levels.rationale.as_deref())
                .map(String::from)
                .collect(),
        }
    }
}
