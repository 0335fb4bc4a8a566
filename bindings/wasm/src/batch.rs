//! Batch scoring in the audit module (`fidelity-scale/audit`), whose pages score files and tables:
//! `scoreMany` sends a whole array across as one `JSON.stringify` text for the core to read in one pass
//! (serde_json's reader, which this module carries anyway for reports), and `scoreRows` reads a table in the
//! wide layout. Both report problems with each input's index in `row`.

use super::{assessment_error, to_error, to_js, Bank, JsResult};
use fidelity_core::batch::{Cell, WideLayout};
use fidelity_core::{batch, Error, ErrorCode, ErrorKind};
use wasm_bindgen::prelude::*;

// The platform's `TextEncoder` (browsers, Node): a batch's JSON made UTF-8 in one native call and copied in
// once. Passed as a string, wasm-bindgen's glue copies it a character at a time in JavaScript: about 3 µs of
// `scoreMany`'s 23 µs an assessment (docs/performance.md).
#[wasm_bindgen]
extern "C" {
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &js_sys::JsString) -> js_sys::Uint8Array;
}

#[wasm_bindgen]
impl Bank {
    /// Scores many assessments (objects or YAML/JSON texts) in one call and returns the scores alone
    /// (`ScoreSummary`: item scores, domain means, total, level; no trace), one per assessment. The array
    /// crosses once, as its JSON. Throws an `Error` with every assessment's problems (each with its index in
    /// `row`) if any is invalid.
    #[wasm_bindgen(js_name = scoreMany, unchecked_return_type = "ScoreSummary[]")]
    pub fn score_many(&self, #[wasm_bindgen(unchecked_param_type = "(Assessment | string)[]")] assessments: JsValue) -> JsResult<JsValue> {
        let json = js_sys::Array::is_array(&assessments)
            .then(|| js_sys::JSON::stringify(&assessments).ok())
            .flatten()
            // TextEncoder writes UTF-8 only (a lone surrogate as U+FFFD, as the glue does).
            .and_then(|s| String::from_utf8(TextEncoder::new().encode(&s).to_vec()).ok())
            .ok_or_else(|| {
                to_error(&assessment_error(
                    ErrorCode::WrongType,
                    fidelity_core::Said::new(
                        "評価票（オブジェクトかテキスト）の配列が必要です",
                        "expected an array of assessments (objects or texts)",
                    ),
                ))
            })?;
        to_js(&batch::scores_of_json_array(&self.bank, &json).map_err(|e| to_error(&e))?)
    }

    /// Full reports for the rows of a table in the wide layout (`header`, then rows of strings, numbers or
    /// null for blank), e.g. a CSV parsed in JavaScript. Throws an `Error` with every row's problems (each with
    /// its index in `row`, and its line counting the header as line 1) if any row or the header does not fit
    /// this bank.
    #[wasm_bindgen(js_name = scoreRows, unchecked_return_type = "ScoreReport[]")]
    pub fn score_rows(
        &self,
        header: Vec<String>,
        #[wasm_bindgen(unchecked_param_type = "(string | number | null)[][]")] rows: JsValue,
    ) -> JsResult<JsValue> {
        to_js(&self.reports_of_rows(&header, &rows).map_err(|e| to_error(&e))?)
    }
}

impl Bank {
    /// Every row of a wide table scored, or every row's problems (each with its row).
    pub(crate) fn reports_of_rows(&self, header: &[String], rows: &JsValue) -> Result<Vec<fidelity_core::ScoreReport>, Error> {
        let layout = WideLayout::new(&self.bank, header.iter().map(String::as_str))?;
        let rows = read_rows(rows, header.len())?;
        let mut reports = Vec::new();
        let mut problems = Vec::new();
        for result in batch::report_rows(&layout, rows.len(), |i, cells| cells.extend(rows[i].iter().map(|t| Cell::Text(t)))) {
            match result {
                Ok(report) => reports.push(report),
                Err(p) => problems.extend(p),
            }
        }
        if problems.is_empty() {
            Ok(reports)
        } else {
            Err(Error::new(ErrorKind::Assessment, problems))
        }
    }
}

/// Rows as arrays of `width` cells: strings, numbers (as JavaScript writes them: `1`, `2.5`), or
/// null/undefined for blank.
fn read_rows(rows: &JsValue, width: usize) -> Result<Vec<Vec<String>>, Error> {
    let wrong = |message: fidelity_core::Said| assessment_error(ErrorCode::WrongType, message);
    if !js_sys::Array::is_array(rows) {
        return Err(wrong(fidelity_core::Said::new(
            "rows は配列の配列にしてください",
            "rows must be an array of arrays",
        )));
    }
    let mut out = Vec::new();
    for (i, row) in js_sys::Array::from(rows).iter().enumerate() {
        if !js_sys::Array::is_array(&row) {
            return Err(wrong(fidelity_core::said!(
                "行 {i} が配列ではありません",
                "row {i} is not an array"
            )));
        }
        let row = js_sys::Array::from(&row);
        if row.length() as usize != width {
            return Err(wrong(fidelity_core::said!(
                "行 {i} のセルは {} 個ですが、見出しは {width} 個です",
                "row {i} has {} cells; the header has {width}",
                row.length()
            )));
        }
        out.push(
            row.iter()
                .map(|c| match (c.as_string(), c.as_f64()) {
                    (Some(t), _) => t,
                    (None, Some(_)) => js_sys::Number::from(c)
                        .to_string_with_radix(10)
                        .map(String::from)
                        .unwrap_or_default(),
                    (None, None) => String::new(),
                })
                .collect(),
        );
    }
    Ok(out)
}

/// The built-in version of bank `id` (default `"seiho-shuro"`) a wide table's header is written for: the newest
/// version whose columns the header fits, as `fidelity score FILE.csv` picks it; `undefined` when it fits none.
#[wasm_bindgen(js_name = bankForHeader)]
pub fn bank_for_header(header: Vec<String>, id: Option<String>) -> Option<String> {
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    fidelity_core::boundary::bank_for_header(id.as_deref().unwrap_or(fidelity_core::builtin::DEFAULT), &header)
}
