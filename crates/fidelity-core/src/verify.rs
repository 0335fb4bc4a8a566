//! Reproducing a score report: read it back (any report format up to this engine's), rescore its assessment
//! with the bank version it records, and name every difference and its likely cause.

use crate::boundary::Document;
use crate::engine::{score, ENGINE_VERSION};
use crate::error::Said;
use crate::error::{Error, ErrorCode, ErrorKind, Problem, Result};
use crate::library::Library;
use crate::report::{ScoreReport, REPORT_FORMAT};
use crate::said;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Verification {
    /// True when the recomputed answers and scores equal the recorded ones (the engine may differ).
    pub matches: bool,
    /// The likeliest reason for a mismatch; null when the report matches.
    pub cause: Option<Cause>,
    /// `id@version` of the bank the report records and was recomputed with.
    pub bank: String,
    pub recorded_engine: String,
    pub engine: String,
    /// Every difference, in report order.
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// The assessment is not the one the report was computed from (office, period, rater or answers differ).
    AnswersChanged,
    /// The bank version's files changed since the report was computed (its digests differ).
    BankChanged,
    /// Same answers, same bank, another engine version computed different scores.
    EngineChanged,
    /// Same answers, bank and engine, different scores: the report was edited after it was computed.
    ReportAltered,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FindingCode {
    /// The bank's content digest differs from the recorded one.
    BankContentChanged,
    /// The bank's scoring digest differs from the recorded one.
    ScoringRulesChanged,
    /// Another engine version computed the report (informational when everything else matches).
    EngineChanged,
    /// Office, period or rater differ.
    IdentityDiffers,
    /// An element was decided differently (its answer differs).
    AnswerDiffers,
    /// An item, domain, total or level differs.
    ScoreDiffers,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    pub code: FindingCode,
    /// Path in the report, e.g. `items.A-2.score`.
    pub path: String,
    /// The value the report records (null when absent).
    pub recorded: Value,
    /// The value computed again.
    pub recomputed: Value,
}

fn report_error(message: Said, line: Option<u32>, column: Option<u32>) -> Error {
    let mut p = Problem::new(ErrorCode::ReportFormat, "", message);
    p.line = line;
    p.column = column;
    Error::one(ErrorKind::Assessment, p)
}

impl ScoreReport {
    /// Reads a score report's JSON, from this engine or an older one (any `report_format` up to
    /// [`REPORT_FORMAT`]); a newer format is refused with its number.
    pub fn from_json(text: &str) -> Result<ScoreReport> {
        let position = |e: &serde_json::Error| (u32::try_from(e.line()).ok(), u32::try_from(e.column()).ok());
        let value: Value = serde_json::from_str(text).map_err(|e| {
            let (l, c) = position(&e);
            report_error(said!("JSON の採点結果ではありません: {e}", "not a JSON score report: {e}"), l, c)
        })?;
        ScoreReport::from_value(value)
    }

    /// A score report from parsed JSON, under the same rules as [`ScoreReport::from_json`].
    pub(crate) fn from_value(value: Value) -> Result<ScoreReport> {
        match value.get("report_format").and_then(Value::as_u64) {
            Some(f) if f <= u64::from(REPORT_FORMAT) => {}
            Some(f) => {
                return Err(report_error(
                    said!(
                        "採点結果の形式 {f} は、このエンジンが読める形式（{REPORT_FORMAT} まで）より新しいものです。新しい fidelity を使ってください",
                        "report format {f} is newer than this engine reads (up to {REPORT_FORMAT}); use a newer fidelity"
                    ),
                    None,
                    None,
                ))
            }
            None => return Err(report_error(
                    Said::new(
                        "採点結果ではありません: `report_format` がありません",
                        "not a score report: `report_format` is missing",
                    ),
                    None,
                    None,
                )),
        }
        serde_json::from_value(value).map_err(|e| report_error(said!("採点結果ではありません: {e}", "not a score report: {e}"), None, None))
    }
}

/// Rescores `assessment_text` with the bank version `report` records and compares.
pub fn verify(library: &Library, report: &ScoreReport, assessment: &Document<'_>) -> Result<Verification> {
    let reference = format!("{}@{}", report.bank.id, report.bank.version);
    let bank = library.bank(&reference)?;
    let assessment = assessment.assessment(&bank)?;
    let again = score(&bank, &assessment);
    let mut findings = Vec::new();
    let mut add = |code, path: String, recorded: Value, recomputed: Value| {
        if recorded != recomputed {
            findings.push(Finding {
                code,
                path,
                recorded,
                recomputed,
            });
        }
    };
    use FindingCode::*;
    add(
        BankContentChanged,
        "bank.content_digest".into(),
        j(&report.bank.content_digest),
        j(&again.bank.content_digest),
    );
    add(
        ScoringRulesChanged,
        "bank.scoring_digest".into(),
        j(&report.bank.scoring_digest),
        j(&again.bank.scoring_digest),
    );
    add(
        EngineChanged,
        "engine_version".into(),
        j(&report.engine_version),
        j(&again.engine_version),
    );
    add(IdentityDiffers, "office".into(), j(&report.office), j(&again.office));
    add(IdentityDiffers, "period".into(), j(&report.period), j(&again.period));
    add(IdentityDiffers, "rater".into(), j(&report.rater), j(&again.rater));
    let recorded_items: std::collections::BTreeMap<&str, _> = report.items.iter().map(|i| (i.id.as_str(), i)).collect();
    for item in &again.items {
        let was = recorded_items.get(item.id.as_str());
        // Findings and reasons are what the rater wrote beside the answers: they never decide a score.
        let elements: std::collections::BTreeMap<&str, _> = was
            .map(|w| w.elements.iter().map(|e| (e.id.as_str(), e.scoring_part())).collect())
            .unwrap_or_default();
        for e in &item.elements {
            add(
                AnswerDiffers,
                format!("items.{}.elements.{}", item.id, e.id),
                j(&elements.get(e.id.as_str())),
                j(&e.scoring_part()),
            );
        }
        let path = |k: &str| format!("items.{}.{k}", item.id);
        add(ScoreDiffers, path("status"), j(&was.map(|w| w.status)), j(&item.status));
        add(ScoreDiffers, path("score"), j(&was.map(|w| w.score)), j(&item.score));
        add(ScoreDiffers, path("met"), j(&was.map(|w| w.met)), j(&item.met));
        add(ScoreDiffers, path("applicable"), j(&was.map(|w| w.applicable)), j(&item.applicable));
    }
    for d in &again.domains {
        let was = report.domains.iter().find(|x| x.id == d.id);
        add(ScoreDiffers, format!("domains.{}.mean", d.id), j(&was.map(|w| w.mean)), j(&d.mean));
    }
    add(ScoreDiffers, "total.sum".into(), j(&report.total.sum), j(&again.total.sum));
    add(ScoreDiffers, "total.mean".into(), j(&report.total.mean), j(&again.total.mean));
    add(ScoreDiffers, "level".into(), j(&report.level), j(&again.level));
    if report.items.len() != again.items.len() || report.domains.len() != again.domains.len() {
        add(ScoreDiffers, "items".into(), j(&report.items.len()), j(&again.items.len()));
    }

    let has = |c: FindingCode| findings.iter().any(|f| f.code == c);
    let matches = !findings.iter().any(|f| f.code != EngineChanged);
    let cause = (!matches).then(|| {
        if has(IdentityDiffers) || has(AnswerDiffers) {
            Cause::AnswersChanged
        } else if has(BankContentChanged) || has(ScoringRulesChanged) {
            Cause::BankChanged
        } else if has(EngineChanged) {
            Cause::EngineChanged
        } else {
            Cause::ReportAltered
        }
    });
    Ok(Verification {
        matches,
        cause,
        bank: reference,
        recorded_engine: report.engine_version.clone(),
        engine: ENGINE_VERSION.to_string(),
        findings,
    })
}

/// A part of a report as JSON, so recorded and recomputed parts compare alike.
fn j<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}
