//! The audit half of the package (`fidelity-scale/audit`, built with the `audit` feature): the core's
//! `Library` with compare, trend, verify and agreement (research analytics), and `Bank.agreement` for wide
//! rows. Reports and assessments cross as objects or text, read by the core.

use super::{assessment_error, to_error, to_js, Bank, JsResult};
use fidelity_core::boundary::{Document, Origin};
use fidelity_core::{Error, ErrorCode};
use wasm_bindgen::prelude::*;

/// The banks and crosswalks that comparisons and verifications use: the built-in ones, plus banks and
/// crosswalk files added from JavaScript (the core's `Library`).
#[wasm_bindgen]
#[derive(Debug, Default)]
pub struct Library {
    library: fidelity_core::Library,
}

#[wasm_bindgen]
impl Library {
    /// The built-in banks and crosswalks.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Library {
        Library::default()
    }

    /// Adds a bank version (e.g. from `Bank.fromYaml`).
    #[wasm_bindgen(js_name = addBank)]
    pub fn add_bank(&mut self, bank: &Bank) {
        self.library.add_bank((*bank.bank).clone());
    }

    /// Adds a crosswalk file's YAML; it is checked against its two banks when a comparison needs it.
    #[wasm_bindgen(js_name = addCrosswalk)]
    pub fn add_crosswalk(&mut self, name: &str, yaml: &str) {
        self.library.add_crosswalk(name, yaml);
    }

    /// A score report from a report (object or JSON text) or an assessment, scored with the bank it names.
    #[wasm_bindgen(unchecked_return_type = "ScoreReport")]
    pub fn report(&self, #[wasm_bindgen(unchecked_param_type = "ScoreReport | Assessment | string")] input: JsValue) -> JsResult<JsValue> {
        to_js(&self.read_report(&input).map_err(|e| to_error(&e))?)
    }

    /// Compares two reports (or assessments) of one office; across versions that score differently only
    /// through a crosswalk, else throws `not_comparable`.
    #[wasm_bindgen(unchecked_return_type = "Comparison")]
    pub fn compare(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ScoreReport | Assessment | string")] old: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ScoreReport | Assessment | string")] new: JsValue,
    ) -> JsResult<JsValue> {
        let run = || fidelity_core::compare(&self.library, &self.read_report(&old)?, &self.read_report(&new)?);
        to_js(&run().map_err(|e| to_error(&e))?)
    }

    /// Each office's reports (or assessments) ordered by period.
    #[wasm_bindgen(unchecked_return_type = "Trend")]
    pub fn trend(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(ScoreReport | Assessment | string)[]")] reports: JsValue,
    ) -> JsResult<JsValue> {
        let run = || fidelity_core::trend(&self.read_reports(&reports)?);
        to_js(&run().map_err(|e| to_error(&e))?)
    }

    /// Agreement between two raters of each office and period, reliability and item statistics, over
    /// reports (or assessments) of one bank version, with `options` (`{}` for the defaults).
    #[wasm_bindgen(unchecked_return_type = "Analysis")]
    pub fn agreement(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(ScoreReport | Assessment | string)[]")] reports: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AnalysisOptions")] options: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let run = || fidelity_core::analyze(&self.read_reports(&reports)?, &analysis_options(options.as_ref())?);
        to_js(&run().map_err(|e| to_error(&e))?)
    }

    /// Reconciles two reviewers' independent ratings of one office and period (objects or YAML/JSON text):
    /// `{worksheet, draft, draftYaml}`, the worksheet, the consensus draft (an assessment of rater kind
    /// `consensus`) and the draft as the YAML file to edit. `files` names the two files in the draft.
    #[wasm_bindgen(unchecked_return_type = "{ worksheet: Worksheet; draft: Assessment; draftYaml: string }")]
    pub fn consensus(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] first: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] second: JsValue,
        #[wasm_bindgen(unchecked_param_type = "[string, string]")] files: Option<Vec<String>>,
    ) -> JsResult<JsValue> {
        let run = || {
            let texts = [text_of(&first)?, text_of(&second)?];
            let names: Vec<Option<String>> = files.clone().map_or(vec![None, None], |f| f.into_iter().map(Some).collect());
            // A text keeps its positions and is told by the file named for it; an object is told by path.
            let doc = |k: usize, value: &JsValue| match value.is_string() {
                true => Document::parse(
                    texts[k].as_str(),
                    Origin {
                        file: names.get(k).cloned().flatten(),
                        positions: true,
                    },
                ),
                false => Document::from_json_values(&texts[k]),
            };
            fidelity_core::consensus::reconcile(&self.library, &doc(0, &first), &doc(1, &second))
        };
        let r = run().map_err(|e| to_error(&e))?;
        let out = js_sys::Object::new();
        for (key, value) in [
            ("worksheet", to_js(&r.worksheet)?),
            ("draft", to_js(&r.draft)?),
            ("draftYaml", JsValue::from_str(&r.draft_yaml)),
        ] {
            js_sys::Reflect::set(&out, &JsValue::from_str(key), &value)?;
        }
        Ok(out.into())
    }

    /// The report an office receives after a review, as data (a rating of record, with the change since
    /// `previous` when given): the page and Markdown are the CLI's and Python's to lay out.
    #[wasm_bindgen(js_name = officeReport, unchecked_return_type = "OfficeReport")]
    pub fn office_report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ScoreReport | Assessment | string")] rating: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ScoreReport | Assessment | string")] previous: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let run = || {
            let previous = previous.filter(|p| !p.is_undefined() && !p.is_null());
            let texts = (text_of(&rating)?, previous.as_ref().map(text_of).transpose()?);
            let before = texts
                .1
                .as_deref()
                .zip(previous.as_ref())
                .map(|(t, p)| audit_document(t, p.is_string()));
            fidelity_core::office_report::build(&self.library, &audit_document(&texts.0, rating.is_string()), before.as_ref())
        };
        to_js(&run().map_err(|e| to_error(&e))?)
    }

    /// Rescores `assessment` with the bank version `report` records and names every difference.
    #[wasm_bindgen(unchecked_return_type = "Verification")]
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ScoreReport | string")] report: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
    ) -> JsResult<JsValue> {
        let run = || {
            let report = self.read_report(&report)?;
            fidelity_core::verify(
                &self.library,
                &report,
                &audit_document(&text_of(&assessment)?, assessment.is_string()),
            )
        };
        to_js(&run().map_err(|e| to_error(&e))?)
    }
}

#[wasm_bindgen]
impl Bank {
    /// Agreement, reliability and item statistics over the rows of a wide table (as `scoreRows` takes
    /// them), all scored with this bank, with `options` (`{}` for the defaults). Throws with every row's
    /// problems if any row is invalid.
    #[wasm_bindgen(unchecked_return_type = "Analysis")]
    pub fn agreement(
        &self,
        header: Vec<String>,
        #[wasm_bindgen(unchecked_param_type = "(string | number | null)[][]")] rows: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AnalysisOptions")] options: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let run = || fidelity_core::analyze(&self.reports_of_rows(&header, &rows)?, &analysis_options(options.as_ref())?);
        to_js(&run().map_err(|e| to_error(&e))?)
    }
}

/// The core's analysis options from an object (absent: every default).
fn analysis_options(options: Option<&JsValue>) -> Result<fidelity_core::AnalysisOptions, Error> {
    match options {
        None => Ok(Default::default()),
        Some(v) if v.is_undefined() || v.is_null() => Ok(Default::default()),
        Some(v) => serde_json::from_str(&text_of(v)?).map_err(|e| {
            Error::one(
                fidelity_core::ErrorKind::Assessment,
                fidelity_core::Problem::new(
                    ErrorCode::InvalidValue,
                    "options",
                    fidelity_core::said!("{e}。AnalysisOptions が必要です", "{e}; expected AnalysisOptions"),
                ),
            )
        }),
    }
}

/// The text of a report, assessment or options: a string as it is, an object as `JSON.stringify` writes it
/// (this module reads reports' JSON anyway, so objects cross as one string).
fn text_of(value: &JsValue) -> Result<String, Error> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    value
        .is_object()
        .then(|| js_sys::JSON::stringify(value).ok().and_then(|s| s.as_string()))
        .flatten()
        .ok_or_else(|| {
            assessment_error(
                ErrorCode::WrongType,
                fidelity_core::Said::new(
                    "採点結果・評価票・オプションのいずれか（オブジェクトかそのテキスト）が必要です",
                    "expected a report, an assessment or options: an object or its text",
                ),
            )
        })
}

/// A text with positions, or an object's JSON told by path.
fn audit_document(text: &str, is_text: bool) -> Document<'_> {
    if is_text {
        Document::parse(text, Origin::text())
    } else {
        Document::from_json_values(text)
    }
}

impl Library {
    fn read_reports(&self, reports: &JsValue) -> Result<Vec<fidelity_core::ScoreReport>, Error> {
        if !js_sys::Array::is_array(reports) {
            return Err(assessment_error(
                ErrorCode::WrongType,
                fidelity_core::Said::new("採点結果か評価票の配列が必要です", "expected an array of reports or assessments"),
            ));
        }
        js_sys::Array::from(reports).iter().map(|r| self.read_report(&r)).collect()
    }

    fn read_report(&self, input: &JsValue) -> Result<fidelity_core::ScoreReport, Error> {
        self.library.report(&audit_document(&text_of(input)?, input.is_string()), None)
    }
}
