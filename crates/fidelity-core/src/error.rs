//! Errors as values: every problem has a stable code, a path into the input, a position where the input has
//! lines, and a sentence saying what was expected. Validation collects all problems; nothing stops at the first.

use crate::text::Lang;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Stable error codes. The serialised names (snake_case) are a data contract shared by the CLI and bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The text is not well-formed YAML, JSON or CSV.
    Syntax,
    /// A YAML feature this format does not accept (anchors, aliases, tags, several documents, complex keys).
    UnsupportedYaml,
    /// The input exceeds a documented size or nesting limit.
    LimitExceeded,
    /// The same key appears twice in one mapping.
    DuplicateKey,
    /// A key the format does not define.
    UnknownKey,
    /// A required key or column is absent.
    MissingField,
    /// A value of the wrong type (e.g. a string where true/false is expected).
    WrongType,
    /// A value of the right type but outside the allowed set.
    InvalidValue,
    /// The assessment names another bank or version than the one scoring it.
    BankMismatch,
    /// An element id the bank does not define.
    UnknownElement,
    /// An option key the element does not define.
    UnknownOption,
    /// The same option selected twice.
    DuplicateOption,
    /// A figure input the element does not define.
    UnknownFigure,
    /// A figure input the element needs is absent.
    MissingFigure,
    /// A figure below zero.
    NegativeFigure,
    /// A figure below the input's minimum (e.g. a capacity of 0).
    FigureBelowMinimum,
    /// `na` given for an element that does not allow it.
    NaNotAllowed,
    /// Strict validation: an element that takes evidence (△ options or figures) answered by judgement alone.
    EvidenceRequired,
    /// A consensus rating answers an element otherwise than one of its two source ratings, or leaves a
    /// disagreement open, without a written reason.
    ReasonRequired,
    /// Ratings that are not of one office and period: a consensus's sources, or the two ratings to reconcile.
    ConsensusMismatch,
    /// A bank file that does not follow the bank format.
    BankFormat,
    /// Two things in a bank share an id.
    DuplicateId,
    /// A bank refers to an id that does not exist.
    UnknownReference,
    /// Score bands or levels are not ordered or do not cover 1..5.
    InvalidBands,
    /// A score of 1..5 that no combination of answers can produce.
    UnreachableScore,
    /// A title, element or option lacks its Japanese or English text.
    MissingText,
    /// No bank with that id or version.
    BankNotFound,
    /// A file could not be read or written.
    Io,
    /// The input is not UTF-8 text.
    Encoding,
    /// A crosswalk file that does not follow the crosswalk format.
    CrosswalkFormat,
    /// A crosswalk claims scoring is kept (or changed) where the two bank versions say otherwise.
    CrosswalkMismatch,
    /// Two reports that cannot be compared: different banks, or versions that score differently with no
    /// crosswalk between them.
    NotComparable,
    /// A score report's JSON that cannot be read (malformed, or a newer report format).
    ReportFormat,
    /// Reports that cannot be paired for agreement: one rater twice for an office and period, or no clear pair
    /// of raters.
    RaterPairing,
}

impl ErrorCode {
    /// What to do about a problem of this code, in `lang`: one sentence, the same in every interface.
    pub fn help_in(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.help_ja(),
            Lang::En => self.help(),
        }
    }

    /// 対処のしかた（1文）。`help` の日本語。
    fn help_ja(self) -> &'static str {
        use ErrorCode::*;
        match self {
            Syntax => "YAML・JSON・CSV として正しい形に直してください。位置は読み取りが止まった場所です。",
            UnsupportedYaml => "値を省略せずに書いてください。アンカー・エイリアス・タグ・複数文書・複合キーは使えません。",
            LimitExceeded => "入力を分けるか短くしてください。上限はエラーコードの説明にあります。",
            DuplicateKey => "同じキー（または同じ名前の CSV の列）を一つにしてください。",
            UnknownKey => "キーを削除するか綴りを直してください。使えるキーはメッセージにあります。",
            MissingField => "足りないキー（または CSV の列）を値とともに加えてください。",
            WrongType => "メッセージにある形で値を書いてください。",
            InvalidValue => "メッセージにある値のいずれかを使ってください。",
            BankMismatch => "評価票が指定している項目バンクで採点するか、`bank:` を直してください。",
            UnknownElement => "この項目バンクの要素 ID（A-1.1 など）を使ってください。`fidelity items` で一覧できます。",
            UnknownOption => "メッセージにあるこの要素の選択肢キーを使ってください。",
            DuplicateOption => "選択肢は一度ずつ挙げてください。",
            UnknownFigure => "メッセージにあるこの要素の数値の名前を使ってください。",
            MissingFigure => "この要素に必要な数値をすべて入れるか、数値を入れずに true か false で回答してください。",
            NegativeFigure => "数値は件数です。0 以上を入れてください。",
            FigureBelowMinimum => "メッセージにある最小値以上を入れてください（定員は 1 以上）。",
            NaNotAllowed => "true か false で回答してください。この要素は「該当なし」にできません。",
            EvidenceRequired => "true / false だけでなく、メッセージにある根拠（当てはまる選択肢、または数値）を入れてください。",
            ReasonRequired => "要素に回答し、その理由を `consensus.reasons` に要素 ID で書いてください。",
            ConsensusMismatch => "同じ事務所・同じ評価期間の二つの評価（事務所 ID と評価期間が同じもの）を突き合わせてください。",
            BankFormat => "メッセージに従って項目バンクのファイルを直してください。形式は JSON Schema に記載しています。",
            DuplicateId => "領域・項目・要素・選択肢・数値にはそれぞれ別の ID を付けてください。",
            UnknownReference => "この項目バンクにある ID とファイルだけを参照してください。",
            InvalidBands => "得点 5 から 1 を、すべての値を覆う高い順のしきい値で並べてください。",
            UnreachableScore => "得点 1〜5 のどれにも到達できるよう、規則か要素を直してください。",
            MissingText => "日本語の文と、形式が求める場合は英訳を加えてください。",
            BankNotFound => "組み込みの項目バンク（`fidelity banks` で一覧できます）を使うか、項目バンクのフォルダを読み込んでください。",
            Io => "ファイルがあり読めること（書き出す場合は同じ名前のファイルがないこと）を確かめてください。",
            Encoding => "ファイルを UTF-8 で保存し直して（Excel では「CSV UTF-8」、テキストエディタでは文字コード UTF-8）、もう一度読み込んでください。",
            CrosswalkFormat => "メッセージに従って対応表のファイルを直してください。形式は JSON Schema に記載しています。",
            CrosswalkMismatch => {
                "二つの版が示す変更を宣言してください（採点が異なれば rule_changed、同じなら same か renamed）。"
            }
            NotComparable => "同じ項目バンクで採点が同じ版の報告を比べるか、二つの版の対応表を加えてください。",
            ReportFormat => "`fidelity score --format json`（またはバインディング）が書いた採点結果を、編集せずに渡してください。",
            RaterPairing => {
                "事務所・評価期間ごとに評価者一人につき一つの採点結果とし、三人以上のときは比べる二人を指定してください。"
            }
        }
    }

    /// What to do about a problem of this code: one sentence, the same in every interface.
    pub fn help(self) -> &'static str {
        use ErrorCode::*;
        match self {
            Syntax => "Fix the file so it is well-formed YAML, JSON or CSV; the position shows where reading stopped.",
            UnsupportedYaml => "Write the value out in full: anchors, aliases, tags, several documents and complex keys are not accepted.",
            LimitExceeded => "Split or shorten the input; the limits are listed in the error-code documentation.",
            DuplicateKey => "Keep one of the two entries with this key (or CSV columns with this name).",
            UnknownKey => "Remove the key or correct its spelling; the message lists the keys this place accepts.",
            MissingField => "Add the missing key (or CSV column) with a value.",
            WrongType => "Write the value in the form the message expects.",
            InvalidValue => "Use one of the values the message lists.",
            BankMismatch => "Score the assessment with the bank it names, or correct its `bank:`.",
            UnknownElement => "Use an element id of this bank (such as A-1.1); `fidelity items` lists them.",
            UnknownOption => "Use one of the option keys the message lists for this element.",
            DuplicateOption => "List each option once.",
            UnknownFigure => "Use the figure names the message lists for this element.",
            MissingFigure => "Give every figure this element needs, or none and answer true or false.",
            NegativeFigure => "Figures are counts: give zero or more.",
            FigureBelowMinimum => "Give at least the minimum the message states (a capacity is at least 1).",
            NaNotAllowed => "Answer true or false; this element cannot be not applicable.",
            EvidenceRequired => "Give the evidence the message names (the options that apply, or the figures) instead of true or false.",
            ReasonRequired => "Settle the element (answer it) and write why under `consensus.reasons` with its element id.",
            ConsensusMismatch => "Reconcile two ratings of the same office and period (office id and period equal).",
            BankFormat => "Correct the bank file as the message says; the bank format is documented with its JSON Schema.",
            DuplicateId => "Give every domain, item, element, option and input its own id.",
            UnknownReference => "Refer only to ids and files that exist in this bank.",
            InvalidBands => "List scores 5 to 1 with thresholds from high to low that cover every value.",
            UnreachableScore => "Change the rule or the elements so that every score 1 to 5 can be reached.",
            MissingText => "Add the Japanese text, and the English translation where the format asks for one.",
            BankNotFound => "Use a built-in bank (`fidelity banks` lists them) or load the bank's folder.",
            Io => "Check that the file exists and can be read (or that its new file name is free).",
            Encoding => "Save the file as UTF-8 (in Excel: \"CSV UTF-8\"; in a text editor: encoding UTF-8) and read it again.",
            CrosswalkFormat => "Correct the crosswalk file as the message says; the format is documented with its JSON Schema.",
            CrosswalkMismatch => {
                "Declare the change the two bank versions show (rule_changed when scoring differs, same or renamed when it does not)."
            }
            NotComparable => "Compare reports of one bank whose versions score alike, or add a crosswalk between the two versions.",
            ReportFormat => "Pass a score report written by `fidelity score --format json` (or a binding's report), unedited.",
            RaterPairing => {
                "Give each office and period at most one report per rater, and name the two raters to compare when there are more."
            }
        }
    }
}

impl fmt::Display for ErrorCode {
    /// The stable snake_case name, as serialised.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(s)) => f.write_str(&s),
            _ => f.write_str("unknown"),
        }
    }
}

/// One thing wrong with an input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Problem {
    pub code: ErrorCode,
    /// Dotted path into the input, e.g. `answers.B-1.6.capacity`; empty for the whole document.
    pub path: String,
    /// The file the problem is in, where there are several (bank folders, batches).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 0-based position of the input in a batch (a table's row, a list's assessment), where it is in one:
    /// the same index in every interface (a DataFrame's, a JavaScript array's, a CSV's data rows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    /// 1-based line, where the input has lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based column (characters), where the input has lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// The spreadsheet cell, `sheet!A1`, where the input is a workbook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// The bank's element the problem is about (its answer, finding or consensus reason), where it is about
    /// one: what a form shows it beside.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub element: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
    /// What to do about it (one sentence per code, see `ErrorCode::help`).
    #[serde(default)]
    pub help: String,
    /// `message` in Japanese. Messages about bank and crosswalk files, read by their authors, are in English
    /// only and repeated here.
    #[serde(default)]
    pub message_ja: String,
    /// `help` in Japanese.
    #[serde(default)]
    pub help_ja: String,
}

impl Problem {
    pub fn new(code: ErrorCode, path: impl Into<String>, message: impl Into<Said>) -> Self {
        let Said { ja, en } = message.into();
        Problem {
            code,
            path: path.into(),
            file: None,
            row: None,
            line: None,
            column: None,
            cell: None,
            element: None,
            message: en,
            help: code.help().to_string(),
            message_ja: ja,
            help_ja: code.help_ja().to_string(),
        }
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja if !self.message_ja.is_empty() => &self.message_ja,
            _ => &self.message,
        }
    }

    /// The help sentence in `lang`.
    pub fn help_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja if !self.help_ja.is_empty() => &self.help_ja,
            _ => &self.help,
        }
    }

    /// The problem as one line in `lang` (`Display` is the English line).
    pub fn told(&self, lang: Lang) -> String {
        let mut out = String::new();
        if let Some(file) = &self.file {
            out += &format!("{file}:");
        }
        if let Some(cell) = &self.cell {
            out += &format!("{cell}: ");
        } else if let (Some(l), Some(c)) = (self.line, self.column) {
            out += &format!("{l}:{c}: ");
        } else if let Some(row) = self.row {
            // Without lines, the row is what finds the input.
            let space = if self.file.is_some() { " " } else { "" };
            out += &match lang {
                Lang::Ja => format!("{space}行 {row}: "),
                Lang::En => format!("{space}row {row}: "),
            };
        } else if self.file.is_some() {
            out.push(' ');
        }
        out += &format!("[{}]", self.code);
        if !self.path.is_empty() {
            out += &format!(" {}:", self.path);
        }
        out + " " + self.message_in(lang)
    }

    /// The problem at `pos`; none for `Pos::NOWHERE` (a node a binding built from values, not text).
    pub(crate) fn at(mut self, pos: Option<Pos>) -> Self {
        if let Some(p) = pos.filter(|p| *p != Pos::NOWHERE) {
            self.line = Some(p.line);
            self.column = Some(p.column);
        }
        self
    }

    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// The problem of the input at `row` of a batch (0-based; no batch reaches `u32::MAX` rows, see
    /// `MAX_ROWS`).
    pub fn in_row(mut self, row: usize) -> Self {
        self.row = Some(u32::try_from(row).unwrap_or(u32::MAX));
        self
    }
}

/// Every problem of the input at `row` of a batch, told with its row.
pub(crate) fn in_row(problems: Vec<Problem>, row: usize) -> Vec<Problem> {
    problems.into_iter().map(|p| p.in_row(row)).collect()
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.told(Lang::En))
    }
}

/// The user's text as a message quotes it: in backquotes, on one line (a line break shown as ↵), cut after 40
/// characters (a cell a stray quote ran to the end of the file is not repeated whole).
pub fn quoted(text: &str) -> String {
    const SHOWN: usize = 40;
    let mut out: String = text
        .chars()
        .take(SHOWN)
        .filter(|&c| c != '\r')
        .map(|c| if c == '\n' { '↵' } else { c })
        .collect();
    if text.chars().nth(SHOWN).is_some() {
        out.push('…');
    }
    format!("`{out}`")
}

/// A message in Japanese and in English, written side by side where the problem is found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub ja: String,
    pub en: String,
}

impl Said {
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Said {
        Said {
            ja: ja.into(),
            en: en.into(),
        }
    }

    /// The message in `lang`.
    pub fn in_lang(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// An English-only message (about bank and crosswalk files, for their authors): the same text in both.
impl From<String> for Said {
    fn from(en: String) -> Said {
        Said { ja: en.clone(), en }
    }
}

impl From<&str> for Said {
    fn from(en: &str) -> Said {
        Said::from(en.to_string())
    }
}

/// `said!("…{x}…", "…{x}…")`: a [`Said`] from a Japanese and an English format string, each formatted as
/// `format!` does (names in braces are captured from the caller).
#[macro_export]
macro_rules! said {
    ($ja:literal, $en:literal $(,)?) => {
        $crate::Said::new(format!($ja), format!($en))
    };
    ($ja:literal, $en:literal, $($arg:expr),+ $(,)?) => {
        $crate::Said::new(format!($ja, $($arg),+), format!($en, $($arg),+))
    };
}

/// A position in a text input (1-based line and column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    /// The position of a node that has none (laid out from values rather than parsed from text).
    pub const NOWHERE: Pos = Pos { line: 0, column: 0 };
}

/// What kind of input an error is about; the Python binding maps these to exception subclasses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Bank,
    Assessment,
    Io,
}

impl ErrorKind {
    /// The name of the error class every binding raises for this kind (Python's exceptions, JavaScript's
    /// `Error.name`).
    pub fn class_name(self) -> &'static str {
        match self {
            ErrorKind::Bank => "BankError",
            ErrorKind::Assessment => "AssessmentError",
            ErrorKind::Io => "FidelityIOError",
        }
    }
}

/// One or more problems that stop an operation.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", render(.problems))]
pub struct Error {
    pub kind: ErrorKind,
    pub problems: Vec<Problem>,
}

fn render(problems: &[Problem]) -> String {
    problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

impl Error {
    /// Every problem, one per line, in `lang` (`Display` is English).
    pub fn told(&self, lang: Lang) -> String {
        self.problems.iter().map(|p| p.told(lang)).collect::<Vec<_>>().join("\n")
    }
}

impl Error {
    pub fn new(kind: ErrorKind, problems: Vec<Problem>) -> Self {
        Error { kind, problems }
    }

    pub fn one(kind: ErrorKind, problem: Problem) -> Self {
        Error {
            kind,
            problems: vec![problem],
        }
    }

    /// The first problem's code (every error has at least one problem).
    pub fn code(&self) -> Option<ErrorCode> {
        self.problems.first().map(|p| p.code)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
