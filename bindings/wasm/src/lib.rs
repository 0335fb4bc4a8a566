//! The WASM half of the npm package `fidelity-scale`: converts JavaScript values to the core's inputs and the
//! core's results and errors back. No scoring or validation happens here: text goes to the core's reader, and
//! objects are laid out as the core's tree (`node_from_js`) for the same reader to check.
//!
//! Results cross as the core's JSON (`JSON.parse` of `serde_json` output), so a report in JavaScript is
//! exactly the CLI's `--format json`. Problems are thrown as real `Error`s with `code`, `path`, `line`,
//! `column` and `problems`. Types in the `.d.ts` come from `src/types.d.ts`, which
//! `scripts/gen-types.mjs` generates from the JSON Schemas the core generates from its Rust types.

use fidelity_core::assessment::wide::{Cell, WideLayout};
use fidelity_core::error::Pos;
use fidelity_core::form::Form;
use fidelity_core::report::ScoreSummary;
use fidelity_core::tree::{Node, Value as TreeValue};
use fidelity_core::{builtin, Error, ErrorCode, ErrorKind, Lang, Problem};
use js_sys::{Object, Reflect, JSON};
use std::collections::BTreeMap;
use std::sync::Arc;
use wasm_bindgen::prelude::*;

#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

type JsResult<T> = Result<T, JsValue>;

/// A value for JavaScript: the JSON of `value`, parsed.
fn to_js<T: serde::Serialize>(value: &T) -> JsResult<JsValue> {
    let text = serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))?;
    JSON::parse(&text)
}

/// An `Error` carrying the core's problems: `code`, `path`, `line`, `column` of the first, and all of them.
fn to_error(e: &Error) -> JsValue {
    let error = js_sys::Error::new(&e.to_string());
    let first = e.problems.first();
    let set = |key: &str, value: JsValue| {
        // Setting a property on a fresh Error cannot fail; if it did, the message still says it all.
        let _ = Reflect::set(&error, &JsValue::from_str(key), &value);
    };
    let kind = match e.kind {
        ErrorKind::Bank => "BankError",
        ErrorKind::Assessment => "AssessmentError",
        ErrorKind::Io => "FidelityIOError",
    };
    error.set_name(kind);
    set("code", first.map_or(JsValue::NULL, |p| JsValue::from_str(&p.code.to_string())));
    set("path", first.map_or(JsValue::NULL, |p| JsValue::from_str(&p.path)));
    set("line", first.and_then(|p| p.line).map_or(JsValue::NULL, JsValue::from));
    set("column", first.and_then(|p| p.column).map_or(JsValue::NULL, JsValue::from));
    set("problems", to_js(&e.problems).unwrap_or(JsValue::NULL));
    error.into()
}

fn assessment_error(code: ErrorCode, message: &str) -> Error {
    Error::one(ErrorKind::Assessment, Problem::new(code, "", message))
}

/// Deepest nesting accepted from a JavaScript object (as for text; also stops cycles).
const MAX_DEPTH: u32 = 64;

/// A JavaScript value as the tree the core reads, without writing and re-parsing JSON text: strings are
/// quoted scalars, numbers and booleans plain ones (typed as in YAML), null and undefined null.
fn node_from_js(value: &JsValue, depth: u32, path: &str) -> Result<Node, Error> {
    let at = Pos { line: 0, column: 0 };
    if depth > MAX_DEPTH {
        return Err(Error::one(
            ErrorKind::Assessment,
            Problem::new(ErrorCode::LimitExceeded, path, format!("nested deeper than {MAX_DEPTH} levels")),
        ));
    }
    if let Some(text) = value.as_string() {
        return Ok(Node::scalar(text, true, at));
    }
    if let Some(b) = value.as_bool() {
        return Ok(Node::scalar(if b { "true" } else { "false" }, false, at));
    }
    if value.is_null() || value.is_undefined() {
        return Ok(Node::scalar("null", false, at));
    }
    if let Some(n) = value.as_f64() {
        if !n.is_finite() {
            // As JSON writes them.
            return Ok(Node::scalar("null", false, at));
        }
        let text = js_sys::Number::from(value.clone())
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default();
        return Ok(Node::scalar(text, false, at));
    }
    if js_sys::Array::is_array(value) {
        let items = js_sys::Array::from(value)
            .iter()
            .enumerate()
            .map(|(i, v)| node_from_js(&v, depth + 1, &format!("{path}[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Node {
            value: TreeValue::Seq(items),
            pos: at,
        });
    }
    if value.is_object() && !value.is_function() {
        let mut entries = Vec::new();
        for entry in Object::entries(&Object::from(value.clone())).iter() {
            let pair = js_sys::Array::from(&entry);
            if pair.get(1).is_undefined() {
                continue; // as JSON leaves them out
            }
            let key = pair.get(0).as_string().unwrap_or_default();
            let child = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
            entries.push((Node::scalar(key, true, at), node_from_js(&pair.get(1), depth + 1, &child)?));
        }
        return Ok(Node {
            value: TreeValue::Map(entries),
            pos: at,
        });
    }
    Err(Error::one(
        ErrorKind::Assessment,
        Problem::new(ErrorCode::WrongType, path, "expected a string, number, boolean, list or object"),
    ))
}

/// Reads an assessment: text (YAML or JSON) with positions, or an object through `node_from_js` (its
/// problems have a path but no line or column).
fn read(bank: &fidelity_core::Bank, assessment: &JsValue) -> Result<fidelity_core::Assessment, Error> {
    match assessment.as_string() {
        Some(text) => fidelity_core::Assessment::from_text(&text, bank),
        None if assessment.is_object() => node_from_js(assessment, 0, "")
            .and_then(|root| fidelity_core::Assessment::from_node(&root, bank))
            .map_err(unpositioned),
        None => Err(assessment_error(
            ErrorCode::WrongType,
            "expected an assessment object or its YAML/JSON text",
        )),
    }
}

fn unpositioned(mut e: Error) -> Error {
    for p in &mut e.problems {
        p.line = None;
        p.column = None;
    }
    e
}

fn lang(code: Option<String>) -> JsResult<Lang> {
    match code.as_deref() {
        None => Ok(Lang::Ja),
        Some(code) => Lang::parse(code).ok_or_else(|| JsError::new(&format!("lang must be \"ja\" or \"en\", not \"{code}\"")).into()),
    }
}

/// Scoring, kept out of line so the two callers share one copy (the package size is budgeted).
#[inline(never)]
fn score_one(bank: &fidelity_core::Bank, assessment: &fidelity_core::Assessment) -> fidelity_core::ScoreReport {
    fidelity_core::score(bank, assessment)
}

impl Bank {
    /// Every row of a wide table scored, or every row's problems.
    fn reports_of_rows(&self, header: &[String], rows: &JsValue) -> Result<Vec<fidelity_core::ScoreReport>, Error> {
        let layout = WideLayout::new(&self.bank, header.iter().map(String::as_str))?;
        let rows = read_rows(rows, header.len())?;
        let mut reports = Vec::new();
        let mut problems = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            let cells: Vec<Cell<'_>> = row.iter().map(|t| Cell::Text(t)).collect();
            match layout.read(i as u64 + 2, &cells).assessment {
                Ok(a) => reports.push(score_one(&self.bank, &a)),
                Err(mut p) => problems.append(&mut p),
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
    let wrong = |message: String| assessment_error(ErrorCode::WrongType, &message);
    if !js_sys::Array::is_array(rows) {
        return Err(wrong("rows must be an array of arrays".into()));
    }
    let mut out = Vec::new();
    for (i, row) in js_sys::Array::from(rows).iter().enumerate() {
        if !js_sys::Array::is_array(&row) {
            return Err(wrong(format!("row {i} is not an array")));
        }
        let row = js_sys::Array::from(&row);
        if row.length() as usize != width {
            return Err(wrong(format!("row {i} has {} cells; the header has {width}", row.length())));
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

/// The built-in banks: `[{id, version}]`, oldest version first.
#[wasm_bindgen(unchecked_return_type = "{ id: string; version: string }[]")]
pub fn banks() -> JsResult<JsValue> {
    #[derive(serde::Serialize)]
    struct BankRef {
        id: String,
        version: String,
    }
    to_js(
        &builtin::list()
            .into_iter()
            .map(|(id, version)| BankRef { id, version })
            .collect::<Vec<_>>(),
    )
}

/// The bank an assessment text names in `bank:`, or the default built-in bank.
#[wasm_bindgen(js_name = declaredBank)]
pub fn declared_bank(text: &str) -> String {
    fidelity_core::declared(text)
}

/// The engine version stamped on every report.
#[wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    fidelity_core::ENGINE_VERSION.to_string()
}

/// A checked item bank version.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Bank {
    bank: Arc<fidelity_core::Bank>,
}

#[wasm_bindgen]
impl Bank {
    /// A built-in bank: `"seiho-shuro"` (latest version) or `"seiho-shuro@1.0.0"`.
    pub fn builtin(reference: &str) -> JsResult<Bank> {
        builtin::get(reference).map(|bank| Bank { bank }).map_err(|e| to_error(&e))
    }

    /// A custom bank from its files: `{"bank.yaml": "...", "A-1.yaml": "...", ...}`, checked on load.
    #[wasm_bindgen(js_name = fromYaml)]
    pub fn from_yaml(#[wasm_bindgen(unchecked_param_type = "Record<string, string>")] files: JsValue) -> JsResult<Bank> {
        let not_files = || {
            to_error(&Error::one(
                ErrorKind::Bank,
                Problem::new(ErrorCode::WrongType, "", "expected an object of file names to YAML texts"),
            ))
        };
        if !files.is_object() {
            return Err(not_files());
        }
        let mut map = BTreeMap::new();
        for entry in Object::entries(&Object::from(files)).iter() {
            let pair = js_sys::Array::from(&entry);
            let (Some(name), Some(text)) = (pair.get(0).as_string(), pair.get(1).as_string()) else {
                return Err(not_files());
            };
            map.insert(name, text);
        }
        fidelity_core::Bank::from_files(&map)
            .map(|bank| Bank { bank: Arc::new(bank) })
            .map_err(|e| to_error(&e))
    }

    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.bank.id().to_string()
    }

    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.bank.version().to_string()
    }

    /// `id@version`.
    #[wasm_bindgen(getter)]
    pub fn reference(&self) -> String {
        self.bank.reference()
    }

    #[wasm_bindgen(getter, js_name = contentDigest)]
    pub fn content_digest(&self) -> String {
        self.bank.content_digest().to_string()
    }

    #[wasm_bindgen(getter, js_name = scoringDigest)]
    pub fn scoring_digest(&self) -> String {
        self.bank.scoring_digest().to_string()
    }

    /// Everything a form needs to render the checklist, texts in `lang` (`"ja"`, the default, or `"en"`).
    #[wasm_bindgen(unchecked_return_type = "Form")]
    pub fn items(&self, #[wasm_bindgen(unchecked_param_type = "\"ja\" | \"en\"")] lang_code: Option<String>) -> JsResult<JsValue> {
        to_js(&Form::new(&self.bank, lang(lang_code)?))
    }

    /// Scores an assessment (an object, or YAML/JSON text). Throws an `Error` with `code`, `path` and
    /// `problems` if it does not fit this bank.
    #[wasm_bindgen(unchecked_return_type = "ScoreReport")]
    pub fn score(&self, #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue) -> JsResult<JsValue> {
        let a = read(&self.bank, &assessment).map_err(|e| to_error(&e))?;
        to_js(&score_one(&self.bank, &a))
    }

    /// Scores many assessments (objects or YAML/JSON texts) in one call and returns the scores alone
    /// (`ScoreSummary`: item scores, domain means, total, level; no trace), one per assessment: one crossing
    /// for the batch instead of a report per call. Throws an `Error` with every assessment's problems (paths
    /// start `[i]`) if any is invalid.
    #[wasm_bindgen(js_name = scoreMany, unchecked_return_type = "ScoreSummary[]")]
    pub fn score_many(&self, #[wasm_bindgen(unchecked_param_type = "(Assessment | string)[]")] assessments: JsValue) -> JsResult<JsValue> {
        if !js_sys::Array::is_array(&assessments) {
            return Err(to_error(&assessment_error(
                ErrorCode::WrongType,
                "expected an array of assessments",
            )));
        }
        let mut out = Vec::new();
        let mut problems = Vec::new();
        for (i, value) in js_sys::Array::from(&assessments).iter().enumerate() {
            match read(&self.bank, &value) {
                Ok(a) => out.push(ScoreSummary::from(&score_one(&self.bank, &a))),
                Err(e) => problems.extend(e.problems.into_iter().map(|mut p| {
                    p.path = format!("[{i}]{}{}", if p.path.is_empty() { "" } else { "." }, p.path);
                    p
                })),
            }
        }
        if !problems.is_empty() {
            return Err(to_error(&Error::new(ErrorKind::Assessment, problems)));
        }
        to_js(&out)
    }

    /// Full reports for the rows of a table in the wide layout (`header`, then rows of strings, numbers or
    /// null for blank), e.g. a CSV parsed in JavaScript. Throws an `Error` with every row's problems (lines
    /// count the header as line 1) if any row or the header does not fit this bank.
    #[wasm_bindgen(js_name = scoreRows, unchecked_return_type = "ScoreReport[]")]
    pub fn score_rows(
        &self,
        header: Vec<String>,
        #[wasm_bindgen(unchecked_param_type = "(string | number | null)[][]")] rows: JsValue,
    ) -> JsResult<JsValue> {
        to_js(&self.reports_of_rows(&header, &rows).map_err(|e| to_error(&e))?)
    }

    /// Reads and checks an assessment (an object, or YAML/JSON text) and returns it as the core holds it
    /// (what a form loads from a saved file). Throws like `score`.
    #[wasm_bindgen(js_name = readAssessment, unchecked_return_type = "Assessment")]
    pub fn read_assessment(&self, #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue) -> JsResult<JsValue> {
        let a = read(&self.bank, &assessment).map_err(|e| to_error(&e))?;
        to_js(&a)
    }

    /// Every problem of an assessment, as data (empty when valid), so a form can show each at its field.
    #[wasm_bindgen(unchecked_return_type = "Problem[]")]
    pub fn validate(&self, #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue) -> JsResult<JsValue> {
        let problems = read(&self.bank, &assessment).err().map(|e| e.problems).unwrap_or_default();
        to_js(&problems)
    }
}

// The audit (compare, trend, verify) is a second build of this crate, `pkg-audit/` behind the entry
// `fidelity-scale/audit`, so the form's module stays within its size budget (docs/wasm.md).
#[cfg(feature = "audit")]
mod audit;
