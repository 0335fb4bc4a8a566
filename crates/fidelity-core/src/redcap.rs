//! REDCap, the research teams' tool: a bank version as a REDCap data dictionary (the CSV REDCap imports as an
//! instrument), and a raw export of that instrument read as the wide layout it mirrors. Each element is a
//! radio field (`1` met, `0` not met, `NA` where the element may be not applicable), each △ option list a
//! checkbox field (`field___1` … in the raw export), each figure an integer field; the record id is the
//! office. The export's columns map one to one onto the wide layout's, so a row is read, checked and scored
//! as any wide row, its problems at the export's own line and column.

use crate::assessment::wide::FIXED_COLUMNS;
use crate::assessment::RaterKind;
use crate::bank::{Bank, Evidence};
use crate::error::{Error, ErrorCode, ErrorKind, Problem, Result};
use crate::said;
use crate::text::Lang;
use crate::words::Word;

/// The data dictionary's 18 columns, as REDCap names them.
pub const DICTIONARY_COLUMNS: [&str; 18] = [
    "Variable / Field Name",
    "Form Name",
    "Section Header",
    "Field Type",
    "Field Label",
    "Choices, Calculations, OR Slider Labels",
    "Field Note",
    "Text Validation Type OR Show Slider Number",
    "Text Validation Min",
    "Text Validation Max",
    "Identifier?",
    "Branching Logic (Show field only if...)",
    "Required Field?",
    "Custom Alignment",
    "Question Number (surveys only)",
    "Matrix Group Name",
    "Matrix Ranking?",
    "Field Annotation",
];

/// REDCap's default missing-data codes. `NA` (not applicable) reads as the element's `na`; the others as
/// unanswered.
pub const MISSING_CODES: [&str; 18] = [
    "NI", "INV", "UNK", "NASK", "ASKU", "NAV", "MSK", "NA", "NAVU", "NP", "QS", "QI", "TRC", "UNC", "DER", "PINF", "NINF", "OTH",
];

/// Largest raw export read (it is laid out whole, not streamed): 256 MiB, far above any project's export.
pub const MAX_EXPORT_BYTES: usize = 256 << 20;

/// The record id field, REDCap's first: the office id.
pub const RECORD_ID: &str = "record_id";

/// A REDCap field name for an element id or a bank reference: lowercase, `-`, `.` and `@` as `_`.
pub fn field_name(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
        .collect()
}

/// The instrument's name: the bank reference as a field name (`seiho_shuro_1_1_0`), so an export names the
/// version it was collected with in its `<instrument>_complete` column.
pub fn instrument(bank: &Bank) -> String {
    field_name(&bank.reference())
}

fn options_field(id: &str) -> String {
    format!("{}_opt", field_name(id))
}

/// The data dictionary as the CSV file REDCap imports (`fidelity export redcap`, the WASM package's
/// `redcapDictionary`).
pub fn dictionary_csv(bank: &Bank, lang: Lang) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    for row in dictionary(bank, lang) {
        // Writing to memory cannot fail.
        let _ = out.write_record(row);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The data dictionary of a bank version: header, then one row per field.
pub fn dictionary(bank: &Bank, lang: Lang) -> Vec<Vec<String>> {
    let form = instrument(bank);
    let l = |ja: &str, en: &str| if lang == Lang::Ja { ja } else { en }.to_string();
    let row = |name: String, section: String, kind: &str, label: String, choices: String, note: String, validation: (&str, String)| {
        let mut r = vec![String::new(); DICTIONARY_COLUMNS.len()];
        r[0] = name;
        r[1].clone_from(&form);
        r[2] = section;
        r[3] = kind.into();
        r[4] = label;
        r[5] = choices;
        r[6] = note;
        r[7] = validation.0.into();
        r[8] = validation.1;
        r
    };
    let none = || ("", String::new());
    let mut rows = vec![DICTIONARY_COLUMNS.map(String::from).to_vec()];
    // The rating's identity: the record id is the office's.
    for column in FIXED_COLUMNS {
        let name = if column == "office_id" { RECORD_ID } else { column };
        let label = Word::of_identity(column).map_or(column, |w| w.get(lang)).to_string();
        let (kind, choices) = match column {
            "rater_kind" => {
                let kinds = [RaterKind::SelfAssessment, RaterKind::External];
                let choices: Vec<String> = kinds
                    .iter()
                    .map(|k| format!("{}, {}", k.as_str(), Word::from(*k).get(lang)))
                    .collect();
                ("radio", choices.join(" | "))
            }
            _ => ("text", String::new()),
        };
        rows.push(row(name.into(), String::new(), kind, label, choices, String::new(), none()));
    }
    let notice = bank.def().scoring.notice.get(lang).to_string();
    for (n, (_, item)) in bank.items().enumerate() {
        for (k, e) in item.elements.iter().enumerate() {
            // The item's heading (and, first of all, the provisional-rules notice) above its first element.
            let section = match (n, k) {
                (0, 0) => format!("{notice}<br>{} {}", item.id, item.title.get(lang)),
                (_, 0) => format!("{} {}", item.id, item.title.get(lang)),
                _ => String::new(),
            };
            let mut choices = format!("1, {} | 0, {}", Word::Met.get(lang), Word::NotMet.get(lang));
            if e.na_allowed {
                choices += &format!(" | NA, {}", Word::NotApplicable.get(lang));
            }
            let label = format!("{} {}", e.id, e.text.get(lang));
            let guidance = e.guidance.as_ref().map(|g| g.get(lang).to_string()).unwrap_or_default();
            rows.push(row(field_name(&e.id), section, "radio", label, choices, guidance, none()));
            match e.criterion.evidence() {
                Evidence::None => {}
                Evidence::Flags(options) => {
                    let choices: Vec<String> = options
                        .iter()
                        .enumerate()
                        .map(|(i, o)| format!("{}, {}", i + 1, o.label.get(lang)))
                        .collect();
                    let label = Word::EvidenceOptions.get(lang).to_string();
                    let note = l(
                        "選ぶと、上の判断より優先します",
                        "When any is chosen, they decide over the judgement above",
                    );
                    rows.push(row(
                        options_field(&e.id),
                        String::new(),
                        "checkbox",
                        label,
                        choices.join(" | "),
                        note,
                        none(),
                    ));
                }
                Evidence::Counts(inputs) => {
                    for input in inputs {
                        let label = format!("{} ({})", input.label.get(lang), input.unit.get(lang));
                        let name = format!("{}_{}", field_name(&e.id), input.key);
                        rows.push(row(
                            name,
                            String::new(),
                            "text",
                            label,
                            String::new(),
                            String::new(),
                            ("integer", input.min.to_string()),
                        ));
                    }
                }
            }
        }
    }
    rows
}

/// Whether a header is a REDCap raw export (its first column the record id) rather than the wide layout.
pub fn is_export(header: &[&str]) -> bool {
    header.first().is_some_and(|h| h.trim_start_matches('\u{feff}') == RECORD_ID) && !header.contains(&"office_id")
}

/// The bank version an export names in its `<instrument>_complete` column, among `references`.
pub fn named_version<'r>(header: &[&str], references: impl IntoIterator<Item = &'r str>) -> Option<&'r str> {
    let complete: Vec<&str> = header.iter().filter_map(|h| h.strip_suffix("_complete")).collect();
    references.into_iter().find(|r| complete.contains(&field_name(r).as_str()))
}

/// The built-in bank version an export's instrument names, if it names one.
pub fn builtin_version(header: &[&str]) -> Option<String> {
    let versions: Vec<String> = crate::builtin::list().into_iter().map(|(id, v)| format!("{id}@{v}")).collect();
    named_version(header, versions.iter().map(String::as_str)).map(str::to_string)
}

/// The wide layout's name for each column of an export: the record id as `office_id`, elements, options
/// (`a_3_4_opt___2` as the second option) and figures by their ids; REDCap's own columns and anything else
/// kept as it is (carried through).
pub fn wide_header(bank: &Bank, header: &[&str]) -> Result<Vec<String>> {
    let mut names = std::collections::HashMap::new();
    for e in bank.elements() {
        let id = &e.element.id;
        names.insert(field_name(id), id.clone());
        match e.element.criterion.evidence() {
            Evidence::None => {}
            Evidence::Flags(options) => {
                for (i, o) in options.iter().enumerate() {
                    names.insert(format!("{}___{}", options_field(id), i + 1), format!("{id}:{}", o.key));
                }
            }
            Evidence::Counts(inputs) => {
                for input in inputs {
                    names.insert(format!("{}_{}", field_name(id), input.key), format!("{id}:{}", input.key));
                }
            }
        }
    }
    let mut problems = Vec::new();
    let out = header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = h.trim_start_matches('\u{feff}');
            if h == RECORD_ID {
                return "office_id".to_string();
            }
            if let Some(name) = names.get(h) {
                return name.clone();
            }
            // A checkbox column of an options field with a code the dictionary does not have.
            if let Some((field, code)) = h.split_once("___") {
                if bank.elements().any(|e| options_field(&e.element.id) == field) {
                    problems.push(
                        Problem::new(
                            ErrorCode::UnknownOption,
                            h,
                            said!(
                                "列 `{h}`: 選択肢 {code} はこのインストゥルメントにありません",
                                "column `{h}`: option {code} is not in the instrument"
                            ),
                        )
                        .at(Some(crate::error::Pos {
                            line: 1,
                            column: i as u32 + 1,
                        })),
                    );
                }
            }
            h.to_string()
        })
        .collect();
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::new(ErrorKind::Assessment, problems))
    }
}

/// A cell of an export as the wide layout reads it: REDCap's missing-data codes as blank, but `NA` (not
/// applicable) as `na`.
pub fn wide_cell(cell: &str) -> &str {
    match cell.trim() {
        "NA" => "na",
        t if MISSING_CODES.contains(&t) => "",
        _ => cell,
    }
}

/// A whole raw export as the wide layout's CSV text, record for record (so lines and columns stay those of
/// the export): what `fidelity score` and the bindings read an export through.
pub fn to_wide_csv(bank: &Bank, text: &str) -> Result<String> {
    if text.len() > MAX_EXPORT_BYTES {
        let size = text.len();
        let message = said!(
            "{size} バイトの REDCap エクスポートです。読むのは {MAX_EXPORT_BYTES} バイトまでです",
            "a REDCap export of {size} bytes; at most {MAX_EXPORT_BYTES} bytes are read"
        );
        return Err(Error::one(
            ErrorKind::Assessment,
            Problem::new(ErrorCode::LimitExceeded, "", message),
        ));
    }
    let syntax = |e: csv::Error| {
        let line = e.position().map(|p| p.line() as u32);
        let mut p = Problem::new(
            ErrorCode::Syntax,
            "",
            said!("CSV として正しくありません: {e}", "not a well-formed CSV: {e}"),
        );
        p.line = line;
        Error::one(ErrorKind::Assessment, p)
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut records = reader.records();
    let Some(header) = records.next().transpose().map_err(syntax)? else {
        return Ok(String::new());
    };
    let header: Vec<&str> = header.iter().collect();
    out.write_record(wide_header(bank, &header)?).map_err(syntax)?;
    for record in records {
        let record = record.map_err(syntax)?;
        out.write_record(record.iter().map(wide_cell)).map_err(syntax)?;
    }
    let bytes = out.into_inner().map_err(|e| syntax(e.into_error().into()))?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

/// The header of a CSV text when it is a REDCap raw export's (REDCap writes plain names, quoted or not, on the
/// first line).
pub fn export_header(text: &str) -> Option<Vec<&str>> {
    let first = text.lines().next().unwrap_or_default();
    let header: Vec<&str> = first.split(',').map(|h| h.trim_matches('"')).collect();
    is_export(&header).then_some(header)
}

/// A CSV text in the wide layout: a REDCap raw export laid out as the wide layout it mirrors for `bank`, any
/// other CSV as it is.
pub fn as_wide<'t>(bank: &Bank, text: &'t str) -> Result<std::borrow::Cow<'t, str>> {
    Ok(match export_header(text) {
        Some(_) => std::borrow::Cow::Owned(to_wide_csv(bank, text)?),
        None => std::borrow::Cow::Borrowed(text),
    })
}

/// A CSV text as the wide layout: a REDCap raw export laid out with the built-in version its instrument names
/// (the default bank's newest when it names none), with that version's reference; `None` for any other CSV.
pub fn wide_text(text: &str) -> Result<Option<(String, String)>> {
    let Some(header) = export_header(text) else {
        return Ok(None);
    };
    let reference = builtin_version(&header);
    let bank = crate::builtin::get(reference.as_deref().unwrap_or(crate::builtin::DEFAULT))?;
    Ok(Some((to_wide_csv(&bank, text)?, bank.reference())))
}
