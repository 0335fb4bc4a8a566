//! The report an office receives after a review, as data: who rated what and when, the scores, per item what
//! was met (its strengths) and what was not with the raters' findings and sources, an action plan skeleton
//! (the unmet elements, lowest-scoring items first, with empty columns for the office to fill in) and, given
//! an earlier rating, the change since (through a crosswalk when the versions differ). The CLI and Python lay
//! it out as HTML and Markdown; the WASM audit module returns it as it is.

use crate::assessment::{DataSource, Office, Rater};
use crate::bank::Bank;
use crate::boundary::Document;
use crate::compare::{compare, Comparison};
use crate::error::Result;
use crate::library::Library;
use crate::report::{BankStamp, ConsensusStamp, ItemStatus, Outcome, ScoreReport, Total};
use crate::text::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the office report's JSON layout.
pub const OFFICE_REPORT_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OfficeReport {
    pub office_report_format: u32,
    /// The scoring rules are the project's provisional decisions.
    pub notice: Text,
    pub bank: BankStamp,
    /// The bank's title.
    pub bank_title: Text,
    pub engine_version: String,
    pub office: Office,
    pub period: String,
    pub rater: Rater,
    /// For a consensus rating: the ratings it settles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consensus: Option<ConsensusStamp>,
    /// Items in bank order.
    pub items: Vec<ReportItem>,
    pub domains: Vec<ReportDomain>,
    pub total: Total,
    pub level: Option<String>,
    /// The level's label.
    pub level_label: Option<Text>,
    /// The unmet elements, lowest-scoring items first (unscored items last), bank order within an item.
    pub action_plan: Vec<ActionRow>,
    /// The change since an earlier rating, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Comparison>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReportItem {
    pub id: String,
    pub domain: String,
    pub title: Text,
    pub status: ItemStatus,
    pub score: Option<u8>,
    pub met: u32,
    pub applicable: u32,
    /// Met elements: the item's strengths.
    pub strengths: Vec<ReportElement>,
    pub not_met: Vec<ReportElement>,
    pub not_applicable: Vec<ReportElement>,
    pub unanswered: Vec<ReportElement>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<DataSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReportElement {
    pub id: String,
    pub text: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReportDomain {
    pub id: String,
    pub title: Text,
    /// Mean of the scored items; null if any item is incomplete or none is scored.
    pub mean: Option<f64>,
    pub complete: bool,
    pub scored_items: u32,
}

/// One row of the action plan: an unmet element, with the columns the office fills in left empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ActionRow {
    pub item: String,
    pub item_score: Option<u8>,
    pub element: String,
    pub text: Text,
    pub action: String,
    pub responsible: String,
    pub due: String,
}

/// The office report of a score report computed with `bank`, with the comparison to an earlier one.
pub fn office_report(bank: &Bank, report: &ScoreReport, change: Option<Comparison>) -> OfficeReport {
    let items: Vec<ReportItem> = bank
        .items()
        .zip(&report.items)
        .map(|((_, item), scored)| {
            let mut r = ReportItem {
                id: scored.id.clone(),
                domain: scored.domain.clone(),
                title: item.title.clone(),
                status: scored.status,
                score: scored.score,
                met: scored.met,
                applicable: scored.applicable,
                strengths: Vec::new(),
                not_met: Vec::new(),
                not_applicable: Vec::new(),
                unanswered: Vec::new(),
                sources: scored.sources.clone(),
                comment: scored.comment.clone(),
            };
            for (e, t) in item.elements.iter().zip(&scored.elements) {
                let element = ReportElement {
                    id: e.id.clone(),
                    text: e.text.clone(),
                    finding: t.finding.clone(),
                    reason: t.reason.clone(),
                };
                match t.outcome {
                    Outcome::Met => r.strengths.push(element),
                    Outcome::NotMet => r.not_met.push(element),
                    Outcome::Na => r.not_applicable.push(element),
                    Outcome::Unanswered => r.unanswered.push(element),
                }
            }
            r
        })
        .collect();
    let mut order: Vec<&ReportItem> = items.iter().collect();
    // Lowest score first; unscored items after the scored ones; bank order among equals (a stable sort).
    order.sort_by_key(|i| i.score.map_or(u8::MAX, |s| s));
    let action_plan = order
        .iter()
        .flat_map(|i| {
            i.not_met.iter().map(|e| ActionRow {
                item: i.id.clone(),
                item_score: i.score,
                element: e.id.clone(),
                text: e.text.clone(),
                action: String::new(),
                responsible: String::new(),
                due: String::new(),
            })
        })
        .collect();
    let domains = bank
        .domains()
        .iter()
        .zip(&report.domains)
        .map(|(d, s)| ReportDomain {
            id: d.id.clone(),
            title: d.title.clone(),
            mean: s.mean,
            complete: s.complete,
            scored_items: s.scored_items,
        })
        .collect();
    let def = bank.def();
    OfficeReport {
        office_report_format: OFFICE_REPORT_FORMAT,
        notice: report.notice.clone(),
        bank: report.bank.clone(),
        bank_title: def.title.clone(),
        engine_version: report.engine_version.clone(),
        office: report.office.clone(),
        period: report.period.clone(),
        rater: report.rater.clone(),
        consensus: report.consensus.clone(),
        items,
        domains,
        total: report.total.clone(),
        level: report.level.clone(),
        level_label: report
            .level
            .as_ref()
            .and_then(|l| def.scoring.levels.bands.iter().find(|b| &b.id == l))
            .map(|b| b.label.clone()),
        action_plan,
        change,
    }
}

/// The office report of an assessment (or a score report's JSON) read through `library`, with the change
/// since `previous` when given: what `fidelity report` and the bindings run.
pub fn build(library: &Library, doc: &Document<'_>, previous: Option<&Document<'_>>) -> Result<OfficeReport> {
    let report = library.report(doc, None)?;
    let bank = library
        .bank(&format!("{}@{}", report.bank.id, report.bank.version))
        .map_err(|e| doc.tell(e))?;
    let change = match previous {
        Some(p) => Some(compare(library, &library.report(p, None)?, &report)?),
        None => None,
    };
    Ok(office_report(&bank, &report, change))
}
