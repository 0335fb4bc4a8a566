//! What every command reads: banks (`--bank`, `--bank-dir`, or the one an assessment names), libraries,
//! input files (through the core's reader, so every interface answers alike), score reports and CSV rows,
//! and where a problem came from.

use crate::args::{BankArgs, LibraryArgs, ReportFiles};
use crate::output::Sink;
use crate::{Failure, Outcome};
use fidelity_core::batch::WideReader;
use fidelity_core::boundary::{utf8_reader, Document, Origin, TextEncoding};
use fidelity_core::{builtin, redcap, score, workbook, Bank, Error, Lang, Library, Said, ScoreReport};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

impl LibraryArgs {
    pub(crate) fn open(&self) -> Result<Library, Failure> {
        Ok(match &self.banks {
            Some(dir) => Library::with_dir(dir)?,
            None => Library::builtin(),
        })
    }
}

impl ReportFiles {
    /// The library and every report: CSV rows scored with `bank` (invalid rows reported on stderr, which
    /// makes the flag false), assessments scored with the bank they name, reports read as they are.
    pub(crate) fn read(&self) -> Result<(Library, Vec<ScoreReport>, bool), Failure> {
        let library = self.library.open()?;
        let mut reports = Vec::new();
        let mut all_ok = true;
        for path in &self.files {
            if is_csv(path) {
                let declared = match &self.bank {
                    Some(bank) => Some(bank.clone()),
                    None => csv_declared(path, TextEncoding::Auto)?,
                };
                let bank = library.bank(declared.as_deref().unwrap_or(builtin::DEFAULT))?;
                all_ok &= csv_reports(path, &bank, TextEncoding::Auto, |r| {
                    reports.push(r);
                    Ok(())
                })?;
            } else {
                reports.push(report_of(&library, path)?);
            }
        }
        Ok((library, reports, all_ok))
    }
}

/// The banks a command may use: a `--bank-dir` folder, loaded and checked once, or built-in banks by name.
pub(crate) struct Banks {
    dir: Option<Arc<Bank>>,
    name: Option<String>,
}

impl Banks {
    pub(crate) fn open(args: &BankArgs) -> Result<Banks, Failure> {
        let dir = match &args.bank_dir {
            Some(dir) => Some(Arc::new(Bank::from_dir(dir)?)),
            None => None,
        };
        Ok(Banks {
            dir,
            name: args.bank.clone(),
        })
    }

    /// The bank for an input: `--bank-dir`, `--bank`, the bank the assessment names, or the default.
    pub(crate) fn pick(&self, declared: Option<&str>) -> Result<Arc<Bank>, Failure> {
        if let Some(bank) = &self.dir {
            return Ok(bank.clone());
        }
        Ok(builtin::get(self.name.as_deref().or(declared).unwrap_or(builtin::DEFAULT))?)
    }

    /// The bank for a wide CSV: `--bank-dir`, `--bank`, or the built-in version its header is written for.
    pub(crate) fn pick_csv(&self, path: &Path, encoding: TextEncoding) -> Result<Arc<Bank>, Failure> {
        let declared = match (&self.dir, &self.name) {
            (None, None) => csv_declared(path, encoding)?,
            _ => None,
        };
        self.pick(declared.as_deref())
    }
}

/// A CSV file's header as written (a byte-order mark dropped); `None` for an empty file.
fn csv_header(path: &Path, encoding: TextEncoding) -> Result<Option<Vec<String>>, Failure> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(open_utf8(path, encoding)?);
    Ok(match reader.records().next() {
        Some(Ok(header)) => Some(header.iter().map(|h| h.trim_start_matches('\u{feff}').to_string()).collect()),
        _ => None,
    })
}

/// The built-in version of the default bank a wide CSV's header is written for (a REDCap export: the one its
/// instrument names); `None` when the header fits no version (its problems are then told against the newest).
pub(crate) fn csv_declared(path: &Path, encoding: TextEncoding) -> Result<Option<String>, Failure> {
    let Some(header) = csv_header(path, encoding)? else {
        return Ok(None);
    };
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    if redcap::is_export(&header) {
        return Ok(redcap::builtin_version(&header));
    }
    Ok(fidelity_core::boundary::bank_for_header(builtin::DEFAULT, &header))
}

/// A text input file, read by the core as every interface reads it: an unreadable file is a wrong call (exit
/// 2), a file that is not UTF-8 is an input with a problem (exit 1).
pub(crate) fn read(path: &Path) -> Result<String, Failure> {
    fidelity_core::boundary::read_file(path).map_err(|e| match e.kind {
        fidelity_core::ErrorKind::Io => wrong_call(&e),
        _ => Failure::Problems(e),
    })
}

/// An `io` error of the core's as a wrong call (exit 2), told as the core tells it.
fn wrong_call(e: &Error) -> Failure {
    Failure::Message(Said::new(e.told(Lang::Ja), e.told(Lang::En)))
}

/// A score report from a file: a report's JSON as it is, or an assessment scored with the bank it names.
pub(crate) fn report_of(library: &Library, path: &Path) -> Result<ScoreReport, Failure> {
    let text = read(path)?;
    Ok(library.report(&document(&text, path), None)?)
}

/// Writes a whole text to stdout or a new file.
pub(crate) fn write_new(output: Option<&Path>, inputs: &[PathBuf], text: &str) -> Result<(), Failure> {
    let mut sink = Sink::open(output, inputs)?;
    sink.write_all(text.as_bytes())?;
    Ok(sink.finish()?)
}

/// A file that cannot be opened or read: a wrong call, told as `read` tells it.
fn cannot_read(path: &Path, e: std::io::Error) -> Failure {
    wrong_call(&fidelity_core::boundary::cannot_read_file(path, e))
}

/// A file to stream (a wide CSV); one that cannot be opened is a wrong call (exit 2).
pub(crate) fn open_file(path: &Path) -> Result<std::io::BufReader<std::fs::File>, Failure> {
    let file = std::fs::File::open(path).map_err(|e| cannot_read(path, e))?;
    Ok(std::io::BufReader::new(file))
}

/// A CSV file as UTF-8 text: UTF-8 as it is, Shift_JIS (CP932) decoded, as `encoding` says or found.
fn open_utf8(path: &Path, encoding: TextEncoding) -> Result<Box<dyn std::io::Read>, Failure> {
    Ok(utf8_reader(open_file(path)?, encoding)
        .map(|(text, _)| text)
        .map_err(|e| in_file(e, path))?)
}

/// A CSV file as the wide layout's text for `bank`: streamed as it is, or, for a REDCap raw export, read
/// whole and laid out as the wide layout record for record (lines and columns stay the export's).
pub(crate) fn open_text(path: &Path, bank: &Bank, encoding: TextEncoding) -> Result<Box<dyn std::io::Read>, Failure> {
    let header = csv_header(path, encoding)?.unwrap_or_default();
    if !redcap::is_export(&header.iter().map(String::as_str).collect::<Vec<_>>()) {
        return open_utf8(path, encoding);
    }
    // One byte past the limit is enough for the core to refuse the export by its size (a character cut there
    // is replaced: the text is refused anyway).
    let limit = redcap::MAX_EXPORT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(open_utf8(path, encoding)?, limit), &mut bytes)
        .map_err(|e| cannot_read(path, e))?;
    let text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let wide = redcap::to_wide_csv(bank, &text).map_err(|e| in_file(e, path))?;
    Ok(Box::new(std::io::Cursor::new(wide.into_bytes())))
}

pub(crate) fn open_csv<'b>(path: &Path, bank: &'b Bank, encoding: TextEncoding) -> Result<WideReader<'b, Box<dyn std::io::Read>>, Failure> {
    Ok(WideReader::new(open_text(path, bank, encoding)?, bank).map_err(|e| in_file(e, path))?)
}

/// An invalid CSV row's problems, on stderr with the file and line.
pub(crate) fn report_row_problems(problems: Vec<fidelity_core::Problem>, path: &Path) {
    eprintln!(
        "{}",
        crate::told(&in_file(Error::new(fidelity_core::ErrorKind::Assessment, problems), path))
    );
}

/// Streams the reports of a wide CSV's valid rows to `each`; invalid rows are reported on stderr (returns
/// false).
pub(crate) fn csv_reports(
    path: &Path,
    bank: &Bank,
    encoding: TextEncoding,
    mut each: impl FnMut(ScoreReport) -> Result<(), Failure>,
) -> Outcome {
    let mut reader = open_csv(path, bank, encoding)?;
    let mut all_ok = true;
    while let Some(row) = reader.next_row() {
        match row.map_err(|e| in_file(e, path))?.assessment {
            Ok(a) => each(score(bank, &a))?,
            Err(problems) => {
                all_ok = false;
                report_row_problems(problems, path);
            }
        }
    }
    Ok(all_ok)
}

pub(crate) fn is_xlsx(path: &Path) -> bool {
    path.extension().is_some_and(|x| x.eq_ignore_ascii_case("xlsx"))
}

/// An Excel workbook read back (the template, or a first sheet in the wide layout), with the bank the
/// template names or the one the wide header is written for (`--bank`/`--bank-dir` first). Problems name
/// the file and the sheet's cell.
pub(crate) fn read_workbook(path: &Path, banks: &Banks) -> Result<workbook::ReadBook, Failure> {
    let size = std::fs::metadata(path).map_err(|e| cannot_read(path, e))?.len();
    let limit = workbook::MAX_WORKBOOK_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(open_file(path)?, limit.min(size + 1)), &mut bytes)
        .map_err(|e| cannot_read(path, e))?;
    let bank_for = |declared: Option<&str>| {
        banks.pick(declared).map_err(|f| match f {
            Failure::Problems(e) => e,
            Failure::Message(m) => Error::one(
                fidelity_core::ErrorKind::Assessment,
                fidelity_core::Problem::new(fidelity_core::ErrorCode::BankNotFound, "", m),
            ),
        })
    };
    Ok(workbook::read(&bytes, bank_for).map_err(|e| in_file(e, path))?)
}

pub(crate) fn is_csv(path: &Path) -> bool {
    path.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv"))
}

/// A file's text as the core reads it, once; its problems name the file.
pub(crate) fn document<'t>(text: &'t str, path: &Path) -> Document<'t> {
    Document::parse(text, origin(path))
}

/// Tags every problem of an error with the file it came from.
pub(crate) fn in_file(e: Error, path: &Path) -> Error {
    origin(path).tell(e)
}

fn origin(path: &Path) -> Origin {
    Origin::file(path.display().to_string())
}
