//! The WASM half of the npm package `fidelity-scale`: converts JavaScript values to the core's inputs and the
//! core's results and errors back. No scoring or validation happens here: text goes to the core's reader, and
//! an object's values are read once into the core's input values (`value_from_js`) for the same reader to check.
//!
//! Results cross as the core's JSON (`JSON.parse` of `serde_json` output), so a report in JavaScript is
//! exactly the CLI's `--format json`. Problems are thrown as real `Error`s with `code`, `path`, `line`,
//! `column` and `problems`. Types in the `.d.ts` come from `src/types.d.ts`, which
//! `scripts/gen-types.mjs` generates from the JSON Schemas the core generates from its Rust types.

use fidelity_core::boundary::{self, Document, InputValue, Origin};
use fidelity_core::form::Form;
use fidelity_core::{builtin, Error, ErrorCode, ErrorKind, Lang, Problem};
use js_sys::{Object, Reflect, JSON};
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

type JsResult<T> = Result<T, JsValue>;

/// A value for JavaScript: the JSON of `value`, parsed. The buffer starts at a report's size so it is not
/// copied as it grows (the allocator does not grow in place).
fn to_js<T: serde::Serialize>(value: &T) -> JsResult<JsValue> {
    let mut json = Vec::with_capacity(8 * 1024);
    // Writing the core's types to a Vec cannot fail (string keys only, no custom errors); a constant message
    // keeps serde_json's error texts (its reader's and std::io's) out of the module.
    serde_json::to_writer(&mut json, value).map_err(|_| JsError::new("the result could not be written as JSON"))?;
    // serde_json writes UTF-8 only.
    JSON::parse(std::str::from_utf8(&json).unwrap_or_default())
}

/// An `Error` carrying the core's problems: `code`, `path`, `line`, `column` of the first, and all of them.
fn to_error(e: &Error) -> JsValue {
    let error = js_sys::Error::new(&e.to_string());
    let first = e.problems.first();
    let set = |key: &str, value: JsValue| {
        // Setting a property on a fresh Error cannot fail; if it did, the message still says it all.
        let _ = Reflect::set(&error, &JsValue::from_str(key), &value);
    };
    error.set_name(e.kind.class_name());
    set("code", first.map_or(JsValue::NULL, |p| JsValue::from_str(&p.code.to_string())));
    set("path", first.map_or(JsValue::NULL, |p| JsValue::from_str(&p.path)));
    set("line", first.and_then(|p| p.line).map_or(JsValue::NULL, JsValue::from));
    set("column", first.and_then(|p| p.column).map_or(JsValue::NULL, JsValue::from));
    set("problems", to_js(&e.problems).unwrap_or(JsValue::NULL));
    error.into()
}

fn assessment_error(code: ErrorCode, message: fidelity_core::Said) -> Error {
    Error::one(ErrorKind::Assessment, Problem::new(code, "", message))
}

/// Where a value sits in what the caller passed (`answers.A-2.3`, `answers.A-3.4[0]`), written out only for
/// a problem: most values have none, and a path built for every value was a string formatted per value.
#[derive(Clone, Copy)]
enum At<'p> {
    Root,
    Key(&'p At<'p>, &'p str),
    Index(&'p At<'p>, usize),
}

impl At<'_> {
    fn path(&self) -> String {
        match self {
            At::Root => String::new(),
            At::Key(parent, key) => boundary::join_path(&parent.path(), key),
            At::Index(parent, i) => format!("{}[{i}]", parent.path()),
        }
    }
}

/// A JavaScript value as the core's input value: strings are text, numbers are written as JavaScript writes
/// them, null and undefined are null (undefined entries are left out, as JSON leaves them). Reading stops at
/// the core's nesting limit, which also stops a cyclic object. Each question asked of a value is a call into
/// JavaScript, so the common kinds are asked first (an answer is mostly true or false).
fn value_from_js(value: &JsValue, depth: usize, at: At) -> Result<InputValue, Error> {
    if let Some(b) = value.as_bool() {
        return Ok(InputValue::Bool(b));
    }
    if let Some(text) = value.as_string() {
        return Ok(InputValue::Text(text));
    }
    if value.is_null() || value.is_undefined() {
        return Ok(InputValue::Null);
    }
    if let Some(n) = value.as_f64() {
        if !n.is_finite() {
            return Ok(InputValue::Null); // as JSON writes them
        }
        let text = js_sys::Number::from(value.clone())
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default();
        return Ok(InputValue::Number(text));
    }
    if depth > boundary::MAX_DEPTH {
        return Err(Error::one(ErrorKind::Assessment, InputValue::too_deep(&at.path())));
    }
    if js_sys::Array::is_array(value) {
        return value
            .unchecked_ref::<js_sys::Array>()
            .iter()
            .enumerate()
            .map(|(i, v)| value_from_js(&v, depth + 1, At::Index(&at, i)))
            .collect::<Result<_, _>>()
            .map(InputValue::List);
    }
    if value.is_object() && !value.is_function() {
        // Keys and values as two arrays (the same order): three calls an entry, where `Object.entries` took six.
        let object = value.unchecked_ref::<Object>();
        let (keys, values) = (Object::keys(object), Object::values(object));
        let mut entries = Vec::with_capacity(keys.length() as usize);
        for (key, v) in keys.iter().zip(values.iter()) {
            if v.is_undefined() {
                continue;
            }
            let key = key.as_string().unwrap_or_default();
            let value = value_from_js(&v, depth + 1, At::Key(&at, &key))?;
            entries.push((key, value));
        }
        return Ok(InputValue::Map(entries));
    }
    Err(Error::one(
        ErrorKind::Assessment,
        Problem::new(
            ErrorCode::WrongType,
            at.path(),
            fidelity_core::Said::new(
                "文字列・数値・真偽値・リスト・オブジェクトのいずれかが必要です",
                "expected a string, number, boolean, list or object",
            ),
        ),
    ))
}

/// An input (assessment, report) as the core reads it: text (YAML or JSON) with positions, or an object's
/// values, whose problems have a path but no line or column.
fn document(input: &JsValue) -> Result<Document<'static>, Error> {
    match input.as_string() {
        Some(text) => Ok(Document::parse(text, Origin::text())),
        None if input.is_object() => value_from_js(input, 0, At::Root).map(Document::from_values),
        None => Err(assessment_error(
            ErrorCode::WrongType,
            fidelity_core::Said::new(
                "オブジェクトか、その YAML/JSON のテキストが必要です",
                "expected an object or its YAML/JSON text",
            ),
        )),
    }
}

/// Reads an assessment (see `document`) against `bank`.
fn read(bank: &fidelity_core::Bank, assessment: &JsValue) -> Result<fidelity_core::Assessment, Error> {
    document(assessment)?.assessment(bank)
}

fn lang(code: Option<String>) -> JsResult<Lang> {
    boundary::lang(code.as_deref()).map_err(|e| to_error(&e))
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
    Document::parse(text, Origin::text()).bank_reference().to_string()
}

/// The engine version stamped on every report.
#[wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    fidelity_core::ENGINE_VERSION.to_string()
}

/// The core's screen words in `lang` (`"ja"`, the default, or `"en"`), key → word: item statuses, rater
/// kinds (by their key, `self` and `external`) and column headings, as the CLI and Python show them (the
/// form takes its words from here).
#[wasm_bindgen(unchecked_return_type = "Record<string, string>")]
pub fn words(#[wasm_bindgen(unchecked_param_type = "\"ja\" | \"en\"")] lang_code: Option<String>) -> JsResult<JsValue> {
    // Set on a plain object directly: serialising a map through serde costs kilobytes of module.
    let table = js_sys::Object::new();
    for (key, word) in fidelity_core::words::table(lang(lang_code)?) {
        js_sys::Reflect::set(&table, &key.into(), &word.into())?;
    }
    Ok(table.into())
}

/// A checked item bank version.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Bank {
    pub(crate) bank: Arc<fidelity_core::Bank>,
}

#[wasm_bindgen]
impl Bank {
    /// A built-in bank: `"seiho-shuro"` (latest version) or `"seiho-shuro@1.0.0"`.
    pub fn builtin(reference: &str) -> JsResult<Bank> {
        builtin::get(reference).map(|bank| Bank { bank }).map_err(|e| to_error(&e))
    }

    /// A custom bank from its files: `{"bank.yaml": "...", "A-1.yaml": "...", ...}`, checked on load. In the
    /// audit module only: the bank checker and the digests' canonical JSON are ~22 KB of the scoring package,
    /// whose built-in banks need neither (the core's tests checked them; their digests are recorded).
    #[cfg(feature = "audit")]
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
        let mut map = std::collections::BTreeMap::new();
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
        to_js(&fidelity_core::score(&self.bank, &a))
    }

    /// Reads and checks an assessment (an object, or YAML/JSON text) and returns it as the core holds it
    /// (what a form loads from a saved file). Throws like `score`.
    #[wasm_bindgen(js_name = readAssessment, unchecked_return_type = "Assessment")]
    pub fn read_assessment(&self, #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue) -> JsResult<JsValue> {
        let a = read(&self.bank, &assessment).map_err(|e| to_error(&e))?;
        to_js(&a)
    }

    /// The assessment (an object, or YAML/JSON text) as the YAML file `fidelity score` reads: every element in
    /// the bank's order with its text as a comment, findings and records after (what a form saves). Throws
    /// like `score`.
    #[wasm_bindgen(js_name = toYaml)]
    pub fn to_yaml(&self, #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue) -> JsResult<String> {
        let a = read(&self.bank, &assessment).map_err(|e| to_error(&e))?;
        Ok(fidelity_core::template::filled_yaml(&self.bank, &a))
    }

    /// Every problem of an assessment, as data (empty when valid), so a form can show each at its field.
    /// `{ strict: true }` also refuses elements that take evidence (△ options or figures) but are answered
    /// true/false alone (`evidence_required`), as `fidelity validate --strict` does.
    #[wasm_bindgen(unchecked_return_type = "Problem[]")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "{ strict?: boolean }")] options: Option<Object>,
    ) -> JsResult<JsValue> {
        let strict = options.is_some_and(|o| Reflect::get(&o, &"strict".into()).is_ok_and(|v| v.as_bool() == Some(true)));
        let read = document(&assessment).and_then(|doc| match strict {
            true => doc.strict_assessment(&self.bank),
            false => doc.assessment(&self.bank),
        });
        to_js(&read.err().map(|e| e.problems).unwrap_or_default())
    }
}

// The audit (compare, trend, verify, agreement) and batch scoring (`scoreMany`, `scoreRows`) are a second
// build of this crate, `pkg-audit/` behind the entry `fidelity-scale/audit`, so the form's module stays
// within its size budget (docs/wasm.md).
#[cfg(feature = "audit")]
mod audit;
#[cfg(feature = "audit")]
mod batch;
#[cfg(feature = "interop")]
mod interop;
