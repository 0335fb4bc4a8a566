//! Excel workbooks, the offices' tool: the template an office fills in (rust_xlsxwriter) and reading a workbook
//! back (calamine), either that template or a workbook whose first sheet is the wide layout (one office per
//! row). Either way the cells are laid out as a wide row and read by the wide reader, so a workbook is checked
//! by the rules, codes and paths every input is; each problem also names its sheet and cell (`回答!C14`).
//!
//! The template's sheets: answers (column A the element id, B its text, C the answer, D the finding; item
//! headings, △ option rows `A-3.4:relationship` and figure rows `B-1.6:capacity` under their element), the
//! office (column A the key, C the value), and instructions (the notice, the guidance, the glossary). Rows are
//! found by the id in column A, so rows moved still read right; the text is locked, the answer cells are not.

use crate::assessment::wide::{Cell, WideLayout, WideRow, FIXED_COLUMNS, RATING_COLUMNS};
use crate::assessment::{Assessment, RaterKind};
use crate::bank::{Bank, Evidence};
use crate::error::Said;
use crate::error::{Error, ErrorCode, ErrorKind, Problem, Result};
use crate::said;
use crate::text::Lang;
use crate::words::Word;
use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{DataValidation, DataValidationRule, Format, Workbook, Worksheet, XlsxError};
use std::io::Cursor;

/// Largest workbook read, in bytes (a filled template is about 20 KB).
pub const MAX_WORKBOOK_BYTES: usize = 32 << 20;
/// Most rows of a sheet read.
pub const MAX_SHEET_ROWS: usize = 1_000_000;
/// The most cells a sheet's used rectangle (from its first used cell to its last) may span: calamine holds
/// the rectangle whole, 32 bytes a cell, so a sheet with one cell at A1 and one at XFD1048576 would ask for
/// half a terabyte. 8 million cells are 256 MiB (46,000 offices in the 173 columns of the 1.1.0 wide layout).
pub const MAX_SHEET_CELLS: u64 = 8_000_000;
/// The most bytes a workbook's parts may hold once unzipped, all together: a zip bomb (a small file that
/// unzips to gigabytes of XML) is refused before calamine reads any of it.
pub const MAX_UNZIPPED_BYTES: u64 = 256 << 20;
/// The formulas told one by one, at most; a sheet of formulas is refused by its first thousand.
const MAX_FORMULA_PROBLEMS: usize = 1_000;

/// The template's sheet names and words, by language.
struct Words {
    answers: &'static str,
    office: &'static str,
    instructions: &'static str,
    header: [&'static str; 4],
}

const JA: Words = Words {
    answers: "回答",
    office: "事務所",
    instructions: "説明",
    header: ["ID", "内容", "回答", "所見"],
};

const EN: Words = Words {
    answers: "Answers",
    office: "Office",
    instructions: "Instructions",
    header: ["ID", "Text", "Answer", "Finding"],
};

fn words(lang: Lang) -> &'static Words {
    if lang == Lang::En {
        &EN
    } else {
        &JA
    }
}

/// An option row's two answers: selected, not selected.
const OPTION_MARKS: [&str; 2] = ["○", "×"];

/// The office sheet's rows, by the key in column A: the checklist version, then the rating's identity.
fn office_keys() -> impl Iterator<Item = &'static str> {
    std::iter::once("bank").chain(FIXED_COLUMNS).chain(RATING_COLUMNS)
}

/// An office row's label (column B).
fn office_label(key: &str, lang: Lang) -> String {
    match (key, Word::of_identity(key)) {
        ("rater_date", Some(w)) => format!("{} (YYYY-MM-DD)", w.get(lang)),
        (_, Some(w)) => w.get(lang).to_string(),
        _ => if lang == Lang::En {
            "Checklist version"
        } else {
            "チェックリストの版"
        }
        .to_string(),
    }
}

/// The rater kinds as the office sheet offers them.
const KINDS: [RaterKind; 2] = [RaterKind::SelfAssessment, RaterKind::External];

fn xlsx_error(e: XlsxError) -> Error {
    Error::one(
        ErrorKind::Io,
        Problem::new(
            ErrorCode::Io,
            "",
            said!("ブックを書き出せません: {e}", "cannot write the workbook: {e}"),
        ),
    )
}

/// The workbook an office fills in for a bank version, in `lang`.
pub fn template(bank: &Bank, lang: Lang) -> Result<Vec<u8>> {
    build_template(bank, lang).map_err(xlsx_error)
}

fn build_template(bank: &Bank, lang: Lang) -> std::result::Result<Vec<u8>, XlsxError> {
    let w = words(lang);
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let open = Format::new()
        .set_unlocked()
        .set_background_color("#FFF9DB")
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let open_wrap = open.clone().set_text_wrap();

    let answers = book.add_worksheet();
    answers.set_name(w.answers)?;
    answers
        .set_column_width(0, 28)?
        .set_column_width(1, 70)?
        .set_column_width(2, 14)?
        .set_column_width(3, 40)?;
    // Printed on A4 across, one page wide, the heading row on every page.
    answers
        .set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_print_gridlines(true);
    answers.set_repeat_rows(0, 0)?;
    for (c, h) in w.header.iter().enumerate() {
        answers.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    answers.set_freeze_panes(1, 0)?;
    let judgement = |na: bool| {
        let mut list = vec![Word::Met.get(lang), Word::NotMet.get(lang)];
        if na {
            list.push(Word::NotApplicable.get(lang));
        }
        DataValidation::new().allow_list_strings(&list)
    };
    let marks = DataValidation::new().allow_list_strings(&OPTION_MARKS)?;
    // Rows tall enough for their wrapped text (Excel fits them on opening; LibreOffice and print need it).
    let fit = |sheet: &mut Worksheet, row: u32, text: &str| -> std::result::Result<(), XlsxError> {
        // Column B holds about 70 narrow or 35 wide characters a line.
        let width: usize = text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
        let lines = width.div_ceil(68).max(1);
        if lines > 1 {
            sheet.set_row_height(row, 15.0 * lines as f64)?;
        }
        Ok(())
    };
    let mut row: u32 = 1;
    for (_, item) in bank.items() {
        answers.write_string_with_format(row, 0, &item.id, &bold)?;
        answers.write_string_with_format(row, 1, item.title.get(lang), &bold.clone().set_text_wrap())?;
        fit(answers, row, item.title.get(lang))?;
        row += 1;
        for e in &item.elements {
            answers.write_string(row, 0, &e.id)?;
            answers.write_string_with_format(row, 1, e.text.get(lang), &wrap)?;
            fit(answers, row, e.text.get(lang))?;
            answers.write_blank(row, 2, &open)?;
            answers.write_blank(row, 3, &open_wrap)?;
            answers.add_data_validation(row, 2, row, 2, &judgement(e.na_allowed)?)?;
            row += 1;
            match e.criterion.evidence() {
                Evidence::None => {}
                Evidence::Flags(options) => {
                    for o in options {
                        answers.write_string(row, 0, format!("{}:{}", e.id, o.key))?;
                        let label = format!("　△ {}", o.label.get(lang));
                        answers.write_string_with_format(row, 1, &label, &wrap)?;
                        fit(answers, row, &label)?;
                        answers.write_blank(row, 2, &open)?;
                        answers.add_data_validation(row, 2, row, 2, &marks)?;
                        row += 1;
                    }
                }
                Evidence::Counts(inputs) => {
                    for input in inputs {
                        answers.write_string(row, 0, format!("{}:{}", e.id, input.key))?;
                        let label = format!("　{} ({})", input.label.get(lang), input.unit.get(lang));
                        answers.write_string_with_format(row, 1, &label, &wrap)?;
                        fit(answers, row, &label)?;
                        answers.write_blank(row, 2, &open)?;
                        let min = i32::try_from(input.min).unwrap_or(i32::MAX);
                        let whole = DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(min));
                        answers.add_data_validation(row, 2, row, 2, &whole)?;
                        row += 1;
                    }
                }
            }
        }
    }
    answers.protect();

    let office = book.add_worksheet();
    office.set_name(w.office)?;
    office.set_column_width(0, 14)?.set_column_width(1, 30)?.set_column_width(2, 40)?;
    office.set_paper_size(9).set_print_fit_to_pages(1, 0);
    let kinds = DataValidation::new().allow_list_strings(&KINDS.map(|k| Word::from(k).get(lang)))?;
    for (r, key) in office_keys().enumerate() {
        let r = r as u32;
        office.write_string(r, 0, key)?;
        office.write_string_with_format(r, 1, office_label(key, lang), &bold)?;
        if key == "bank" {
            office.write_string(r, 2, bank.reference())?;
        } else {
            office.write_blank(r, 2, &open)?;
        }
        if key == "rater_kind" {
            office.add_data_validation(r, 2, r, 2, &kinds)?;
        }
    }
    office.protect();

    let help = book.add_worksheet();
    help.set_name(w.instructions)?;
    help.set_column_width(0, 24)?.set_column_width(1, 100)?;
    help.set_paper_size(9).set_landscape().set_print_fit_to_pages(1, 0);
    write_instructions(help, bank, lang, &bold, &wrap)?;
    book.save_to_buffer()
}

fn write_instructions(sheet: &mut Worksheet, bank: &Bank, lang: Lang, bold: &Format, wrap: &Format) -> std::result::Result<(), XlsxError> {
    let def = bank.def();
    let l = |ja: &'static str, en: &'static str| if lang == Lang::En { en } else { ja };
    let mut rows: Vec<(String, String)> = vec![
        (def.title.get(lang).to_string(), bank.reference()),
        (l("※ 採点規則について", "※ The scoring rules").into(), def.scoring.notice.get(lang).into()),
        (
            l("記入のしかた", "How to fill it in").into(),
            l(
                "「回答」シートのC列に、要素ごとに達成・未達成（該当なしを認める要素は該当なし）を選びます。△の選択肢は○か×、数値は整数で入力します。D列には所見（見たこと、聞いた相手）を書けます。「事務所」シートに事務所と評価者を記入します。ほかのセルは変更できません。",
                "In the Answers sheet, choose met or not met (or not applicable, where the element allows it) in column C for each element. Mark △ options ○ or ×, and give figures as whole numbers. Column D takes your finding (what was seen, who said it). Fill in the office and rater in the Office sheet. Other cells cannot be changed.",
            )
            .into(),
        ),
    ];
    if let Some(g) = &def.guidance {
        rows.push((crate::words::Word::Guidance.get(lang).into(), g.get(lang).into()));
    }
    for g in &def.glossary {
        rows.push((g.term.get(lang).into(), g.definition.get(lang).into()));
    }
    for (r, (a, b)) in rows.iter().enumerate() {
        sheet.write_string_with_format(r as u32, 0, a, bold)?;
        sheet.write_string_with_format(r as u32, 1, b, wrap)?;
    }
    Ok(())
}

/// One office read from a workbook: its assessment, or every problem of it.
pub type ReadRow = std::result::Result<Assessment, Vec<Problem>>;

/// A workbook read back: the bank version it was read with, and each office's assessment or problems (one
/// for the template, one per row for a wide sheet).
#[derive(Debug)]
pub struct ReadBook {
    pub bank: std::sync::Arc<Bank>,
    pub rows: Vec<ReadRow>,
}

fn problem(code: ErrorCode, cell: Option<String>, message: Said) -> Problem {
    let mut p = Problem::new(code, "", message);
    p.cell = cell;
    p
}

fn failed(p: Problem) -> Error {
    Error::one(ErrorKind::Assessment, p)
}

/// `A1`-style reference of a 0-based row and column.
fn a1(row: u32, col: u32) -> String {
    let mut letters = String::new();
    let mut c = col + 1;
    while c > 0 {
        let r = (c - 1) % 26;
        letters.insert(0, (b'A' + r as u8) as char);
        c = (c - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

fn at(sheet: &str, row: u32, col: u32) -> String {
    format!("{sheet}!{}", a1(row, col))
}

/// A cell's value as the wide reader reads text: a number as written, a date as `YYYY-MM-DD` (Excel turns a
/// typed date into one; in a rater's date it is right, anywhere else the reader refuses it at its cell), an
/// error value as its text (`#N/A`), which the reader refuses.
fn value(data: &Data) -> Option<String> {
    match data {
        Data::Empty => None,
        Data::String(s) => Some(s.clone()),
        Data::Int(i) => Some(i.to_string()),
        Data::Float(f) => Some(Cell::Number(*f).text().into_owned()),
        Data::Bool(b) => Some(b.to_string()),
        Data::DateTime(d) => Some(serial_date(d.as_f64(), data)),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Some(s.clone()),
        Data::Error(e) => Some(e.to_string()),
    }
}

/// An Excel date serial (days since 1899-12-30) as `YYYY-MM-DD` (its time of day, if any, dropped).
fn serial_date(serial: f64, data: &Data) -> String {
    if !(0.0..3_000_000.0).contains(&serial) {
        return data.to_string();
    }
    // Days since 1970-01-01, then the civil date (H. Hinnant's days_from_civil, inverted).
    let z = serial.floor() as i64 - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Reads a workbook: the template (a sheet `回答` or `Answers` with the office sheet), or a first sheet in the
/// wide layout. `bank_for` gives the bank for the version the workbook declares: the one the template names,
/// or the built-in version of the default bank a wide header is written for (`None` when neither).
pub fn read(bytes: &[u8], bank_for: impl Fn(Option<&str>) -> Result<std::sync::Arc<Bank>>) -> Result<ReadBook> {
    if bytes.len() > MAX_WORKBOOK_BYTES {
        let size = bytes.len();
        let message = said!(
            "{size} バイトのブックです。読むのは {MAX_WORKBOOK_BYTES} バイトまでです",
            "a workbook of {size} bytes; at most {MAX_WORKBOOK_BYTES} bytes are read"
        );
        return Err(failed(problem(ErrorCode::LimitExceeded, None, message)));
    }
    unzipped_within_limit(bytes)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| not_a_workbook(&e))?;
    let names = book.sheet_names();
    let template = [&JA, &EN]
        .into_iter()
        .find(|w| names.iter().any(|n| n == w.answers) && names.iter().any(|n| n == w.office));
    match template {
        Some(w) => read_template(&mut book, w, bank_for).map(|(bank, row)| ReadBook { bank, rows: vec![row] }),
        None => {
            let first = names.first().cloned().ok_or_else(|| {
                failed(problem(
                    ErrorCode::Syntax,
                    None,
                    Said::new("ブックにシートがありません", "the workbook has no sheet"),
                ))
            })?;
            read_wide(&mut book, &first, bank_for)
        }
    }
}

/// A file that neither the zip reader nor calamine can open as a workbook.
fn not_a_workbook(e: &dyn std::fmt::Display) -> Error {
    failed(problem(
        ErrorCode::Syntax,
        None,
        said!("Excel のブック（.xlsx）ではありません: {e}", "not an Excel workbook (.xlsx): {e}"),
    ))
}

/// Unzips every part of the workbook into nothing, counting its bytes, and refuses the workbook once they pass
/// `MAX_UNZIPPED_BYTES` (the sizes a zip declares can lie; the bytes it unzips to cannot).
fn unzipped_within_limit(bytes: &[u8]) -> Result<()> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| not_a_workbook(&e))?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|e| not_a_workbook(&e))?;
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let left = MAX_UNZIPPED_BYTES - total;
        total += std::io::copy(&mut std::io::Read::take(part, left + 1), &mut std::io::sink()).map_err(|e| {
            let message = said!(
                "ブックの部品 {name} が壊れています: {e}",
                "the workbook's part {name} is damaged: {e}"
            );
            failed(problem(ErrorCode::Syntax, None, message))
        })?;
        if total > MAX_UNZIPPED_BYTES {
            let message = said!(
                "ブックを展開すると {MAX_UNZIPPED_BYTES} バイトを超えます（圧縮爆弾かもしれません）",
                "the workbook unzips to more than {MAX_UNZIPPED_BYTES} bytes (it may be a zip bomb)"
            );
            return Err(failed(problem(ErrorCode::LimitExceeded, None, message)));
        }
    }
    Ok(())
}

/// The sheet's cells, refusing merged cells and formulas (a wrong score is worse than an error). Read cell by
/// cell, so that a sheet whose used rectangle passes `MAX_SHEET_ROWS` rows or `MAX_SHEET_CELLS` cells is
/// refused at the cell that makes it so, before anything of its size is held.
fn sheet(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<calamine::Range<Data>> {
    let cannot = |e: calamine::XlsxError| {
        failed(problem(
            ErrorCode::Syntax,
            None,
            said!("シート {name} を読めません: {e}", "sheet {name} cannot be read: {e}"),
        ))
    };
    let mut cells = Vec::new();
    let mut reader = book.worksheet_cells_reader(name).map_err(cannot)?;
    let (mut first, mut last) = ((u32::MAX, u32::MAX), (0, 0));
    while let Some(cell) = reader.next_cell().map_err(cannot)? {
        if matches!(cell.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
        first = (first.0.min(r), first.1.min(c));
        last = (last.0.max(r), last.1.max(c));
        let (rows, columns) = (u64::from(last.0 - first.0) + 1, u64::from(last.1 - first.1) + 1);
        if rows > MAX_SHEET_ROWS as u64 || rows * columns > MAX_SHEET_CELLS {
            let message = said!(
                "シート {name} の使われている範囲が {rows} 行 {columns} 列になります。読むのは {MAX_SHEET_ROWS} 行まで、{MAX_SHEET_CELLS} セルまでです",
                "sheet {name} is used over {rows} rows and {columns} columns; at most {MAX_SHEET_ROWS} rows and {MAX_SHEET_CELLS} cells are read"
            );
            return Err(failed(problem(ErrorCode::LimitExceeded, Some(at(name, r, c)), message)));
        }
        cells.push(calamine::Cell::new((r, c), Data::from(cell.get_value().clone())));
    }
    drop(reader);
    let range = calamine::Range::from_sparse(cells);
    let mut problems = Vec::new();
    for d in book.merge_cells_by_sheet_name(name).unwrap_or_default() {
        let message = Said::new(
            "結合されたセルです。結合を解除し、回答ごとに一つのセルにしてください",
            "merged cells: unmerge them so that each answer has its own cell",
        );
        problems.push(problem(ErrorCode::WrongType, Some(at(name, d.start.0, d.start.1)), message));
    }
    let mut formulas = book.worksheet_cells_reader(name).map_err(cannot)?;
    while let Some(cell) = formulas.next_formula().map_err(cannot)? {
        let f = cell.get_value();
        if !f.is_empty() {
            let (r, c) = cell.get_position();
            let message = said!(
                "数式（={f}）です。回答そのものを入力してください",
                "a formula (={f}); type the answer itself"
            );
            problems.push(problem(ErrorCode::WrongType, Some(at(name, r, c)), message));
            if problems.len() >= MAX_FORMULA_PROBLEMS {
                break;
            }
        }
    }
    if problems.is_empty() {
        Ok(range)
    } else {
        Err(Error::new(ErrorKind::Assessment, problems))
    }
}

/// Reads `cells` (the wide header's order) as one wide row; each problem gets the cell its column came from.
fn wide_row(layout: &WideLayout<'_>, line: u64, cells: &[Cell<'_>], place: &dyn Fn(usize) -> Option<String>) -> WideRow {
    let mut row = layout.read(line, cells);
    if let Err(problems) = &mut row.assessment {
        for p in problems.iter_mut() {
            p.cell = p.column.and_then(|c| place(c as usize - 1));
        }
    }
    row
}

fn read_template(
    book: &mut Xlsx<Cursor<&[u8]>>,
    w: &Words,
    bank_for: impl Fn(Option<&str>) -> Result<std::sync::Arc<Bank>>,
) -> Result<(std::sync::Arc<Bank>, ReadRow)> {
    let office = sheet(book, w.office)?;
    let answers = sheet(book, w.answers)?;
    // (column name, value, where it came from)
    let mut columns: Vec<(String, Option<String>, String)> = Vec::new();
    let mut reference = None;
    let (o0, _) = office.start().unwrap_or((0, 0));
    for (r, row) in office.rows().enumerate() {
        let r = o0 + r as u32;
        let key = row.first().map(|d| d.to_string()).unwrap_or_default();
        let cell = at(w.office, r, 2);
        let v = value(row.get(2).unwrap_or(&Data::Empty));
        match key.as_str() {
            "bank" => reference = v,
            "rater_kind" => {
                // The kind's word in either language, or its code as written.
                let kind = v.map(|k| {
                    let named = KINDS
                        .into_iter()
                        .find(|kind| [Lang::Ja, Lang::En].iter().any(|l| Word::from(*kind).get(*l) == k));
                    named.map_or(k, |kind| kind.as_str().to_string())
                });
                columns.push((key, kind, cell));
            }
            k if FIXED_COLUMNS.contains(&k) || RATING_COLUMNS.contains(&k) => columns.push((key, v, cell)),
            _ => {}
        }
    }
    let bank = bank_for(reference.as_deref())?;
    let (a0, _) = answers.start().unwrap_or((0, 0));
    for (r, row) in answers.rows().enumerate().skip(1) {
        let r = a0 + r as u32;
        let id = row.first().map(|d| d.to_string()).unwrap_or_default();
        let id = id.trim();
        let is_element = bank.element(id).is_some();
        let is_input = id.split_once(':').is_some_and(|(e, _)| bank.element(e).is_some());
        if !is_element && !is_input {
            continue; // item headings and anything an office added
        }
        let cell = at(w.answers, r, 2);
        let v = value(row.get(2).unwrap_or(&Data::Empty));
        let v = v.map(|t| {
            let t = t.trim().to_string();
            let is = |w: Word| [Lang::Ja, Lang::En].iter().any(|l| w.get(*l) == t);
            match t.as_str() {
                _ if is(Word::Met) => "1".into(),
                _ if is(Word::NotMet) => "0".into(),
                _ if is(Word::NotApplicable) => "na".into(),
                s if s == OPTION_MARKS[0] => "1".into(),
                s if s == OPTION_MARKS[1] => "0".into(),
                _ => t,
            }
        });
        columns.push((id.to_string(), v, cell));
        if is_element {
            if let Some(finding) = value(row.get(3).unwrap_or(&Data::Empty)) {
                columns.push((format!("finding:{id}"), Some(finding), at(w.answers, r, 3)));
            }
        }
    }
    // A row duplicated by hand would give its id twice: the header check names it.
    let header: Vec<&str> = columns.iter().map(|(n, _, _)| n.as_str()).collect();
    let layout = WideLayout::new(&bank, header.iter().copied()).map_err(|mut e| {
        for p in &mut e.problems {
            p.cell = p.column.and_then(|c| columns.get(c as usize - 1)).map(|(_, _, at)| at.clone());
        }
        e
    })?;
    let cells: Vec<Cell<'_>> = columns.iter().map(|(_, v, _)| Cell::Text(v.as_deref().unwrap_or(""))).collect();
    let place = |i: usize| columns.get(i).map(|(_, _, at)| at.clone());
    let mut row = wide_row(&layout, 2, &cells, &place);
    // A missing office, period or rater is told at the cell to fill in, not at the row's first cell.
    if let Err(problems) = &mut row.assessment {
        for p in problems.iter_mut().filter(|p| p.code == ErrorCode::MissingField) {
            let key = match p.path.split('.').next().unwrap_or_default() {
                "office" => "office_id",
                "rater" => "rater_kind",
                other => other,
            };
            // The cell the office sheet has for it, wherever its row is.
            if let Some((_, _, cell)) = columns.iter().find(|(name, _, _)| name == key) {
                p.cell = Some(cell.clone());
            }
        }
    }
    Ok((bank, row.assessment))
}

fn read_wide(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    bank_for: impl Fn(Option<&str>) -> Result<std::sync::Arc<Bank>>,
) -> Result<ReadBook> {
    let range = sheet(book, name)?;
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .map(|h| h.iter().map(|d| d.to_string().trim().to_string()).collect())
        .unwrap_or_default();
    let names: Vec<&str> = header.iter().map(String::as_str).collect();
    let bank = bank_for(crate::boundary::bank_for_header(crate::builtin::DEFAULT, &names).as_deref())?;
    let layout = WideLayout::new(&bank, header.iter().map(String::as_str)).map_err(|mut e| {
        for p in &mut e.problems {
            p.cell = p.column.map(|c| at(name, r0, c0 + c - 1));
        }
        e
    })?;
    let mut out = Vec::new();
    for (k, row) in rows.enumerate() {
        let r = r0 + 1 + k as u32;
        if row.iter().all(|d| matches!(d, Data::Empty)) {
            continue;
        }
        let texts: Vec<Option<String>> = row.iter().map(value).collect();
        let cells: Vec<Cell<'_>> = texts.iter().map(|t| Cell::Text(t.as_deref().unwrap_or(""))).collect();
        let place = |i: usize| Some(at(name, r, c0 + i as u32));
        out.push(wide_row(&layout, u64::from(r) + 1, &cells, &place).assessment);
    }
    Ok(ReadBook { bank, rows: out })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_and_dates_read_as_excel_shows_them() {
        assert_eq!(
            [a1(0, 0), a1(13, 2), a1(0, 25), a1(0, 26), a1(9, 701)],
            ["A1", "C14", "Z1", "AA1", "ZZ10"]
        );
        // Serials as Excel shows them (1900 date system): 45658 is 2025-01-01, 46290.75 is 2026-09-25 18:00.
        for (serial, date) in [
            (45_658.0, "2025-01-01"),
            (46_290.75, "2026-09-25"),
            (61.0, "1900-03-01"),
            (36_526.0, "2000-01-01"),
        ] {
            assert_eq!(serial_date(serial, &Data::Empty), date);
        }
    }
}
