//! The item bank as data: what a bank folder's YAML files hold, and the whole bank as one JSON document.
//! Scoring rules are declarative: criterion kinds, item rule kinds and level bands are data a domain expert
//! can review; the engine in `score.rs` interprets them.

use crate::fraction::Fraction;
use crate::text::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `bank.yaml`: the manifest of one bank version. Items are listed by id and live in `<id>.yaml` beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub id: String,
    /// Semantic version: patch = wording only, minor/major = scoring structure changed.
    pub version: String,
    pub title: Text,
    pub source: Source,
    pub scoring: Scoring,
    pub domains: Vec<DomainDef>,
    /// Terms an assessor needs defined, shown beside the checklist by every interface that shows it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub glossary: Vec<GlossaryEntry>,
    /// Where texts come from, where the source is kept as written, and which texts are the project's own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provenance: Vec<ProvenanceNote>,
    /// How to answer the checklist as a whole (the reference period, what "met" means): the project's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<Text>,
}

/// One term of the checklist, defined for assessors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    pub id: String,
    /// The term as the source writes it (ja) and its one English rendering (en), used in every English text.
    pub term: Text,
    /// Other ways the source writes the same term (査察指導員 is also スーパーバイザー and SV).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    pub definition: Text,
    /// Where the definition comes from: a section of the source (`"3.3"`), its Japanese then verbatim, or
    /// `"project"` when this project wrote it.
    pub source: String,
}

/// A note on where a text of the bank comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProvenanceNote {
    /// Domain, item or element ids the note is about.
    pub at: Vec<String>,
    /// Which text of them: `title`, `purpose`, `support`, `notes`, `text` (an element's) or `inputs` (a
    /// figure's labels and units).
    pub field: ProvenanceField,
    pub kind: ProvenanceKind,
    /// For `kept_as_written`, the source's words kept as they are: each text named by `at` and `field`
    /// must contain them, so an edit that "fixes" them fails the bank check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    pub note: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProvenanceField {
    Title,
    Purpose,
    Support,
    Notes,
    Text,
    Inputs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProvenanceKind {
    /// A slip of the source, kept verbatim on purpose.
    KeptAsWritten,
    /// Where in the source the text comes from, when it is not the checklist post itself.
    Origin,
    /// Japanese text the project wrote itself, not the manual's.
    ProjectText,
}

impl ProvenanceField {
    /// Each field by the name the bank files write.
    pub const NAMES: [(&'static str, Self); 6] = [
        ("title", Self::Title),
        ("purpose", Self::Purpose),
        ("support", Self::Support),
        ("notes", Self::Notes),
        ("text", Self::Text),
        ("inputs", Self::Inputs),
    ];

    pub fn name(self) -> &'static str {
        Self::NAMES.iter().find(|(_, f)| *f == self).map_or("", |(n, _)| n)
    }
}

impl ProvenanceKind {
    /// Each kind by the name the bank files write.
    pub const NAMES: [(&'static str, Self); 3] = [
        ("kept_as_written", Self::KeptAsWritten),
        ("origin", Self::Origin),
        ("project_text", Self::ProjectText),
    ];
}

/// Where the checklist comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub manual: String,
    pub method: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    pub url: String,
}

/// The bank-wide scoring rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// Shown wherever scores are shown: these rules are the project's provisional decisions.
    pub notice: Text,
    /// The rule for every item that does not set its own.
    pub item_rule: ItemRule,
    pub levels: Levels,
}

/// How an item's elements turn into a 1..5 score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ItemRule {
    /// Minimum implementation rate (met / applicable) per score; the first band reached, from the top, wins.
    RateBands {
        bands: Vec<RateBand>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rationale: Option<String>,
    },
    /// The CD-TEP pattern rule: elements are tagged basic or advanced; each score needs at least so many of
    /// each met (any one of its conditions); the first anchor reached, from the top, wins.
    Anchors {
        anchors: Vec<Anchor>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rationale: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateBand {
    pub score: u8,
    pub min_rate: Fraction,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    pub score: u8,
    /// The score is reached when any one of these conditions holds.
    pub any_of: Vec<AnchorCondition>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnchorCondition {
    #[serde(default)]
    pub basic: u32,
    #[serde(default)]
    pub advanced: u32,
}

/// Levels on the total mean, highest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Levels {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
    pub bands: Vec<LevelBand>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelBand {
    pub id: String,
    pub min_mean: Fraction,
    pub label: Text,
}

/// A domain in the manifest: its items by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DomainDef {
    pub id: String,
    pub title: Text,
    pub items: Vec<String>,
}

/// `<item id>.yaml`: one checklist item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub title: Text,
    /// 意義と目的
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<Text>,
    /// 具体的な支援内容
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support: Option<Text>,
    /// 留意点
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
    /// Overrides the bank's item rule for this item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<ItemRule>,
    /// The □ elements, in source order; ids are `<item id>.<position>`.
    pub elements: Vec<Element>,
}

/// One □ element of an item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Element {
    pub id: String,
    pub text: Text,
    /// Absent for a plain check (the digests hash the bank in this form, so it stays).
    #[serde(default, skip_serializing_if = "Criterion::is_check")]
    #[schemars(extend("default" = {"kind": "check"}))]
    pub criterion: Criterion,
    /// Whether `na` (not applicable) is an accepted answer.
    #[serde(default)]
    pub na_allowed: bool,
    /// Needed by the `anchors` item rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<Tier>,
    /// How an assessor applies the element (what counts, when to answer `na`): the project's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<Text>,
    /// Why the element is scored as it is (e.g. why `na` is allowed): a provisional decision of the project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Basic,
    Advanced,
}

/// What makes an element met, besides the rater's true/false judgement, which every element accepts.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Criterion {
    /// A plain check: the judgement alone.
    #[default]
    Check,
    /// △ sub-options: met when enough of them are selected.
    Options {
        options: Vec<OptionDef>,
        require: Requirement,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rationale: Option<String>,
    },
    /// A figure: met when the named inputs pass a threshold.
    Figure {
        inputs: Vec<FigureInput>,
        test: FigureTest,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rationale: Option<String>,
    },
}

impl Criterion {
    /// Why the criterion's threshold is what it is, where the bank says.
    pub fn rationale(&self) -> Option<&str> {
        match self {
            Criterion::Check => None,
            Criterion::Options { rationale, .. } | Criterion::Figure { rationale, .. } => rationale.as_deref(),
        }
    }

    pub fn is_check(&self) -> bool {
        matches!(self, Criterion::Check)
    }

    /// The shape of the evidence an answer may give instead of a judgement. Reading answers (YAML, JSON, CSV
    /// columns, JavaScript values) and describing them (templates, JSON Schemas) depend on this shape only;
    /// what makes the element met is the criterion's rule (`bank/rules.rs`, the engine).
    pub fn evidence(&self) -> Evidence<'_> {
        match self {
            Criterion::Check => Evidence::None,
            Criterion::Options { options, .. } => Evidence::Flags(options),
            Criterion::Figure { inputs, .. } => Evidence::Counts(inputs),
        }
    }
}

/// What an answer may carry besides the judgement, by shape.
#[derive(Debug, Clone, Copy)]
pub enum Evidence<'a> {
    /// Nothing: the judgement alone.
    None,
    /// A flag per option: which of them apply (each key once).
    Flags(&'a [OptionDef]),
    /// A whole number per input, every input given, each at or above its minimum.
    Counts(&'a [FigureInput]),
}

impl<'a> Evidence<'a> {
    /// The evidence's keys (option keys or input keys), in bank order.
    pub fn keys(self) -> impl Iterator<Item = &'a str> {
        let (flags, counts): (&[OptionDef], &[FigureInput]) = match self {
            Evidence::None => (&[], &[]),
            Evidence::Flags(f) => (f, &[]),
            Evidence::Counts(c) => (&[], c),
        };
        flags.iter().map(|o| o.key.as_str()).chain(counts.iter().map(|i| i.key.as_str()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OptionDef {
    pub key: String,
    pub label: Text,
}

/// How many options must be selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    All,
    AtLeast(u32),
}

/// A named whole-number input of a figure element.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FigureInput {
    pub key: String,
    pub label: Text,
    pub unit: Text,
    /// The smallest accepted value (0 for counts, 1 for a capacity).
    #[serde(default)]
    pub min: u64,
}

/// A threshold on figure inputs, compared exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum FigureTest {
    /// `input >= value`
    AtLeast { input: String, value: Fraction },
    /// `numerator >= ratio × denominator`
    RatioAtLeast {
        numerator: String,
        denominator: String,
        ratio: Fraction,
    },
}

impl FigureTest {
    /// The test in words, with the inputs' labels in `lang`: `実施回数（月あたり） ≥ 2`.
    pub fn describe(&self, inputs: &[FigureInput], lang: crate::text::Lang) -> String {
        let label = |key: &str| {
            inputs
                .iter()
                .find(|i| i.key == key)
                .map_or_else(|| key.to_string(), |i| i.label.get(lang).to_string())
        };
        match self {
            FigureTest::AtLeast { input, value } => format!("{} ≥ {value}", label(input)),
            FigureTest::RatioAtLeast {
                numerator,
                denominator,
                ratio,
            } => format!("{} ≥ {ratio} × {}", label(numerator), label(denominator)),
        }
    }
}

/// A domain of the loaded bank, with its items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    pub id: String,
    pub title: Text,
    pub items: Vec<Item>,
}

/// A whole bank version as one document: the manifest with its items in place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BankDef {
    pub id: String,
    pub version: String,
    pub title: Text,
    pub source: Source,
    pub scoring: Scoring,
    pub domains: Vec<Domain>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub glossary: Vec<GlossaryEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provenance: Vec<ProvenanceNote>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<Text>,
}
