//! The auditor's commands: `compare` two reports of one office, the `trend` of offices across periods, and
//! `verify` that a recorded report is reproduced by its assessment.

use crate::args::{AuditFormat, LibraryArgs, PageFormat, ProblemFormat, ReportFiles};
use crate::inputs::{document, in_file, read, report_of, write_new};
use crate::render;
use crate::Outcome;
use fidelity_core::{Lang, ScoreReport};
use std::path::Path;

pub(crate) fn compare(old: &Path, new: &Path, library: &LibraryArgs, format: AuditFormat, lang: Lang, output: Option<&Path>) -> Outcome {
    let library = library.open()?;
    let (a, b) = (report_of(&library, old)?, report_of(&library, new)?);
    let comparison = fidelity_core::compare(&library, &a, &b)?;
    let bank = library.bank(&format!("{}@{}", b.bank.id, b.bank.version))?;
    let text = match format {
        AuditFormat::Json => serde_json::to_string_pretty(&comparison).map_err(|e| e.to_string())? + "\n",
        AuditFormat::Table => render::audit::comparison(&bank, &comparison, lang, false),
        AuditFormat::Markdown => render::audit::comparison(&bank, &comparison, lang, true),
    };
    write_new(output, &[old.to_path_buf(), new.to_path_buf()], &text)?;
    Ok(true)
}

pub(crate) fn trend(input: &ReportFiles, format: PageFormat, lang: Lang, output: Option<&Path>) -> Outcome {
    let (library, reports, all_ok) = input.read()?;
    let trend = fidelity_core::trend(&reports)?;
    // Titles and level labels come from the newest version the reports use.
    let bank = library.newest_bank(&trend);
    let text = match format {
        PageFormat::Json => serde_json::to_string_pretty(&trend).map_err(|e| e.to_string())? + "\n",
        PageFormat::Html => render::html::trend_page(&trend, bank.as_deref(), lang),
        PageFormat::Table => render::audit::trend(bank.as_deref(), &trend, lang, false),
        PageFormat::Markdown => render::audit::trend(bank.as_deref(), &trend, lang, true),
    };
    write_new(output, &input.files, &text)?;
    Ok(all_ok)
}

pub(crate) fn verify(report: &Path, assessment: &Path, library: &LibraryArgs, format: ProblemFormat) -> Outcome {
    let library = library.open()?;
    let recorded = ScoreReport::from_json(&read(report)?).map_err(|e| in_file(e, report))?;
    let text = read(assessment)?;
    let doc = document(&text, assessment);
    let result = fidelity_core::verify(&library, &recorded, &doc).map_err(|e| in_file(e, assessment))?;
    match format {
        ProblemFormat::Json => crate::output::print(&format!("{}\n", serde_json::to_string_pretty(&result).map_err(|e| e.to_string())?))?,
        ProblemFormat::Text => crate::output::print(&render::audit::verification(&result))?,
    }
    Ok(result.matches)
}
