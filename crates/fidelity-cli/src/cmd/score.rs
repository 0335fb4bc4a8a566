//! `fidelity score`: assessments (YAML/JSON, one office each) or wide CSVs (one office per row) scored into a
//! table, Markdown, JSON reports or a scored CSV. Every row is kept; problems go to stderr with file and line.

use crate::args::{OutputEncodingArg, ScoreFormat};
use crate::inputs::{csv_reports, document, in_file, is_csv, is_xlsx, open_csv, read, read_workbook, report_row_problems, Banks};
use crate::output::Sink;
use crate::render;
use crate::{Failure, Outcome};
use fidelity_core::batch::RowId;
use fidelity_core::batch::{self, CsvScorer};
use fidelity_core::boundary::TextEncoding;
use fidelity_core::report::ScoreSummary;
use fidelity_core::{score, Lang, Said, ScoreReport};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What the scores are written as.
#[derive(Clone, Copy)]
pub(crate) struct Shape {
    pub format: ScoreFormat,
    pub lang: Lang,
    /// A wide CSV's scored CSV without the input's other columns.
    pub scores_only: bool,
    /// How CSV inputs' bytes are text.
    pub encoding: TextEncoding,
    /// How the scored CSV's text is written: UTF-8, with a byte-order mark (for Excel), or Shift_JIS.
    pub output_encoding: OutputEncodingArg,
}

pub(crate) fn score_files(files: &[PathBuf], banks: &Banks, shape: Shape, output: Option<&Path>) -> Outcome {
    let Shape { format, .. } = shape;
    if shape.scores_only && format != ScoreFormat::Csv {
        return Err(Said::new(
            "--scores-only は CSV を書きます: --format csv を付けてください",
            "--scores-only writes a CSV: add --format csv",
        )
        .into());
    }
    if shape.output_encoding != OutputEncodingArg::Utf8 && format != ScoreFormat::Csv {
        return Err(Said::new(
            "--output-encoding は CSV の文字コードです: --format csv を付けてください",
            "--output-encoding is for a CSV: add --format csv",
        )
        .into());
    }
    let mut sink = Sink::open(output, files)?;
    match shape.output_encoding {
        OutputEncodingArg::Utf8 => {}
        OutputEncodingArg::Utf8Bom => sink.write_all("\u{feff}".as_bytes())?,
        OutputEncodingArg::Cp932 => sink = sink.shift_jis(),
    }
    let mut all_ok = true;
    let mut json_reports: Vec<ScoreReport> = Vec::new();
    let mut csv_out: Option<csv::Writer<Vec<u8>>> = None;
    for path in files {
        if is_csv(path) {
            all_ok &= score_csv(path, banks, shape, &mut sink, &mut json_reports)?;
            continue;
        }
        if is_xlsx(path) {
            let book = read_workbook(path, banks)?;
            for row in book.rows {
                match row {
                    Ok(a) => emit(&book.bank, score(&book.bank, &a), shape, &mut sink, &mut json_reports, &mut csv_out)?,
                    Err(problems) => {
                        all_ok = false;
                        report_row_problems(problems, path);
                    }
                }
            }
            continue;
        }
        let text = match read(path) {
            Ok(text) => text,
            Err(Failure::Problems(e)) => {
                eprintln!("{}", crate::told(&e));
                all_ok = false;
                continue;
            }
            Err(other) => return Err(other),
        };
        let doc = document(&text, path);
        let bank = banks.pick(doc.declared_bank())?;
        match doc.score(&bank) {
            Ok(report) => emit(&bank, report, shape, &mut sink, &mut json_reports, &mut csv_out)?,
            Err(e) => {
                eprintln!("{}", crate::told(&e));
                all_ok = false;
            }
        }
    }
    if let Some(w) = csv_out {
        sink.write_all(&w.into_inner().map_err(|e| e.to_string())?)?;
    }
    if format == ScoreFormat::Json {
        let json = if json_reports.len() == 1 && files.len() == 1 && !is_csv(&files[0]) && !is_xlsx(&files[0]) {
            serde_json::to_string_pretty(&json_reports[0])
        } else {
            serde_json::to_string_pretty(&json_reports)
        };
        writeln!(sink, "{}", json.map_err(|e| e.to_string())?)?;
    }
    sink.finish()?;
    Ok(all_ok)
}

/// Writes one office's report as the format asks (JSON reports are gathered and written at the end, CSV rows
/// into one table).
fn emit(
    bank: &fidelity_core::Bank,
    report: ScoreReport,
    shape: Shape,
    sink: &mut Sink,
    json_reports: &mut Vec<ScoreReport>,
    csv_out: &mut Option<csv::Writer<Vec<u8>>>,
) -> Result<(), Failure> {
    match shape.format {
        ScoreFormat::Table => write!(sink, "{}", render::score::table(bank, &report, shape.lang))?,
        ScoreFormat::Markdown => write!(sink, "{}", render::score::markdown(bank, &report, shape.lang))?,
        ScoreFormat::Json => json_reports.push(report),
        ScoreFormat::Csv => {
            let w = csv_out.get_or_insert_with(|| {
                let mut w = csv::Writer::from_writer(Vec::new());
                let _ = w.write_record(batch::output_header(bank, &[]));
                w
            });
            let row = batch::ScoredRow {
                line: 0,
                fixed: RowId([
                    report.office.id.clone(),
                    report.office.name.clone().unwrap_or_default(),
                    report.period.clone(),
                    report.rater.kind.as_str().to_string(),
                ]),
                scores: Ok(ScoreSummary::from(&report)),
                carried: Vec::new(),
            };
            w.write_record(batch::output_record(bank, &row)).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// Streams a wide CSV: every row is kept; invalid rows are reported on stderr with their line and, in CSV
/// output, kept with their problems and no scores.
fn score_csv(path: &Path, banks: &Banks, shape: Shape, sink: &mut Sink, reports: &mut Vec<ScoreReport>) -> Outcome {
    let Shape { format, lang, .. } = shape;
    let bank = banks.pick_csv(path, shape.encoding)?;
    if format != ScoreFormat::Csv {
        return csv_reports(path, &bank, shape.encoding, |r| {
            match format {
                ScoreFormat::Table => write!(sink, "{}", render::score::table(&bank, &r, lang))?,
                ScoreFormat::Markdown => write!(sink, "{}", render::score::markdown(&bank, &r, lang))?,
                _ => reports.push(r),
            }
            Ok(())
        });
    }
    let mut reader = CsvScorer::from_reader(open_csv(path, &bank, shape.encoding)?);
    if shape.scores_only {
        reader = reader.scores_only();
    }
    let mut all_ok = true;
    let mut w = csv::Writer::from_writer(&mut *sink);
    w.write_record(reader.output_header()).map_err(|e| e.to_string())?;
    while let Some(problems) = reader.write_next(&mut w) {
        let problems = problems.map_err(|e| in_file(e, path))?;
        if !problems.is_empty() {
            all_ok = false;
            report_row_problems(problems, path);
        }
    }
    w.flush()?;
    Ok(all_ok)
}
