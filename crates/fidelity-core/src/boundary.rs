//! What every interface (the CLI, Python, WASM) does between its caller's input and the core, written once so
//! the bindings only convert values (the pattern of cedar's `ffi` module):
//! - [`Origin`]: where an input came from, and so how its problems are told (file named, positions kept);
//! - [`Document`]: an input text read once, for the bank it names, its assessment and its score;
//! - [`lang`]: the one reading of a language code;
//! - [`batch_error`]: one convention for a batch's problems, each with its row (`Problem::row`);
//! - the error class of each error kind is `ErrorKind::class_name`.

use crate::assessment::Assessment;
use crate::bank::Bank;
use crate::error::{Error, ErrorCode, ErrorKind, Problem, Result};
use crate::report::ScoreReport;
use crate::said;
use crate::text::Lang;
use crate::tree::{self, Node};
use std::borrow::Cow;
use std::cell::OnceCell;

/// Where an input came from: the file it was read from, and whether its positions mean anything to the user
/// (not when a binding wrote the text from its caller's objects).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: Option<String>,
    pub positions: bool,
}

impl Origin {
    /// Text the user wrote or pasted: positions kept, no file.
    pub fn text() -> Origin {
        Origin {
            file: None,
            positions: true,
        }
    }

    /// The text of a file: positions kept, problems name the file.
    pub fn file(name: impl Into<String>) -> Origin {
        Origin {
            file: Some(name.into()),
            positions: true,
        }
    }

    /// Values a binding laid out for the core (a Python dict, a JavaScript object): problems are told by path
    /// alone.
    pub fn values() -> Origin {
        Origin {
            file: None,
            positions: false,
        }
    }

    /// An error's problems as this origin tells them.
    pub fn tell(&self, mut error: Error) -> Error {
        for p in &mut error.problems {
            if !self.positions {
                p.line = None;
                p.column = None;
            }
            if p.file.is_none() {
                p.file.clone_from(&self.file);
            }
        }
        error
    }
}

/// An input text read once: the tree every later question is answered from (which bank it names, the
/// assessment it holds), so no caller parses it twice.
#[derive(Debug)]
pub struct Document<'t> {
    text: Cow<'t, str>,
    /// The tree, parsed on first need (a report's JSON never needs it).
    root: OnceCell<std::result::Result<Node, Problem>>,
    /// The bank a FHIR QuestionnaireResponse names through its Questionnaire, found on first need (the
    /// `fhir` feature).
    #[cfg_attr(not(feature = "fhir"), allow(dead_code))]
    fhir_bank: OnceCell<Option<String>>,
    origin: Origin,
}

impl<'t> Document<'t> {
    /// A YAML or JSON text (borrowed, or owned by the document).
    pub fn parse(text: impl Into<Cow<'t, str>>, origin: Origin) -> Document<'t> {
        Document {
            text: text.into(),
            root: OnceCell::new(),
            fhir_bank: OnceCell::new(),
            origin,
        }
    }

    /// JSON a binding wrote from its caller's values (JavaScript's `JSON.stringify`), read without the YAML
    /// parser; problems are told by path.
    pub fn from_json_values(json: &'t str) -> Document<'t> {
        Document {
            text: Cow::Borrowed(json),
            root: OnceCell::from(tree::from_json(json)),
            fhir_bank: OnceCell::new(),
            origin: Origin::values(),
        }
    }

    fn root(&self) -> &std::result::Result<Node, Problem> {
        self.root.get_or_init(|| tree::parse(&self.text))
    }

    /// The bank to score it with when the caller names none: the one it names, else the default built-in bank.
    pub fn bank_reference(&self) -> &str {
        self.declared_bank().unwrap_or(crate::builtin::DEFAULT)
    }

    /// Values a binding read from its caller (a JavaScript object): problems are told by path.
    pub fn from_values(value: InputValue) -> Document<'static> {
        Document {
            text: Cow::Borrowed(""),
            root: OnceCell::from(value.into_node(0)),
            fhir_bank: OnceCell::new(),
            origin: Origin::values(),
        }
    }

    /// The text it was read from (empty for values).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The file it was read from, when it names one.
    pub fn file(&self) -> Option<&str> {
        self.origin.file.as_deref()
    }

    /// The bank the input names in `bank:` (`id` or `id@version`), if it names one.
    /// (A FHIR QuestionnaireResponse names it through its Questionnaire's URL and version.)
    pub fn declared_bank(&self) -> Option<&str> {
        let root = self.root().as_ref().ok()?;
        #[cfg(feature = "fhir")]
        if crate::fhir::is_response(root) {
            return self.fhir_bank.get_or_init(|| crate::fhir::named_bank(root)).as_deref();
        }
        root.entry("bank")?.as_text()
    }

    /// The assessment, checked against `bank`; its problems told as the origin says.
    pub fn assessment(&self, bank: &Bank) -> Result<Assessment> {
        let read = match self.root() {
            #[cfg(feature = "fhir")]
            Ok(root) if crate::fhir::is_response(root) => crate::fhir::assessment_of(bank, root),
            Ok(root) => Assessment::from_node(root, bank),
            Err(p) => Err(Error::one(ErrorKind::Assessment, p.clone())),
        };
        read.map_err(|e| self.origin.tell(e))
    }

    /// The assessment checked strictly: as [`Document::assessment`], and every element whose criterion takes
    /// evidence (△ options or figures) must be answered with it, not by judgement alone (`evidence_required`,
    /// at the answer's position). What `validate --strict` and the bindings' strict option run.
    pub fn strict_assessment(&self, bank: &Bank) -> Result<Assessment> {
        let assessment = self.assessment(bank)?;
        let answers = self.root().as_ref().ok().and_then(|root| root.entry("answers"));
        let problems: Vec<Problem> = judged_without_evidence(bank, &assessment)
            .iter()
            .map(|id| evidence_required(bank, id).at(answers.and_then(|a| a.entry(id)).map(|n| n.pos)))
            .collect();
        match problems.is_empty() {
            true => Ok(assessment),
            false => Err(self.origin.tell(Error::new(ErrorKind::Assessment, problems))),
        }
    }

    /// The assessment scored with `bank`.
    pub fn score(&self, bank: &Bank) -> Result<ScoreReport> {
        self.assessment(bank).map(|a| crate::engine::score(bank, &a))
    }

    /// Problems told as this document's origin tells them (for errors found later, e.g. the bank it names).
    pub fn tell(&self, error: Error) -> Error {
        self.origin.tell(error)
    }
}

/// A value as a binding reads it from its caller, for the core's reader: what JSON can hold, numbers as the
/// caller's language writes them (`1`, `2.5`). Nesting deeper than the text reader's limit is refused.
#[derive(Debug, Clone, PartialEq)]
pub enum InputValue {
    Null,
    Bool(bool),
    Number(String),
    Text(String),
    List(Vec<InputValue>),
    Map(Vec<(String, InputValue)>),
}

/// Deepest nesting of lists and maps accepted, from text or values (a binding stops reading there too, which
/// also stops a cyclic object).
pub const MAX_DEPTH: usize = tree::MAX_DEPTH;
/// Largest text input accepted, in bytes.
pub const MAX_INPUT_BYTES: usize = tree::MAX_INPUT_BYTES;
/// Longest scalar (a name, an answer, a key) accepted, in bytes.
pub const MAX_SCALAR_BYTES: usize = tree::MAX_SCALAR_BYTES;

impl InputValue {
    /// The problem of a value nested deeper than [`MAX_DEPTH`], at `path`.
    pub fn too_deep(path: &str) -> Problem {
        tree::too_deep(path)
    }

    fn into_node(self, depth: usize) -> std::result::Result<Node, Problem> {
        let at = crate::error::Pos::NOWHERE;
        let deeper = |depth: usize| {
            if depth >= MAX_DEPTH {
                Err(InputValue::too_deep(""))
            } else {
                Ok(depth + 1)
            }
        };
        let value = match self {
            InputValue::Null => return Ok(Node::scalar("null", false, at)),
            InputValue::Bool(b) => return Ok(Node::scalar(if b { "true" } else { "false" }, false, at)),
            InputValue::Number(n) => return Ok(Node::scalar(n, false, at)),
            InputValue::Text(t) => return Ok(Node::scalar(t, true, at)),
            InputValue::List(items) => {
                let depth = deeper(depth)?;
                tree::Value::Seq(
                    items
                        .into_iter()
                        .map(|v| v.into_node(depth))
                        .collect::<std::result::Result<_, _>>()?,
                )
            }
            InputValue::Map(entries) => {
                let depth = deeper(depth)?;
                tree::Value::Map(
                    entries
                        .into_iter()
                        .map(|(k, v)| Ok((Node::scalar(k, true, at), v.into_node(depth)?)))
                        .collect::<std::result::Result<_, Problem>>()?,
                )
            }
        };
        Ok(Node { value, pos: at })
    }
}

/// A problem's path one key deeper (`path.key`, or `key` at the top), as the core's readers write it, for a
/// binding that reads its caller's values itself.
pub use crate::tree::join as join_path;

/// The text of an input file, as every interface reads it: problems name the file; the error of one that
/// cannot be opened or read; and why a file could not be read or written, in both languages.
pub use crate::input::{cannot_read_file, io_reason, read_file};

/// The problem strict validation gives an element answered by judgement where its evidence could be given.
pub use crate::assessment::evidence_required;

/// A CSV file's bytes as UTF-8, from UTF-8 or Shift_JIS (CP932), given or found (the `encodings` feature).
#[cfg(feature = "encodings")]
pub use crate::csv_text::{read_csv_text, utf8_reader, NotShiftJis, ShiftJisEncoder, TextEncoding};

/// The elements of a checked assessment whose criterion takes evidence but that were answered by judgement
/// alone, in bank order, as the engine finds them (the report's `judged_without_evidence`).
pub fn judged_without_evidence(bank: &Bank, assessment: &Assessment) -> Vec<String> {
    let plan = bank.plan();
    let mut scores = crate::engine::PlannedScores::default();
    plan.score_into(&plan.answers(assessment), &mut scores);
    plan.judged_ids(&scores).map(str::to_string).collect()
}

/// The built-in version of the bank `id` that a wide table's header is written for: the newest version whose
/// columns the header fits, or `None` when it fits none. A CSV names no bank, so its header is its
/// declaration: a table made from the 1.0.0 template is read with 1.0.x rather than refused by 1.1.0.
pub fn bank_for_header(id: &str, header: &[&str]) -> Option<String> {
    let versions = crate::builtin::list();
    versions.iter().rev().filter(|(i, _)| i == id).find_map(|(i, v)| {
        let reference = format!("{i}@{v}");
        let bank = crate::builtin::get(&reference).ok()?;
        crate::assessment::wide::WideLayout::new(&bank, header.iter().copied())
            .ok()
            .map(|_| reference)
    })
}

/// A language code as every interface takes it: `ja` (also when none is given) or `en`; anything else is an
/// `invalid_value` problem at `lang`, never a silent fallback.
pub fn lang(code: Option<&str>) -> Result<Lang> {
    match code {
        None => Ok(Lang::Ja),
        Some(code) => Lang::parse(code).ok_or_else(|| {
            Error::one(
                ErrorKind::Assessment,
                Problem::new(
                    ErrorCode::InvalidValue,
                    "lang",
                    said!(
                        "未知の言語 `{code}` です。`ja` か `en` を指定してください",
                        "unknown language `{code}`; expected `ja` or `en`"
                    ),
                ),
            )
        }),
    }
}

/// One error for every invalid input of a batch, each problem with its row (0-based), in row order.
pub fn batch_error(rows: impl IntoIterator<Item = (usize, Vec<Problem>)>) -> Option<Error> {
    let problems: Vec<Problem> = rows
        .into_iter()
        .flat_map(|(row, problems)| crate::error::in_row(problems, row))
        .collect();
    (!problems.is_empty()).then(|| Error::new(ErrorKind::Assessment, problems))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_read_once_for_its_bank_and_its_assessment() {
        let text = "bank: seiho-shuro@1.0.0\noffice: {id: '1'}\nperiod: '2025'\nrater: {kind: self}\nanswers: {A-1.1: 2}\n";
        let doc = Document::parse(text, Origin::file("office.yaml"));
        assert_eq!(doc.declared_bank(), Some("seiho-shuro@1.0.0"));
        let bank = crate::builtin::get(doc.declared_bank().unwrap()).unwrap();
        let e = doc.assessment(&bank).unwrap_err();
        let p = &e.problems[0];
        assert_eq!(
            (p.file.as_deref(), p.line, p.path.as_str()),
            (Some("office.yaml"), Some(5), "answers.A-1.1")
        );
        // The same answers from a binding's values: told by path alone.
        let json = r#"{"office": {"id": "1"}, "period": "2025", "rater": {"kind": "self"}, "answers": {"A-1.1": 2}}"#;
        let e = Document::from_json_values(json).assessment(&bank).unwrap_err();
        assert_eq!((e.problems[0].line, e.problems[0].path.as_str()), (None, "answers.A-1.1"));
    }

    #[test]
    fn languages_and_batches_follow_one_convention() {
        assert_eq!(lang(None).unwrap(), Lang::Ja);
        assert_eq!(lang(Some("en")).unwrap(), Lang::En);
        let e = lang(Some("fr")).unwrap_err();
        assert_eq!((e.code(), e.problems[0].path.as_str()), (Some(ErrorCode::InvalidValue), "lang"));
        let p = |path: &str| Problem::new(ErrorCode::WrongType, path, "x");
        let e = batch_error([(0, vec![]), (2, vec![p("a"), p("b")])]).unwrap();
        assert_eq!(e.problems.iter().map(|p| p.row).collect::<Vec<_>>(), [Some(2), Some(2)]);
        assert_eq!(e.problems[0].to_string(), "row 2: [wrong_type] a: x");
        assert!(batch_error([(0, vec![])]).is_none());
    }
}
